// HitService: what states read and say about cross-check hits (the API's and the CLI's entry
// point). A state sees the hits that involve one of its records; of the other state's record it
// learns that state, the kind and the score, and the record's details only as far as that
// record's sharing rule lets the caller read it (access::authorize on "records.read"). Reading
// another state's confidential record through a hit is audited. Each owning state reviews its own
// side: confirmed, or dismissed with a note. Thread-safe: holds no mutable state.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "access/audit_trail.h"
#include "access/principal.h"
#include "core/clock.h"
#include "core/result.h"
#include "registry/hit.h"
#include "registry/weapon_record.h"
#include "store/database.h"

namespace concord::registry {

// A hit as one state sees it.
struct HitView {
  Hit hit;
  bool own_is_query = true;  // which side is the caller's state's (the query side when both)
  // Whether the other record was looked up for the caller (get() does; lists and reviews do not).
  bool other_looked_up = false;
  // The other record, when looked up and the caller may read it (always when both sides are the
  // caller's).
  std::optional<WeaponRecord> other_record;

  const HitSide& own() const { return own_is_query ? hit.query : hit.matched; }
  const HitSide& other() const { return own_is_query ? hit.matched : hit.query; }
};

struct HitListQuery {
  std::optional<std::string> status;  // a ReviewStatus name, of the caller's side
  std::string before;                 // a hit id: list older hits; "" for the newest
  int limit = 50;                     // 1..200
};

struct HitPage {
  std::vector<HitView> hits;  // newest first; other_record is never filled in lists
  std::optional<std::string> next_before;
};

struct HitReviewInput {
  std::string status;                    // "confirmed" or "dismissed"
  std::string note;                      // required for dismissed
  std::optional<std::string> record_id;  // the side reviewed; needed only when the caller's
                                         // state holds both records of the hit
};

class HitService {
 public:
  HitService(store::Database& db, const Clock& clock, const access::AuditTrail& audit)
      : db_(db), clock_(clock), audit_(audit) {}

  // Hits involving the caller's state. permission_denied for callers without a state.
  Result<HitPage> list(const access::Principal& actor, const HitListQuery& query) const;

  // One hit with what the caller may see of the other record. not_found for an unknown id;
  // permission_denied when the hit does not involve the caller's state.
  Result<HitView> get(const access::Principal& actor, const std::string& id) const;

  // The hits of record `record_id` that involve the caller's state, newest first. When none does,
  // the caller must be allowed to read the record (not_found for an unknown record,
  // permission_denied for another state's record it may not read), and the list is empty.
  Result<std::vector<HitView>> list_for_record(const access::Principal& actor,
                                               const std::string& record_id) const;

  // Reviews the caller's state's side. invalid_argument naming status, note or record_id;
  // permission_denied when the side is another state's.
  Result<HitView> review(const access::Principal& actor, const std::string& id,
                         const HitReviewInput& input) const;

 private:
  store::Database& db_;
  const Clock& clock_;
  const access::AuditTrail& audit_;
};

}  // namespace concord::registry
