#include "search/prepared_query.h"

#include <algorithm>
#include <cmath>

#include "marking/look_alikes.h"
#include "search/symbol_fold.h"

namespace concord::search {
namespace {

int to_units(double cost) {
  return static_cast<int>(std::lround(cost * kUnitsPerEdit));
}

void set_bit(BoundPart& part, char32_t symbol, std::uint64_t bit) {
  if (symbol < 128) {
    part.ascii_masks[symbol] |= bit;
    return;
  }
  for (auto& [known, mask] : part.other_masks) {
    if (known == symbol) {
      mask |= bit;
      return;
    }
  }
  part.other_masks.emplace_back(symbol, bit);
}

}  // namespace

CostUnits CostUnits::from(const marking::AlignmentCosts& costs) {
  return {to_units(costs.look_alike), to_units(costs.substitution),  to_units(costs.extra),
          to_units(costs.missing),    to_units(costs.transposition), to_units(costs.lost_edge)};
}

int CostUnits::cheapest_edit() const {
  return std::min({substitution, extra, missing, transposition});
}

std::uint64_t BoundPart::mask(char32_t symbol) const {
  if (symbol < 128) return ascii_masks[symbol];
  for (const auto& [known, mask] : other_masks) {
    if (known == symbol) return mask;
  }
  return unknown_mask;
}

PreparedQuery prepare_query(const marking::MarkingQuery& query,
                            const marking::AlignmentCosts& costs) {
  using marking::QueryTermKind;
  PreparedQuery prepared;
  prepared.costs = CostUnits::from(costs);
  BoundPart part;
  std::vector<char32_t> piece;
  auto end_piece = [&] {
    if (!piece.empty()) prepared.pieces.push_back(std::move(piece));
    piece.clear();
  };
  auto end_part = [&] {
    if (part.length > 0) prepared.parts.push_back(std::move(part));
    part = BoundPart{};
  };
  for (const auto& term : query.terms) {
    PreparedTerm compiled{term.kind, term.symbol, -1};
    if (term.kind == QueryTermKind::unknown_run) {
      prepared.has_run = true;
      end_piece();
      end_part();
      prepared.terms.push_back(compiled);
      continue;
    }
    ++prepared.fixed_terms;
    const std::uint64_t bit = std::uint64_t{1} << part.length;
    ++part.length;
    if (term.kind == QueryTermKind::unknown_one) {
      end_piece();
      part.unknown_mask |= bit;
    } else {
      ++prepared.read_symbols;
      compiled.symbol_class = symbol_class(term.symbol);
      piece.push_back(fold_symbol(term.symbol));
      set_bit(part, term.symbol, bit);
      if (compiled.symbol_class >= 0) {
        for (char32_t alike : marking::look_alike_classes()[compiled.symbol_class])
          set_bit(part, alike, bit);
      }
    }
    prepared.terms.push_back(compiled);
  }
  end_piece();
  end_part();
  // `?` matches every symbol, so its bits join every mask.
  for (auto& finished : prepared.parts) {
    for (auto& mask : finished.ascii_masks)
      mask |= finished.unknown_mask;
    for (auto& [symbol, mask] : finished.other_masks)
      mask |= finished.unknown_mask;
  }
  return prepared;
}

}  // namespace concord::search
