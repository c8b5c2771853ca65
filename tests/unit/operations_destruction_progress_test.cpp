// Destruction progress and the completion projection, every figure computed by hand.
// The base case: 1000 anti-personnel mines declared on 2020-01-01, 200 destroyed on the first of
// January of 2021, 2022 and 2023, 50 retained: on 2023-06-30, 600 destroyed, 350 remaining, 60 %.
// The trend (200 per 365 days) reaches the target of 950 after 350 * 365 / 200 = 638.75 days,
// so on day 639 after 2023-01-01: 2024-10-01.
#include <gtest/gtest.h>

#include "operations/completion_projection.h"
#include "operations/destruction_progress.h"

namespace concord::operations {
namespace {

Day day(const char* text) {
  return *parse_day(text);
}

DestructionEvent destroyed(const char* date, std::int64_t quantity,
                           StockpileCategory category = StockpileCategory::anti_personnel_mines) {
  DestructionEvent event;
  event.state = "KH";
  event.date = date;
  event.category = category;
  event.quantity = quantity;
  event.method = DestructionMethod::open_detonation;
  event.site = "Kampong Chhnang range";
  event.verified_by = "national inspectorate";
  return event;
}

StockpileRecords base_records() {
  StockpileRecords records;
  records.declarations = {
      {"KH", StockpileCategory::anti_personnel_mines, "", 1000, "2020-01-01", {}}};
  records.events = {destroyed("2021-01-01", 200), destroyed("2022-01-01", 200),
                    destroyed("2023-01-01", 200)};
  records.retained = {{"KH",
                       StockpileCategory::anti_personnel_mines,
                       "",
                       50,
                       "2020-06-01",
                       RetentionPurpose::training,
                       {}}};
  return records;
}

ProgressQuery query_on(const char* on, std::optional<Deadline> deadline = std::nullopt) {
  ProgressQuery query;
  query.state = "KH";
  query.category = StockpileCategory::anti_personnel_mines;
  query.on = on;
  query.deadline = std::move(deadline);
  return query;
}

TEST(OperationsProjection, KnownSlopeLandsOnAKnownDay) {
  // 100 items in 10 days: 10 a day; 200 more take 20 days from 2024-01-11.
  const std::vector<ProgressPoint> points = {{day("2024-01-01"), 0}, {day("2024-01-11"), 100}};
  EXPECT_EQ(trend_slope(points), 10.0);
  EXPECT_EQ(format_day(*project_completion(points, 300)), "2024-01-31");
}

TEST(OperationsProjection, TheSlopeIsLeastSquaresAndRunsOnFromTheLatestPoint) {
  // x = 0, 1, 2; y = 0, 2, 2: mean (1, 4/3), covariance 2, variance 2, slope 1 a day. From
  // (2024-03-03, 2) the remaining 8 take 8 days. Given out of order on purpose.
  const std::vector<ProgressPoint> points = {
      {day("2024-03-03"), 2}, {day("2024-03-01"), 0}, {day("2024-03-02"), 2}};
  EXPECT_DOUBLE_EQ(*trend_slope(points), 1.0);
  EXPECT_EQ(format_day(*project_completion(points, 10)), "2024-03-11");
}

TEST(OperationsProjection, AFractionOfADayRoundsUp) {
  // 3 a day; 10 more take 3.33 days, so the fourth day.
  const std::vector<ProgressPoint> points = {{day("2024-05-01"), 0}, {day("2024-05-02"), 3}};
  EXPECT_EQ(format_day(*project_completion(points, 13)), "2024-05-06");
}

TEST(OperationsProjection, NoProjectionWithoutARisingTrend) {
  const std::vector<ProgressPoint> flat = {{day("2024-01-01"), 100}, {day("2025-01-01"), 100}};
  EXPECT_FALSE(project_completion(flat, 300));
  const std::vector<ProgressPoint> falling = {{day("2024-01-01"), 100}, {day("2025-01-01"), 90}};
  EXPECT_FALSE(project_completion(falling, 300));
  const std::vector<ProgressPoint> one = {{day("2024-01-01"), 100}};
  EXPECT_FALSE(project_completion(one, 300));
  const std::vector<ProgressPoint> one_day = {{day("2024-01-01"), 100}, {day("2024-01-01"), 150}};
  EXPECT_FALSE(project_completion(one_day, 300));
  EXPECT_FALSE(project_completion({}, 300));
  // One item a century: past the year 9999.
  const std::vector<ProgressPoint> crawling = {{day("1900-01-01"), 0}, {day("2000-01-01"), 1}};
  EXPECT_FALSE(project_completion(crawling, 1'000'000));
}

TEST(OperationsProjection, AReachedTargetProjectsTheDayItWasReached) {
  const std::vector<ProgressPoint> points = {
      {day("2024-01-01"), 100}, {day("2024-02-01"), 300}, {day("2024-03-01"), 400}};
  EXPECT_EQ(format_day(*project_completion(points, 300)), "2024-02-01");
}

TEST(OperationsProjection, TheTrendWindowKeepsTheLastYearsUpToTheDay) {
  const std::vector<ProgressPoint> points = {{day("2020-06-30"), 1},
                                             {day("2020-07-01"), 2},
                                             {day("2023-06-30"), 3},
                                             {day("2023-07-01"), 4}};
  const auto within = trend_points_within_years(points, day("2023-06-30"), 3);
  ASSERT_EQ(within.size(), 2u);
  EXPECT_EQ(within[0].cumulative, 2);
  EXPECT_EQ(within[1].cumulative, 3);
  EXPECT_EQ(format_day(years_before(day("2024-02-29"), 1)), "2023-02-28");
}

TEST(OperationsDestructionProgress, DeclaredDestroyedRetainedRemainingAndPercent) {
  const auto progress = destruction_progress(base_records(), query_on("2023-06-30"));
  ASSERT_TRUE(progress.ok()) << progress.error().message;
  EXPECT_EQ(progress->declared, 1000);
  EXPECT_EQ(progress->declared_as_of, "2020-01-01");
  EXPECT_EQ(progress->destroyed, 600);
  EXPECT_EQ(progress->retained, 50);
  EXPECT_EQ(progress->remaining, 350);
  EXPECT_FALSE(progress->inconsistent);
  EXPECT_DOUBLE_EQ(progress->percent_done, 60.0);
  EXPECT_EQ(progress->trend_points, 3);
  // 200 a year (200/365 a day) over 2021-2023; 950 - 600 = 350 left on 2023-06-30 takes
  // ceil(350 * 365 / 200) = 639 days from that day, not from the last event.
  EXPECT_EQ(progress->projected_completion, "2025-03-30");
  // No deadline: a projection is on track.
  EXPECT_EQ(progress->status, DeadlineStatus::on_track);
  EXPECT_FALSE(progress->deadline);
}

TEST(OperationsDestructionProgress, OnTrackWhenTheProjectionMeetsTheDeadline) {
  const auto progress =
      destruction_progress(base_records(), query_on("2023-06-30", Deadline{"2025-03-30", {}}));
  ASSERT_TRUE(progress.ok());
  EXPECT_EQ(progress->status, DeadlineStatus::on_track);
  EXPECT_EQ(progress->deadline, "2025-03-30");
}

TEST(OperationsDestructionProgress, AtRiskWhenTheProjectionFallsAfterTheDeadline) {
  const auto progress =
      destruction_progress(base_records(), query_on("2023-06-30", Deadline{"2025-03-29", {}}));
  ASSERT_TRUE(progress.ok());
  EXPECT_EQ(progress->status, DeadlineStatus::at_risk);
  EXPECT_EQ(to_string(progress->status), "at_risk");
}

TEST(OperationsDestructionProgress, AnExtensionIsTheDeadlineInForce) {
  const auto progress = destruction_progress(
      base_records(), query_on("2023-06-30", Deadline{"2023-03-01", "2025-06-01"}));
  ASSERT_TRUE(progress.ok());
  EXPECT_EQ(progress->deadline, "2025-06-01");
  EXPECT_EQ(progress->status, DeadlineStatus::on_track);
}

TEST(OperationsDestructionProgress, OverdueWhenTheDeadlinePassedAndSomethingRemains) {
  const auto progress =
      destruction_progress(base_records(), query_on("2023-06-30", Deadline{"2023-06-29", {}}));
  ASSERT_TRUE(progress.ok());
  EXPECT_EQ(progress->status, DeadlineStatus::overdue);
  // The deadline day itself is not yet past.
  const auto on_the_day =
      destruction_progress(base_records(), query_on("2023-06-29", Deadline{"2023-06-29", {}}));
  EXPECT_EQ(on_the_day->status, DeadlineStatus::at_risk);
}

TEST(OperationsDestructionProgress, NoTrendWithFewerThanTwoEventDaysInTheWindow) {
  // On 2025-01-01 the window (2022-01-01, 2025-01-01] holds only the 2023 event.
  const auto progress =
      destruction_progress(base_records(), query_on("2025-01-01", Deadline{"2026-01-01", {}}));
  ASSERT_TRUE(progress.ok());
  EXPECT_EQ(progress->trend_points, 1);
  EXPECT_FALSE(progress->projected_completion);
  EXPECT_EQ(progress->status, DeadlineStatus::no_trend);
  // Two events on one day make one point.
  auto records = base_records();
  records.events = {destroyed("2023-01-01", 100), destroyed("2023-01-01", 100)};
  const auto one_day = destruction_progress(records, query_on("2023-06-30"));
  EXPECT_EQ(one_day->destroyed, 200);
  EXPECT_EQ(one_day->trend_points, 1);
  EXPECT_EQ(one_day->status, DeadlineStatus::no_trend);
}

TEST(OperationsDestructionProgress, CompletedWhenNothingRemains) {
  auto records = base_records();
  records.events.push_back(destroyed("2023-03-01", 350));
  const auto progress =
      destruction_progress(records, query_on("2023-06-30", Deadline{"2023-01-01", {}}));
  ASSERT_TRUE(progress.ok());
  EXPECT_EQ(progress->destroyed, 950);
  EXPECT_EQ(progress->remaining, 0);
  EXPECT_FALSE(progress->inconsistent);
  EXPECT_DOUBLE_EQ(progress->percent_done, 95.0);
  EXPECT_FALSE(progress->projected_completion);
  EXPECT_EQ(progress->status, DeadlineStatus::completed);  // even with the deadline past
}

TEST(OperationsDestructionProgress, DestroyedPlusRetainedAboveDeclaredIsFlagged) {
  auto records = base_records();
  records.declarations.push_back(
      {"KH", StockpileCategory::anti_personnel_mines, "", 620, "2023-02-01", {}});
  const auto progress = destruction_progress(records, query_on("2023-06-30"));
  ASSERT_TRUE(progress.ok());
  EXPECT_EQ(progress->declared, 620);
  EXPECT_EQ(progress->remaining, 0);  // 620 - 600 - 50 = -30, shown as 0
  EXPECT_TRUE(progress->inconsistent);
  EXPECT_EQ(progress->status, DeadlineStatus::completed);
}

TEST(OperationsDestructionProgress, OnlyRecordsOnOrBeforeTheDayOfTheStateAndCategoryCount) {
  auto records = base_records();
  records.declarations.push_back(
      {"KH", StockpileCategory::anti_personnel_mines, "", 900, "2023-07-01", {}});  // after the day
  records.declarations.push_back(
      {"KH", StockpileCategory::anti_personnel_mines, "", 1200, "2018-01-01", {}});  // superseded
  records.declarations.push_back({"LA",
                                  StockpileCategory::anti_personnel_mines,
                                  "",
                                  5000,
                                  "2022-01-01",
                                  {}});                    // another state
  records.events.push_back(destroyed("2023-07-01", 100));  // after the day
  records.events.push_back(destroyed("2022-06-01", 70, StockpileCategory::cluster_munitions));
  records.retained.push_back({"KH",
                              StockpileCategory::anti_personnel_mines,
                              "",
                              10,
                              "2024-01-01",
                              RetentionPurpose::training,
                              {}});  // after the day
  const auto progress = destruction_progress(records, query_on("2023-06-30"));
  ASSERT_TRUE(progress.ok());
  EXPECT_EQ(progress->declared, 1000);
  EXPECT_EQ(progress->destroyed, 600);
  EXPECT_EQ(progress->retained, 50);
  EXPECT_EQ(progress->remaining, 350);
}

TEST(OperationsDestructionProgress, AmmunitionIsFollowedTypeByType) {
  StockpileRecords records;
  records.declarations = {
      {"UA", StockpileCategory::ammunition, "7.62x39mm", 400, "2022-01-01", {}},
      {"UA", StockpileCategory::ammunition, "12.7x108mm", 900, "2022-01-01", {}}};
  auto event = destroyed("2022-06-01", 100, StockpileCategory::ammunition);
  event.state = "UA";
  event.ammunition_type = "7.62x39mm";
  records.events = {event};
  ProgressQuery query = query_on("2022-12-31");
  query.state = "UA";
  query.category = StockpileCategory::ammunition;
  query.ammunition_type = "7.62x39mm";
  const auto progress = destruction_progress(records, query);
  ASSERT_TRUE(progress.ok());
  EXPECT_EQ(progress->declared, 400);
  EXPECT_EQ(progress->destroyed, 100);
  EXPECT_EQ(progress->remaining, 300);
  EXPECT_DOUBLE_EQ(progress->percent_done, 25.0);
}

TEST(OperationsDestructionProgress, NothingDeclaredIsNotFound) {
  const auto progress = destruction_progress(base_records(), query_on("2019-12-31"));
  ASSERT_FALSE(progress.ok());
  EXPECT_EQ(progress.error().code, ErrorCode::not_found);
  EXPECT_EQ(progress.error().field, "category");
}

TEST(OperationsDestructionProgress, BadQueriesAndRecordsAreRefusedByField) {
  EXPECT_EQ(destruction_progress(base_records(), query_on("2023-13-01")).error().field, "on");
  EXPECT_EQ(destruction_progress(base_records(), query_on("2023-06-30", Deadline{"soon", {}}))
                .error()
                .field,
            "deadline");
  EXPECT_EQ(destruction_progress(base_records(),
                                 query_on("2023-06-30", Deadline{"2025-01-01", "2024-01-01"}))
                .error()
                .field,
            "extended_to");
  auto query = query_on("2023-06-30");
  query.trend_years = 0;
  EXPECT_EQ(destruction_progress(base_records(), query).error().field, "trend_years");
  auto records = base_records();
  records.events[1].quantity = -200;
  const auto progress = destruction_progress(records, query_on("2023-06-30"));
  ASSERT_FALSE(progress.ok());
  EXPECT_EQ(progress.error().code, ErrorCode::invalid_argument);
  EXPECT_EQ(progress.error().field, "events[1].quantity");
}

}  // namespace
}  // namespace concord::operations
