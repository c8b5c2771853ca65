// The inbox on both backends: who sees which entries (the state's law-enforcement users, the
// addressed user; never another state's users or an observer), per-user read state, paging newest
// first, the unread and topic filters, and errors naming the field.
#include <gtest/gtest.h>

#include "notification/inbox_service.h"
#include "notification/notification_fixture.h"

namespace concord::notification {
namespace {

using access::Role;
using std::chrono::seconds;

class Inbox : public NotificationTest {
 protected:
  void SetUp() override {
    NotificationTest::SetUp();
    inbox_ = std::make_unique<InboxService>(*db_, clock_);
  }

  std::vector<std::string> ids_seen(const access::Principal& reader, InboxQuery query = {}) {
    auto page = inbox_->list(reader, query);
    EXPECT_TRUE(page.ok()) << page.error().message;
    std::vector<std::string> ids;
    if (page.ok()) {
      for (const auto& entry : page->entries)
        ids.push_back(entry.id);
    }
    return ids;
  }
  std::int64_t unread(const access::Principal& reader) {
    auto count = inbox_->count_unread(reader);
    EXPECT_TRUE(count.ok());
    return count.ok() ? *count : -1;
  }
  std::string sent(const Notification& n) {
    clock_.advance(seconds(1));
    auto id = send(n);
    EXPECT_TRUE(id.ok()) << id.error().message;
    return id.ok() ? *id : "";
  }

  std::unique_ptr<InboxService> inbox_;
};

using Ids = std::vector<std::string>;

// An InboxQuery with only some fields set (designated initializers would warn about the rest).
InboxQuery query(std::string after = "", int limit = 50, bool unread_only = false,
                 std::string topic = "") {
  InboxQuery q;
  q.after = std::move(after);
  q.limit = limit;
  q.unread_only = unread_only;
  q.topic = std::move(topic);
  return q;
}

TEST_P(Inbox, AStateEntryIsSeenByThatStatesLawEnforcementUsersOnly) {
  const auto officer = user("FR", {Role::tracing_officer});
  const auto contact = user("FR", {Role::national_contact});
  const auto analyst = user("FR", {Role::analyst});
  const auto observer = user("FR", {Role::civil_society});
  const auto assistance = user("FR", {Role::assistance_officer});
  const auto german = user("DE", {Role::tracing_officer, Role::national_contact});
  const std::string id = sent(state_notification("FR", "hit.created"));

  EXPECT_EQ(ids_seen(officer), Ids{id});
  EXPECT_EQ(ids_seen(contact), Ids{id});
  EXPECT_EQ(ids_seen(analyst), Ids{id});
  EXPECT_EQ(ids_seen(observer), Ids{});
  EXPECT_EQ(ids_seen(assistance), Ids{});
  EXPECT_EQ(ids_seen(german), Ids{});
  EXPECT_EQ(unread(german), 0);
  EXPECT_EQ(unread(observer), 0);
}

TEST_P(Inbox, AUserEntryIsSeenByThatUserOnly) {
  const auto sender = user("FR", {Role::tracing_officer});
  const auto colleague = user("FR", {Role::tracing_officer});
  const auto observer = user("FR", {Role::civil_society});
  Notification n = state_notification("FR", "tracing.answered");
  n.user_id = sender.user_id;
  const std::string id = sent(n);
  Notification for_observer = state_notification("FR", "tracing.message");
  for_observer.user_id = observer.user_id;
  const std::string observer_id = sent(for_observer);

  EXPECT_EQ(ids_seen(sender), Ids{id});
  EXPECT_EQ(ids_seen(colleague), Ids{});
  EXPECT_EQ(ids_seen(observer), Ids{observer_id});
}

TEST_P(Inbox, ReadStateIsPerUser) {
  const auto first = user("FR", {Role::tracing_officer});
  const auto second = user("FR", {Role::national_contact});
  const std::string older = sent(state_notification("FR", "hit.created"));
  const std::string newer = sent(state_notification("FR", "tracing.received"));
  EXPECT_EQ(unread(first), 2);

  auto marked = inbox_->mark_read(first, older);
  ASSERT_TRUE(marked.ok()) << marked.error().message;
  EXPECT_EQ(marked->read_at, format_iso8601(clock_.now()));
  EXPECT_EQ(unread(first), 1);
  EXPECT_EQ(unread(second), 2);
  EXPECT_EQ(ids_seen(first, query("", 50, true)), Ids{newer});
  EXPECT_EQ(ids_seen(second, query("", 50, true)), (Ids{newer, older}));

  // Marking again keeps the first time.
  const std::string first_read = *marked->read_at;
  clock_.advance(seconds(60));
  auto again = inbox_->mark_read(first, older);
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(again->read_at, first_read);

  auto all = inbox_->mark_all_read(second);
  ASSERT_TRUE(all.ok()) << all.error().message;
  EXPECT_EQ(*all, 2);
  EXPECT_EQ(unread(second), 0);
  EXPECT_EQ(unread(first), 1);
  auto none = inbox_->mark_all_read(second);
  ASSERT_TRUE(none.ok());
  EXPECT_EQ(*none, 0);
}

TEST_P(Inbox, MarkingAnEntryOutsideYourInboxIsNotFound) {
  const auto french = user("FR", {Role::tracing_officer});
  const auto german = user("DE", {Role::tracing_officer});
  const auto observer = user("FR", {Role::civil_society});
  const std::string id = sent(state_notification("FR", "hit.created"));
  for (const auto& reader : {german, observer}) {
    auto marked = inbox_->mark_read(reader, id);
    ASSERT_FALSE(marked.ok());
    EXPECT_EQ(marked.error().code, ErrorCode::not_found);
    EXPECT_EQ(marked.error().field, "id");
  }
  EXPECT_EQ(unread(french), 1);
  auto bad = inbox_->mark_read(french, "not-an-id");
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.error().field, "id");
}

TEST_P(Inbox, PagesNewestFirstAndFiltersByTopic) {
  const auto officer = user("FR", {Role::tracing_officer});
  Ids all;
  for (int i = 0; i < 5; ++i) {
    all.insert(all.begin(),
               sent(state_notification("FR", i % 2 ? "hit.created" : "tracing.received")));
  }
  EXPECT_EQ(ids_seen(officer), all);
  auto first = inbox_->list(officer, query("", 2));
  ASSERT_TRUE(first.ok());
  ASSERT_EQ(first->entries.size(), 2U);
  ASSERT_TRUE(first->next_after);
  EXPECT_EQ(ids_seen(officer, query(*first->next_after, 2)), (Ids{all[2], all[3]}));
  auto last = inbox_->list(officer, query(all[3], 2));
  ASSERT_TRUE(last.ok());
  EXPECT_EQ(last->entries.size(), 1U);
  EXPECT_FALSE(last->next_after);

  EXPECT_EQ(ids_seen(officer, query("", 50, false, "hit.created")), (Ids{all[1], all[3]}));
  EXPECT_EQ(ids_seen(officer, query("", 50, false, "tracing.*")), (Ids{all[0], all[2], all[4]}));
  EXPECT_EQ(ids_seen(officer, query("", 50, false, "hit_created.*")), Ids{});
  EXPECT_EQ(ids_seen(officer, query("", 50, false, "*")), all);

  auto entry = inbox_->list(officer, query("", 1));
  ASSERT_TRUE(entry.ok());
  EXPECT_EQ(entry->entries[0].payload["score"], 0.93);
  EXPECT_EQ(entry->entries[0].summary, "something happened");
  EXPECT_FALSE(entry->entries[0].read_at);
}

TEST_P(Inbox, BadQueriesNameTheField) {
  const auto officer = user("FR", {Role::tracing_officer});
  const std::vector<std::pair<InboxQuery, std::string>> cases = {
      {query("", 0), "limit"},
      {query("", kMaxInboxPage + 1), "limit"},
      {query("bogus"), "after"},
      {query("", 50, false, "Tracing"), "topic"},
      {query("", 50, false, "tracing.**"), "topic"},
  };
  for (const auto& [query, field] : cases) {
    auto page = inbox_->list(officer, query);
    ASSERT_FALSE(page.ok()) << field;
    EXPECT_EQ(page.error().field, field);
  }
}

TEST_P(Inbox, LawEnforcementUsersNeedTheirSecondFactor) {
  auto officer = user("FR", {Role::tracing_officer});
  sent(state_notification("FR", "hit.created"));
  officer.second_factor = false;
  auto page = inbox_->list(officer, {});
  ASSERT_FALSE(page.ok());
  EXPECT_EQ(page.error().code, ErrorCode::permission_denied);
  EXPECT_FALSE(inbox_->count_unread(officer).ok());
  EXPECT_FALSE(inbox_->mark_all_read(officer).ok());
  auto observer = user("FR", {Role::civil_society});
  observer.second_factor = false;
  EXPECT_TRUE(inbox_->list(observer, {}).ok());
}

TEST_P(Inbox, AnonymousCallersAreRefused) {
  auto page = inbox_->list(access::Principal::anonymous(), {});
  ASSERT_FALSE(page.ok());
  EXPECT_EQ(page.error().code, ErrorCode::unauthenticated);
  EXPECT_FALSE(inbox_->mark_all_read(access::Principal::anonymous()).ok());
}

INSTANTIATE_TEST_SUITE_P(Backends, Inbox, ::testing::ValuesIn(concord::testing::all_backends()));

}  // namespace
}  // namespace concord::notification
