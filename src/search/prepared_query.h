// PreparedQuery: a MarkingQuery compiled once for checking many records: the costs in whole
// hundredths (so that equal costs are exactly equal and ties break by record id), each term's
// look-alike class, the bit masks of the unit-cost bound for each part between `*`s, and the runs
// of read symbols that candidate generation looks up.
#pragma once

#include <array>
#include <cstdint>
#include <utility>
#include <vector>

#include "marking/alignment.h"
#include "marking/marking_query.h"

namespace concord::search {

// Alignment costs in hundredths of an edit.
struct CostUnits {
  int look_alike = 40;
  int substitution = 100;
  int extra = 100;
  int missing = 100;
  int transposition = 100;
  int lost_edge = 25;
  static CostUnits from(const marking::AlignmentCosts& costs);
  // The least any edit that breaks a piece of the query costs (look-alikes and lost edges don't).
  int cheapest_edit() const;
};

inline constexpr int kUnitsPerEdit = 100;

struct PreparedTerm {
  marking::QueryTermKind kind = marking::QueryTermKind::symbol;
  char32_t symbol = 0;
  int symbol_class = -1;
};

// One stretch of the query between `*`s, as the pattern of a bit-parallel search: bit i of a
// symbol's mask is set when term i reads that symbol, a look-alike of it, or `?`.
struct BoundPart {
  int length = 0;
  std::array<std::uint64_t, 128> ascii_masks{};
  std::vector<std::pair<char32_t, std::uint64_t>> other_masks;  // non-ASCII symbols
  std::uint64_t unknown_mask = 0;  // the `?` bits: what any other symbol matches
  std::uint64_t mask(char32_t symbol) const;
};

struct PreparedQuery {
  std::vector<PreparedTerm> terms;
  std::vector<BoundPart> parts;
  std::vector<std::vector<char32_t>> pieces;  // runs of read symbols, folded, split at ? and *
  int read_symbols = 0;                       // symbols read (not ? or *)
  int fixed_terms = 0;                        // terms other than *
  bool has_run = false;                       // the query holds a *
  CostUnits costs;
};

PreparedQuery prepare_query(const marking::MarkingQuery& query,
                            const marking::AlignmentCosts& costs = {});

}  // namespace concord::search
