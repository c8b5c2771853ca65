// The pure rules of notifications: topics and topic patterns, webhook URL validation, the
// signature (checked against an HMAC-SHA256 test vector), and the retry schedule.
#include <gtest/gtest.h>

#include "notification/retry_schedule.h"
#include "notification/topics.h"
#include "notification/webhook_signature.h"
#include "notification/webhook_url.h"

namespace concord::notification {
namespace {

using std::chrono::milliseconds;
using std::chrono::minutes;
using std::chrono::seconds;

TEST(Topics, ValidTopicsAreDottedLowerCaseWords) {
  for (const char* topic : {"hit.created", "tracing.received", "records.validation_due", "x"}) {
    EXPECT_TRUE(validate_topic(topic, "topic").ok()) << topic;
  }
  for (const char* topic : {"", ".a", "a.", "a..b", "Hit.created", "hit.*", "*", "a b", "é"}) {
    auto checked = validate_topic(topic, "topic");
    ASSERT_FALSE(checked.ok()) << topic;
    EXPECT_EQ(checked.error().field, "topic");
  }
  EXPECT_FALSE(validate_topic(std::string(kMaxTopicLength + 1, 'a'), "topic").ok());
}

TEST(Topics, PatternsAreExactPrefixOrEverything) {
  for (const char* pattern : {"*", "hit.created", "tracing.*", "a.b.*"}) {
    EXPECT_TRUE(validate_topic_pattern(pattern, "topics[0]").ok()) << pattern;
  }
  for (const char* pattern : {"", "**", ".*", "tracing*", "tracing.**", "*.created", "a.*.b"}) {
    auto checked = validate_topic_pattern(pattern, "topics[3]");
    ASSERT_FALSE(checked.ok()) << pattern;
    EXPECT_EQ(checked.error().field, "topics[3]");
  }
  EXPECT_TRUE(topic_matches("*", "hit.created"));
  EXPECT_TRUE(topic_matches("hit.created", "hit.created"));
  EXPECT_FALSE(topic_matches("hit.created", "hit.created2"));
  EXPECT_TRUE(topic_matches("tracing.*", "tracing.received"));
  EXPECT_TRUE(topic_matches("tracing.*", "tracing.a.b"));
  EXPECT_FALSE(topic_matches("tracing.*", "tracing"));
  EXPECT_FALSE(topic_matches("tracing.*", "tracingx.received"));
  EXPECT_TRUE(any_topic_matches("hit.created tracing.*", "tracing.closed"));
  EXPECT_FALSE(any_topic_matches("hit.created tracing.*", "records.validation_due"));
  EXPECT_FALSE(any_topic_matches("", "hit.created"));
}

TEST(WebhookUrl, AcceptsHttpAndHttpsWithHostPortAndPath) {
  auto url = parse_webhook_url("HTTPS://Hooks.Example.ORG/concord/in?key=a%20b");
  ASSERT_TRUE(url.ok()) << url.error().message;
  EXPECT_EQ(url->scheme, "https");
  EXPECT_EQ(url->host, "hooks.example.org");
  EXPECT_EQ(url->port, 443);
  EXPECT_EQ(url->target, "/concord/in?key=a%20b");
  EXPECT_EQ(url->text, "https://hooks.example.org/concord/in?key=a%20b");

  auto local = parse_webhook_url("http://127.0.0.1:8081");
  ASSERT_TRUE(local.ok());
  EXPECT_EQ(local->port, 8081);
  EXPECT_EQ(local->target, "/");
  EXPECT_EQ(local->text, "http://127.0.0.1:8081");

  auto v6 = parse_webhook_url("http://[::1]:9000/hook");
  ASSERT_TRUE(v6.ok()) << v6.error().message;
  EXPECT_EQ(v6->host, "::1");
  EXPECT_EQ(v6->port, 9000);
  EXPECT_EQ(v6->text, "http://[::1]:9000/hook");

  auto query_only = parse_webhook_url("http://example.org?x=1");
  ASSERT_TRUE(query_only.ok());
  EXPECT_EQ(query_only->target, "/?x=1");
}

TEST(WebhookUrl, RefusesWhatCannotBeAWebhookNamingTheField) {
  for (const std::string& text :
       std::vector<std::string>{"",
                                "example.org/hook",
                                "ftp://example.org/",
                                "file:///etc/passwd",
                                "http://",
                                "http:///path",
                                "http://user:secret@example.org/",
                                "http://token@example.org/",
                                "http://example.org/#part",
                                "http://exa mple.org/",
                                "http://example.org:0/",
                                "http://example.org:65536/",
                                "http://example.org:80x/",
                                "http://example.org:/",
                                "http://[::1/",
                                "http://[zz]/",
                                "http://-bad.org/",
                                "http://ex_ample.org/",
                                "http://example.org/\x01",
                                "http://example.org/" + std::string(kMaxWebhookUrlLength, 'a')}) {
    auto url = parse_webhook_url(text, "url");
    ASSERT_FALSE(url.ok()) << text;
    EXPECT_EQ(url.error().field, "url") << text;
  }
}

TEST(WebhookSignature, IsHmacSha256OfTimestampDotBody) {
  // Computed independently: printf '1700000000.{"a":1}' | openssl dgst -sha256 -hmac Jefe
  EXPECT_EQ(webhook_signature("Jefe", "1700000000", R"({"a":1})"),
            "sha256=fa5f6481efc59da48b19c9dc10196c9953e5651f8304b3a318b6b87d70272e0a");
  EXPECT_NE(webhook_signature("Jefe", "1700000000", "{}"),
            webhook_signature("Jefe", "1700000001", "{}"));
  EXPECT_NE(webhook_signature("Jefe", "1700000000", "{}"),
            webhook_signature("Jeff", "1700000000", "{}"));
}

TEST(WebhookSignature, SecretsAre32RandomBytesInHex) {
  const std::string a = new_webhook_secret();
  const std::string b = new_webhook_secret();
  EXPECT_EQ(a.size(), 64U);
  EXPECT_NE(a, b);
  EXPECT_EQ(a.find_first_not_of("0123456789abcdef"), std::string::npos);
}

TEST(RetrySchedule, DoublesFromThirtySecondsToAnHour) {
  EXPECT_EQ(base_retry_delay(1), seconds(30));
  EXPECT_EQ(base_retry_delay(2), minutes(1));
  EXPECT_EQ(base_retry_delay(3), minutes(2));
  EXPECT_EQ(base_retry_delay(4), minutes(4));
  EXPECT_EQ(base_retry_delay(7), minutes(32));
  EXPECT_EQ(base_retry_delay(8), minutes(60));  // 64 min, capped
  EXPECT_EQ(base_retry_delay(50), kMaxRetryDelay);
  EXPECT_EQ(retry_delay(1, 0.8), seconds(24));
  EXPECT_EQ(retry_delay(1, 1.2), seconds(36));
  EXPECT_EQ(retry_delay(1, 7.0), seconds(36));  // clamped
  for (int i = 0; i < 1000; ++i) {
    const double jitter = random_jitter();
    EXPECT_GE(jitter, 0.8);
    EXPECT_LE(jitter, 1.2);
  }
}

}  // namespace
}  // namespace concord::notification
