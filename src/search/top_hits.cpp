#include "search/top_hits.h"

#include <algorithm>

namespace concord::search {
namespace {

bool ranks_before(const RankedEntry& a, const RankedEntry& b) {
  if (a.cost != b.cost) return a.cost < b.cost;
  return a.id < b.id;
}

}  // namespace

const RankedEntry& TopHits::worst() const {
  return entries_[worst_];
}

void TopHits::offer(const RankedEntry& candidate) {
  if (candidate.cost > max_cost_) return;
  const auto held = std::find_if(entries_.begin(), entries_.end(), [&](const RankedEntry& entry) {
    return entry.id == candidate.id;
  });
  if (held != entries_.end()) {
    // A record with several markings keeps its best one.
    if (candidate.cost >= held->cost) return;
    *held = candidate;
  } else if (entries_.size() < k_) {
    entries_.push_back(candidate);
  } else if (ranks_before(candidate, worst())) {
    entries_[worst_] = candidate;
  } else {
    return;
  }
  worst_ = static_cast<std::size_t>(
      std::max_element(entries_.begin(), entries_.end(), ranks_before) - entries_.begin());
}

std::vector<RankedEntry> TopHits::sorted() const {
  auto out = entries_;
  std::sort(out.begin(), out.end(), ranks_before);
  return out;
}

}  // namespace concord::search
