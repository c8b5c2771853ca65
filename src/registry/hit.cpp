#include "registry/hit.h"

#include "core/enum_names.h"

namespace concord::registry {
namespace {

constexpr EnumNames<ReviewStatus, 3> kReviewNames({{
    {ReviewStatus::new_, "new"},
    {ReviewStatus::confirmed, "confirmed"},
    {ReviewStatus::dismissed, "dismissed"},
}});

}  // namespace

std::string_view to_string(ReviewStatus status) {
  return kReviewNames.name(status);
}

std::optional<ReviewStatus> review_status_from_string(std::string_view text) {
  return kReviewNames.parse(text);
}

std::string review_statuses_list() {
  return kReviewNames.list();
}

const HitSide* Hit::side_of(const std::string& state) const {
  if (query.state == state) return &query;
  if (matched.state == state) return &matched;
  return nullptr;
}

const HitSide* Hit::side_with(const std::string& record_id) const {
  if (query.record_id == record_id) return &query;
  if (matched.record_id == record_id) return &matched;
  return nullptr;
}

}  // namespace concord::registry
