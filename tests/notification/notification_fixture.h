// A fresh migrated database on either backend with three states (FR, DE, KE) and users of them,
// for the notification tests. Users are inserted directly: these tests are about notifications,
// not identity.
#pragma once

#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <vector>

#include "access/principal.h"
#include "core/clock.h"
#include "core/id.h"
#include "notification/notification.h"
#include "store/database.h"
#include "store/migrations.h"
#include "support/test_database.h"

namespace concord::notification {

class NotificationTest : public ::testing::TestWithParam<store::Backend> {
 protected:
  void SetUp() override {
    db_ = concord::testing::open_fresh_database(GetParam());
    ASSERT_TRUE(store::migrate(*db_).ok());
    execute(
        "INSERT INTO states (alpha2, alpha3, numeric_code, name) VALUES ('FR', 'FRA', '250', "
        "'France'), ('DE', 'DEU', '276', 'Germany'), ('KE', 'KEN', '404', 'Kenya')");
  }

  void execute(const std::string& sql, const std::vector<store::Value>& params = {}) {
    auto done =
        store::in_transaction(*db_, store::TransactionMode::read_write,
                              [&](store::Transaction& tx) { return tx.execute(sql, params); });
    ASSERT_TRUE(done.ok()) << sql << ": " << done.error().message;
  }

  // A signed-in user of `state` holding `roles`, with a second factor.
  access::Principal user(const std::string& state, access::Roles roles) {
    access::Principal principal;
    principal.user_id = ids_.next();
    principal.username = "user" + std::to_string(++users_);
    principal.state = state;
    principal.roles = std::move(roles);
    principal.credential = access::Credential::session;
    principal.second_factor = true;
    execute(
        "INSERT INTO users (id, username, display_name, state, password_hash, "
        "password_changed_at, created_at) VALUES ($1, $2, $2, $3, 'x', $4, $4)",
        {principal.user_id, principal.username, state, format_iso8601(clock_.now())});
    for (access::Role role : principal.roles) {
      execute("INSERT INTO user_roles (user_id, role) VALUES ($1, $2)",
              {principal.user_id, std::string(access::to_string(role))});
    }
    return principal;
  }

  Notification state_notification(const std::string& state, const std::string& topic,
                                  const std::string& summary = "something happened") {
    Notification n;
    n.state = state;
    n.topic = topic;
    n.subject_type = "hit";
    n.subject_id = "01JHIT0000000000000000000A";
    n.summary = summary;
    n.payload = {{"score", 0.93}};
    return n;
  }

  Result<std::string> send(const Notification& n) {
    return store::in_transaction(
        *db_, store::TransactionMode::read_write,
        [&](store::Transaction& tx) { return notify(tx, ids_, clock_, n); });
  }

  std::int64_t count(const std::string& sql, const std::vector<store::Value>& params = {}) {
    auto result =
        store::in_transaction(*db_, store::TransactionMode::read_only,
                              [&](store::Transaction& tx) -> Result<std::int64_t> {
                                CONCORD_ASSIGN_OR_RETURN(auto rows, tx.query(sql, params));
                                return rows.rows.at(0).integer(0);
                              });
    EXPECT_TRUE(result.ok()) << sql;
    return result.ok() ? *result : -1;
  }

  ManualClock clock_{TimePoint(std::chrono::milliseconds(1'800'000'000'000))};
  IdGenerator ids_{clock_};
  std::unique_ptr<store::Database> db_;
  int users_ = 0;
};

}  // namespace concord::notification
