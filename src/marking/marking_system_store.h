// MarkingSystemService: the national marking systems states publish (PoA III.12), versioned in the
// store, and decoding with the latest of each. Publishing commits the new version, its audit
// entry and its change-feed entry together before it returns. Thread-safe: holds no mutable state
// of its own; the Database serialises as needed.
//
// Access: publishing is `marking_systems.publish`, for the national contact of the publishing
// state only (the system is a record owned by that state); reading is `marking_systems.read` and
// decoding `markings.decode`. Published systems are exchanged with every state, so reads are not
// confidential and are not audited.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "access/audit_trail.h"
#include "access/principal.h"
#include "core/clock.h"
#include "core/reference_data.h"
#include "core/result.h"
#include "marking/marking_system.h"
#include "store/database.h"

namespace concord::marking {

// One state's entry in the list of published systems.
struct PublishedSystemSummary {
  std::string state;
  int latest_version = 0;
  std::string published_at;  // of the latest version
  std::string description;
};

// The latest version of every state's system, by state, for areas that decode on their own
// behalf (tracing suggests addressees with them); no access check.
Result<std::vector<MarkingSystem>> load_latest_marking_systems(store::Database& db,
                                                               const ReferenceData& reference);

class MarkingSystemService {
 public:
  // All references must outlive the service.
  MarkingSystemService(store::Database& db, const ReferenceData& reference, const Clock& clock,
                       const access::AuditTrail& audit);

  // Parses `document` (marking_system_json.h) for `state` and stores it as that state's next
  // version. Errors: invalid_argument naming the JSON path; permission_denied unless `actor` is a
  // national contact of `state` (or the system principal); conflict when another publish of the
  // same state committed first (publish again).
  Result<MarkingSystem> publish(const access::Principal& actor, const std::string& state,
                                const std::string& document);

  // The states with a published system, by state.
  Result<std::vector<PublishedSystemSummary>> list(const access::Principal& actor);

  // The latest version of `state`'s system, or the given `version`. not_found (field "state" or
  // "version") when there is none.
  Result<MarkingSystem> get(const access::Principal& actor, const std::string& state,
                            std::optional<int> version = std::nullopt);

  // Decodes `markings` with the latest system of every state (marking_system.h).
  Result<DecodedMarkings> decode(const access::Principal& actor,
                                 const std::vector<TypedMarking>& markings);

 private:
  Result<std::string> checked_state(const std::string& state) const;

  store::Database& db_;
  const ReferenceData& reference_;
  const Clock& clock_;
  const access::AuditTrail& audit_;
};

}  // namespace concord::marking
