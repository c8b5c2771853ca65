// The reference tables of migration 0008 inside a caller's transaction: reading the whole table
// as a ReferenceTable snapshot (cached per process by the table's stamp), and writing the
// difference between two contents with an audit entry and a change-feed entry (area "registry",
// entity "reference_make" / "reference_model" / "reference_calibre" / "reference_lookalike") for
// each entry created or changed. Entries are never deleted here.
//
// The cache holds a few snapshots keyed by reference_state.stamp, a fresh id written by every
// change, so a snapshot is reused only while the stored table is exactly the one it was read
// from, on this node or any other. Thread-safe.
#pragma once

#include <memory>
#include <string>

#include "access/audit_trail.h"
#include "access/principal.h"
#include "core/result.h"
#include "registry/weapon_reference_table.h"
#include "store/database.h"

namespace concord::registry {

// Reads the stored table (every make, calibre, model and look-alike pair, each in name order).
Result<ReferenceContents> read_reference_contents(store::Transaction& transaction);

// The current table as a snapshot: the cached one when the stored stamp has not moved.
Result<std::shared_ptr<const ReferenceTable>> load_reference_table(store::Transaction& transaction);

// Takes the reference table's write lock (the reference_state row) for the rest of the
// transaction, so that writers read, check and write one after another. Call first.
Result<void> lock_reference_table(store::Transaction& transaction);

struct ReferenceWriteCounts {
  int created = 0;
  int updated = 0;
  int unchanged = 0;
};

// Who writes and why, for the audit trail.
struct ReferenceWriter {
  const access::AuditTrail& audit;
  const access::Principal& actor;
  std::string via;    // "api", "import", "fill"
  std::string stamp;  // a fresh id: the table's new stamp
  std::string now;    // ISO 8601 UTC
};

// Writes every entry of `after` that is new or differs from `before` (ignoring timestamps, which
// are set from `writer.now`), and every look-alike pair not in `before`. `after` must hold all of
// `before` and be free of key collisions (the caller checks). Bumps the stamp when anything was
// written. Appends the feed entries last.
Result<ReferenceWriteCounts> write_reference_changes(store::Transaction& transaction,
                                                     const ReferenceContents& before,
                                                     ReferenceContents& after,
                                                     const ReferenceWriter& writer);

}  // namespace concord::registry
