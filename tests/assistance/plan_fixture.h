// PlanTest: a fresh, migrated database on one backend with the ISO 3166-1 states, a ManualClock,
// the PlanService and OfferService, and principals acting for states and donors.
#pragma once

#include <gtest/gtest.h>

#include "access/audit_trail.h"
#include "assistance/offer_service.h"
#include "assistance/plan_service.h"
#include "assistance/plan_store.h"
#include "core/clock.h"
#include "core/id.h"
#include "directory/directory_service.h"
#include "store/migrations.h"
#include "support/test_database.h"

namespace concord::assistance {

inline const ReferenceData& plan_test_reference() {
  static const auto loaded = ReferenceData::load("/usr/share/iso-codes/json");
  return **loaded;
}

class PlanTest : public ::testing::TestWithParam<store::Backend> {
 protected:
  void SetUp() override {
    clock_.set(*parse_iso8601("2027-01-15T09:00:00Z"));
    db_ = concord::testing::open_fresh_database(GetParam());
    ASSERT_TRUE(store::migrate(*db_).ok());
    directory::DirectoryService directory(*db_, plan_test_reference(), clock_, ids_, audit_);
    ASSERT_TRUE(directory.sync_states().ok());
    plans_ = std::make_unique<PlanService>(*db_, plan_test_reference(), clock_, ids_, audit_);
    offers_ = std::make_unique<OfferService>(*db_, plan_test_reference(), clock_, ids_, audit_);
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
  static access::Principal officer(const std::string& state) {
    return user(state, access::Role::assistance_officer);
  }

  // Runs `work` in its own transaction, asserting success.
  template <typename Work>
  auto read(Work&& work) {
    auto result =
        store::in_transaction(*db_, store::TransactionMode::read_only, std::forward<Work>(work));
    EXPECT_TRUE(result.ok()) << result.error().message;
    return std::move(result).value();
  }

  std::int64_t count_rows(const std::string& table) {
    return read([&](store::Transaction& tx) -> Result<std::int64_t> {
      CONCORD_ASSIGN_OR_RETURN(auto rows, tx.query("SELECT COUNT(*) FROM " + table));
      return rows.rows.front().integer(0);
    });
  }

  ManualClock clock_{TimePoint{}};
  IdGenerator ids_{clock_};
  access::AuditTrail audit_{clock_};
  std::unique_ptr<store::Database> db_;
  std::unique_ptr<PlanService> plans_;
  std::unique_ptr<OfferService> offers_;
};

}  // namespace concord::assistance
