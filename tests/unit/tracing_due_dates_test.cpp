// Due-date arithmetic: ISO 8601 durations, the most specific rule, and the end of the local day in
// the addressed state's zone across time zones, DST changes (skipped and repeated midnights), month
// ends and leap years. Expected instants were worked out independently (Python's zoneinfo).
#include <gtest/gtest.h>

#include "tracing/due_dates.h"

namespace concord::tracing {
namespace {

using Unit = DueDuration::Unit;

TimePoint at(const char* iso) {
  auto parsed = parse_iso8601(iso);
  EXPECT_TRUE(parsed.has_value()) << iso;
  return parsed.value_or(TimePoint{});
}

const date::time_zone& zone(const char* name) {
  auto found = find_time_zone(name, "time_zone");
  EXPECT_TRUE(found.ok()) << name;
  return **found;
}

std::string due(const char* sent, const char* duration, const char* zone_name) {
  auto within = parse_due_duration(duration, "within");
  EXPECT_TRUE(within.ok()) << duration;
  return format_iso8601(due_at(at(sent), *within, zone(zone_name)));
}

TEST(TracingDueDates, ParsesDaysAndMonthsOnly) {
  EXPECT_EQ(*parse_due_duration("P2D", "within"), (DueDuration{2, Unit::days}));
  EXPECT_EQ(*parse_due_duration("P30D", "within"), (DueDuration{30, Unit::days}));
  EXPECT_EQ(*parse_due_duration("P1M", "within"), (DueDuration{1, Unit::months}));
  EXPECT_EQ(*parse_due_duration("P0D", "within"), (DueDuration{0, Unit::days}));
  EXPECT_EQ(*parse_due_duration("P3660D", "within"), (DueDuration{3660, Unit::days}));
  for (const char* bad : {"", "P", "PD", "2D", "P2", "p2d", "P2d", "P-1D", "P+1D", "P1W", "PT2H",
                          "P1Y", "P1M2D", "P3661D", "P121M", "P 2D", "P2D ", "P99999999D"}) {
    auto parsed = parse_due_duration(bad, "rules[0].within");
    ASSERT_FALSE(parsed.ok()) << bad;
    EXPECT_EQ(parsed.error().code, ErrorCode::invalid_argument);
    EXPECT_EQ(parsed.error().field, "rules[0].within");
  }
  EXPECT_EQ(format_due_duration({30, Unit::days}), "P30D");
  EXPECT_EQ(format_due_duration({1, Unit::months}), "P1M");
}

TEST(TracingDueDates, DefaultsAcknowledgeInTwoDaysAnswerUrgentInTwoRoutineInThirty) {
  EXPECT_EQ(due_within({}, DueKind::acknowledge, Priority::routine, "FR", "DE"),
            (DueDuration{2, Unit::days}));
  EXPECT_EQ(due_within({}, DueKind::acknowledge, Priority::urgent, "FR", "DE"),
            (DueDuration{2, Unit::days}));
  EXPECT_EQ(due_within({}, DueKind::answer, Priority::urgent, "FR", "DE"),
            (DueDuration{2, Unit::days}));
  EXPECT_EQ(due_within({}, DueKind::answer, Priority::routine, "FR", "DE"),
            (DueDuration{30, Unit::days}));
}

TEST(TracingDueDates, TheMostSpecificRuleWins) {
  const std::vector<DueRule> rules = {
      {DueKind::answer, std::nullopt, "", "", {20, Unit::days}},
      {DueKind::answer, Priority::routine, "", "", {25, Unit::days}},
      {DueKind::answer, std::nullopt, "", "DE", {40, Unit::days}},
      {DueKind::answer, std::nullopt, "FR", "", {35, Unit::days}},
      {DueKind::answer, std::nullopt, "FR", "DE", {45, Unit::days}},
      {DueKind::answer, Priority::urgent, "FR", "DE", {1, Unit::days}},
  };
  // Exact pair and priority.
  EXPECT_EQ(due_within(rules, DueKind::answer, Priority::urgent, "FR", "DE").count, 1);
  // Pair beats priority.
  EXPECT_EQ(due_within(rules, DueKind::answer, Priority::routine, "FR", "DE").count, 45);
  // The addressed state beats the sending state.
  EXPECT_EQ(due_within(rules, DueKind::answer, Priority::routine, "BE", "DE").count, 40);
  EXPECT_EQ(due_within(rules, DueKind::answer, Priority::routine, "FR", "IT").count, 35);
  // Priority beats the catch-all.
  EXPECT_EQ(due_within(rules, DueKind::answer, Priority::routine, "BE", "IT").count, 25);
  EXPECT_EQ(due_within(rules, DueKind::answer, Priority::urgent, "BE", "IT").count, 20);
  // A kind without rules falls back to the defaults.
  EXPECT_EQ(due_within(rules, DueKind::acknowledge, Priority::urgent, "FR", "DE").count, 2);
}

TEST(TracingDueDates, DueAtTheEndOfTheLocalDayInUtc) {
  EXPECT_EQ(due("2027-03-10T10:00:00Z", "P2D", "UTC"), "2027-03-12T23:59:59.999Z");
  EXPECT_EQ(due("2027-03-10T00:00:00Z", "P0D", "UTC"), "2027-03-10T23:59:59.999Z");
  EXPECT_EQ(due("2027-03-10T23:59:59.999Z", "P0D", "UTC"), "2027-03-10T23:59:59.999Z");
}

TEST(TracingDueDates, SentAt2330UtcIsAlreadyTheNextDayInTokyo) {
  // 23:30 UTC on the 10th is 08:30 on the 11th in Tokyo (UTC+9), so P2D runs to the 13th there.
  EXPECT_EQ(due("2027-03-10T23:30:00Z", "P2D", "Asia/Tokyo"), "2027-03-13T14:59:59.999Z");
  EXPECT_EQ(due("2027-03-10T23:30:00Z", "P2D", "UTC"), "2027-03-12T23:59:59.999Z");
  // West of UTC the local day is still the 9th.
  EXPECT_EQ(due("2027-03-10T03:00:00Z", "P2D", "America/Los_Angeles"), "2027-03-12T07:59:59.999Z");
  // UTC+14: the 1st at 11:00 UTC is the 2nd locally.
  EXPECT_EQ(due("2027-01-01T11:00:00Z", "P0D", "Pacific/Kiritimati"), "2027-01-02T09:59:59.999Z");
}

TEST(TracingDueDates, DaylightSavingChanges) {
  // Paris moves to summer time on 2027-03-28: that day ends at 22:00 UTC - 1 ms (UTC+2).
  EXPECT_EQ(due("2027-03-26T12:00:00Z", "P2D", "Europe/Paris"), "2027-03-28T21:59:59.999Z");
  // And back on 2027-10-31 (UTC+1 at the end of that day).
  EXPECT_EQ(due("2027-10-29T12:00:00Z", "P2D", "Europe/Paris"), "2027-10-31T22:59:59.999Z");
  // Santiago skips midnight on 2027-09-05 (00:00 -> 01:00): the 4th ends when the 5th begins.
  EXPECT_EQ(due("2027-09-02T15:00:00Z", "P2D", "America/Santiago"), "2027-09-05T03:59:59.999Z");
  // Santiago falls back from 24:00 to 23:00 on 2027-04-03: the 3rd ends at its second midnight.
  EXPECT_EQ(due("2027-04-01T15:00:00Z", "P2D", "America/Santiago"), "2027-04-04T03:59:59.999Z");
  // Havana skips midnight on 2027-03-14 and repeats 00:00-01:00 on 2027-11-07: the day before
  // ends at the first midnight.
  EXPECT_EQ(due("2027-03-11T15:00:00Z", "P2D", "America/Havana"), "2027-03-14T04:59:59.999Z");
  EXPECT_EQ(due("2027-11-04T15:00:00Z", "P2D", "America/Havana"), "2027-11-07T03:59:59.999Z");
}

TEST(TracingDueDates, MonthStepsClampToTheMonthsEnd) {
  using date::day;
  using date::month;
  using date::year;
  const auto add = [](int y, unsigned m, unsigned d, DueDuration duration) {
    return add_due_duration(year{y} / month{m} / day{d}, duration);
  };
  EXPECT_EQ(add(2027, 1, 31, {1, Unit::months}), year{2027} / 2 / 28);
  EXPECT_EQ(add(2028, 1, 31, {1, Unit::months}), year{2028} / 2 / 29);
  EXPECT_EQ(add(2027, 3, 31, {1, Unit::months}), year{2027} / 4 / 30);
  EXPECT_EQ(add(2028, 2, 29, {12, Unit::months}), year{2029} / 2 / 28);
  EXPECT_EQ(add(2027, 11, 30, {3, Unit::months}), year{2028} / 2 / 29);
  EXPECT_EQ(add(2027, 1, 15, {1, Unit::months}), year{2027} / 2 / 15);
  EXPECT_EQ(add(2027, 1, 15, {30, Unit::days}), year{2027} / 2 / 14);
  EXPECT_EQ(add(2028, 2, 28, {1, Unit::days}), year{2028} / 2 / 29);
  EXPECT_EQ(add(2027, 2, 28, {1, Unit::days}), year{2027} / 3 / 1);
  EXPECT_EQ(add(2027, 12, 31, {1, Unit::days}), year{2028} / 1 / 1);
  EXPECT_EQ(due("2027-01-31T10:00:00Z", "P1M", "UTC"), "2027-02-28T23:59:59.999Z");
  EXPECT_EQ(due("2028-01-31T10:00:00Z", "P1M", "UTC"), "2028-02-29T23:59:59.999Z");
  // 15:30 UTC on 30 January is 00:30 on the 31st in Tokyo, so P1M clamps to 28 February there.
  EXPECT_EQ(due("2027-01-30T15:30:00Z", "P1M", "Asia/Tokyo"), "2027-02-28T14:59:59.999Z");
  EXPECT_EQ(due("2027-01-30T15:30:00Z", "P1M", "UTC"), "2027-02-28T23:59:59.999Z");
}

TEST(TracingDueDates, UnknownZonesAreRefusedByName) {
  auto unknown = find_time_zone("Mars/Olympus_Mons", "time_zone");
  ASSERT_FALSE(unknown.ok());
  EXPECT_EQ(unknown.error().field, "time_zone");
  EXPECT_FALSE(find_time_zone("", "time_zone").ok());
  EXPECT_TRUE(find_time_zone("UTC", "time_zone").ok());
}

TEST(TracingDueDates, OverdueFlagsOnlyOpenLegs) {
  const TimePoint acknowledge_due = at("2027-03-12T23:59:59.999Z");
  const TimePoint answer_due = at("2027-04-09T23:59:59.999Z");
  const TimePoint before = at("2027-03-12T23:59:59.999Z");
  const TimePoint after_ack = at("2027-03-13T00:00:00Z");
  const TimePoint after_answer = at("2027-04-10T00:00:00Z");
  EXPECT_EQ(overdue_kind(LegStatus::sent, acknowledge_due, answer_due, before), std::nullopt);
  EXPECT_EQ(overdue_kind(LegStatus::sent, acknowledge_due, answer_due, after_ack),
            DueKind::acknowledge);
  EXPECT_EQ(overdue_kind(LegStatus::acknowledged, acknowledge_due, answer_due, after_ack),
            std::nullopt);
  EXPECT_EQ(overdue_kind(LegStatus::sent, acknowledge_due, answer_due, after_answer),
            DueKind::answer);
  EXPECT_EQ(overdue_kind(LegStatus::in_progress, acknowledge_due, answer_due, after_answer),
            DueKind::answer);
  for (LegStatus done : {LegStatus::draft, LegStatus::answered, LegStatus::untraceable,
                         LegStatus::declined, LegStatus::forwarded, LegStatus::closed}) {
    EXPECT_EQ(overdue_kind(done, acknowledge_due, answer_due, after_answer), std::nullopt);
  }
}

}  // namespace
}  // namespace concord::tracing
