// The cross-check rules without a database: which pairs of kinds and states may make a hit, and the
// pair score (both readings, the weaker kept), which must not depend on which record is `a`.
#include "registry/cross_check_rules.h"

#include <gtest/gtest.h>

namespace concord::registry {
namespace {

search::IndexedRecord record(std::string id, std::string kind, std::string state,
                             std::vector<std::string> markings = {"AB12345678"}) {
  search::IndexedRecord out;
  out.id = std::move(id);
  out.kind = std::move(kind);
  out.state = std::move(state);
  out.markings = std::move(markings);
  return out;
}

TEST(CrossCheckRules, PairsWorthAHit) {
  struct Case {
    const char* kind_a;
    const char* state_a;
    const char* kind_b;
    const char* state_b;
    bool worth;
  };
  const Case cases[] = {
      {"seized", "FR", "stolen", "DE", true},       {"seized", "FR", "stolen", "FR", true},
      {"seized", "FR", "registry", "DE", true},     {"seized", "FR", "registry", "FR", true},
      {"lost", "FR", "registry", "DE", true},       {"lost", "FR", "registry", "FR", false},
      {"stolen", "FR", "registry", "FR", false},    {"seized", "FR", "seized", "DE", true},
      {"seized", "FR", "seized", "FR", false},      {"found", "FR", "trafficked", "FR", true},
      {"stolen", "FR", "stolen", "DE", false},      {"registry", "FR", "registry", "DE", false},
      {"registry", "FR", "destroyed", "DE", false}, {"seized", "FR", "destroyed", "DE", true},
      {"lost", "FR", "stolen", "FR", true},         {"seized", "FR", "no such kind", "DE", false},
  };
  for (const auto& c : cases) {
    const auto a = record("A", c.kind_a, c.state_a);
    const auto b = record("B", c.kind_b, c.state_b);
    EXPECT_EQ(pair_worth_a_hit(a, b), c.worth)
        << c.kind_a << " " << c.state_a << " / " << c.kind_b << " " << c.state_b;
    EXPECT_EQ(pair_worth_a_hit(b, a), c.worth) << "reversed";
  }
  const auto same = record("A", "seized", "FR");
  EXPECT_FALSE(pair_worth_a_hit(same, record("A", "stolen", "DE")));  // one record
}

TEST(CrossCheckRules, MakesMustAgreeWhenBothAreNamed) {
  auto with_make = [](std::string id, std::string kind, std::string state, std::string make) {
    auto out = record(std::move(id), std::move(kind), std::move(state));
    out.make = std::move(make);
    return out;
  };
  const auto seized = with_make("A", "seized", "FR", "Zastava Arms");
  EXPECT_TRUE(pair_worth_a_hit(seized, with_make("B", "stolen", "DE", "ZASTAVA-ARMS")));
  EXPECT_TRUE(pair_worth_a_hit(seized, with_make("B", "stolen", "DE", "")));  // not read
  EXPECT_FALSE(pair_worth_a_hit(seized, with_make("B", "stolen", "DE", "Norinco")));
  EXPECT_FALSE(pair_worth_a_hit(with_make("B", "stolen", "DE", "Norinco"), seized));
}

TEST(CrossCheckRules, TheScoreIsTheWeakerReadingWhicheverRecordIsFirst) {
  const std::pair<const char*, const char*> pairs[] = {
      {"AB12345678", "AB12345678"}, {"AB1234567O", "AB12345670"}, {"CD12?45678", "CD12345678"},
      {"12345678", "AB12345678"},   {"AB*", "AB12345678"},        {"ab 1234-5678", "AB12345678"},
  };
  for (const auto& [first, second] : pairs) {
    const auto a = record("A", "seized", "FR", {first});
    const auto b = record("B", "stolen", "DE", {second});
    const auto ab = pair_score(a, b);
    const auto ba = pair_score(b, a);
    ASSERT_TRUE(ab && ba);
    EXPECT_DOUBLE_EQ(ab->score, ba->score) << first << " / " << second;
  }
  auto score = [](const char* first, const char* second) {
    return pair_score(record("A", "seized", "FR", {first}), record("B", "stolen", "DE", {second}))
        ->score;
  };
  EXPECT_DOUBLE_EQ(score("AB12345678", "AB12345678"), 1.0);
  // O read for 0 costs nothing, 0 read for O a look-alike: the weaker reading counts.
  EXPECT_NEAR(score("AB1234567O", "AB12345670"), 0.96, 1e-9);
  EXPECT_NEAR(score("CD12?45678", "CD12345678"), 0.9, 1e-9);  // one extra symbol read intact
  EXPECT_NEAR(score("AB12KKK678", "AB12345678"), 0.7, 1e-9);
  // A mostly unreadable marking explains everything that starts alike, but not the reverse.
  EXPECT_LT(score("AB*", "AB12345678"), 0.5);
}

TEST(CrossCheckRules, TheBestPairOfMarkingsCountsAndUnreadableOnesAreSkipped) {
  const auto a = record("A", "seized", "FR", {"???", "ZZ99999999", "QX55512345"});
  const auto b = record("B", "stolen", "DE", {"QX55512345", "MM00000000"});
  const auto score = pair_score(a, b);
  ASSERT_TRUE(score);
  EXPECT_DOUBLE_EQ(score->score, 1.0);
  EXPECT_EQ(score->marking_a, 2);
  EXPECT_EQ(score->marking_b, 0);
  EXPECT_FALSE(pair_score(record("A", "seized", "FR", {"???"}), b));
  EXPECT_FALSE(pair_score(record("A", "seized", "FR", {}), b));
}

}  // namespace
}  // namespace concord::registry
