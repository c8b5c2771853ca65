// TopHits: the best `k` entries seen so far, by cost then record id, one per record. Its limit()
// is the cost above which an entry can no longer enter, which is what lets the search prune.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>

namespace concord::search {

class Segment;

struct RankedEntry {
  int cost = 0;  // hundredths of an edit
  std::string_view id;
  const Segment* segment = nullptr;
  std::uint32_t entry = 0;
};

class TopHits {
 public:
  // Entries costing more than `max_cost` never enter.
  TopHits(std::size_t k, int max_cost) : k_(k), max_cost_(max_cost) {}

  // An entry costing more than this cannot enter (one costing exactly this may, on a smaller id).
  int limit() const { return entries_.size() < k_ ? max_cost_ : worst().cost; }

  void offer(const RankedEntry& candidate);

  // Best first.
  std::vector<RankedEntry> sorted() const;

 private:
  const RankedEntry& worst() const;
  std::size_t k_;
  int max_cost_;
  std::vector<RankedEntry> entries_;  // unordered; k is small
  std::size_t worst_ = 0;             // index of the worst entry, when full
};

}  // namespace concord::search
