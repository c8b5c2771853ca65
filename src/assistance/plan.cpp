#include "assistance/plan.h"

namespace concord::assistance {

std::int64_t Need::total_cost_minor() const {
  std::int64_t total = 0;
  for (const auto& year : years)
    total += year.cost_minor;
  return total;
}

std::int64_t Need::total_national_minor() const {
  std::int64_t total = 0;
  for (const auto& year : years)
    total += year.national_minor;
  return total;
}

}  // namespace concord::assistance
