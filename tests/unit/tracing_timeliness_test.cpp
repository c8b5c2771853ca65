// Timeliness figures on a constructed history: medians (odd and even counts), the share answered
// by the due date, first replies that were declines or forwards, and what counts as overdue now.
#include <gtest/gtest.h>

#include "tracing/timeliness.h"

namespace concord::tracing {
namespace {

using namespace std::chrono;

const TimePoint kStart = TimePoint(milliseconds(1'800'000'000'000));

TimePoint hours_after_start(double hours) {
  return kStart + duration_cast<milliseconds>(duration<double, std::ratio<3600>>(hours));
}

LegTimes leg(std::string state, LegStatus status, std::optional<double> acknowledged,
             std::optional<double> concluded, double answer_due = 30 * 24) {
  LegTimes times;
  times.to_state = std::move(state);
  times.status = status;
  times.sent_at = kStart;
  if (acknowledged) times.acknowledged_at = hours_after_start(*acknowledged);
  if (concluded) times.concluded_at = hours_after_start(*concluded);
  times.acknowledge_due_at = hours_after_start(48);
  times.answer_due_at = hours_after_start(answer_due);
  return times;
}

TEST(TracingTimeliness, MediansSharesAndOverdueOnAConstructedHistory) {
  const std::vector<LegTimes> legs = {
      leg("DE", LegStatus::answered, 2, 100),
      leg("DE", LegStatus::closed, 10, 800),                   // answered after the 720 h due date
      leg("DE", LegStatus::in_progress, 30, std::nullopt),     // not yet due
      leg("DE", LegStatus::sent, std::nullopt, std::nullopt),  // both overdue
      leg("BE", LegStatus::declined, std::nullopt, 5),         // declined at once
      leg("BE", LegStatus::sent, std::nullopt, std::nullopt, 24),  // answer overdue
      leg("IT", LegStatus::draft, std::nullopt, std::nullopt),     // never sent: ignored
  };
  const TimePoint now = hours_after_start(900);
  auto report = compute_timeliness(legs, now);
  ASSERT_EQ(report.size(), 2u);

  const auto& be = report[0];
  EXPECT_EQ(be.state, "BE");
  EXPECT_EQ(be.received, 2);
  EXPECT_EQ(be.acknowledged, 1);
  EXPECT_EQ(be.answered, 1);
  EXPECT_DOUBLE_EQ(*be.median_hours_to_acknowledge, 5);
  EXPECT_DOUBLE_EQ(*be.median_hours_to_answer, 5);
  EXPECT_EQ(be.answer_settled, 2);
  EXPECT_EQ(be.answered_by_due_date, 1);
  EXPECT_DOUBLE_EQ(*be.share_answered_by_due_date, 0.5);
  EXPECT_EQ(be.overdue_now, 1);

  const auto& de = report[1];
  EXPECT_EQ(de.state, "DE");
  EXPECT_EQ(de.received, 4);
  EXPECT_EQ(de.acknowledged, 3);
  EXPECT_EQ(de.answered, 2);
  EXPECT_DOUBLE_EQ(*de.median_hours_to_acknowledge, 10);  // 2, 10, 30
  EXPECT_DOUBLE_EQ(*de.median_hours_to_answer, 450);      // (100 + 800) / 2
  // Settled: both answers, and the two open legs now past the 720 h answer due date.
  EXPECT_EQ(de.answer_settled, 4);
  EXPECT_EQ(de.answered_by_due_date, 1);
  EXPECT_DOUBLE_EQ(*de.share_answered_by_due_date, 0.25);
  EXPECT_EQ(de.overdue_now, 2);
}

TEST(TracingTimeliness, AStateWithNothingSettledHasNoShare) {
  auto report = compute_timeliness({leg("DE", LegStatus::sent, std::nullopt, std::nullopt)},
                                   hours_after_start(1));
  ASSERT_EQ(report.size(), 1u);
  EXPECT_FALSE(report[0].median_hours_to_acknowledge);
  EXPECT_FALSE(report[0].median_hours_to_answer);
  EXPECT_FALSE(report[0].share_answered_by_due_date);
  EXPECT_EQ(report[0].overdue_now, 0);
}

TEST(TracingTimeliness, Median) {
  EXPECT_FALSE(median({}));
  EXPECT_DOUBLE_EQ(*median({3}), 3);
  EXPECT_DOUBLE_EQ(*median({9, 1, 5}), 5);
  EXPECT_DOUBLE_EQ(*median({4, 1, 3, 2}), 2.5);
}

}  // namespace
}  // namespace concord::tracing
