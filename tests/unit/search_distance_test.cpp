// The bound and the cost-only alignment the index ranks with: the bound never exceeds the cost,
// and the cost is exactly marking::align()'s, on random queries and records.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <random>
#include <string>

#include "marking/alignment.h"
#include "search/lane_bound.h"
#include "search/prepared_query.h"
#include "search/record_distance.h"
#include "search/symbol_fold.h"

namespace concord::search {
namespace {

const std::u32string kAlphabet = U"0123456789ABOQDILSZGUV8Ж步";

std::u32string random_symbols(std::mt19937_64& random, int length) {
  std::u32string out;
  std::uniform_int_distribution<size_t> pick(0, kAlphabet.size() - 1);
  for (int i = 0; i < length; ++i)
    out += kAlphabet[pick(random)];
  return out;
}

marking::MarkingQuery random_query(std::mt19937_64& random, const std::u32string& near) {
  marking::MarkingQuery query;
  std::uniform_int_distribution<int> percent(0, 99);
  for (char32_t symbol : near) {
    const int roll = percent(random);
    marking::QueryTerm term;
    if (roll < 8) {
      term.kind = marking::QueryTermKind::unknown_one;
    } else if (roll < 12) {
      if (!query.terms.empty() && query.terms.back().kind == marking::QueryTermKind::unknown_run)
        continue;
      term.kind = marking::QueryTermKind::unknown_run;
    } else if (roll < 20) {
      continue;  // a symbol the officer did not see
    } else if (roll < 30) {
      term.symbol = random_symbols(random, 1)[0];
    } else {
      term.symbol = symbol;
    }
    query.terms.push_back(term);
  }
  bool read = false;
  for (const auto& term : query.terms)
    read |= term.kind == marking::QueryTermKind::symbol;
  if (!read) query.terms.push_back({marking::QueryTermKind::symbol, U'7', 0, 0});
  return query;
}

// Unit edits on folded symbols with a free prefix and suffix, by plain dynamic programming.
int reference_unit_distance(const marking::MarkingQuery& query, const std::u32string& record) {
  int worst = 0;
  std::vector<std::vector<const marking::QueryTerm*>> parts(1);
  for (const auto& term : query.terms) {
    if (term.kind == marking::QueryTermKind::unknown_run) {
      parts.emplace_back();
    } else {
      parts.back().push_back(&term);
    }
  }
  for (const auto& part : parts) {
    if (part.empty()) continue;
    const size_t m = part.size(), n = record.size();
    std::vector<std::vector<int>> d(m + 1, std::vector<int>(n + 1, 0));
    for (size_t i = 1; i <= m; ++i)
      d[i][0] = static_cast<int>(i);
    auto same = [&](size_t i, size_t j) {
      return part[i]->kind == marking::QueryTermKind::unknown_one ||
             fold_symbol(part[i]->symbol) == fold_symbol(record[j]);
    };
    for (size_t i = 1; i <= m; ++i) {
      for (size_t j = 1; j <= n; ++j) {
        d[i][j] = std::min(
            {d[i - 1][j - 1] + (same(i - 1, j - 1) ? 0 : 1), d[i - 1][j] + 1, d[i][j - 1] + 1});
        if (i >= 2 && j >= 2 && same(i - 1, j - 2) && same(i - 2, j - 1))
          d[i][j] = std::min(d[i][j], d[i - 2][j - 2] + 1);
      }
    }
    worst = std::max(worst, *std::min_element(d[m].begin(), d[m].end()));
  }
  return worst;
}

TEST(SearchDistance, CostEqualsAlignAndBoundNeverExceedsIt) {
  std::mt19937_64 random(20261122);
  for (int round = 0; round < 4000; ++round) {
    const std::u32string record = random_symbols(random, 1 + static_cast<int>(random() % 14));
    const std::u32string near =
        random() % 3 == 0 ? random_symbols(random, 1 + static_cast<int>(random() % 12)) : record;
    const marking::MarkingQuery query = random_query(random, near);
    const PreparedQuery prepared = prepare_query(query);
    const double expected = marking::align(query, record).cost;
    const int cost = weighted_cost(prepared, record.data(), record.size(), 1 << 20);
    ASSERT_EQ(cost, static_cast<int>(std::lround(expected * kUnitsPerEdit))) << round;
    const int bound = unit_bound(prepared, record.data(), record.size());
    ASSERT_LE(bound, cost) << round;
  }
}

TEST(SearchDistance, BitParallelBoundMatchesPlainDynamicProgramming) {
  std::mt19937_64 random(7);
  for (int round = 0; round < 4000; ++round) {
    const std::u32string record = random_symbols(random, 1 + static_cast<int>(random() % 20));
    const marking::MarkingQuery query =
        random_query(random, random_symbols(random, 1 + static_cast<int>(random() % 12)));
    const PreparedQuery prepared = prepare_query(query);
    const int edits = reference_unit_distance(query, record);
    int bound = edits * kUnitsPerEdit;
    if (!prepared.has_run && static_cast<int>(record.size()) > prepared.fixed_terms)
      bound = std::max(bound, (static_cast<int>(record.size()) - prepared.fixed_terms) * 25);
    ASSERT_EQ(unit_bound(prepared, record.data(), record.size()), bound) << round;
  }
}

TEST(SearchDistance, EightLanesGiveTheBoundOfEachRecord) {
  std::mt19937_64 random(11);
  const std::string ascii = "0123456789ABOQDILSZGUV8XY";
  for (int round = 0; round < 2000; ++round) {
    std::u32string near;
    for (int i = 0; i < 1 + static_cast<int>(random() % 12); ++i)
      near += static_cast<char32_t>(ascii[random() % ascii.size()]);
    const marking::MarkingQuery query = random_query(random, near);
    const PreparedQuery prepared = prepare_query(query);
    std::vector<std::string> records;
    const std::size_t count = 1 + random() % kLanes;
    for (std::size_t lane = 0; lane < count; ++lane) {
      std::string record;
      for (int i = 0; i < static_cast<int>(random() % 20); ++i)
        record += ascii[random() % ascii.size()];
      records.push_back(record);
    }
    const unsigned char* texts[kLanes];
    std::size_t lengths[kLanes];
    for (std::size_t lane = 0; lane < count; ++lane) {
      texts[lane] = reinterpret_cast<const unsigned char*>(records[lane].data());
      lengths[lane] = records[lane].size();
    }
    int bounds[kLanes];
    bound_eight(prepared, texts, lengths, count, bounds);
    for (std::size_t lane = 0; lane < count; ++lane)
      ASSERT_EQ(bounds[lane], unit_bound(prepared, texts[lane], lengths[lane])) << round;
  }
}

TEST(SearchDistance, CostGivesUpAboveTheLimit) {
  const std::u32string record = U"AB123456";
  auto query = marking::parse_marking_query("XY999999");
  ASSERT_TRUE(query.ok());
  const PreparedQuery prepared = prepare_query(*query);
  EXPECT_EQ(weighted_cost(prepared, record.data(), record.size(), 150), 151);
}

}  // namespace
}  // namespace concord::search
