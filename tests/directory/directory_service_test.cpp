#include "directory/directory_service.h"

#include <gtest/gtest.h>

#include "store/change_feed.h"
#include "store/migrations.h"
#include "support/test_database.h"

namespace concord::directory {
namespace {

using namespace std::chrono;

const ReferenceData& reference() {
  static const auto loaded = ReferenceData::load("/usr/share/iso-codes/json");
  return **loaded;
}

class Directory : public ::testing::TestWithParam<store::Backend> {
 protected:
  void SetUp() override {
    db_ = concord::testing::open_fresh_database(GetParam());
    ASSERT_TRUE(store::migrate(*db_).ok());
    service_ = std::make_unique<DirectoryService>(*db_, reference(), clock_, ids_, audit_);
    ASSERT_TRUE(service_->sync_states().ok());
  }

  NewOrganisation valid() {
    return {"Regional Centre on Small Arms", std::string("RCSA"), "regional", std::string("KE"),
            std::string("https://rcsa.example.org")};
  }

  ManualClock clock_{TimePoint(milliseconds(1'800'000'000'000))};
  IdGenerator ids_{clock_};
  access::AuditTrail audit_{clock_};
  const access::Principal operator_ = access::Principal::system("test");
  std::unique_ptr<store::Database> db_;
  std::unique_ptr<DirectoryService> service_;
};

TEST_P(Directory, SyncStatesLoadsIso3166OnceAndThenChangesNothing) {
  auto states = service_->list_states();
  ASSERT_TRUE(states.ok());
  EXPECT_EQ(states->size(), reference().countries().size());
  auto again = service_->sync_states();
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(*again, 0);
}

TEST_P(Directory, FindsStatesCaseInsensitively) {
  auto state = service_->get_state("ke");
  ASSERT_TRUE(state.ok());
  EXPECT_EQ(state->name, "Kenya");
  auto missing = service_->get_state("QQ");
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.error().code, ErrorCode::not_found);
  EXPECT_EQ(missing.error().field, "alpha2");
}

TEST_P(Directory, CreatesAnOrganisationAndAppendsToTheChangeFeed) {
  const auto before = store::latest_change_position(*db_);
  ASSERT_TRUE(before.ok());
  auto created = service_->create_organisation(operator_, valid());
  ASSERT_TRUE(created.ok()) << created.error().message;
  EXPECT_TRUE(is_valid_id(created->id));
  EXPECT_EQ(created->created_at, format_iso8601(clock_.now()));
  auto fetched = service_->get_organisation(created->id);
  ASSERT_TRUE(fetched.ok());
  EXPECT_EQ(fetched->acronym, "RCSA");
  EXPECT_EQ(fetched->kind, OrganisationKind::regional);

  auto changes = store::read_changes(*db_, *before, 10);
  ASSERT_TRUE(changes.ok());
  ASSERT_EQ(changes->size(), 1u);
  EXPECT_EQ(changes->front().entity, "organisation");
  EXPECT_EQ(changes->front().entity_id, created->id);
  EXPECT_EQ(changes->front().action, "created");
}

TEST_P(Directory, RefusesBadOrganisationsNamingTheField) {
  struct Case {
    NewOrganisation input;
    std::string field;
  };
  std::vector<Case> cases;
  auto with = [&](auto change, std::string field) {
    NewOrganisation input = valid();
    change(input);
    cases.push_back({input, std::move(field)});
  };
  with([](NewOrganisation& o) { o.name = " "; }, "name");
  with([](NewOrganisation& o) { o.name = std::string(201, 'x'); }, "name");
  with([](NewOrganisation& o) { o.name = "Bad\x01Name"; }, "name");
  with([](NewOrganisation& o) { o.acronym = std::string(33, 'A'); }, "acronym");
  with([](NewOrganisation& o) { o.kind = "militia"; }, "kind");
  with([](NewOrganisation& o) { o.headquarters = "ke"; }, "headquarters");
  with([](NewOrganisation& o) { o.headquarters = "XX"; }, "headquarters");
  with([](NewOrganisation& o) { o.website = "javascript:alert(1)"; }, "website");
  with([](NewOrganisation& o) { o.website = "https://a b.example"; }, "website");
  for (const auto& bad : cases) {
    auto result = service_->create_organisation(operator_, bad.input);
    ASSERT_FALSE(result.ok()) << bad.field;
    EXPECT_EQ(result.error().code, ErrorCode::invalid_argument);
    EXPECT_EQ(result.error().field, bad.field) << result.error().message;
  }
  auto page = service_->list_organisations(100, std::nullopt);
  ASSERT_TRUE(page.ok());
  EXPECT_TRUE(page->organisations.empty());
}

TEST_P(Directory, NamesAreUniqueIgnoringCaseAndSpacing) {
  ASSERT_TRUE(service_->create_organisation(operator_, valid()).ok());
  NewOrganisation twin = valid();
  twin.name = "regional  centre on SMALL arms ";
  auto duplicate = service_->create_organisation(operator_, twin);
  ASSERT_FALSE(duplicate.ok());
  EXPECT_EQ(duplicate.error().code, ErrorCode::already_exists);
  EXPECT_EQ(duplicate.error().field, "name");
}

TEST_P(Directory, PagesInCreationOrder) {
  std::vector<std::string> created;
  for (int i = 0; i < 7; ++i) {
    NewOrganisation input = valid();
    input.name = "Organisation number " + std::to_string(i);
    auto made = service_->create_organisation(operator_, input);
    ASSERT_TRUE(made.ok());
    created.push_back(made->id);
  }
  std::vector<std::string> seen;
  std::optional<std::string> after;
  do {
    auto page = service_->list_organisations(3, after);
    ASSERT_TRUE(page.ok());
    for (const auto& organisation : page->organisations)
      seen.push_back(organisation.id);
    after = page->next_after;
  } while (after);
  EXPECT_EQ(seen, created);
  EXPECT_EQ(service_->list_organisations(0, std::nullopt).error().field, "limit");
}

std::string backend_name(const ::testing::TestParamInfo<store::Backend>& param) {
  return std::string(store::to_string(param.param));
}

INSTANTIATE_TEST_SUITE_P(Backends, Directory, ::testing::ValuesIn(concord::testing::all_backends()),
                         backend_name);

}  // namespace
}  // namespace concord::directory
