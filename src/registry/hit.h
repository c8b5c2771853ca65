// Hit: a pair of weapon records whose markings read as the same weapon, found by the continuous
// cross-check, with a review per side (each side's owning state reviews its own record).
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace concord::registry {

enum class ReviewStatus {
  new_,       // nobody of the owning state has looked yet
  confirmed,  // the owning state says it is the same weapon
  dismissed,  // the owning state says it is not (with a note saying why)
};
std::string_view to_string(ReviewStatus status);
std::optional<ReviewStatus> review_status_from_string(std::string_view text);
std::string review_statuses_list();

// One record of the pair, as the hit recorded it.
struct HitSide {
  std::string record_id;
  std::string state;    // the owning state, alpha-2
  std::string kind;     // RecordKind name
  std::string marking;  // the record's marking that matched, as read
  ReviewStatus status = ReviewStatus::new_;
  std::string note;         // why, for dismissed (and optionally for confirmed)
  std::string reviewed_by;  // the reviewer's username; "" until reviewed
  std::string reviewed_at;  // ISO 8601 UTC; "" until reviewed
};

struct Hit {
  std::string id;          // ULID
  HitSide query;           // the record whose check found the pair
  HitSide matched;         // the record it found
  double score = 0;        // in [0, 1]: the weaker of the two readings (cross_check_rules.h)
  std::string created_at;  // ISO 8601 UTC

  // The side owned by `state`, or nullptr; the query side first when the state owns both.
  const HitSide* side_of(const std::string& state) const;
  // The side holding `record_id`, or nullptr.
  const HitSide* side_with(const std::string& record_id) const;
  const HitSide& other_than(const HitSide& side) const { return &side == &query ? matched : query; }
};

}  // namespace concord::registry
