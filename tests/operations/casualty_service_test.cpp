// CasualtyService on both backends: a batch of casualty rows is stored whole or not at all, the
// row at fault named ("rows[1].sex"); a personal identifier is refused; the summary of a year
// matches a hand-computed case; victim assistance services store with their coverage; only the
// state's own national contact writes, and anyone reads.
#include <nlohmann/json.hpp>

#include "operations/casualty_json.h"
#include "operations/records_fixture.h"

namespace concord::operations {
namespace {

using nlohmann::json;

const access::Principal kAnonymous = access::Principal::anonymous();

class CasualtyServiceTest : public RecordsTest {
 protected:
  static CasualtyCount row(int year, const std::string& area, CasualtyOutcome outcome, Sex sex,
                           AgeGroup age, std::int64_t count,
                           DeviceType device = DeviceType::cluster_munition_remnant) {
    CasualtyCount casualty;
    casualty.year = year;
    casualty.area = area;
    casualty.device_type = device;
    casualty.outcome = outcome;
    casualty.sex = sex;
    casualty.age_group = age;
    casualty.status = CasualtyStatus::civilian;
    casualty.count = count;
    return casualty;
  }
  static VictimService service(int year, std::int64_t reached, std::int64_t in_need) {
    VictimService one;
    one.state = "LA";
    one.year = year;
    one.service = VictimServiceType::rehabilitation;
    one.area = "Xieng Khouang";
    one.provider = "Centre of Medical Rehabilitation";
    one.people_reached = reached;
    one.people_in_need = in_need;
    return one;
  }
};

TEST_P(CasualtyServiceTest, ABatchRoundTripsAndSummarisesAsComputedByHand) {
  const std::vector<CasualtyCount> rows = {
      row(2022, "Xieng Khouang", CasualtyOutcome::killed, Sex::male, AgeGroup::child, 3),
      row(2022, "Xieng Khouang", CasualtyOutcome::injured, Sex::female, AgeGroup::adult, 5),
      row(2022, "Savannakhet", CasualtyOutcome::injured, Sex::male, AgeGroup::adult, 2,
          DeviceType::anti_personnel_mine),
      row(2021, "Savannakhet", CasualtyOutcome::killed, Sex::male, AgeGroup::adult, 7),
  };
  auto stored = casualties_->record_casualties(contact("LA"), "LA", rows);
  ASSERT_TRUE(stored.ok()) << stored.error().message;
  ASSERT_EQ(stored->size(), 4u);
  EXPECT_EQ((*stored)[0].state, "LA");
  EXPECT_FALSE((*stored)[0].id.empty());

  auto all = casualties_->casualties(kAnonymous, "LA", std::nullopt);
  ASSERT_TRUE(all.ok());
  ASSERT_EQ(all->size(), 4u);
  EXPECT_EQ((*all)[0].year, 2021);  // by year
  auto of_2022 = casualties_->casualties(kAnonymous, "LA", 2022);
  ASSERT_TRUE(of_2022.ok());
  ASSERT_EQ(of_2022->size(), 3u);

  // 2022 by hand: 3 + 5 + 2 = 10; killed 3, injured 7; female 5, male 5; child 3, adult 7;
  // cluster munition remnants 8, anti-personnel mines 2; Xieng Khouang 8, Savannakhet 2.
  auto summary = casualties_->summary(kAnonymous, "LA", 2022);
  ASSERT_TRUE(summary.ok()) << summary.error().message;
  EXPECT_EQ(summary->total, 10);
  EXPECT_EQ(summary->by_outcome.at("killed"), 3);
  EXPECT_EQ(summary->by_outcome.at("injured"), 7);
  EXPECT_EQ(summary->by_sex.at("female"), 5);
  EXPECT_EQ(summary->by_sex.at("male"), 5);
  EXPECT_EQ(summary->by_sex.at("unknown"), 0);
  EXPECT_EQ(summary->by_age_group.at("child"), 3);
  EXPECT_EQ(summary->by_age_group.at("adult"), 7);
  EXPECT_EQ(summary->by_status.at("civilian"), 10);
  EXPECT_EQ(summary->by_device_type.at("cluster_munition_remnant"), 8);
  EXPECT_EQ(summary->by_device_type.at("anti_personnel_mine"), 2);
  EXPECT_EQ(summary->by_area.at("Xieng Khouang"), 8);
  EXPECT_EQ(summary->by_area.at("Savannakhet"), 2);
  // One audit entry and one feed entry for the batch.
  EXPECT_EQ(count_rows("change_feed", "entity = 'casualty_batch'"), 1);
  EXPECT_EQ(count_rows("audit_log", "target_kind = 'casualty_batch'"), 1);
}

TEST_P(CasualtyServiceTest, ABatchIsAllOrNothingAndNamesTheRowAtFault) {
  const json good = {
      {"year", 2022},         {"area", "Xieng Khouang"}, {"device_type", "other_erw"},
      {"outcome", "injured"}, {"sex", "female"},         {"count", 1}};
  json bad = good;
  bad["sex"] = "woman";
  auto read = casualty_batch_from_json(json{{"rows", json::array({good, bad})}});
  ASSERT_FALSE(read.ok());
  EXPECT_EQ(read.error().field, "rows[1].sex");

  auto unknown = casualty_batch_from_json(json{{"rows", json::array({good})}, {"note", "x"}});
  ASSERT_FALSE(unknown.ok());
  EXPECT_EQ(unknown.error().field, "note");
  auto empty = casualty_batch_from_json(json{{"rows", json::array()}});
  ASSERT_FALSE(empty.ok());
  EXPECT_EQ(empty.error().field, "rows");

  // Through the service: the third row is of next year, so none of the three is stored.
  std::vector<CasualtyCount> rows = {
      row(2022, "Xieng Khouang", CasualtyOutcome::killed, Sex::male, AgeGroup::child, 3),
      row(2021, "Savannakhet", CasualtyOutcome::killed, Sex::male, AgeGroup::adult, 7),
      row(2024, "Savannakhet", CasualtyOutcome::killed, Sex::male, AgeGroup::adult, 1),
  };
  auto stored = casualties_->record_casualties(contact("LA"), "LA", rows);
  ASSERT_FALSE(stored.ok());
  EXPECT_EQ(stored.error().field, "rows[2].year") << stored.error().message;
  rows[2].year = 2022;
  rows[1].count = -4;
  stored = casualties_->record_casualties(contact("LA"), "LA", rows);
  ASSERT_FALSE(stored.ok());
  EXPECT_EQ(stored.error().field, "rows[1].count");
  rows[1].count = 4;
  rows[0].area = "";
  stored = casualties_->record_casualties(contact("LA"), "LA", rows);
  ASSERT_FALSE(stored.ok());
  EXPECT_EQ(stored.error().field, "rows[0].area");
  EXPECT_EQ(count_rows("operations_casualties"), 0);
  EXPECT_EQ(count_rows("change_feed", "area = 'operations'"), 0);
}

TEST_P(CasualtyServiceTest, APersonalIdentifierIsRefused) {
  json row = {{"year", 2022},
              {"area", "Xieng Khouang"},
              {"device_type", "other_erw"},
              {"outcome", "injured"},
              {"count", 1},
              {"name", "Somchai"}};
  auto read = casualty_batch_from_json(json{{"rows", json::array({row})}});
  ASSERT_FALSE(read.ok());
  EXPECT_EQ(read.error().field, "rows[0].name");
  EXPECT_NE(read.error().message.find("statistics only"), std::string::npos)
      << read.error().message;
  row.erase("name");
  row["date_of_birth"] = "2001-01-01";
  read = casualty_rows_from_json_array(json::array({row}));
  ASSERT_FALSE(read.ok());
  EXPECT_EQ(read.error().field, "rows[0].date_of_birth");

  // CSV: the same columns; an identifier column is refused the same way.
  auto csv = casualty_rows_from_csv(
      "year,area,device_type,outcome,sex,age_group,status,count\n"
      "2022,Xieng Khouang,other_erw,injured,female,,civilian,2\n"
      "2022,Savannakhet,anti_personnel_mine,killed,,child,,1\n");
  ASSERT_TRUE(csv.ok()) << csv.error().message;
  ASSERT_EQ(csv->size(), 2u);
  EXPECT_EQ((*csv)[0].age_group, AgeGroup::unknown);
  EXPECT_EQ((*csv)[1].sex, Sex::unknown);
  EXPECT_EQ((*csv)[1].count, 1);
  auto identified = casualty_rows_from_csv(
      "year,area,device_type,outcome,count,phone\n2022,Vientiane,other_erw,killed,1,+856\n");
  ASSERT_FALSE(identified.ok());
  EXPECT_EQ(identified.error().field, "rows[0].phone");
  auto bad_count = casualty_rows_from_csv(
      "year,area,device_type,outcome,count\n2022,Vientiane,other_erw,killed,one\n");
  ASSERT_FALSE(bad_count.ok());
  EXPECT_EQ(bad_count.error().field, "rows[0].count");
  EXPECT_NE(bad_count.error().message.find("line 2"), std::string::npos);
  // A header that is not CSV, or names a column twice, is refused on "header".
  auto quoted = casualty_rows_from_csv("ye\"ar,area\n2022,A\n");
  ASSERT_FALSE(quoted.ok());
  EXPECT_EQ(quoted.error().field, "header");
  auto twice = casualty_rows_from_csv("year,year,area\n2022,2022,A\n");
  ASSERT_FALSE(twice.ok());
  EXPECT_EQ(twice.error().field, "header");
}

TEST_P(CasualtyServiceTest, VictimServicesStoreWithTheirCoverage) {
  auto stored = casualties_->record_victim_service(contact("LA"), service(2022, 150, 600));
  ASSERT_TRUE(stored.ok()) << stored.error().message;
  EXPECT_DOUBLE_EQ(stored->coverage(), 0.25);
  ASSERT_TRUE(casualties_->record_victim_service(contact("LA"), service(2021, 90, 60)).ok());

  auto of_2022 = casualties_->victim_services(kAnonymous, "LA", 2022);
  ASSERT_TRUE(of_2022.ok());
  ASSERT_EQ(of_2022->size(), 1u);
  EXPECT_EQ((*of_2022)[0].id, stored->id);
  EXPECT_EQ((*of_2022)[0].people_reached, 150);
  EXPECT_EQ((*of_2022)[0].service, VictimServiceType::rehabilitation);
  EXPECT_EQ((*of_2022)[0].recorded_by, "national_contact.LA");
  auto all = casualties_->victim_services(kAnonymous, "LA", std::nullopt);
  ASSERT_TRUE(all.ok());
  ASSERT_EQ(all->size(), 2u);
  // More reached than counted as in need: shown as it is, not capped.
  EXPECT_DOUBLE_EQ((*all)[0].coverage(), 1.5);
  EXPECT_EQ(victim_service_json((*all)[0])["coverage"], 1.5);

  const auto refused = [&](VictimService one, const std::string& field) {
    auto result = casualties_->record_victim_service(contact("LA"), std::move(one));
    ASSERT_FALSE(result.ok());
    EXPECT_EQ(result.error().field, field) << result.error().message;
  };
  refused(service(2022, 1, 0), "people_in_need");
  refused(service(2022, -1, 5), "people_reached");
  refused(service(2024, 1, 5), "year");
  auto blank = service(2022, 1, 5);
  blank.provider = " ";
  refused(blank, "provider");
  blank = service(2022, 1, 5);
  blank.area = std::string(201, 'a');
  refused(blank, "area");

  auto read = victim_service_from_json({{"year", 2022},
                                        {"service", "counselling"},
                                        {"area", "X"},
                                        {"provider", "Y"},
                                        {"people_reached", 1},
                                        {"people_in_need", 2}},
                                       "LA");
  ASSERT_FALSE(read.ok());
  EXPECT_EQ(read.error().field, "service");
  EXPECT_EQ(count_rows("operations_victim_services"), 2);
}

TEST_P(CasualtyServiceTest, OnlyTheStatesOwnNationalContactWrites) {
  const std::vector<CasualtyCount> rows = {
      row(2022, "Xieng Khouang", CasualtyOutcome::killed, Sex::male, AgeGroup::child, 3)};
  const auto denied = [&](const access::Principal& actor, ErrorCode code) {
    auto batch = casualties_->record_casualties(actor, "LA", rows);
    ASSERT_FALSE(batch.ok());
    EXPECT_EQ(batch.error().code, code) << batch.error().message;
    auto one = casualties_->record_victim_service(actor, service(2022, 1, 2));
    ASSERT_FALSE(one.ok());
    EXPECT_EQ(one.error().code, code);
  };
  denied(contact("KH"), ErrorCode::permission_denied);
  denied(user("LA", access::Role::civil_society), ErrorCode::permission_denied);
  denied(kAnonymous, ErrorCode::unauthenticated);
  EXPECT_EQ(count_rows("operations_casualties"), 0);
  EXPECT_EQ(count_rows("operations_victim_services"), 0);
  auto unknown = casualties_->casualties(kAnonymous, "ZZ", std::nullopt);
  ASSERT_FALSE(unknown.ok());
  EXPECT_EQ(unknown.error().field, "state");
}

INSTANTIATE_TEST_SUITE_P(Backends, CasualtyServiceTest,
                         ::testing::ValuesIn(concord::testing::all_backends()));

}  // namespace
}  // namespace concord::operations
