#include <gtest/gtest.h>

#include <random>

#include "marking/alignment.h"
#include "marking/canonical_marking.h"
#include "marking/look_alikes.h"

namespace concord::marking {
namespace {

std::u32string record_of(const char* text) {
  std::u32string out;
  for (const auto& symbol : canonical_symbols(text))
    out += symbol.symbol;
  return out;
}

Alignment align_text(const char* query, const char* record) {
  auto parsed = parse_marking_query(query);
  EXPECT_TRUE(parsed.ok()) << query;
  return align(*parsed, record_of(record));
}

// What the steps of an alignment cost, to check it against the reported cost.
double cost_of_steps(const Alignment& alignment, const AlignmentCosts& costs) {
  double total = 0;
  int transposed = 0;
  for (const auto& step : alignment.steps) {
    switch (step.kind) {
      case StepKind::match:
      case StepKind::unknown:
      case StepKind::run:
        break;
      case StepKind::look_alike:
        total += costs.look_alike;
        break;
      case StepKind::substituted:
        total += costs.substitution;
        break;
      case StepKind::missing:
        total += costs.missing;
        break;
      case StepKind::extra:
        total += costs.extra;
        break;
      case StepKind::lost_edge:
        total += costs.lost_edge;
        break;
      case StepKind::transposed:
        total += (transposed++ % 2 == 0) ? costs.transposition : 0;
        break;
    }
  }
  return total;
}

TEST(MarkingAlignment, AnExactReadingCostsNothing) {
  const auto alignment = align_text("AB-1234", "ab 1234");
  EXPECT_EQ(alignment.cost, 0);
  ASSERT_EQ(alignment.steps.size(), 6u);
  for (const auto& step : alignment.steps)
    EXPECT_EQ(step.kind, StepKind::match);
}

TEST(MarkingAlignment, LookAlikesCostLessThanOtherSubstitutions) {
  const auto look_alike = align_text("AB1O34", "AB1034");
  const auto other = align_text("AB1X34", "AB1034");
  EXPECT_DOUBLE_EQ(look_alike.cost, AlignmentCosts{}.look_alike);
  EXPECT_DOUBLE_EQ(other.cost, AlignmentCosts{}.substitution);
  EXPECT_EQ(look_alike.steps[3].kind, StepKind::look_alike);
  EXPECT_EQ(other.steps[3].kind, StepKind::substituted);
}

TEST(MarkingAlignment, UnknownsAreFree) {
  EXPECT_EQ(align_text("4?B7 1?2", "4AB7 182").cost, 0);
  EXPECT_EQ(align_text("AB*89", "AB1234567 89").cost, 0);
  EXPECT_EQ(align_text("*1234", "XYZ1234").cost, 0);
  const auto alignment = align_text("4?B7", "4AB7");
  EXPECT_EQ(alignment.steps[1].kind, StepKind::unknown);
}

TEST(MarkingAlignment, AnAdjacentSwapIsOneEdit) {
  const auto alignment = align_text("AB2134", "AB1234");
  EXPECT_DOUBLE_EQ(alignment.cost, AlignmentCosts{}.transposition);
  EXPECT_EQ(alignment.steps[2].kind, StepKind::transposed);
  EXPECT_EQ(alignment.steps[3].kind, StepKind::transposed);
}

TEST(MarkingAlignment, UnmarkedDeletionsAndLostEdgesAreFound) {
  const auto deleted = align_text("AB134", "AB1234");
  EXPECT_DOUBLE_EQ(deleted.cost, AlignmentCosts{}.missing);
  const auto lost_prefix = align_text("1234", "AB1234");
  EXPECT_DOUBLE_EQ(lost_prefix.cost, 2 * AlignmentCosts{}.lost_edge);
  EXPECT_EQ(lost_prefix.steps[0].kind, StepKind::lost_edge);
  const auto lost_suffix = align_text("AB12", "AB1234");
  EXPECT_DOUBLE_EQ(lost_suffix.cost, 2 * AlignmentCosts{}.lost_edge);
}

TEST(MarkingAlignment, ExtraReadingsCost) {
  EXPECT_DOUBLE_EQ(align_text("AB12X34", "AB1234").cost, AlignmentCosts{}.extra);
}

TEST(MarkingAlignment, StepsCoverBothStringsAndAddUpToTheCost) {
  std::mt19937 random(7);
  const std::u32string alphabet = U"ABCDEFGHJKLMNPRSTUVWXYZ0123456789";
  std::uniform_int_distribution<size_t> pick(0, alphabet.size() - 1);
  for (int round = 0; round < 300; ++round) {
    std::string record, query;
    for (int k = 0; k < 10; ++k)
      record += static_cast<char>(alphabet[pick(random)]);
    for (int k = 0; k < 8; ++k) {
      const char c = static_cast<char>(alphabet[pick(random)]);
      query += (random() % 7 == 0) ? '?' : (random() % 11 == 0 ? '*' : c);
    }
    auto parsed = parse_marking_query(query);
    if (!parsed.ok()) continue;
    const auto alignment = align(*parsed, record_of(record.c_str()));
    EXPECT_NEAR(cost_of_steps(alignment, {}), alignment.cost, 1e-9) << query << " / " << record;
    std::vector<int> symbol_seen(record.size(), 0);
    for (const auto& step : alignment.steps) {
      if (step.record_symbol >= 0) ++symbol_seen[static_cast<size_t>(step.record_symbol)];
    }
    for (int seen : symbol_seen)
      EXPECT_EQ(seen, 1) << query << " / " << record;
  }
}

// Property: a record damaged by one or two separate edits aligns with the damaged reading at no
// more than what those edits cost.
TEST(MarkingAlignment, RandomCorruptionsCostNoMoreThanTheirEdits) {
  std::mt19937 random(2026);
  const std::string alphabet = "ABCDEFGHJKMNPRTWXY0123456789";
  std::uniform_int_distribution<size_t> pick(0, alphabet.size() - 1);
  const AlignmentCosts costs;
  for (int round = 0; round < 1000; ++round) {
    std::string record;
    const int length = 8 + static_cast<int>(random() % 5);
    for (int k = 0; k < length; ++k)
      record += alphabet[pick(random)];
    std::string damaged = record;
    double budget = 0;
    const int edits = 1 + static_cast<int>(random() % 2);
    for (int e = 0; e < edits; ++e) {
      // Edits land on separate halves, right half first, so they neither overlap nor shift each
      // other: overlapping edits (a swap then a deletion inside it) can legitimately cost more
      // under adjacent-swap distance than their sum.
      const size_t half = damaged.size() / 2;
      const size_t at =
          e == 0 ? half + 1 + random() % (damaged.size() - half - 1) : random() % (half - 1);
      switch (random() % 5) {
        case 0:  // substitution
          damaged[at] = damaged[at] == 'X' ? 'Y' : 'X';
          budget += costs.substitution;
          break;
        case 1:  // unreadable
          damaged[at] = '?';
          break;
        case 2:  // unmarked deletion
          if (damaged.size() > 4) {
            damaged.erase(at, 1);
            budget += costs.missing;
          }
          break;
        case 3:  // swap with the next
          if (at + 1 < damaged.size()) {
            std::swap(damaged[at], damaged[at + 1]);
            budget += costs.transposition;
          }
          break;
        default:  // look-alike
          if (damaged[at] == '0') {
            damaged[at] = 'O';
            budget += costs.look_alike;
          }
          break;
      }
    }
    auto parsed = parse_marking_query(damaged);
    if (!parsed.ok()) continue;
    EXPECT_LE(align(*parsed, record_of(record.c_str())).cost, budget + 1e-9)
        << damaged << " from " << record;
  }
}

}  // namespace
}  // namespace concord::marking
