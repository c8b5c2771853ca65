#include "registry/cross_check_rules.h"

#include <cmath>
#include <string>
#include <vector>

#include "marking/canonical_marking.h"
#include "marking/marking_query.h"
#include "registry/weapon_record.h"
#include "search/marking_index.h"

namespace concord::registry {
namespace {

bool is_missing(RecordKind kind) {
  return kind == RecordKind::lost || kind == RecordKind::stolen;
}

bool is_seizure_like(RecordKind kind) {
  return kind == RecordKind::seized || kind == RecordKind::found || kind == RecordKind::trafficked;
}

bool is_report(RecordKind kind) {
  return is_missing(kind) || is_seizure_like(kind);
}

// The score of reading `record` as `query`, with the cost in whole hundredths as the index ranks.
double reading_score(const marking::MarkingQuery& query, const std::u32string& record,
                     const marking::AlignmentCosts& costs) {
  const double cost = std::round(marking::align(query, record, costs).cost * 100.0) / 100.0;
  return search::score_from_cost(cost, query);
}

}  // namespace

std::vector<ReadMarking> read_markings(const search::IndexedRecord& record) {
  std::vector<ReadMarking> out;
  out.reserve(record.markings.size());
  for (const auto& text : record.markings) {
    ReadMarking read;
    if (auto query = marking::parse_marking_query(text, "marking"); query.ok()) {
      read.query = std::move(*query);
    }
    for (const auto& symbol : marking::canonical_symbols(text))
      read.symbols.push_back(symbol.symbol);
    out.push_back(std::move(read));
  }
  return out;
}

bool pair_worth_a_hit(const search::IndexedRecord& a, const search::IndexedRecord& b) {
  if (a.id == b.id) return false;
  // As a firearms reference search does, a hit needs the makes to agree when both records name
  // one: serial numbers repeat across makers, and two makers' weapons are not the same weapon.
  if (!a.make.empty() && !b.make.empty() &&
      marking::canonical_text(a.make) != marking::canonical_text(b.make)) {
    return false;
  }
  const auto kind_a = record_kind_from_string(a.kind);
  const auto kind_b = record_kind_from_string(b.kind);
  if (!kind_a || !kind_b) return false;
  if (!is_report(*kind_a) && !is_report(*kind_b)) return false;
  if (a.state == b.state) {
    const bool registry_and_missing = (*kind_a == RecordKind::registry && is_missing(*kind_b)) ||
                                      (*kind_b == RecordKind::registry && is_missing(*kind_a));
    if (registry_and_missing) return false;
  }
  if (*kind_a != *kind_b) return true;
  return is_seizure_like(*kind_a) && a.state != b.state;
}

std::optional<PairScore> pair_score(const std::vector<ReadMarking>& read_a,
                                    const std::vector<ReadMarking>& read_b,
                                    const marking::AlignmentCosts& costs) {
  std::optional<PairScore> best;
  for (std::size_t i = 0; i < read_a.size(); ++i) {
    if (!read_a[i].query) continue;
    for (std::size_t j = 0; j < read_b.size(); ++j) {
      if (!read_b[j].query) continue;
      const double score = std::min(reading_score(*read_a[i].query, read_b[j].symbols, costs),
                                    reading_score(*read_b[j].query, read_a[i].symbols, costs));
      if (!best || score > best->score) {
        best = PairScore{score, static_cast<int>(i), static_cast<int>(j)};
      }
    }
  }
  return best;
}

std::optional<PairScore> pair_score(const search::IndexedRecord& a, const search::IndexedRecord& b,
                                    const marking::AlignmentCosts& costs) {
  return pair_score(read_markings(a), read_markings(b), costs);
}

}  // namespace concord::registry
