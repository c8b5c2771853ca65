// Due dates, reminders and timeliness on both backends: the addressed state's time zone and the
// operators' rules at sending, the overdue filter, reminders and overdue notices at most once per
// leg and due kind (however often the sweep runs), and timeliness figures on a history built with
// the ManualClock.
#include "tracing/tracing_fixture.h"

namespace concord::tracing {
namespace {

using namespace std::chrono;
using Unit = DueDuration::Unit;

const access::Principal kOperator = access::Principal::system("operator");

TEST_P(TracingTest, DueDatesFollowTheAddressedStatesZoneAndTheMostSpecificRule) {
  ASSERT_TRUE(service_->set_time_zone(kOperator, "JP", "Asia/Tokyo").ok());
  auto bad_zone = service_->set_time_zone(kOperator, "JP", "Asia/Atlantis");
  ASSERT_FALSE(bad_zone.ok());
  EXPECT_EQ(bad_zone.error().field, "time_zone");
  auto bad_state = service_->set_time_zone(kOperator, "XX", "UTC");
  ASSERT_FALSE(bad_state.ok());
  EXPECT_EQ(bad_state.error().field, "state");
  auto table = service_->replace_due_rules(
      kOperator, {{DueKind::answer, std::nullopt, "FR", "DE", {10, Unit::days}},
                  {DueKind::answer, Priority::routine, "", "", {1, Unit::months}}});
  ASSERT_TRUE(table.ok()) << table.error().message;
  EXPECT_EQ(table->rules.size(), 2u);
  EXPECT_EQ(table->defaults.size(), 3u);
  auto duplicate = service_->replace_due_rules(
      kOperator, {{DueKind::answer, std::nullopt, "FR", "DE", {10, Unit::days}},
                  {DueKind::answer, std::nullopt, "FR", "DE", {11, Unit::days}}});
  ASSERT_FALSE(duplicate.ok());
  EXPECT_EQ(duplicate.error().field, "rules[1]");
  // Configuring is for operators.
  auto contact_configures = service_->set_time_zone(contact("FR"), "FR", "Europe/Paris");
  ASSERT_FALSE(contact_configures.ok());
  EXPECT_EQ(contact_configures.error().code, ErrorCode::permission_denied);

  // Sent at 23:30 UTC on 31 January: already 1 February in Tokyo.
  clock_.set(*parse_iso8601("2027-01-31T23:30:00Z"));
  TracingRequest request = sent_request("FR", {"JP", "DE", "IT"});
  const Leg& japan = *request.leg_to("JP");
  EXPECT_EQ(japan.time_zone, "Asia/Tokyo");
  EXPECT_EQ(japan.acknowledge_due_at, "2027-02-03T14:59:59.999Z");  // 3 Feb, end of day in Tokyo
  EXPECT_EQ(japan.answer_due_at, "2027-03-01T14:59:59.999Z");       // 1 Feb + P1M
  const Leg& germany = *request.leg_to("DE");
  EXPECT_EQ(germany.answer_due_at, "2027-02-10T23:59:59.999Z");  // the FR->DE rule
  const Leg& italy = *request.leg_to("IT");
  EXPECT_EQ(italy.answer_due_at, "2027-02-28T23:59:59.999Z");  // 31 Jan + P1M, clamped
  // Urgent requests keep the default two days.
  TracingRequest urgent = sent_request("FR", {"IT"}, Priority::urgent);
  EXPECT_EQ(urgent.legs[0].answer_due_at, "2027-02-02T23:59:59.999Z");
}

TEST_P(TracingTest, TheOverdueFilterFindsLegsPastTheirDueDates) {
  TracingRequest late = sent_request("FR", {"BE"});
  TracingRequest acknowledged = sent_request("FR", {"NL"});
  ASSERT_TRUE(service_->acknowledge(contact("NL"), acknowledged.id).ok());
  clock_.set(*parse_iso8601("2027-03-13T00:00:00Z"));  // after the acknowledgement due date
  auto overdue = service_->list(contact("FR"), {Box::sent, std::nullopt, true, "", 50});
  ASSERT_TRUE(overdue.ok());
  ASSERT_EQ(overdue->requests.size(), 1u);
  EXPECT_EQ(overdue->requests[0].id, late.id);
  auto received = service_->list(contact("BE"), {Box::received, std::nullopt, true, "", 50});
  ASSERT_TRUE(received.ok());
  EXPECT_EQ(received->requests.size(), 1u);
  auto by_status =
      service_->list(contact("FR"), {Box::sent, std::string("acknowledged"), false, "", 50});
  ASSERT_TRUE(by_status.ok());
  ASSERT_EQ(by_status->requests.size(), 1u);
  EXPECT_EQ(by_status->requests[0].id, acknowledged.id);
  auto bad_status = service_->list(contact("FR"), {Box::sent, std::string("lost"), false, "", 50});
  ASSERT_FALSE(bad_status.ok());
  EXPECT_EQ(bad_status.error().field, "status");
  // Pages, newest first.
  auto first = service_->list(contact("FR"), {Box::sent, std::nullopt, false, "", 1});
  ASSERT_TRUE(first.ok());
  ASSERT_EQ(first->requests.size(), 1u);
  EXPECT_EQ(first->requests[0].id, acknowledged.id);
  ASSERT_TRUE(first->next_before.has_value());
  auto second =
      service_->list(contact("FR"), {Box::sent, std::nullopt, false, *first->next_before, 1});
  ASSERT_TRUE(second.ok());
  ASSERT_EQ(second->requests.size(), 1u);
  EXPECT_EQ(second->requests[0].id, late.id);
  EXPECT_FALSE(second->next_before.has_value());
}

TEST_P(TracingTest, RemindersAndOverdueNoticesGoOutAtMostOnce) {
  // Sent 2027-03-10 09:00; acknowledgement due 2027-03-12 23:59:59.999 UTC.
  TracingRequest request = sent_request("FR", {"BE"});
  auto nothing_yet = service_->send_reminders(clock_.now());
  ASSERT_TRUE(nothing_yet.ok());
  EXPECT_EQ(nothing_yet->reminders + nothing_yet->overdue, 0);

  const TimePoint day_before = *parse_iso8601("2027-03-12T08:00:00Z");
  for (int sweep = 0; sweep < 3; ++sweep) {
    auto swept = service_->send_reminders(day_before + minutes(sweep));
    ASSERT_TRUE(swept.ok()) << swept.error().message;
    EXPECT_EQ(swept->reminders, sweep == 0 ? 1 : 0);
    EXPECT_EQ(swept->overdue, 0);
  }
  EXPECT_EQ(notifications("BE", "tracing.reminder", request.id), 1);

  const TimePoint after = *parse_iso8601("2027-03-13T00:00:00Z");
  for (int sweep = 0; sweep < 3; ++sweep) {
    auto swept = service_->send_reminders(after + minutes(sweep));
    ASSERT_TRUE(swept.ok());
    EXPECT_EQ(swept->overdue, sweep == 0 ? 1 : 0);
  }
  EXPECT_EQ(notifications("BE", "tracing.overdue", request.id), 1);
  EXPECT_EQ(notifications("FR", "tracing.overdue", request.id), 1);

  // Acknowledging stops the acknowledgement notices; the answer has its own, once each.
  ASSERT_TRUE(service_->acknowledge(contact("BE"), request.id).ok());
  const TimePoint answer_day_before = *parse_iso8601("2027-04-09T12:00:00Z");
  auto reminded = service_->send_reminders(answer_day_before);
  ASSERT_TRUE(reminded.ok());
  EXPECT_EQ(reminded->reminders, 1);
  EXPECT_EQ(reminded->overdue, 0);
  // A sweep that first runs after the due date sends only the overdue notice.
  auto late = service_->send_reminders(*parse_iso8601("2027-05-01T00:00:00Z"));
  ASSERT_TRUE(late.ok());
  EXPECT_EQ(late->overdue, 1);
  EXPECT_EQ(late->reminders, 0);
  EXPECT_EQ(notifications("BE", "tracing.overdue", request.id), 2);
  EXPECT_EQ(notifications("BE", "tracing.reminder", request.id), 2);
  // Answered legs are never reminded.
  ASSERT_TRUE(
      service_
          ->answer(contact("BE"), request.id, {AnswerOutcome::untraceable, std::nullopt, {}, ""})
          .ok());
  auto quiet = service_->send_reminders(*parse_iso8601("2028-01-01T00:00:00Z"));
  ASSERT_TRUE(quiet.ok());
  EXPECT_EQ(quiet->reminders + quiet->overdue, 0);
}

TEST_P(TracingTest, TimelinessOnAConstructedHistory) {
  // 2027-03-10 09:00: FR sends to BE and DE, and NL sends to BE.
  TracingRequest first = sent_request("FR", {"BE", "DE"});
  TracingRequest second = sent_request("NL", {"BE"});
  clock_.advance(hours(2));
  ASSERT_TRUE(service_->acknowledge(contact("BE"), first.id).ok());  // 2 h
  clock_.advance(hours(2));
  ASSERT_TRUE(service_->acknowledge(contact("BE"), second.id).ok());  // 4 h
  clock_.advance(hours(6));
  ASSERT_TRUE(
      service_->answer(contact("BE"), first.id, {AnswerOutcome::untraceable, std::nullopt, {}, ""})
          .ok());  // 10 h
  clock_.advance(hours(20));
  ASSERT_TRUE(service_->acknowledge(contact("DE"), first.id).ok());  // 30 h
  // BE answers the second request late: 40 days after sending.
  clock_.set(*parse_iso8601("2027-04-19T09:00:00Z"));
  ASSERT_TRUE(service_->decline(contact("BE"), second.id, "no records kept").ok());
  // A request sent outside the range is not counted.
  clock_.set(*parse_iso8601("2027-05-01T09:00:00Z"));
  sent_request("FR", {"BE"});

  auto report =
      service_->timeliness(contact("FR"), std::string("2027-03-01"), std::string("2027-04-01"));
  ASSERT_TRUE(report.ok()) << report.error().message;
  EXPECT_EQ(report->from, "2027-03-01T00:00:00.000Z");
  EXPECT_EQ(report->to, "2027-04-01T00:00:00.000Z");
  ASSERT_EQ(report->states.size(), 2u);
  const StateTimeliness& be = report->states[0];
  EXPECT_EQ(be.state, "BE");
  EXPECT_EQ(be.received, 2);
  EXPECT_DOUBLE_EQ(*be.median_hours_to_acknowledge, 3);  // (2 + 4) / 2
  EXPECT_DOUBLE_EQ(*be.median_hours_to_answer, (10 + 40 * 24) / 2.0);
  EXPECT_DOUBLE_EQ(*be.share_answered_by_due_date, 0.5);
  EXPECT_EQ(be.overdue_now, 0);
  const StateTimeliness& de = report->states[1];
  EXPECT_EQ(de.state, "DE");
  EXPECT_DOUBLE_EQ(*de.median_hours_to_acknowledge, 30);
  EXPECT_FALSE(de.median_hours_to_answer);
  EXPECT_DOUBLE_EQ(*de.share_answered_by_due_date, 0.0);  // due 9 April, still open
  EXPECT_EQ(de.overdue_now, 1);

  auto bad = service_->timeliness(contact("FR"), std::string("yesterday"), std::nullopt);
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.error().field, "from");
  auto observer =
      service_->timeliness(user("FR", access::Role::civil_society), std::nullopt, std::nullopt);
  ASSERT_FALSE(observer.ok());
  EXPECT_EQ(observer.error().code, ErrorCode::permission_denied);
}

}  // namespace
}  // namespace concord::tracing
