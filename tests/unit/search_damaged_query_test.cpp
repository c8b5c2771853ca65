// The damaged-query generator: each kind of damage changes the canonical marking as it says and
// nothing else, the result is always a query the index accepts, and a seed fixes the output.
#include <gtest/gtest.h>

#include <random>
#include <set>

#include "marking/canonical_marking.h"
#include "marking/look_alikes.h"
#include "marking/marking_query.h"
#include "search/damaged_query.h"

namespace concord::search {
namespace {

std::u32string canonical(std::string_view text) {
  std::u32string out;
  for (const auto& symbol : marking::canonical_symbols(text))
    out += symbol.symbol;
  return out;
}

// Markings of the shapes the registry holds: separators, lower case, Cyrillic, a lone digit run.
const std::vector<std::string> kMarkings = {
    "AB-1234-5678", "ak 47 123456",   "\xd0\x90\xd0\x9a-74 0193455",
    "PX/77120 S",   "1982 KH 0042",   "Z0O5S81BG6",
    "MK2 00451",    "SN: 2207-119-4", "4711",
    "HK.G36.99814",
};

// Runs `check` on many damaged readings of every marking.
template <typename Check>
void for_each_damaged(Damage damage, Check check) {
  std::mt19937_64 random(7);
  int produced = 0;
  for (int round = 0; round < 40; ++round) {
    for (const auto& original : kMarkings) {
      const auto damaged = damage_marking(original, damage, random);
      if (!damaged) continue;
      ++produced;
      SCOPED_TRACE(original + " -> " + *damaged);
      check(original, *damaged);
    }
  }
  EXPECT_GT(produced, 100) << to_string(damage);
}

// The query's terms, with ? as U'?' and * as U'*'.
std::u32string query_terms(const std::string& text) {
  const auto query = marking::parse_marking_query(text);
  EXPECT_TRUE(query.ok()) << text;
  std::u32string out;
  if (!query.ok()) return out;
  for (const auto& term : query->terms) {
    switch (term.kind) {
      case marking::QueryTermKind::symbol:
        out += term.symbol;
        break;
      case marking::QueryTermKind::unknown_one:
        out += U'?';
        break;
      case marking::QueryTermKind::unknown_run:
        out += U'*';
        break;
    }
  }
  return out;
}

bool is_subsequence(const std::u32string& shorter, const std::u32string& longer) {
  size_t at = 0;
  for (const char32_t c : longer) {
    if (at < shorter.size() && shorter[at] == c) ++at;
  }
  return at == shorter.size();
}

TEST(SearchDamagedQuery, NoneAndSeparatorsKeepTheCanonicalMarking) {
  for_each_damaged(Damage::none, [](const std::string& original, const std::string& damaged) {
    EXPECT_EQ(damaged, original);
  });
  for_each_damaged(Damage::separators, [](const std::string& original, const std::string& damaged) {
    EXPECT_NE(damaged, original);
    EXPECT_EQ(canonical(damaged), canonical(original));
  });
}

TEST(SearchDamagedQuery, SeparatorsSometimesTypeLatinAsCyrillic) {
  std::mt19937_64 random(3);
  bool saw_cyrillic = false;
  for (int round = 0; round < 200 && !saw_cyrillic; ++round) {
    const auto damaged = damage_marking("AKM 1234 TEXBOP", Damage::separators, random);
    ASSERT_TRUE(damaged);
    saw_cyrillic = damaged->find('\xd0') != std::string::npos;
  }
  EXPECT_TRUE(saw_cyrillic);
}

TEST(SearchDamagedQuery, LookAlikeKeepsLengthAndChangesOnlyWithinClasses) {
  for_each_damaged(Damage::look_alike, [](const std::string& original, const std::string& damaged) {
    const auto before = canonical(original);
    const auto after = canonical(damaged);
    ASSERT_EQ(after.size(), before.size());
    int changed = 0;
    for (size_t i = 0; i < before.size(); ++i) {
      if (before[i] == after[i]) continue;
      ++changed;
      EXPECT_TRUE(marking::are_look_alikes(before[i], after[i]));
    }
    EXPECT_GE(changed, 1);
    EXPECT_LE(changed, 2);
  });
}

TEST(SearchDamagedQuery, UnknownOneReplacesOneOrTwoSymbols) {
  for_each_damaged(Damage::unknown_one,
                   [](const std::string& original, const std::string& damaged) {
                     const auto before = canonical(original);
                     const auto after = query_terms(damaged);
                     ASSERT_EQ(after.size(), before.size());
                     int unknown = 0;
                     for (size_t i = 0; i < before.size(); ++i) {
                       if (after[i] == U'?') {
                         ++unknown;
                       } else {
                         EXPECT_EQ(after[i], before[i]);
                       }
                     }
                     EXPECT_GE(unknown, 1);
                     EXPECT_LE(unknown, 2);
                   });
}

TEST(SearchDamagedQuery, UnknownRunReplacesTwoToFourSymbols) {
  bool saw_prefix = false;
  for_each_damaged(Damage::unknown_run,
                   [&](const std::string& original, const std::string& damaged) {
                     const auto before = canonical(original);
                     const auto after = query_terms(damaged);
                     const size_t star = after.find(U'*');
                     ASSERT_NE(star, std::u32string::npos);
                     EXPECT_EQ(after.find(U'*', star + 1), std::u32string::npos);
                     const size_t hidden = before.size() - (after.size() - 1);
                     EXPECT_GE(hidden, 2u);
                     EXPECT_LE(hidden, 4u);
                     EXPECT_EQ(after.substr(0, star), before.substr(0, star));
                     EXPECT_EQ(after.substr(star + 1), before.substr(star + hidden));
                     saw_prefix = saw_prefix || star == 0;
                   });
  EXPECT_TRUE(saw_prefix);
}

TEST(SearchDamagedQuery, DeletionDropsOneInteriorSymbol) {
  for_each_damaged(Damage::deletion, [](const std::string& original, const std::string& damaged) {
    const auto before = canonical(original);
    const auto after = canonical(damaged);
    ASSERT_EQ(after.size() + 1, before.size());
    EXPECT_TRUE(is_subsequence(after, before));
    EXPECT_EQ(after.front(), before.front());
    EXPECT_EQ(after.back(), before.back());
  });
}

TEST(SearchDamagedQuery, LostPrefixKeepsASuffixAndLostSuffixAPrefix) {
  for_each_damaged(Damage::lost_prefix,
                   [](const std::string& original, const std::string& damaged) {
                     const auto before = canonical(original);
                     const auto after = canonical(damaged);
                     const size_t lost = before.size() - after.size();
                     EXPECT_GE(lost, 1u);
                     EXPECT_LE(lost, 3u);
                     EXPECT_EQ(after, before.substr(lost));
                   });
  for_each_damaged(Damage::lost_suffix,
                   [](const std::string& original, const std::string& damaged) {
                     const auto before = canonical(original);
                     const auto after = canonical(damaged);
                     const size_t lost = before.size() - after.size();
                     EXPECT_GE(lost, 1u);
                     EXPECT_LE(lost, 3u);
                     EXPECT_EQ(after, before.substr(0, after.size()));
                   });
}

TEST(SearchDamagedQuery, TranspositionSwapsTwoAdjacentDifferentSymbols) {
  for_each_damaged(Damage::transposition,
                   [](const std::string& original, const std::string& damaged) {
                     const auto before = canonical(original);
                     const auto after = canonical(damaged);
                     ASSERT_EQ(after.size(), before.size());
                     std::vector<size_t> differ;
                     for (size_t i = 0; i < before.size(); ++i) {
                       if (before[i] != after[i]) differ.push_back(i);
                     }
                     ASSERT_EQ(differ.size(), 2u);
                     EXPECT_EQ(differ[1], differ[0] + 1);
                     EXPECT_EQ(after[differ[0]], before[differ[1]]);
                     EXPECT_EQ(after[differ[1]], before[differ[0]]);
                   });
}

TEST(SearchDamagedQuery, SubstitutionIsNeverALookAlike) {
  for_each_damaged(
      Damage::substitution, [](const std::string& original, const std::string& damaged) {
        const auto before = canonical(original);
        const auto after = canonical(damaged);
        ASSERT_EQ(after.size(), before.size());
        int changed = 0;
        for (size_t i = 0; i < before.size(); ++i) {
          if (before[i] == after[i]) continue;
          ++changed;
          EXPECT_FALSE(marking::are_look_alikes(before[i], after[i]));
          const bool alphanumeric =
              (after[i] >= U'A' && after[i] <= U'Z') || (after[i] >= U'0' && after[i] <= U'9');
          EXPECT_TRUE(alphanumeric);
        }
        EXPECT_EQ(changed, 1);
      });
}

TEST(SearchDamagedQuery, CombinedChangesTheReading) {
  for_each_damaged(Damage::combined, [](const std::string& original, const std::string& damaged) {
    EXPECT_NE(damaged, original);
    EXPECT_GE(marking::parse_marking_query(damaged)->symbol_count(), 3u);
  });
}

TEST(SearchDamagedQuery, EveryResultIsAQueryWithThreeReadableSymbols) {
  std::mt19937_64 random(11);
  for (const Damage damage : all_damages()) {
    for (const auto& original : kMarkings) {
      const auto damaged = damage_marking(original, damage, random);
      if (!damaged) continue;
      const auto query = marking::parse_marking_query(*damaged);
      ASSERT_TRUE(query.ok()) << *damaged;
      EXPECT_GE(query->symbol_count(), 3u) << to_string(damage) << ": " << *damaged;
    }
  }
}

TEST(SearchDamagedQuery, TooShortAMarkingGivesNothing) {
  std::mt19937_64 random(1);
  EXPECT_FALSE(damage_marking("A-1", Damage::deletion, random));
  EXPECT_FALSE(damage_marking("AB", Damage::none, random));
  EXPECT_FALSE(damage_marking("AB1", Damage::lost_prefix, random));
  EXPECT_FALSE(damage_marking("AB1", Damage::unknown_one, random));
  EXPECT_TRUE(damage_marking("AB12", Damage::lost_prefix, random));
  EXPECT_FALSE(damage_marking("1111", Damage::transposition, random));  // nothing to swap
  EXPECT_FALSE(damage_marking("XYW4", Damage::look_alike, random));     // no look-alike
}

TEST(SearchDamagedQuery, TheSameSeedGivesTheSameReadings) {
  for (const Damage damage : all_damages()) {
    std::mt19937_64 first(42);
    std::mt19937_64 second(42);
    for (const auto& original : kMarkings) {
      EXPECT_EQ(damage_marking(original, damage, first), damage_marking(original, damage, second))
          << to_string(damage);
    }
  }
}

TEST(SearchDamagedQuery, EveryDamageHasAName) {
  std::set<std::string_view> names;
  for (const Damage damage : all_damages())
    names.insert(to_string(damage));
  EXPECT_EQ(names.size(), all_damages().size());
  EXPECT_EQ(to_string(Damage::lost_prefix), "lost_prefix");
}

}  // namespace
}  // namespace concord::search
