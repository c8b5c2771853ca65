// The dispatcher on both backends, delivering to a receiver on 127.0.0.1: signed requests, retries
// with back-off on 500 (time moved with a ManualClock, never waited for), giving up after the
// configured attempts, a dead node's claim running out, and two dispatchers sharing one outbox
// without delivering any row twice.
#include "notification/webhook_dispatcher.h"

#include <gtest/gtest.h>

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <set>
#include <thread>

#include "notification/notification_fixture.h"
#include "notification/webhook_receiver.h"
#include "notification/webhook_service.h"
#include "notification/webhook_signature.h"

namespace concord::notification {
namespace {

using access::Role;
using namespace std::chrono;

class Dispatcher : public NotificationTest {
 protected:
  void SetUp() override {
    NotificationTest::SetUp();
    webhooks_ = std::make_unique<WebhookService>(*db_, clock_, ids_, audit_);
    contact_ = user("FR", {Role::national_contact});
    sender_ = make_http_sender({milliseconds(2000), milliseconds(5000), ""});
  }

  // Subscribes FR to `topics` at `url`; returns the secret.
  std::string subscribe(const std::string& url, std::vector<std::string> topics = {"*"}) {
    auto created = webhooks_->subscribe(contact_, {"", url, std::move(topics)});
    EXPECT_TRUE(created.ok()) << created.error().message;
    return created.ok() ? created->secret : "";
  }

  DispatchRound run(WebhookDispatcher& dispatcher) {
    auto round = dispatcher.run_once(clock_.now());
    EXPECT_TRUE(round.ok()) << round.error().message;
    return round.ok() ? *round : DispatchRound{};
  }

  std::string text(const std::string& sql, const std::vector<store::Value>& params = {}) {
    auto result =
        store::in_transaction(*db_, store::TransactionMode::read_only,
                              [&](store::Transaction& tx) -> Result<std::string> {
                                CONCORD_ASSIGN_OR_RETURN(auto rows, tx.query(sql, params));
                                return rows.rows.at(0).optional_text(0).value_or("");
                              });
    EXPECT_TRUE(result.ok()) << sql;
    return result.ok() ? *result : "";
  }

  // The delay from now until the single delivery is next due.
  milliseconds next_attempt_in() {
    auto next = parse_iso8601(text("SELECT next_attempt_at FROM webhook_deliveries"));
    EXPECT_TRUE(next);
    return next ? duration_cast<milliseconds>(*next - clock_.now()) : milliseconds(0);
  }

  access::AuditTrail audit_{clock_};
  std::unique_ptr<WebhookService> webhooks_;
  access::Principal contact_;
  std::unique_ptr<WebhookSender> sender_;
  WebhookReceiver receiver_;
};

TEST_P(Dispatcher, DeliversSignedRequestsToTheReceiver) {
  const std::string secret = subscribe(receiver_.url("/in?src=concord"), {"hit.*"});
  ASSERT_TRUE(send(state_notification("FR", "hit.created")).ok());
  ASSERT_TRUE(send(state_notification("FR", "tracing.received")).ok());  // not subscribed

  WebhookDispatcher dispatcher(*db_, clock_, *sender_);
  const DispatchRound round = run(dispatcher);
  EXPECT_EQ(round.claimed, 1);
  EXPECT_EQ(round.delivered, 1);

  const auto received = receiver_.received();
  ASSERT_EQ(received.size(), 1U);
  const ReceivedWebhook& hook = received[0];
  EXPECT_EQ(hook.target, "/in?src=concord");
  EXPECT_EQ(hook.headers.at("content-type"), "application/json");
  EXPECT_EQ(hook.headers.at("x-concord-event"), "hit.created");
  const std::string delivery_id = text("SELECT id FROM webhook_deliveries");
  EXPECT_EQ(hook.headers.at("x-concord-delivery"), delivery_id);
  const std::string timestamp = hook.headers.at("x-concord-timestamp");
  EXPECT_EQ(timestamp,
            std::to_string(duration_cast<seconds>(clock_.now().time_since_epoch()).count()));
  EXPECT_EQ(hook.headers.at("x-concord-signature"),
            webhook_signature(secret, timestamp, hook.body));
  EXPECT_EQ(nlohmann::json::parse(hook.body)["topic"], "hit.created");
  EXPECT_EQ(hook.body, text("SELECT body FROM webhook_deliveries"));

  EXPECT_EQ(text("SELECT status FROM webhook_deliveries"), "delivered");
  EXPECT_EQ(count("SELECT COUNT(*) FROM webhook_deliveries WHERE last_status_code = 200 AND "
                  "attempts = 1 AND delivered_at IS NOT NULL AND lease_owner IS NULL"),
            1);
  EXPECT_EQ(run(dispatcher).claimed, 0);
}

TEST_P(Dispatcher, RetriesWithGrowingBackOffUntilTheReceiverAccepts) {
  subscribe(receiver_.url());
  ASSERT_TRUE(send(state_notification("FR", "hit.created")).ok());
  receiver_.answer_with({500, 503, 500});
  WebhookDispatcher dispatcher(*db_, clock_, *sender_);

  const std::vector<milliseconds> expected = {seconds(30), minutes(1), minutes(2)};
  for (const milliseconds base : expected) {
    const DispatchRound round = run(dispatcher);
    ASSERT_EQ(round.retrying, 1);
    const milliseconds delay = next_attempt_in();
    EXPECT_GE(delay, base * 8 / 10);
    EXPECT_LE(delay, base * 12 / 10);
    EXPECT_EQ(run(dispatcher).claimed, 0) << "not due before its back-off";
    clock_.advance(delay);
  }
  EXPECT_NE(text("SELECT last_error FROM webhook_deliveries").find("500"), std::string::npos);
  const DispatchRound last = run(dispatcher);
  EXPECT_EQ(last.delivered, 1);
  EXPECT_EQ(count("SELECT COUNT(*) FROM webhook_deliveries WHERE status = 'delivered' AND "
                  "attempts = 4 AND last_error = ''"),
            1);
  EXPECT_EQ(receiver_.received().size(), 4U);
}

TEST_P(Dispatcher, GivesUpAfterMaxAttemptsKeepingTheLastError) {
  subscribe(receiver_.url());
  ASSERT_TRUE(send(state_notification("FR", "hit.created")).ok());
  receiver_.answer_with({500, 500, 500, 500, 500, 500});
  DispatcherOptions options;
  options.max_attempts = 3;
  WebhookDispatcher dispatcher(*db_, clock_, *sender_, options);
  for (int attempt = 1; attempt <= 3; ++attempt) {
    const DispatchRound round = run(dispatcher);
    ASSERT_EQ(round.claimed, 1);
    EXPECT_EQ(round.failed, attempt == 3 ? 1 : 0);
    clock_.advance(hours(2));
  }
  EXPECT_EQ(run(dispatcher).claimed, 0);
  EXPECT_EQ(count("SELECT COUNT(*) FROM webhook_deliveries WHERE status = 'failed' AND "
                  "attempts = 3 AND last_status_code = 500"),
            1);
  EXPECT_NE(text("SELECT last_error FROM webhook_deliveries").find("500"), std::string::npos);
  EXPECT_EQ(receiver_.received().size(), 3U);
}

TEST_P(Dispatcher, AnUnreachableReceiverIsAFailedAttempt) {
  std::uint16_t closed_port = 0;
  {
    boost::asio::io_context io;
    boost::asio::ip::tcp::acceptor probe(io, {boost::asio::ip::make_address("127.0.0.1"), 0});
    closed_port = probe.local_endpoint().port();
  }
  subscribe("http://127.0.0.1:" + std::to_string(closed_port) + "/hook");
  ASSERT_TRUE(send(state_notification("FR", "hit.created")).ok());
  WebhookDispatcher dispatcher(*db_, clock_, *sender_);
  EXPECT_EQ(run(dispatcher).retrying, 1);
  EXPECT_EQ(count("SELECT COUNT(*) FROM webhook_deliveries WHERE status = 'pending' AND "
                  "attempts = 1 AND last_status_code IS NULL AND last_error <> ''"),
            1);
}

TEST_P(Dispatcher, ADeadNodesClaimRunsOutAndTheRowIsDeliveredLater) {
  subscribe(receiver_.url());
  ASSERT_TRUE(send(state_notification("FR", "hit.created")).ok());
  // As if a node claimed the row and died before recording anything.
  execute(
      "UPDATE webhook_deliveries SET lease_owner = 'dead-node', attempts = 1, "
      "next_attempt_at = $1",
      {format_iso8601(clock_.now() + minutes(5))});
  WebhookDispatcher dispatcher(*db_, clock_, *sender_);
  EXPECT_EQ(run(dispatcher).claimed, 0);
  clock_.advance(minutes(5));
  EXPECT_EQ(run(dispatcher).delivered, 1);
  EXPECT_EQ(count("SELECT COUNT(*) FROM webhook_deliveries WHERE status = 'delivered' AND "
                  "attempts = 2"),
            1);
}

TEST_P(Dispatcher, ADeletedSubscriptionIsNotDelivered) {
  subscribe(receiver_.url());
  ASSERT_TRUE(send(state_notification("FR", "hit.created")).ok());
  // Disabled behind the service's back, as if between the claim and the delivery.
  execute("UPDATE webhooks SET disabled_at = '2027-01-01T00:00:00.000Z'");
  WebhookDispatcher dispatcher(*db_, clock_, *sender_);
  EXPECT_EQ(run(dispatcher).cancelled, 1);
  EXPECT_TRUE(receiver_.received().empty());
  EXPECT_EQ(text("SELECT status FROM webhook_deliveries"), "cancelled");
}

TEST_P(Dispatcher, TwoDispatchersNeverDeliverTheSameRowTwice) {
  subscribe(receiver_.url());
  constexpr int kNotifications = 40;
  for (int i = 0; i < kNotifications; ++i) {
    ASSERT_TRUE(send(state_notification("FR", "hit.created")).ok());
  }
  DispatcherOptions options;
  options.batch_size = 3;
  WebhookDispatcher first(*db_, clock_, *sender_, options);
  WebhookDispatcher second(*db_, clock_, *sender_, options);
  std::atomic<int> delivered{0};
  const auto drain = [&](WebhookDispatcher& dispatcher) {
    for (;;) {
      auto round = dispatcher.run_once(clock_.now());
      ASSERT_TRUE(round.ok()) << round.error().message;
      delivered += round->delivered;
      if (round->claimed == 0) return;
    }
  };
  std::thread a([&] { drain(first); });
  std::thread b([&] { drain(second); });
  a.join();
  b.join();

  EXPECT_EQ(delivered.load(), kNotifications);
  const auto received = receiver_.received();
  std::set<std::string> ids;
  for (const auto& hook : received)
    ids.insert(hook.headers.at("x-concord-delivery"));
  EXPECT_EQ(received.size(), static_cast<std::size_t>(kNotifications));
  EXPECT_EQ(ids.size(), static_cast<std::size_t>(kNotifications));
  EXPECT_EQ(count("SELECT COUNT(*) FROM webhook_deliveries WHERE status = 'delivered' AND "
                  "attempts = 1"),
            kNotifications);
}

TEST_P(Dispatcher, StartAndStopRunRoundsInTheBackground) {
  subscribe(receiver_.url());
  ASSERT_TRUE(send(state_notification("FR", "hit.created")).ok());
  WebhookDispatcher dispatcher(*db_, clock_, *sender_);
  dispatcher.start(milliseconds(20));
  // Waits for the outcome, not for a time: the test fails by its own timeout if it never comes.
  while (count("SELECT COUNT(*) FROM webhook_deliveries WHERE status = 'delivered'") == 0) {
    std::this_thread::sleep_for(milliseconds(10));
  }
  dispatcher.stop();
  dispatcher.stop();
  EXPECT_EQ(receiver_.received().size(), 1U);
}

INSTANTIATE_TEST_SUITE_P(Backends, Dispatcher,
                         ::testing::ValuesIn(concord::testing::all_backends()));

}  // namespace
}  // namespace concord::notification
