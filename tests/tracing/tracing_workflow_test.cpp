// The tracing workflow on both backends: a draft with suggested addressees, sending with a
// snapshot of the record, who may read and act (parties only, each on its own side), the forward
// chain to the next state, an answer with a chain of custody, closing, messages, requests for
// information and attachments, and the audit of confidential reads.
#include <thread>

#include "tracing/tracing_fixture.h"

namespace concord::tracing {
namespace {

using access::Role;

TEST_P(TracingTest, ADraftTakesTheSuggestedAddresseesWithReasons) {
  const std::string record = add_weapon("FR", "BE");
  auto suggestion = service_->suggest_addressees(contact("FR"), record);
  ASSERT_TRUE(suggestion.ok()) << suggestion.error().message;
  ASSERT_EQ(suggestion->addressees.size(), 1u);
  EXPECT_EQ(suggestion->addressees[0].state, "BE");

  auto draft = service_->create_draft(contact("FR"), {record, content(), std::nullopt});
  ASSERT_TRUE(draft.ok()) << draft.error().message;
  EXPECT_EQ(draft->status, RequestStatus::draft);
  ASSERT_EQ(draft->legs.size(), 1u);
  EXPECT_EQ(draft->legs[0].to_state, "BE");
  EXPECT_EQ(draft->legs[0].role, "state_of_manufacture");
  EXPECT_NE(draft->legs[0].reason.find("BE"), std::string::npos);
  EXPECT_TRUE(draft->weapon.is_null());

  // Another state's record looks like no record at all.
  const std::string german = add_weapon("DE", "BE");
  auto foreign = service_->create_draft(contact("FR"), {german, content(), std::nullopt});
  ASSERT_FALSE(foreign.ok());
  EXPECT_EQ(foreign.error().code, ErrorCode::not_found);
  EXPECT_EQ(foreign.error().field, "record_id");
}

TEST_P(TracingTest, BadContentAndAddresseesAreRefusedByField) {
  const std::string record = add_weapon("FR", "BE");
  RequestContent urgent = content(Priority::urgent);
  urgent.urgency_justification.clear();
  auto unjustified = service_->create_draft(contact("FR"), {record, urgent, std::nullopt});
  ASSERT_FALSE(unjustified.ok());
  EXPECT_EQ(unjustified.error().field, "urgency_justification");
  for (const auto& [addressees, field] :
       std::vector<std::pair<std::vector<std::string>, std::string>>{
           {{"BE", "XX"}, "addressees[1]"},
           {{"FR"}, "addressees[0]"},
           {{"BE", "BE"}, "addressees[1]"}}) {
    auto refused = service_->create_draft(contact("FR"), {record, content(), addressees});
    ASSERT_FALSE(refused.ok());
    EXPECT_EQ(refused.error().field, field);
  }
  auto empty =
      service_->create_draft(contact("FR"), {record, content(), std::vector<std::string>{}});
  ASSERT_TRUE(empty.ok());
  auto unsendable = service_->send(contact("FR"), empty->id, std::nullopt);
  ASSERT_FALSE(unsendable.ok());
  EXPECT_EQ(unsendable.error().field, "addressees");
}

TEST_P(TracingTest, SendingCopiesTheRecordAndTellsTheAddressees) {
  const std::string record = add_weapon("FR", "BE");
  auto draft = service_->create_draft(contact("FR"), {record, content(), std::nullopt});
  ASSERT_TRUE(draft.ok());
  // The addressee cannot see a draft.
  auto early = service_->get(contact("BE"), draft->id);
  ASSERT_FALSE(early.ok());
  EXPECT_EQ(early.error().code, ErrorCode::permission_denied);

  // The sender changes the addressees when sending.
  auto sent = service_->send(contact("FR"), draft->id, std::vector<std::string>{"BE", "NL"});
  ASSERT_TRUE(sent.ok()) << sent.error().message;
  EXPECT_EQ(sent->status, RequestStatus::open);
  ASSERT_EQ(sent->legs.size(), 2u);
  EXPECT_EQ(sent->legs[0].role, "state_of_manufacture");
  EXPECT_EQ(sent->legs[1].role, "chosen");
  for (const auto& leg : sent->legs) {
    EXPECT_EQ(leg.status, LegStatus::sent);
    EXPECT_EQ(leg.sent_at, "2027-03-10T09:00:00.000Z");
    EXPECT_EQ(leg.acknowledge_due_at, "2027-03-12T23:59:59.999Z");
    EXPECT_EQ(leg.answer_due_at, "2027-04-09T23:59:59.999Z");
    EXPECT_EQ(leg.time_zone, "UTC");
  }
  ASSERT_TRUE(sent->weapon.is_object());
  EXPECT_EQ(sent->weapon["serial"], "AB12345");
  EXPECT_EQ(sent->weapon["markings"].size(), 2u);
  EXPECT_EQ(sent->weapon["record_id"], record);
  EXPECT_EQ(notifications("BE", "tracing.received", sent->id), 1);
  EXPECT_EQ(notifications("NL", "tracing.received", sent->id), 1);
  EXPECT_EQ(notifications("DE", "tracing.received", sent->id), 0);

  // Sending twice is a lifecycle refusal.
  auto again = service_->send(contact("FR"), sent->id, std::nullopt);
  ASSERT_FALSE(again.ok());
  EXPECT_EQ(again.error().code, ErrorCode::conflict);
  EXPECT_NE(again.error().message.find("is sent; allowed next"), std::string::npos);
}

TEST_P(TracingTest, OnlyPartiesReadAndReadsByOthersThanTheSenderAreAudited) {
  TracingRequest request = sent_request("FR", {"BE"});
  ASSERT_TRUE(service_->get(contact("FR"), request.id).ok());
  ASSERT_TRUE(service_->get(user("BE", Role::analyst), request.id).ok());
  EXPECT_EQ(audit_entries(request.id, "tracing.read", "success", "FR"), 0);
  EXPECT_EQ(audit_entries(request.id, "tracing.read", "success", "BE"), 1);

  for (const auto& outsider : {contact("DE"), user("DE", Role::tracing_officer)}) {
    auto refused = service_->get(outsider, request.id);
    ASSERT_FALSE(refused.ok());
    EXPECT_EQ(refused.error().code, ErrorCode::permission_denied);
    EXPECT_EQ(refused.error().message, "this tracing request is not shared with your state");
    EXPECT_FALSE(service_->messages(outsider, request.id).ok());
    EXPECT_FALSE(service_->attachments(outsider, request.id).ok());
  }
  EXPECT_GE(audit_entries(request.id, "tracing.read", "denied", "DE"), 2);
  // An observer of a party state has no tracing role.
  auto observer = service_->get(user("FR", Role::civil_society), request.id);
  ASSERT_FALSE(observer.ok());
  EXPECT_EQ(observer.error().code, ErrorCode::permission_denied);
  // Lists: the sender's sent box and the addressee's received box, nobody else's.
  auto sent_box = service_->list(contact("FR"), {Box::sent, std::nullopt, false, "", 50});
  ASSERT_TRUE(sent_box.ok());
  ASSERT_EQ(sent_box->requests.size(), 1u);
  auto received = service_->list(contact("BE"), {Box::received, std::nullopt, false, "", 50});
  ASSERT_TRUE(received.ok());
  EXPECT_EQ(received->requests.size(), 1u);
  auto others = service_->list(contact("DE"), {Box::received, std::nullopt, false, "", 50});
  ASSERT_TRUE(others.ok());
  EXPECT_TRUE(others->requests.empty());
  auto wrong_box = service_->list(contact("FR"), {Box::received, std::nullopt, false, "", 50});
  ASSERT_TRUE(wrong_box.ok());
  EXPECT_TRUE(wrong_box->requests.empty());
}

TEST_P(TracingTest, EachSideActsOnlyOnItsOwnSide) {
  TracingRequest request = sent_request("FR", {"BE"});
  auto sender_acknowledges = service_->acknowledge(contact("FR"), request.id);
  ASSERT_FALSE(sender_acknowledges.ok());
  EXPECT_EQ(sender_acknowledges.error().code, ErrorCode::permission_denied);
  auto addressee_closes = service_->close(contact("BE"), request.id);
  ASSERT_FALSE(addressee_closes.ok());
  EXPECT_EQ(addressee_closes.error().code, ErrorCode::permission_denied);
  auto outsider = service_->acknowledge(contact("DE"), request.id);
  ASSERT_FALSE(outsider.ok());
  EXPECT_EQ(outsider.error().code, ErrorCode::permission_denied);
  // Responding is for national contacts, not tracing officers.
  auto officer = service_->acknowledge(user("BE", Role::tracing_officer), request.id);
  ASSERT_FALSE(officer.ok());
  EXPECT_EQ(officer.error().code, ErrorCode::permission_denied);
  // Closing an open leg is a lifecycle refusal naming the leg.
  auto early_close = service_->close(contact("FR"), request.id);
  ASSERT_FALSE(early_close.ok());
  EXPECT_EQ(early_close.error().code, ErrorCode::conflict);
  EXPECT_EQ(early_close.error().message,
            "cannot close: the request to BE is sent; allowed next: acknowledge, decline, forward");
  auto early_answer = service_->answer(contact("BE"), request.id,
                                       Answer{AnswerOutcome::untraceable, std::nullopt, {}, ""});
  ASSERT_FALSE(early_answer.ok());
  EXPECT_EQ(early_answer.error().code, ErrorCode::conflict);
}

TEST_P(TracingTest, ForwardChainAnswerAndClose) {
  // FR asks BE (manufacture); BE forwards to DE (the importer); DE answers; FR closes.
  TracingRequest request = sent_request("FR", {"BE"});
  clock_.advance(std::chrono::hours(3));
  ASSERT_TRUE(service_->acknowledge(contact("BE"), request.id).ok());
  EXPECT_EQ(notifications("FR", "tracing.acknowledged", request.id), 1);
  auto forwarded = service_->forward(contact("BE"), request.id, "DE", "exported to Import GmbH");
  ASSERT_TRUE(forwarded.ok()) << forwarded.error().message;
  ASSERT_EQ(forwarded->legs.size(), 2u);
  EXPECT_EQ(forwarded->legs[0].status, LegStatus::forwarded);
  const Leg& next = forwarded->legs[1];
  EXPECT_EQ(next.from_state, "BE");
  EXPECT_EQ(next.to_state, "DE");
  EXPECT_EQ(next.status, LegStatus::sent);
  EXPECT_EQ(next.forwarded_from, forwarded->legs[0].id);
  EXPECT_EQ(next.role, "forwarded");
  EXPECT_EQ(next.acknowledge_due_at, "2027-03-12T23:59:59.999Z");
  EXPECT_EQ(notifications("DE", "tracing.received", request.id), 1);
  EXPECT_EQ(notifications("FR", "tracing.forwarded", request.id), 1);

  // Forwarding again, or to a party, is refused.
  auto twice = service_->forward(contact("BE"), request.id, "NL", "");
  ASSERT_FALSE(twice.ok());
  EXPECT_EQ(twice.error().code, ErrorCode::conflict);
  auto back = service_->forward(contact("DE"), request.id, "BE", "");
  ASSERT_FALSE(back.ok());
  EXPECT_EQ(back.error().field, "to_state");
  auto unknown = service_->forward(contact("DE"), request.id, "XX", "");
  ASSERT_FALSE(unknown.ok());
  EXPECT_EQ(unknown.error().field, "to_state");

  // DE, now a party, reads the request; FR cannot close while DE's leg is open.
  ASSERT_TRUE(service_->get(contact("DE"), request.id).ok());
  ASSERT_TRUE(service_->acknowledge(contact("DE"), request.id).ok());
  ASSERT_TRUE(service_->start(contact("DE"), request.id).ok());
  Answer answer;
  answer.outcome = AnswerOutcome::full;
  answer.chain_of_custody = {
      {CustodyEventKind::manufacture, "2004", {{"FN Herstal", "BE"}}, {}, ""},
      {CustodyEventKind::import, "2004-06-12", {{"Import GmbH", "DE"}}, {{"", "EUC 2004/77"}}, ""},
      {CustodyEventKind::last_legal_holder, "2015", {{"Sportschützen e.V.", "DE"}}, {}, ""},
      {CustodyEventKind::diversion, "2019-02", {}, {}, "reported stolen in Köln"},
  };
  auto bad = answer;
  bad.chain_of_custody[1].parties[0].country = "ZZ";
  auto refused = service_->answer(contact("DE"), request.id, bad);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().field, "chain_of_custody[1].parties[0].country");
  auto answered = service_->answer(contact("DE"), request.id, answer);
  ASSERT_TRUE(answered.ok()) << answered.error().message;
  EXPECT_EQ(answered->legs[1].status, LegStatus::answered);
  ASSERT_TRUE(answered->legs[1].answer.has_value());
  EXPECT_EQ(*answered->legs[1].answer, answer);
  EXPECT_EQ(notifications("FR", "tracing.answered", request.id), 1);
  EXPECT_EQ(notifications("BE", "tracing.answered", request.id), 1);  // the forwarder

  auto closed = service_->close(contact("FR"), request.id);
  ASSERT_TRUE(closed.ok()) << closed.error().message;
  EXPECT_EQ(closed->status, RequestStatus::closed);
  for (const auto& leg : closed->legs)
    EXPECT_EQ(leg.status, LegStatus::closed);
  EXPECT_EQ(notifications("DE", "tracing.closed", request.id), 1);
  EXPECT_EQ(notifications("BE", "tracing.closed", request.id), 1);

  // Reloaded from the store, the answer and the chain are intact.
  auto reloaded = service_->get(contact("FR"), request.id);
  ASSERT_TRUE(reloaded.ok());
  EXPECT_EQ(*reloaded->legs[1].answer, answer);
  // Every change was audited.
  EXPECT_EQ(audit_entries(request.id, "tracing.respond", "success", "BE"), 2);
  EXPECT_EQ(audit_entries(request.id, "tracing.respond", "success", "DE"), 3);
  EXPECT_EQ(audit_entries(request.id, "tracing.send", "success", "FR"), 3);
}

TEST_P(TracingTest, RestrictedUntraceableAndDeclinedAnswers) {
  TracingRequest request = sent_request("FR", {"BE", "NL", "IT"});
  for (const char* state : {"BE", "NL"})
    ASSERT_TRUE(service_->acknowledge(contact(state), request.id).ok());
  Answer restricted{AnswerOutcome::restricted, RestrictionReason::national_security, {}, ""};
  auto first = service_->answer(contact("BE"), request.id, restricted);
  ASSERT_TRUE(first.ok()) << first.error().message;
  EXPECT_EQ(first->legs[0].status, LegStatus::answered);
  auto second = service_->answer(contact("NL"), request.id,
                                 {AnswerOutcome::untraceable, std::nullopt, {}, "no trace"});
  ASSERT_TRUE(second.ok());
  EXPECT_EQ(second->legs[1].status, LegStatus::untraceable);
  auto no_reason = service_->decline(contact("IT"), request.id, "");
  ASSERT_FALSE(no_reason.ok());
  EXPECT_EQ(no_reason.error().field, "reason");
  auto declined = service_->decline(contact("IT"), request.id, "not our weapon");
  ASSERT_TRUE(declined.ok());
  EXPECT_EQ(declined->legs[2].status, LegStatus::declined);
  EXPECT_EQ(declined->legs[2].decline_reason, "not our weapon");
  EXPECT_EQ(notifications("FR", "tracing.declined", request.id), 1);
  ASSERT_TRUE(service_->close(contact("FR"), request.id).ok());
}

TEST_P(TracingTest, MessagesAndRequestsForInformation) {
  TracingRequest request = sent_request("FR", {"BE"});
  ASSERT_TRUE(service_->acknowledge(contact("BE"), request.id).ok());
  auto asked =
      service_->request_information(contact("BE"), request.id, "Please send a photo of the slide.");
  ASSERT_TRUE(asked.ok());
  EXPECT_EQ(asked->legs[0].status, LegStatus::more_information_requested);
  EXPECT_EQ(notifications("FR", "tracing.information_requested", request.id), 1);
  auto answered =
      service_->provide_information(contact("FR"), request.id, std::nullopt, "Photo attached.");
  ASSERT_TRUE(answered.ok()) << answered.error().message;
  EXPECT_EQ(answered->legs[0].status, LegStatus::in_progress);
  auto none_asked = service_->provide_information(contact("FR"), request.id, std::nullopt, "More.");
  ASSERT_FALSE(none_asked.ok());
  EXPECT_EQ(none_asked.error().code, ErrorCode::conflict);

  auto message = service_->add_message(contact("BE"), request.id, "Working on it.");
  ASSERT_TRUE(message.ok());
  EXPECT_EQ(notifications("FR", "tracing.message", request.id), 1);
  EXPECT_EQ(notifications("BE", "tracing.message", request.id), 0);
  auto outsider = service_->add_message(contact("DE"), request.id, "Hello?");
  ASSERT_FALSE(outsider.ok());
  EXPECT_EQ(outsider.error().code, ErrorCode::permission_denied);
  auto empty = service_->add_message(contact("FR"), request.id, "");
  ASSERT_FALSE(empty.ok());
  EXPECT_EQ(empty.error().field, "body");

  auto thread = service_->messages(contact("BE"), request.id);
  ASSERT_TRUE(thread.ok());
  ASSERT_EQ(thread->size(), 3u);
  EXPECT_EQ((*thread)[0].kind, MessageKind::information_request);
  EXPECT_EQ((*thread)[0].from_state, "BE");
  EXPECT_EQ((*thread)[1].kind, MessageKind::information_response);
  EXPECT_EQ((*thread)[2].body, "Working on it.");
  EXPECT_EQ(audit_entries(request.id, "tracing.read", "success", "BE"), 1);
}

TEST_P(TracingTest, AttachmentsAreStoredByTheirBytesAndCitedInTheAnswer) {
  TracingRequest request = sent_request("FR", {"BE"});
  const std::vector<unsigned char> png = {
      0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 13, 'I',  'H',  'D',  'R', 0,
      0,    0,   1,   0,   0,    0,    1,    8,    2, 0, 0, 0,  0x90, 0x77, 0x53, 0xde};
  auto attached = service_->attach(contact("FR"), request.id, "slide.png", "the slide", png);
  ASSERT_TRUE(attached.ok()) << attached.error().message;
  EXPECT_EQ(attached->content_type, "image/png");
  auto outsider = service_->attach(contact("DE"), request.id, "x.png", "", png);
  ASSERT_FALSE(outsider.ok());
  EXPECT_EQ(outsider.error().code, ErrorCode::permission_denied);
  auto listed = service_->attachments(contact("BE"), request.id);
  ASSERT_TRUE(listed.ok());
  ASSERT_EQ(listed->size(), 1u);

  ASSERT_TRUE(service_->acknowledge(contact("BE"), request.id).ok());
  Answer answer;
  answer.outcome = AnswerOutcome::partial;
  answer.chain_of_custody = {{CustodyEventKind::manufacture,
                              "2004",
                              {{"FN Herstal", "BE"}},
                              {{"01J00000000000000000000000", ""}},
                              ""}};
  // A document must be one of this request's attachments.
  auto foreign = service_->answer(contact("BE"), request.id, answer);
  ASSERT_FALSE(foreign.ok());
  EXPECT_EQ(foreign.error().field, "chain_of_custody[0].documents[0].attachment_id");
  answer.chain_of_custody[0].documents = {{attached->id, ""}, {"", "production log 2004/11"}};
  auto answered = service_->answer(contact("BE"), request.id, answer);
  ASSERT_TRUE(answered.ok()) << answered.error().message;
  EXPECT_EQ(answered->legs[0].answer->chain_of_custody[0].documents.size(), 2u);
}

TEST_P(TracingTest, ConcurrentStepsOnDifferentLegsKeepEachOther) {
  const std::vector<std::string> states = {"BE", "NL", "IT", "ES", "PT", "AT"};
  TracingRequest request = sent_request("FR", states);
  std::vector<std::thread> threads;
  std::vector<Result<TracingRequest>> results(states.size(), Error::internal("not run"));
  for (size_t i = 0; i < states.size(); ++i) {
    threads.emplace_back(
        [&, i] { results[i] = service_->acknowledge(contact(states[i]), request.id); });
  }
  for (auto& thread : threads)
    thread.join();
  for (const auto& result : results)
    ASSERT_TRUE(result.ok()) << result.error().message;
  auto reloaded = service_->get(contact("FR"), request.id);
  ASSERT_TRUE(reloaded.ok());
  for (const auto& leg : reloaded->legs)
    EXPECT_EQ(leg.status, LegStatus::acknowledged) << leg.to_state;
}

INSTANTIATE_TEST_SUITE_P(Backends, TracingTest,
                         ::testing::ValuesIn(concord::testing::all_backends()), backend_name);

}  // namespace
}  // namespace concord::tracing
