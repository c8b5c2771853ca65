#include "search/record_distance.h"

#include <algorithm>
#include <cstdint>
#include <vector>

#include "search/symbol_fold.h"

namespace concord::search {
namespace {

// Edits on one part: the fewest unit edits (substitution, insertion, deletion, adjacent swap) that
// turn the part into some substring of the record.
template <typename Symbol>
int part_distance(const BoundPart& part, const Symbol* record, std::size_t length) {
  const int m = part.length;
  const std::uint64_t last = std::uint64_t{1} << (m - 1);
  std::uint64_t vp = ~std::uint64_t{0};
  std::uint64_t vn = 0;
  std::uint64_t previous_d0 = 0;
  std::uint64_t previous_pm = 0;
  int score = m;
  int best = m;
  for (std::size_t j = 0; j < length; ++j) {
    const std::uint64_t pm = part.mask(record[j]);
    const std::uint64_t transposed = (((~previous_d0) & pm) << 1) & previous_pm;
    const std::uint64_t d0 = (((pm & vp) + vp) ^ vp) | pm | vn | transposed;
    const std::uint64_t hp = vn | ~(d0 | vp);
    const std::uint64_t hn = d0 & vp;
    if (hp & last) {
      ++score;
    } else if (hn & last) {
      --score;
    }
    // The top row is all zeros (the match may start anywhere), so no carry enters at bit 0.
    const std::uint64_t x = hp << 1;
    vn = x & d0;
    vp = (hn << 1) | ~(x | d0);
    previous_d0 = d0;
    previous_pm = pm;
    best = std::min(best, score);
  }
  return best;
}

template <typename Symbol>
int bound_of(const PreparedQuery& query, const Symbol* record, std::size_t length) {
  int edits = 0;
  for (const auto& part : query.parts)
    edits = std::max(edits, part_distance(part, record, length));
  return bound_from_edits(query, edits, length);
}

}  // namespace

int bound_from_edits(const PreparedQuery& query, int edits, std::size_t length) {
  const CostUnits& costs = query.costs;
  int bound = edits * costs.cheapest_edit();
  if (!query.has_run && static_cast<int>(length) > query.fixed_terms) {
    const int uncovered = static_cast<int>(length) - query.fixed_terms;
    bound = std::max(bound, uncovered * std::min(costs.lost_edge, costs.missing));
  }
  return bound;
}

int unit_bound(const PreparedQuery& query, const char32_t* record, std::size_t length) {
  return bound_of(query, record, length);
}

int unit_bound(const PreparedQuery& query, const unsigned char* ascii, std::size_t length) {
  return bound_of(query, ascii, length);
}

int weighted_cost(const PreparedQuery& query, const char32_t* record, std::size_t length,
                  int limit) {
  using marking::QueryTermKind;
  const CostUnits& costs = query.costs;
  const auto& terms = query.terms;
  const std::size_t width = length + 1;
  constexpr int kInfinite = 1 << 29;
  thread_local std::vector<int> rows;
  thread_local std::vector<int> classes;
  rows.assign(3 * width, kInfinite);
  classes.resize(length);
  for (std::size_t j = 0; j < length; ++j)
    classes[j] = symbol_class(record[j]);
  int* before = rows.data();            // row i - 2
  int* previous = rows.data() + width;  // row i - 1
  int* current = rows.data() + 2 * width;
  for (std::size_t j = 0; j <= length; ++j)
    previous[j] = static_cast<int>(j) * costs.lost_edge;
  int previous_minimum = 0;

  for (std::size_t i = 1; i <= terms.size(); ++i) {
    const PreparedTerm& term = terms[i - 1];
    int minimum = kInfinite;
    for (std::size_t j = 0; j <= length; ++j) {
      int best = kInfinite;
      if (term.kind == QueryTermKind::unknown_run) {
        best = previous[j];
        if (j > 0) best = std::min(best, current[j - 1]);
      } else {
        if (j > 0) {
          int step = 0;
          if (term.kind == QueryTermKind::symbol && term.symbol != record[j - 1]) {
            step = (term.symbol_class >= 0 && term.symbol_class == classes[j - 1])
                       ? costs.look_alike
                       : costs.substitution;
          }
          best = previous[j - 1] + step;
        }
        best = std::min(best, previous[j] + costs.extra);
        if (j > 0) best = std::min(best, current[j - 1] + costs.missing);
        if (i >= 2 && j >= 2 && term.kind == QueryTermKind::symbol &&
            terms[i - 2].kind == QueryTermKind::symbol && term.symbol == record[j - 2] &&
            terms[i - 2].symbol == record[j - 1] && term.symbol != terms[i - 2].symbol) {
          best = std::min(best, before[j - 2] + costs.transposition);
        }
      }
      current[j] = best;
      minimum = std::min(minimum, best);
    }
    // Later rows only add to these two, so once both are over the limit the cost is too.
    if (minimum > limit && previous_minimum > limit) return limit + 1;
    previous_minimum = minimum;
    int* recycled = before;
    before = previous;
    previous = current;
    current = recycled;
    std::fill(current, current + width, kInfinite);
  }
  int best = kInfinite;
  for (std::size_t j = 0; j <= length; ++j) {
    best = std::min(best, previous[j] + static_cast<int>(length - j) * costs.lost_edge);
  }
  return best;
}

}  // namespace concord::search
