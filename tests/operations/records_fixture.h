// RecordsTest: a fresh, migrated database on one backend with the ISO 3166-1 states, a
// ManualClock on 2023-01-15, the StockpileService and CasualtyService, and principals acting for
// states (the state's national contact, another state's, civil society, anonymous).
#pragma once

#include <gtest/gtest.h>

#include "access/audit_trail.h"
#include "core/clock.h"
#include "core/id.h"
#include "directory/directory_service.h"
#include "operations/casualty_service.h"
#include "operations/stockpile_service.h"
#include "store/migrations.h"
#include "support/test_database.h"

namespace concord::operations {

inline const ReferenceData& records_test_reference() {
  static const auto loaded = ReferenceData::load("/usr/share/iso-codes/json");
  return **loaded;
}

class RecordsTest : public ::testing::TestWithParam<store::Backend> {
 protected:
  void SetUp() override {
    clock_.set(*parse_iso8601("2023-01-15T09:00:00Z"));
    db_ = concord::testing::open_fresh_database(GetParam());
    ASSERT_TRUE(store::migrate(*db_).ok());
    directory::DirectoryService directory(*db_, records_test_reference(), clock_, ids_, audit_);
    ASSERT_TRUE(directory.sync_states().ok());
    stockpiles_ =
        std::make_unique<StockpileService>(*db_, records_test_reference(), clock_, ids_, audit_);
    casualties_ =
        std::make_unique<CasualtyService>(*db_, records_test_reference(), clock_, ids_, audit_);
  }

  // A signed-in user of `state` with `role` and a second factor.
  static access::Principal user(const std::string& state, access::Role role) {
    access::Principal principal;
    principal.user_id = "user-" + state + "-" + std::string(access::to_string(role));
    principal.username = std::string(access::to_string(role)) + "." + state;
    principal.state = state;
    principal.roles = {role};
    principal.credential = access::Credential::session;
    principal.second_factor = true;
    return principal;
  }
  static access::Principal contact(const std::string& state) {
    return user(state, access::Role::national_contact);
  }

  std::int64_t count_rows(const std::string& table, const std::string& where = "") {
    auto result = store::in_transaction(
        *db_, store::TransactionMode::read_only,
        [&](store::Transaction& tx) -> Result<std::int64_t> {
          CONCORD_ASSIGN_OR_RETURN(auto rows, tx.query("SELECT COUNT(*) FROM " + table +
                                                       (where.empty() ? "" : " WHERE " + where)));
          return rows.rows.front().integer(0);
        });
    EXPECT_TRUE(result.ok()) << result.error().message;
    return result.ok() ? *result : -1;
  }

  ManualClock clock_{TimePoint{}};
  IdGenerator ids_{clock_};
  access::AuditTrail audit_{clock_};
  std::unique_ptr<store::Database> db_;
  std::unique_ptr<StockpileService> stockpiles_;
  std::unique_ptr<CasualtyService> casualties_;
};

}  // namespace concord::operations
