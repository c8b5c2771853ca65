// The inbox and webhook routes through the real server: who sees which entries, per-user read
// marks, errors naming the field, and a webhook subscribed over the API receiving a signed delivery
// from the dispatcher that `serve` runs. Notifications are made with notify() on the server's
// database, as the registry and tracing areas make them.
#include <gtest/gtest.h>

#include <chrono>
#include <thread>

#include "api/api_fixture.h"
#include "core/clock.h"
#include "core/id.h"
#include "notification/notification.h"
#include "notification/webhook_receiver.h"
#include "notification/webhook_signature.h"

namespace concord::testing {
namespace {

using nlohmann::json;

class NotificationApi : public ApiTest {
 protected:
  // Stores a notification for `state` (and `user_id`, when given) as another area would.
  std::string notify(const std::string& state, const std::string& topic,
                     const std::string& user_id = "") {
    auto db = store::open_database(db_url_);
    EXPECT_TRUE(db.ok());
    notification::Notification n;
    n.state = state;
    n.user_id = user_id;
    n.topic = topic;
    n.subject_type = "tracing_request";
    n.subject_id = "01JTRACE000000000000000000";
    n.summary = "Tracing request from DE";
    n.payload = {{"priority", "urgent"}};
    auto id = store::in_transaction(
        **db, store::TransactionMode::read_write,
        [&](store::Transaction& tx) { return notification::notify(tx, ids_, clock_, n); });
    EXPECT_TRUE(id.ok()) << id.error().message;
    return id.ok() ? *id : "";
  }

  std::string user_id(const std::string& username) {
    auto users = json_of(as(*client_, operator_session(), "GET", "/api/v1/users"));
    for (const auto& user : users["users"]) {
      if (user["username"] == username) return user["id"];
    }
    return "";
  }

  SystemClock clock_;
  IdGenerator ids_{clock_};
};

TEST_P(NotificationApi, TheInboxShowsEachUserTheirOwnAndTheirStatesEntries) {
  add_user(db_url_, "fr.officer", "FR", {"tracing_officer"});
  add_user(db_url_, "fr.contact", "FR", {"national_contact"});
  add_user(db_url_, "de.officer", "DE", {"tracing_officer"});
  add_user(db_url_, "fr.observer", "FR", {"civil_society"});
  const Session officer = sign_in(*client_, "fr.officer");
  const Session contact = sign_in(*client_, "fr.contact");
  const Session german = sign_in(*client_, "de.officer");
  const Session observer = sign_in(*client_, "fr.observer");

  notify("FR", "tracing.received");
  notify("FR", "hit.created");
  const std::string personal = notify("FR", "tracing.answered", user_id("fr.officer"));
  notify("DE", "tracing.acknowledged");

  auto mine = as(*client_, officer, "GET", "/api/v1/inbox");
  ASSERT_EQ(mine.status, 200) << mine.body;
  auto body = json_of(mine);
  ASSERT_EQ(body["entries"].size(), 3u);
  EXPECT_EQ(body["entries"][0]["id"], personal);  // newest first
  EXPECT_EQ(body["entries"][0]["payload"]["priority"], "urgent");
  EXPECT_TRUE(body["entries"][0]["read_at"].is_null());
  EXPECT_EQ(body["unread"], 3);

  EXPECT_EQ(json_of(as(*client_, contact, "GET", "/api/v1/inbox"))["entries"].size(), 2u);
  EXPECT_EQ(json_of(as(*client_, german, "GET", "/api/v1/inbox"))["entries"].size(), 1u);
  EXPECT_EQ(json_of(as(*client_, observer, "GET", "/api/v1/inbox"))["entries"].size(), 0u);

  auto read = as(*client_, officer, "POST", "/api/v1/inbox/" + personal + "/read");
  ASSERT_EQ(read.status, 200) << read.body;
  EXPECT_TRUE(json_of(read)["read_at"].is_string());
  auto unread = json_of(as(*client_, officer, "GET", "/api/v1/inbox?unread_only=true"));
  EXPECT_EQ(unread["entries"].size(), 2u);
  EXPECT_EQ(unread["unread"], 2);
  auto tracing = json_of(as(*client_, officer, "GET", "/api/v1/inbox?topic=tracing.*&limit=1"));
  EXPECT_EQ(tracing["entries"].size(), 1u);
  EXPECT_TRUE(tracing["next_after"].is_string());

  // The German officer cannot mark a French entry.
  EXPECT_EQ(as(*client_, german, "POST", "/api/v1/inbox/" + personal + "/read").status, 404);

  auto all = as(*client_, contact, "POST", "/api/v1/inbox/read-all");
  ASSERT_EQ(all.status, 200) << all.body;
  EXPECT_EQ(json_of(all)["marked"], 2);
  EXPECT_EQ(json_of(as(*client_, officer, "GET", "/api/v1/inbox"))["unread"], 2);

  auto bad_limit = as(*client_, officer, "GET", "/api/v1/inbox?limit=0");
  EXPECT_EQ(bad_limit.status, 400);
  EXPECT_EQ(error_field(bad_limit), "limit");
  auto bad_flag = as(*client_, officer, "GET", "/api/v1/inbox?unread_only=yes");
  EXPECT_EQ(bad_flag.status, 400);
  EXPECT_EQ(error_field(bad_flag), "unread_only");
  auto bad_topic = as(*client_, officer, "GET", "/api/v1/inbox?topic=Tracing");
  EXPECT_EQ(bad_topic.status, 400);
  EXPECT_EQ(error_field(bad_topic), "topic");
}

TEST_P(NotificationApi, AWebhookSubscribedOverTheApiReceivesSignedDeliveries) {
  add_user(db_url_, "fr.contact", "FR", {"national_contact"});
  add_user(db_url_, "de.contact", "DE", {"national_contact"});
  const Session contact = sign_in(*client_, "fr.contact");
  const Session german = sign_in(*client_, "de.contact");
  notification::WebhookReceiver receiver;

  auto created = as(*client_, contact, "POST", "/api/v1/webhooks",
                    json{{"url", receiver.url("/concord")}, {"topics", {"hit.*"}}}.dump());
  ASSERT_EQ(created.status, 201) << created.body;
  const json webhook = json_of(created);
  const std::string id = webhook["id"];
  const std::string secret = webhook["secret"];
  EXPECT_EQ(webhook["state"], "FR");
  EXPECT_EQ(created.header("location"), "/api/v1/webhooks/" + id);
  EXPECT_EQ(secret.size(), 64u);

  auto listed = json_of(as(*client_, contact, "GET", "/api/v1/webhooks"));
  ASSERT_EQ(listed["webhooks"].size(), 1u);
  EXPECT_FALSE(listed["webhooks"][0].contains("secret"));
  EXPECT_EQ(as(*client_, german, "GET", "/api/v1/webhooks?state=FR").status, 403);
  EXPECT_EQ(as(*client_, german, "DELETE", "/api/v1/webhooks/" + id).status, 403);

  notify("FR", "tracing.received");  // not subscribed
  const std::string hit = notify("FR", "hit.created");
  // The dispatcher in `serve` polls every second; wait for the outcome, not for a time.
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
  while (receiver.received().empty() && std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  const auto received = receiver.received();
  ASSERT_EQ(received.size(), 1u);
  const auto& delivery = received[0];
  EXPECT_EQ(delivery.target, "/concord");
  EXPECT_EQ(delivery.headers.at("x-concord-event"), "hit.created");
  EXPECT_EQ(json::parse(delivery.body)["id"], hit);
  EXPECT_EQ(delivery.headers.at("x-concord-signature"),
            notification::webhook_signature(secret, delivery.headers.at("x-concord-timestamp"),
                                            delivery.body));

  auto deleted = as(*client_, contact, "DELETE", "/api/v1/webhooks/" + id);
  ASSERT_EQ(deleted.status, 200) << deleted.body;
  EXPECT_TRUE(json_of(deleted)["disabled_at"].is_string());
  EXPECT_EQ(json_of(as(*client_, contact, "GET", "/api/v1/webhooks"))["webhooks"].size(), 0u);
  EXPECT_EQ(
      json_of(as(*client_, contact, "GET", "/api/v1/webhooks?include_disabled=true"))["webhooks"]
          .size(),
      1u);
}

TEST_P(NotificationApi, BadSubscriptionsNameTheField) {
  add_user(db_url_, "fr.contact", "FR", {"national_contact"});
  const Session contact = sign_in(*client_, "fr.contact");
  const std::vector<std::pair<json, std::string>> cases = {
      {json{{"url", "ftp://example.org/"}, {"topics", {"*"}}}, "url"},
      {json{{"url", "https://user:pw@example.org/"}, {"topics", {"*"}}}, "url"},
      {json{{"url", "https://example.org/"}}, "topics"},
      {json{{"url", "https://example.org/"}, {"topics", "*"}}, "topics"},
      {json{{"url", "https://example.org/"}, {"topics", {"*", 3}}}, "topics[1]"},
      {json{{"url", "https://example.org/"}, {"topics", {"hit.**"}}}, "topics[0]"},
      {json{{"url", "https://example.org/"}, {"topics", {"*"}}, {"colour", "red"}}, "colour"},
  };
  for (const auto& [body, field] : cases) {
    auto response = as(*client_, contact, "POST", "/api/v1/webhooks", body.dump());
    EXPECT_EQ(response.status, 400) << body.dump() << " " << response.body;
    EXPECT_EQ(error_field(response), field) << body.dump();
  }
  // Without a state, the caller's own state is meant (the operator's is CH).
  auto no_state =
      post("/api/v1/webhooks", json{{"url", "https://example.org/"}, {"topics", {"*"}}}.dump());
  ASSERT_EQ(no_state.status, 201) << no_state.body;
  EXPECT_EQ(json_of(no_state)["state"], "CH");
}

INSTANTIATE_TEST_SUITE_P(Backends, NotificationApi, ::testing::ValuesIn(all_backends()),
                         backend_name);

}  // namespace
}  // namespace concord::testing
