// The marking system store on both backends: each publish makes a new version with its audit entry
// and change-feed entry, the latest is read by default and any version on request, the list names
// the states with a system, only the publishing state's national contact may publish, and decoding
// goes through the latest version of every state.
#include "marking/marking_system_store.h"

#include <gtest/gtest.h>

#include "directory/directory_service.h"
#include "marking/marking_system_generator.h"
#include "marking/marking_system_json.h"
#include "store/change_feed.h"
#include "store/migrations.h"
#include "support/test_database.h"

namespace concord::marking {
namespace {

using namespace std::chrono;

const ReferenceData& reference() {
  static const auto loaded = ReferenceData::load("/usr/share/iso-codes/json");
  return **loaded;
}

access::Principal user(const std::string& state, access::Role role) {
  access::Principal principal;
  principal.user_id = "user-" + state;
  principal.username = state + ".user";
  principal.state = state;
  principal.roles = {role};
  principal.credential = access::Credential::session;
  principal.second_factor = true;
  return principal;
}

const char* kFirst = R"({"manufacturer_codes": [
    {"code": "ZKM", "manufacturer": "Zavod Kovrov Mekh", "country": "RU"}]})";
const char* kSecond = R"({"state": "RU", "manufacturer_codes": [
    {"code": "ZKM", "manufacturer": "Zavod Kovrov Mekhanicheskiy", "country": "RU"}],
    "description": "second edition"})";

class MarkingSystemStore : public ::testing::TestWithParam<store::Backend> {
 protected:
  void SetUp() override {
    db_ = concord::testing::open_fresh_database(GetParam());
    ASSERT_TRUE(store::migrate(*db_).ok());
    IdGenerator ids(clock_);
    directory::DirectoryService directory(*db_, reference(), clock_, ids, audit_);
    ASSERT_TRUE(directory.sync_states().ok());
    service_ = std::make_unique<MarkingSystemService>(*db_, reference(), clock_, audit_);
  }

  std::int64_t feed_position() {
    auto position = store::latest_change_position(*db_);
    EXPECT_TRUE(position.ok());
    return position.ok() ? *position : 0;
  }

  ManualClock clock_{TimePoint(milliseconds(1'800'000'000'000))};  // January 2027
  access::AuditTrail audit_{clock_};
  std::unique_ptr<store::Database> db_;
  std::unique_ptr<MarkingSystemService> service_;
  const access::Principal ru_contact_ = user("RU", access::Role::national_contact);
};

TEST_P(MarkingSystemStore, EachPublishIsANewVersionAndTheLatestIsRead) {
  const std::int64_t before = feed_position();
  auto first = service_->publish(ru_contact_, "ru", kFirst);
  ASSERT_TRUE(first.ok()) << first.error().message;
  EXPECT_EQ(first->state, "RU");
  EXPECT_EQ(first->version, 1);
  EXPECT_EQ(first->published_at, format_iso8601(clock_.now()));
  clock_.advance(hours(1));
  auto second = service_->publish(ru_contact_, "RU", kSecond);
  ASSERT_TRUE(second.ok()) << second.error().message;
  EXPECT_EQ(second->version, 2);

  auto latest = service_->get(ru_contact_, "RU");
  ASSERT_TRUE(latest.ok()) << latest.error().message;
  EXPECT_EQ(latest->version, 2);
  EXPECT_EQ(latest->description, "second edition");
  EXPECT_EQ(latest->manufacturer_codes.at(0).manufacturer, "Zavod Kovrov Mekhanicheskiy");
  EXPECT_EQ(latest->published_at, format_iso8601(clock_.now()));
  auto earlier = service_->get(ru_contact_, "ru", 1);
  ASSERT_TRUE(earlier.ok()) << earlier.error().message;
  EXPECT_EQ(earlier->version, 1);
  EXPECT_EQ(earlier->manufacturer_codes.at(0).manufacturer, "Zavod Kovrov Mekh");

  // The change feed carries each version for other nodes.
  auto changes = store::read_changes(*db_, before, 100);
  ASSERT_TRUE(changes.ok());
  int published = 0;
  for (const auto& change : *changes) {
    if (change.area != "marking") continue;
    EXPECT_EQ(change.entity, "marking_system");
    EXPECT_EQ(change.entity_id, "RU");
    EXPECT_EQ(change.action, "published");
    EXPECT_EQ(nlohmann::json::parse(change.payload)["version"], ++published);
  }
  EXPECT_EQ(published, 2);

  // Each publish is in the audit trail, and the chain holds.
  auto verified = audit_.verify(*db_);
  ASSERT_TRUE(verified.ok());
  EXPECT_FALSE(verified->first_broken_sequence) << verified->problem;
  EXPECT_GE(verified->entries_checked, 2);
}

TEST_P(MarkingSystemStore, MissingSystemsAndVersionsAreNotFound) {
  auto none = service_->get(ru_contact_, "FR");
  ASSERT_FALSE(none.ok());
  EXPECT_EQ(none.error().code, ErrorCode::not_found);
  EXPECT_EQ(none.error().field, "state");
  ASSERT_TRUE(service_->publish(ru_contact_, "RU", kFirst).ok());
  auto missing = service_->get(ru_contact_, "RU", 9);
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.error().code, ErrorCode::not_found);
  EXPECT_EQ(missing.error().field, "version");
  auto bad_state = service_->get(ru_contact_, "XX");
  ASSERT_FALSE(bad_state.ok());
  EXPECT_EQ(bad_state.error().field, "state");
  auto bad_version = service_->get(ru_contact_, "RU", 0);
  ASSERT_FALSE(bad_version.ok());
  EXPECT_EQ(bad_version.error().field, "version");
}

TEST_P(MarkingSystemStore, ListsTheStatesWithASystem) {
  const auto generated = generate_marking_systems(3, {"FR", "DE", "KE"}, &reference());
  const access::Principal system = access::Principal::system("test");
  for (const auto& one : generated) {
    auto published = service_->publish(system, one.state, marking_system_json(one).dump());
    ASSERT_TRUE(published.ok()) << published.error().field << ": " << published.error().message;
  }
  ASSERT_TRUE(service_->publish(system, "FR", marking_system_json(generated[0]).dump()).ok());
  auto list = service_->list(ru_contact_);
  ASSERT_TRUE(list.ok()) << list.error().message;
  ASSERT_EQ(list->size(), 3u);
  EXPECT_EQ((*list)[0].state, "DE");
  EXPECT_EQ((*list)[0].latest_version, 1);
  EXPECT_EQ((*list)[1].state, "FR");
  EXPECT_EQ((*list)[1].latest_version, 2);
  EXPECT_EQ((*list)[2].state, "KE");
  EXPECT_FALSE((*list)[2].description.empty());
  auto latest = load_latest_marking_systems(*db_, reference());
  ASSERT_TRUE(latest.ok());
  ASSERT_EQ(latest->size(), 3u);
  EXPECT_EQ((*latest)[1].version, 2);
}

TEST_P(MarkingSystemStore, OnlyThePublishingStatesContactMayPublish) {
  const std::int64_t before = feed_position();
  for (const auto& refused :
       {user("FR", access::Role::national_contact), user("RU", access::Role::tracing_officer),
        user("RU", access::Role::operator_), access::Principal::anonymous()}) {
    auto published = service_->publish(refused, "RU", kFirst);
    ASSERT_FALSE(published.ok()) << refused.username;
    EXPECT_TRUE(published.error().code == ErrorCode::permission_denied ||
                published.error().code == ErrorCode::unauthenticated)
        << refused.username;
  }
  EXPECT_EQ(feed_position(), before);  // nothing written
  EXPECT_FALSE(service_->get(ru_contact_, "RU").ok());
  // A bad document from the right publisher names its field and writes nothing.
  auto bad = service_->publish(ru_contact_, "RU", R"({"year_codes": [{"code": "A"}]})");
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.error().field, "year_codes[0].year");
  auto mismatch = service_->publish(ru_contact_, "RU", R"({"state": "FR"})");
  ASSERT_FALSE(mismatch.ok());
  EXPECT_EQ(mismatch.error().field, "state");
  EXPECT_EQ(feed_position(), before);
  // Reading needs the role too.
  EXPECT_FALSE(service_->list(user("RU", access::Role::civil_society)).ok());
  EXPECT_FALSE(service_->decode(user("RU", access::Role::civil_society), {}).ok());
}

TEST_P(MarkingSystemStore, DecodesWithTheLatestVersionOfEveryState) {
  ASSERT_TRUE(service_->publish(ru_contact_, "RU", kFirst).ok());
  TypedMarking maker;
  maker.kind = MarkingKind::manufacturer;
  maker.text = "ZKM";
  const auto officer = user("FR", access::Role::tracing_officer);
  auto decoded = service_->decode(officer, {maker});
  ASSERT_TRUE(decoded.ok()) << decoded.error().message;
  EXPECT_EQ(decoded->manufacturer, "Zavod Kovrov Mekh");
  EXPECT_EQ(decoded->country_of_manufacture, "RU");
  ASSERT_TRUE(service_->publish(ru_contact_, "RU", kSecond).ok());
  decoded = service_->decode(officer, {maker});
  ASSERT_TRUE(decoded.ok());
  EXPECT_EQ(decoded->manufacturer, "Zavod Kovrov Mekhanicheskiy");
  ASSERT_FALSE(decoded->explanations.empty());
  EXPECT_NE(decoded->explanations[0].find("RU (version 2)"), std::string::npos)
      << decoded->explanations[0];
}

INSTANTIATE_TEST_SUITE_P(Backends, MarkingSystemStore,
                         ::testing::ValuesIn(concord::testing::all_backends()),
                         [](const auto& backend) {
                           return std::string(store::to_string(backend.param));
                         });

}  // namespace
}  // namespace concord::marking
