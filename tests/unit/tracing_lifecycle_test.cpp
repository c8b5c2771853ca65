// The tracing lifecycle, table-driven: every (status, action) pair is either in the expected table
// below (written out by hand from the ITI workflow, not derived from the implementation) and
// allowed, or refused with a conflict naming the status and what may come next.
#include <gtest/gtest.h>

#include <map>

#include "tracing/lifecycle.h"

namespace concord::tracing {
namespace {

using enum LegStatus;
using A = LegAction;

const std::vector<LegStatus> kStatuses = {
    draft,       sent,     acknowledged, more_information_requested,
    in_progress, answered, untraceable,  declined,
    forwarded,   closed};
const std::vector<LegAction> kActions = {
    A::send,    A::acknowledge, A::request_information, A::provide_information,
    A::start,   A::answer,      A::report_untraceable,  A::decline,
    A::forward, A::close};

const std::map<std::pair<LegStatus, LegAction>, LegStatus> kExpected = {
    {{draft, A::send}, sent},
    {{sent, A::acknowledge}, acknowledged},
    {{sent, A::decline}, declined},
    {{sent, A::forward}, forwarded},
    {{acknowledged, A::request_information}, more_information_requested},
    {{acknowledged, A::start}, in_progress},
    {{acknowledged, A::answer}, answered},
    {{acknowledged, A::report_untraceable}, untraceable},
    {{acknowledged, A::decline}, declined},
    {{acknowledged, A::forward}, forwarded},
    {{more_information_requested, A::provide_information}, in_progress},
    {{more_information_requested, A::start}, in_progress},
    {{more_information_requested, A::answer}, answered},
    {{more_information_requested, A::report_untraceable}, untraceable},
    {{more_information_requested, A::decline}, declined},
    {{more_information_requested, A::forward}, forwarded},
    {{in_progress, A::request_information}, more_information_requested},
    {{in_progress, A::answer}, answered},
    {{in_progress, A::report_untraceable}, untraceable},
    {{in_progress, A::decline}, declined},
    {{in_progress, A::forward}, forwarded},
    {{answered, A::close}, closed},
    {{untraceable, A::close}, closed},
    {{declined, A::close}, closed},
    {{forwarded, A::close}, closed},
};

TEST(TracingLifecycle, EveryTransitionIsAllowedOrRefusedAsTheTableSays) {
  int allowed = 0, refused = 0;
  for (LegStatus status : kStatuses) {
    for (LegAction action : kActions) {
      const auto result = apply(status, action, "DE");
      const auto expected = kExpected.find({status, action});
      const std::string what =
          std::string(to_string(action)) + " from " + std::string(to_string(status));
      if (expected != kExpected.end()) {
        ASSERT_TRUE(result.ok()) << what << ": " << result.error().message;
        EXPECT_EQ(*result, expected->second) << what;
        ++allowed;
        continue;
      }
      ASSERT_FALSE(result.ok()) << what << " should be refused";
      EXPECT_EQ(result.error().code, ErrorCode::conflict) << what;
      EXPECT_EQ(result.error().field, "status") << what;
      const std::string& message = result.error().message;
      EXPECT_NE(message.find("cannot " + std::string(to_string(action))), std::string::npos)
          << message;
      EXPECT_NE(message.find("is " + std::string(to_string(status))), std::string::npos) << message;
      EXPECT_NE(message.find("to DE"), std::string::npos) << message;
      // The message lists exactly what is allowed next.
      for (LegAction next : allowed_actions(status)) {
        EXPECT_NE(message.find(std::string(to_string(next))), std::string::npos)
            << message << " does not list " << to_string(next);
      }
      ++refused;
    }
  }
  EXPECT_EQ(allowed, static_cast<int>(kExpected.size()));
  EXPECT_EQ(allowed + refused, 100);
  EXPECT_EQ(transitions().size(), kExpected.size());
}

TEST(TracingLifecycle, RefusalsNameTheStatusAndTheAllowedNextActions) {
  auto refused = apply(answered, A::acknowledge, "DE");
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().message,
            "cannot acknowledge: the request to DE is answered; allowed next: close");
  auto from_sent = apply(sent, A::answer);
  ASSERT_FALSE(from_sent.ok());
  EXPECT_EQ(from_sent.error().message,
            "cannot answer: the request is sent; allowed next: acknowledge, decline, forward");
  auto from_closed = apply(closed, A::close);
  ASSERT_FALSE(from_closed.ok());
  EXPECT_EQ(from_closed.error().message,
            "cannot close: the request is closed; allowed next: nothing");
}

TEST(TracingLifecycle, EachActionBelongsToOneSide) {
  const std::map<LegAction, Party> expected = {{A::send, Party::requesting},
                                               {A::provide_information, Party::requesting},
                                               {A::close, Party::requesting},
                                               {A::acknowledge, Party::addressed},
                                               {A::request_information, Party::addressed},
                                               {A::start, Party::addressed},
                                               {A::answer, Party::addressed},
                                               {A::report_untraceable, Party::addressed},
                                               {A::decline, Party::addressed},
                                               {A::forward, Party::addressed}};
  for (const auto& [action, party] : expected) {
    EXPECT_EQ(actor_of(action), party) << to_string(action);
    EXPECT_EQ(policy_action_of(action),
              party == Party::requesting ? "tracing.send" : "tracing.respond")
        << to_string(action);
  }
}

TEST(TracingLifecycle, OpenAndConcludedPartitionTheSentStatuses) {
  for (LegStatus status : kStatuses) {
    EXPECT_FALSE(is_open(status) && is_concluded(status)) << to_string(status);
  }
  EXPECT_TRUE(is_open(sent));
  EXPECT_TRUE(is_open(more_information_requested));
  EXPECT_FALSE(is_open(draft));
  EXPECT_FALSE(is_open(closed));
  EXPECT_TRUE(is_concluded(forwarded));
  EXPECT_FALSE(is_concluded(closed));
}

TEST(TracingLifecycle, NamesReadBothWays) {
  for (LegStatus status : kStatuses) {
    EXPECT_EQ(leg_status_from_string(to_string(status)), status);
  }
  for (LegAction action : kActions) {
    EXPECT_EQ(leg_action_from_string(to_string(action)), action);
  }
  EXPECT_FALSE(leg_status_from_string("Sent"));
  EXPECT_EQ(leg_statuses_list().substr(0, 11), "draft, sent");
}

}  // namespace
}  // namespace concord::tracing
