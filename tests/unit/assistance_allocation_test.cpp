// The allocation optimiser on small cases whose answer is known: the urgent need first, a cross
// assignment forced by eligibility, capacity beyond every gap, no candidates, zero amounts, ties
// broken by score, whole minor units, and refused inputs.
#include <gtest/gtest.h>

#include "assistance/allocation.h"

namespace concord::assistance {
namespace {

std::int64_t assigned(const Allocation& allocation, std::size_t need, std::size_t offer) {
  for (const auto& a : allocation.assignments) {
    if (a.need == need && a.offer == offer) return a.amount_minor;
  }
  return 0;
}

TEST(AssistanceAllocation, OneOfferTwoNeedsCoversTheUrgentOneFirst) {
  AllocationProblem problem;
  problem.needs = {{"calm", 600, 0.1}, {"urgent", 700, 0.9}};
  problem.offers = {{"offer", 1000}};
  problem.pairs = {{0, 0, 90}, {1, 0, 10}};  // the calm need even fits the offer better
  auto allocation = allocate(problem);
  ASSERT_TRUE(allocation.ok()) << allocation.error().message;
  EXPECT_EQ(assigned(*allocation, 1, 0), 700);
  EXPECT_EQ(assigned(*allocation, 0, 0), 300);
  EXPECT_EQ(allocation->need_covered_minor, (std::vector<std::int64_t>{300, 700}));
  EXPECT_EQ(allocation->offer_used_minor, (std::vector<std::int64_t>{1000}));
  EXPECT_NEAR(allocation->objective, 700 * (1.9 + 1e-4) + 300 * (1.1 + 9e-4), 1e-6);
}

TEST(AssistanceAllocation, EligibilityForcesACrossAssignment) {
  // Offer A may fund either need, offer B only the urgent one: the optimum gives B to the urgent
  // need and A to the other, covering both, where a greedy "A to the urgent need" would leave the
  // calm need unfunded.
  AllocationProblem problem;
  problem.needs = {{"urgent", 500, 1.0}, {"calm", 500, 0.2}};
  problem.offers = {{"A", 500}, {"B", 500}};
  problem.pairs = {{0, 0, 100}, {1, 0, 50}, {0, 1, 10}};
  auto allocation = allocate(problem);
  ASSERT_TRUE(allocation.ok()) << allocation.error().message;
  EXPECT_EQ(assigned(*allocation, 0, 1), 500);
  EXPECT_EQ(assigned(*allocation, 1, 0), 500);
  EXPECT_EQ(assigned(*allocation, 0, 0), 0);
  EXPECT_EQ(allocation->assignments.size(), 2u);
}

TEST(AssistanceAllocation, CapacityBeyondEveryGapFillsTheGapsAndKeepsTheRest) {
  AllocationProblem problem;
  problem.needs = {{"a", 250, 0.5}, {"b", 125, 0.0}};
  problem.offers = {{"big", 1'000'000}};
  problem.pairs = {{0, 0, 50}, {1, 0, 50}};
  auto allocation = allocate(problem);
  ASSERT_TRUE(allocation.ok());
  EXPECT_EQ(allocation->need_covered_minor, (std::vector<std::int64_t>{250, 125}));
  EXPECT_EQ(allocation->offer_used_minor, (std::vector<std::int64_t>{375}));
}

TEST(AssistanceAllocation, TwoOffersSplitOneLargeNeed) {
  AllocationProblem problem;
  problem.needs = {{"large", 10'000'000'000, 0.7}};
  problem.offers = {{"a", 3'000'000'001}, {"b", 4'000'000'003}};
  problem.pairs = {{0, 0, 40}, {0, 1, 60}};
  auto allocation = allocate(problem);
  ASSERT_TRUE(allocation.ok());
  EXPECT_EQ(assigned(*allocation, 0, 0), 3'000'000'001);
  EXPECT_EQ(assigned(*allocation, 0, 1), 4'000'000'003);
}

TEST(AssistanceAllocation, NoCandidatesAllocateNothing) {
  AllocationProblem problem;
  problem.needs = {{"a", 100, 1.0}};
  problem.offers = {{"b", 100}};
  auto allocation = allocate(problem);
  ASSERT_TRUE(allocation.ok());
  EXPECT_TRUE(allocation->assignments.empty());
  EXPECT_EQ(allocation->need_covered_minor, (std::vector<std::int64_t>{0}));
  EXPECT_EQ(allocation->offer_used_minor, (std::vector<std::int64_t>{0}));
  EXPECT_EQ(allocation->objective, 0.0);

  auto empty = allocate({});
  ASSERT_TRUE(empty.ok());
  EXPECT_TRUE(empty->assignments.empty());
}

TEST(AssistanceAllocation, ZeroGapsAndZeroCapacitiesAreDegenerateNotErrors) {
  AllocationProblem problem;
  problem.needs = {{"funded", 0, 1.0}, {"open", 300, 0.0}};
  problem.offers = {{"empty", 0}, {"some", 200}};
  problem.pairs = {{0, 0, 80}, {0, 1, 80}, {1, 0, 80}, {1, 1, 80}};
  auto allocation = allocate(problem);
  ASSERT_TRUE(allocation.ok()) << allocation.error().message;
  ASSERT_EQ(allocation->assignments.size(), 1u);
  EXPECT_EQ(assigned(*allocation, 1, 1), 200);

  AllocationProblem all_zero;
  all_zero.needs = {{"n", 0, 0.0}};
  all_zero.offers = {{"o", 0}};
  all_zero.pairs = {{0, 0, 0}};
  auto nothing = allocate(all_zero);
  ASSERT_TRUE(nothing.ok()) << nothing.error().message;
  EXPECT_TRUE(nothing->assignments.empty());
}

TEST(AssistanceAllocation, EqualUrgencyGoesToTheBetterScore) {
  AllocationProblem problem;
  problem.needs = {{"worse", 100, 0.5}, {"better", 100, 0.5}};
  problem.offers = {{"o", 100}};
  problem.pairs = {{0, 0, 40}, {1, 0, 80}};
  auto allocation = allocate(problem);
  ASSERT_TRUE(allocation.ok());
  EXPECT_EQ(assigned(*allocation, 1, 0), 100);
  EXPECT_EQ(assigned(*allocation, 0, 0), 0);
}

TEST(AssistanceAllocation, NeverExceedsCapacitiesOrGapsOnALargerGrid) {
  AllocationProblem problem;
  for (int i = 0; i < 6; ++i)
    problem.needs.push_back({"n" + std::to_string(i), 1'000 + 337 * i, i / 6.0});
  for (int j = 0; j < 4; ++j)
    problem.offers.push_back({"o" + std::to_string(j), 1'501 + 211 * j});
  for (std::size_t i = 0; i < 6; ++i) {
    for (std::size_t j = 0; j < 4; ++j) {
      if ((i + j) % 3 != 0) problem.pairs.push_back({i, j, static_cast<double>(10 * (i + j))});
    }
  }
  auto allocation = allocate(problem);
  ASSERT_TRUE(allocation.ok());
  std::int64_t total = 0;
  for (std::size_t i = 0; i < 6; ++i) {
    EXPECT_LE(allocation->need_covered_minor[i], problem.needs[i].gap_minor);
    total += allocation->need_covered_minor[i];
  }
  for (std::size_t j = 0; j < 4; ++j)
    EXPECT_LE(allocation->offer_used_minor[j], problem.offers[j].capacity_minor);
  // Capacity 1501+1712+1923+2134 = 7270 is below the gaps' 11055, and every offer reaches
  // several needs, so all of it is used.
  EXPECT_EQ(total, 7270);
}

TEST(AssistanceAllocation, RefusesBadInputNamingTheField) {
  const auto field_of = [](const AllocationProblem& problem) {
    auto result = allocate(problem);
    EXPECT_FALSE(result.ok());
    return result.ok() ? std::string() : result.error().field;
  };
  AllocationProblem negative_gap;
  negative_gap.needs = {{"n", -1, 0}};
  EXPECT_EQ(field_of(negative_gap), "gap_minor");
  AllocationProblem bad_urgency;
  bad_urgency.needs = {{"n", 1, 1.5}};
  EXPECT_EQ(field_of(bad_urgency), "urgency");
  AllocationProblem negative_capacity;
  negative_capacity.offers = {{"o", -5}};
  EXPECT_EQ(field_of(negative_capacity), "capacity_minor");
  AllocationProblem dangling;
  dangling.needs = {{"n", 1, 0}};
  dangling.pairs = {{0, 0, 1}};
  EXPECT_EQ(field_of(dangling), "pairs");
  AllocationProblem twice;
  twice.needs = {{"n", 1, 0}};
  twice.offers = {{"o", 1}};
  twice.pairs = {{0, 0, 1}, {0, 0, 2}};
  EXPECT_EQ(field_of(twice), "pairs");
  AllocationProblem epsilon;
  epsilon.score_epsilon = -1;
  EXPECT_EQ(field_of(epsilon), "score_epsilon");
}

}  // namespace
}  // namespace concord::assistance
