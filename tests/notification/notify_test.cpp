// notify() on both backends: what it validates (naming the field), that the inbox row and the
// outbox rows live and die with the caller's transaction, and the fan-out to webhooks by topic.
#include <gtest/gtest.h>

#include <functional>

#include "notification/notification_fixture.h"

namespace concord::notification {
namespace {

using Notify = NotificationTest;

TEST_P(Notify, StoresTheInboxEntry) {
  auto id = send(state_notification("FR", "hit.created"));
  ASSERT_TRUE(id.ok()) << id.error().message;
  EXPECT_TRUE(is_valid_id(*id));
  EXPECT_EQ(count("SELECT COUNT(*) FROM notifications WHERE id = $1 AND state = 'FR' AND "
                  "user_id IS NULL AND topic = 'hit.created'",
                  {*id}),
            1);
}

TEST_P(Notify, RefusesBadInputNamingTheField) {
  const access::Principal fr = user("FR", {access::Role::tracing_officer});
  struct Case {
    std::function<void(Notification&)> spoil;
    std::string field;
  };
  const std::vector<Case> cases = {
      {[](Notification& n) { n.state = ""; }, "state"},
      {[](Notification& n) { n.state = "fr"; }, "state"},
      {[](Notification& n) { n.state = "XX"; }, "state"},
      {[](Notification& n) { n.user_id = "nobody"; }, "user_id"},
      {[&](Notification& n) { n.user_id = ids_.next(); }, "user_id"},
      {[&](Notification& n) {
         n.user_id = fr.user_id;
         n.state = "DE";
       },
       "user_id"},
      {[](Notification& n) { n.topic = ""; }, "topic"},
      {[](Notification& n) { n.topic = "Hit.Created"; }, "topic"},
      {[](Notification& n) { n.topic = "hit..created"; }, "topic"},
      {[](Notification& n) { n.topic = "hit.*"; }, "topic"},
      {[](Notification& n) { n.subject_type = ""; }, "subject_type"},
      {[](Notification& n) { n.subject_type = "Tracing Request"; }, "subject_type"},
      {[](Notification& n) { n.subject_id = " "; }, "subject_id"},
      {[](Notification& n) { n.summary = ""; }, "summary"},
      {[](Notification& n) { n.summary = "two\nlines"; }, "summary"},
      {[](Notification& n) { n.summary = std::string(501, 'a'); }, "summary"},
      {[](Notification& n) { n.summary = "\xff"; }, "summary"},
      {[](Notification& n) { n.payload = nlohmann::json::array(); }, "payload"},
      {[](Notification& n) {
         n.payload = {{"big", std::string(70000, 'x')}};
       },
       "payload"},
  };
  for (const Case& c : cases) {
    Notification n = state_notification("FR", "hit.created");
    c.spoil(n);
    auto sent = send(n);
    ASSERT_FALSE(sent.ok()) << c.field;
    EXPECT_EQ(sent.error().field, c.field) << sent.error().message;
  }
  EXPECT_EQ(count("SELECT COUNT(*) FROM notifications"), 0);
}

TEST_P(Notify, ABadCallLeavesTheCallersTransactionUsable) {
  auto done = store::in_transaction(
      *db_, store::TransactionMode::read_write, [&](store::Transaction& tx) -> Result<void> {
        Notification bad = state_notification("XX", "hit.created");
        EXPECT_FALSE(notify(tx, ids_, clock_, bad).ok());
        CONCORD_TRY(notify(tx, ids_, clock_, state_notification("FR", "hit.created")));
        return ok();
      });
  ASSERT_TRUE(done.ok()) << done.error().message;
  EXPECT_EQ(count("SELECT COUNT(*) FROM notifications"), 1);
}

TEST_P(Notify, InsideARolledBackTransactionLeavesNothing) {
  execute(
      "INSERT INTO webhooks (id, state, url, topics, secret, created_by, created_at) VALUES "
      "($1, 'FR', 'http://127.0.0.1:9/hook', '*', 'aa', 'test', '2027-01-01T00:00:00.000Z')",
      {ids_.next()});
  auto rolled_back = store::in_transaction(
      *db_, store::TransactionMode::read_write, [&](store::Transaction& tx) -> Result<void> {
        CONCORD_TRY(notify(tx, ids_, clock_, state_notification("FR", "hit.created")));
        return Error::invalid("weapon", "the caller's own change failed afterwards");
      });
  ASSERT_FALSE(rolled_back.ok());
  EXPECT_EQ(count("SELECT COUNT(*) FROM notifications"), 0);
  EXPECT_EQ(count("SELECT COUNT(*) FROM webhook_deliveries"), 0);
}

TEST_P(Notify, QueuesOneDeliveryPerActiveWebhookWhoseTopicsMatch) {
  const auto webhook = [&](const std::string& state, const std::string& topics,
                           bool disabled = false) {
    const std::string id = ids_.next();
    execute(
        "INSERT INTO webhooks (id, state, url, topics, secret, created_by, created_at, "
        "disabled_at) VALUES ($1, $2, 'http://127.0.0.1:9/hook', $3, 'aa', 'test', "
        "'2027-01-01T00:00:00.000Z', $4)",
        {id, state, topics,
         disabled ? store::Value{std::string("2027-01-02T00:00:00.000Z")} : store::Value{}});
    return id;
  };
  const std::string everything = webhook("FR", "*");
  const std::string tracing = webhook("FR", "tracing.*");
  const std::string hits = webhook("FR", "records.validation_due hit.created");
  const std::string disabled = webhook("FR", "*", true);
  const std::string german = webhook("DE", "*");

  ASSERT_TRUE(send(state_notification("FR", "hit.created")).ok());
  ASSERT_TRUE(send(state_notification("FR", "tracing.received")).ok());
  ASSERT_TRUE(send(state_notification("FR", "tracing")).ok());

  const auto deliveries = [&](const std::string& webhook_id) {
    return count(
        "SELECT COUNT(*) FROM webhook_deliveries WHERE webhook_id = $1 AND "
        "status = 'pending' AND attempts = 0",
        {webhook_id});
  };
  EXPECT_EQ(deliveries(everything), 3);
  EXPECT_EQ(deliveries(tracing), 1);
  EXPECT_EQ(deliveries(hits), 1);
  EXPECT_EQ(deliveries(disabled), 0);
  EXPECT_EQ(deliveries(german), 0);
}

TEST_P(Notify, TheQueuedBodyIsTheNotification) {
  execute(
      "INSERT INTO webhooks (id, state, url, topics, secret, created_by, created_at) VALUES "
      "($1, 'FR', 'http://127.0.0.1:9/hook', '*', 'aa', 'test', '2027-01-01T00:00:00.000Z')",
      {ids_.next()});
  auto id = send(state_notification("FR", "hit.created", "A seizure in DE matches your theft"));
  ASSERT_TRUE(id.ok());
  auto body = store::in_transaction(
      *db_, store::TransactionMode::read_only, [&](store::Transaction& tx) -> Result<std::string> {
        CONCORD_ASSIGN_OR_RETURN(auto rows, tx.query("SELECT body FROM webhook_deliveries"));
        return rows.rows.at(0).text(0);
      });
  ASSERT_TRUE(body.ok());
  const auto json = nlohmann::json::parse(*body);
  EXPECT_EQ(json["id"], *id);
  EXPECT_EQ(json["topic"], "hit.created");
  EXPECT_EQ(json["state"], "FR");
  EXPECT_EQ(json["subject_type"], "hit");
  EXPECT_EQ(json["summary"], "A seizure in DE matches your theft");
  EXPECT_EQ(json["payload"]["score"], 0.93);
  EXPECT_EQ(json["created_at"], format_iso8601(clock_.now()));
}

INSTANTIATE_TEST_SUITE_P(Backends, Notify, ::testing::ValuesIn(concord::testing::all_backends()));

}  // namespace
}  // namespace concord::notification
