// Webhook subscriptions on both backends: who may manage whose (a national contact their own
// state's, an operator any state's, nobody else), validation naming the field, the secret shown
// once, deletion disabling the subscription and cancelling its pending deliveries, and the audit.
#include "notification/webhook_service.h"

#include <gtest/gtest.h>

#include "notification/notification_fixture.h"

namespace concord::notification {
namespace {

using access::Role;

class Webhooks : public NotificationTest {
 protected:
  void SetUp() override {
    NotificationTest::SetUp();
    service_ = std::make_unique<WebhookService>(*db_, clock_, ids_, audit_);
  }

  NewWebhook hook(const std::string& state = "", std::vector<std::string> topics = {"*"}) {
    return {state, "https://hooks.example.org/concord", std::move(topics)};
  }

  access::AuditTrail audit_{clock_};
  std::unique_ptr<WebhookService> service_;
};

TEST_P(Webhooks, ANationalContactSubscribesTheirOwnState) {
  const auto contact = user("FR", {Role::national_contact});
  auto created = service_->subscribe(contact, hook("", {"tracing.*", "hit.created", "tracing.*"}));
  ASSERT_TRUE(created.ok()) << created.error().message;
  EXPECT_EQ(created->webhook.state, "FR");
  EXPECT_EQ(created->webhook.url, "https://hooks.example.org/concord");
  EXPECT_EQ(created->webhook.topics, (std::vector<std::string>{"tracing.*", "hit.created"}));
  EXPECT_EQ(created->webhook.created_by, contact.user_id);
  EXPECT_EQ(created->secret.size(), 64U);

  auto listed = service_->list(contact, "");
  ASSERT_TRUE(listed.ok()) << listed.error().message;
  ASSERT_EQ(listed->size(), 1U);
  EXPECT_EQ((*listed)[0].id, created->webhook.id);
  EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log WHERE action = 'webhooks.manage' AND "
                  "target_id = $1",
                  {created->webhook.id}),
            1);
}

TEST_P(Webhooks, OnlyTheStatesContactOrAnOperatorMayManage) {
  const auto french_contact = user("FR", {Role::national_contact});
  const auto german_contact = user("DE", {Role::national_contact});
  const auto officer = user("FR", {Role::tracing_officer});
  const auto observer = user("FR", {Role::civil_society});
  const auto op = user("KE", {Role::operator_});

  EXPECT_EQ(service_->subscribe(french_contact, hook("DE")).error().code,
            ErrorCode::permission_denied);
  EXPECT_EQ(service_->subscribe(officer, hook()).error().code, ErrorCode::permission_denied);
  EXPECT_EQ(service_->subscribe(observer, hook()).error().code, ErrorCode::permission_denied);
  EXPECT_EQ(service_->subscribe(access::Principal::anonymous(), hook("FR")).error().code,
            ErrorCode::unauthenticated);
  EXPECT_EQ(service_->list(german_contact, "FR").error().code, ErrorCode::permission_denied);

  auto by_operator = service_->subscribe(op, hook("FR"));
  ASSERT_TRUE(by_operator.ok()) << by_operator.error().message;
  EXPECT_EQ(by_operator->webhook.state, "FR");
  auto seen_by_operator = service_->list(op, "FR");
  ASSERT_TRUE(seen_by_operator.ok());
  EXPECT_EQ(seen_by_operator->size(), 1U);

  auto foreign_delete = service_->disable(german_contact, by_operator->webhook.id);
  ASSERT_FALSE(foreign_delete.ok());
  EXPECT_EQ(foreign_delete.error().code, ErrorCode::permission_denied);
  EXPECT_EQ(service_->disable(officer, by_operator->webhook.id).error().code,
            ErrorCode::permission_denied);
  auto deleted = service_->disable(french_contact, by_operator->webhook.id);
  ASSERT_TRUE(deleted.ok()) << deleted.error().message;
  EXPECT_TRUE(deleted->disabled_at);
}

TEST_P(Webhooks, BadInputNamesTheField) {
  const auto contact = user("FR", {Role::national_contact});
  const auto op = user("KE", {Role::operator_});
  struct Case {
    access::Principal actor;
    NewWebhook input;
    std::string field;
  };
  const std::vector<Case> cases = {
      {contact, {"", "ftp://example.org/", {"*"}}, "url"},
      {contact, {"", "https://user:pw@example.org/", {"*"}}, "url"},
      {contact, {"", "https://example.org/", {}}, "topics"},
      {contact, {"", "https://example.org/", {"hit.created", "Tracing"}}, "topics[1]"},
      {op, {"XX", "https://example.org/", {"*"}}, "state"},
  };
  for (const Case& c : cases) {
    auto created = service_->subscribe(c.actor, c.input);
    ASSERT_FALSE(created.ok()) << c.field;
    EXPECT_EQ(created.error().field, c.field) << created.error().message;
  }
  EXPECT_EQ(service_->disable(contact, "nope").error().field, "id");
  EXPECT_EQ(service_->disable(contact, ids_.next()).error().code, ErrorCode::not_found);
  EXPECT_EQ(count("SELECT COUNT(*) FROM webhooks"), 0);
}

TEST_P(Webhooks, DeletingDisablesAndCancelsPendingDeliveries) {
  const auto contact = user("FR", {Role::national_contact});
  auto created = service_->subscribe(contact, hook());
  ASSERT_TRUE(created.ok());
  ASSERT_TRUE(send(state_notification("FR", "hit.created")).ok());
  EXPECT_EQ(count("SELECT COUNT(*) FROM webhook_deliveries WHERE status = 'pending'"), 1);

  auto deleted = service_->disable(contact, created->webhook.id);
  ASSERT_TRUE(deleted.ok());
  EXPECT_EQ(count("SELECT COUNT(*) FROM webhook_deliveries WHERE status = 'cancelled'"), 1);
  ASSERT_TRUE(send(state_notification("FR", "hit.created")).ok());
  EXPECT_EQ(count("SELECT COUNT(*) FROM webhook_deliveries"), 1);

  auto listed = service_->list(contact, "");
  ASSERT_TRUE(listed.ok());
  EXPECT_TRUE(listed->empty());
  auto with_disabled = service_->list(contact, "", true);
  ASSERT_TRUE(with_disabled.ok());
  ASSERT_EQ(with_disabled->size(), 1U);
  EXPECT_TRUE((*with_disabled)[0].disabled_at);

  auto again = service_->disable(contact, created->webhook.id);
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(again->disabled_at, deleted->disabled_at);
  EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log WHERE action = 'webhooks.manage'"), 2);
}

TEST_P(Webhooks, AStateHasAtMostTwentyActiveSubscriptions) {
  const auto contact = user("FR", {Role::national_contact});
  for (std::size_t i = 0; i < kMaxActiveWebhooksPerState; ++i) {
    ASSERT_TRUE(service_->subscribe(contact, hook()).ok());
  }
  auto one_more = service_->subscribe(contact, hook());
  ASSERT_FALSE(one_more.ok());
  EXPECT_EQ(one_more.error().code, ErrorCode::conflict);
}

INSTANTIATE_TEST_SUITE_P(Backends, Webhooks, ::testing::ValuesIn(concord::testing::all_backends()));

}  // namespace
}  // namespace concord::notification
