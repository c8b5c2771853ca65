// Casualty statistics: validation, the refusal of anything personal, and the breakdowns of one
// year. The 2023 rows below hold 11 people: 3 + 5 in Battambang, 2 + 1 in Pailin.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "operations/casualties.h"

namespace concord::operations {
namespace {

std::vector<CasualtyCount> rows() {
  return {
      {2023,
       "Battambang",
       DeviceType::anti_personnel_mine,
       CasualtyOutcome::killed,
       Sex::male,
       AgeGroup::adult,
       CasualtyStatus::civilian,
       3,
       {},
       {}},
      {2023,
       "Battambang",
       DeviceType::cluster_munition_remnant,
       CasualtyOutcome::injured,
       Sex::male,
       AgeGroup::child,
       CasualtyStatus::civilian,
       5,
       {},
       {}},
      {2023,
       "Pailin",
       DeviceType::anti_vehicle_mine,
       CasualtyOutcome::injured,
       Sex::female,
       AgeGroup::adult,
       CasualtyStatus::military,
       2,
       {},
       {}},
      {2023,
       "Pailin",
       DeviceType::other_erw,
       CasualtyOutcome::killed,
       Sex::unknown,
       AgeGroup::unknown,
       CasualtyStatus::unknown,
       1,
       {},
       {}},
      {2022,
       "Battambang",
       DeviceType::anti_personnel_mine,
       CasualtyOutcome::killed,
       Sex::male,
       AgeGroup::adult,
       CasualtyStatus::civilian,
       10,
       {},
       {}},
  };
}

nlohmann::json good_row() {
  return {{"year", 2023},
          {"area", "Battambang"},
          {"device_type", "anti_personnel_mine"},
          {"outcome", "killed"},
          {"sex", "female"},
          {"age_group", "child"},
          {"status", "civilian"},
          {"count", 2}};
}

TEST(OperationsCasualties, SummaryBreaksDownOneYear) {
  const auto all = rows();
  const auto summary = summarise(all, 2023);
  EXPECT_EQ(summary.year, 2023);
  EXPECT_EQ(summary.total, 11);
  EXPECT_EQ(summary.by_outcome,
            (std::map<std::string, std::int64_t>{{"killed", 4}, {"injured", 7}}));
  EXPECT_EQ(summary.by_sex,
            (std::map<std::string, std::int64_t>{{"female", 2}, {"male", 8}, {"unknown", 1}}));
  EXPECT_EQ(summary.by_age_group,
            (std::map<std::string, std::int64_t>{{"adult", 5}, {"child", 5}, {"unknown", 1}}));
  EXPECT_EQ(summary.by_status, (std::map<std::string, std::int64_t>{
                                   {"civilian", 8}, {"military", 2}, {"unknown", 1}}));
  EXPECT_EQ(summary.by_device_type,
            (std::map<std::string, std::int64_t>{{"anti_personnel_mine", 3},
                                                 {"anti_vehicle_mine", 2},
                                                 {"cluster_munition_remnant", 5},
                                                 {"improvised_explosive_device", 0},
                                                 {"other_erw", 1},
                                                 {"unknown", 0}}));
  EXPECT_EQ(summary.by_area,
            (std::map<std::string, std::int64_t>{{"Battambang", 8}, {"Pailin", 3}}));
}

TEST(OperationsCasualties, AYearWithoutRowsHasEveryRowAtZero) {
  const auto all = rows();
  const auto summary = summarise(all, 2024);
  EXPECT_EQ(summary.total, 0);
  EXPECT_EQ(summary.by_sex.size(), 3u);
  EXPECT_EQ(summary.by_device_type.size(), 6u);
  EXPECT_EQ(summary.by_outcome.at("killed"), 0);
  EXPECT_TRUE(summary.by_area.empty());
  EXPECT_EQ(summarise(all, 2022).total, 10);
}

TEST(OperationsCasualties, ValidationNamesTheField) {
  auto row = rows()[0];
  EXPECT_TRUE(validate(row).ok());
  row.count = -1;
  EXPECT_EQ(validate(row).error().field, "count");
  row = rows()[0];
  row.year = 1899;
  EXPECT_EQ(validate(row).error().field, "year");
  row = rows()[0];
  row.area = " ";
  EXPECT_EQ(validate(row).error().field, "area");
  row.area = std::string(101, 'a');
  EXPECT_EQ(validate(row).error().field, "area");
  row.area = "\xff";
  EXPECT_EQ(validate(row).error().field, "area");
}

TEST(OperationsCasualties, ARowFromJson) {
  const auto row = casualty_count_from_json(good_row());
  ASSERT_TRUE(row.ok()) << row.error().message;
  EXPECT_EQ(row->year, 2023);
  EXPECT_EQ(row->area, "Battambang");
  EXPECT_EQ(row->device_type, DeviceType::anti_personnel_mine);
  EXPECT_EQ(row->outcome, CasualtyOutcome::killed);
  EXPECT_EQ(row->sex, Sex::female);
  EXPECT_EQ(row->age_group, AgeGroup::child);
  EXPECT_EQ(row->status, CasualtyStatus::civilian);
  EXPECT_EQ(row->count, 2);

  auto partial = good_row();
  partial.erase("sex");
  partial.erase("age_group");
  partial.erase("status");
  const auto unknowns = casualty_count_from_json(partial);
  ASSERT_TRUE(unknowns.ok());
  EXPECT_EQ(unknowns->sex, Sex::unknown);
  EXPECT_EQ(unknowns->age_group, AgeGroup::unknown);
  EXPECT_EQ(unknowns->status, CasualtyStatus::unknown);
}

TEST(OperationsCasualties, PersonalIdentifiersAreRefused) {
  for (const char* field : {"name", "victim_name", "firstName", "dateOfBirth", "date_of_birth",
                            "national_id", "passport_number", "phone", "email", "home_address",
                            "id", "person_id", "age", "latitude"}) {
    auto row = good_row();
    row[field] = "x";
    const auto result = casualty_count_from_json(row);
    ASSERT_FALSE(result.ok()) << field;
    EXPECT_EQ(result.error().code, ErrorCode::invalid_argument);
    EXPECT_EQ(result.error().field, field);
    EXPECT_NE(result.error().message.find("statistics only"), std::string::npos) << field;
  }
}

TEST(OperationsCasualties, OtherUnknownFieldsAreRefusedToo) {
  auto row = good_row();
  row["colour"] = "red";
  const auto result = casualty_count_from_json(row);
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().field, "colour");
  EXPECT_NE(result.error().message.find("unknown field"), std::string::npos);
}

TEST(OperationsCasualties, AnEmptyOrLongFieldNameIsNamedWithoutEchoingItWhole) {
  auto row = good_row();
  row[""] = 1;
  EXPECT_EQ(casualty_count_from_json(row).error().field, "body");
  row = good_row();
  row[std::string(59, 'x') + "\u00e9" + std::string(100, 'y')] = 1;  // é straddles byte 60
  EXPECT_EQ(casualty_count_from_json(row).error().field, std::string(59, 'x'));
}

TEST(OperationsCasualties, BadValuesInJsonAreRefusedByField) {
  const std::vector<std::pair<std::string, nlohmann::json>> cases = {
      {"count", 2.5},   {"count", -1},         {"count", "2"},          {"year", 1850},
      {"year", 2023.5}, {"area", 7},           {"device_type", "mine"}, {"outcome", "missing"},
      {"sex", "other"}, {"age_group", "teen"}, {"status", "police"}};
  for (const auto& [field, value] : cases) {
    auto row = good_row();
    row[field] = value;
    const auto result = casualty_count_from_json(row);
    ASSERT_FALSE(result.ok()) << field << " " << value.dump();
    EXPECT_EQ(result.error().field, field) << value.dump();
  }
  auto missing = good_row();
  missing.erase("outcome");
  EXPECT_EQ(casualty_count_from_json(missing).error().field, "outcome");
  EXPECT_EQ(casualty_count_from_json(nlohmann::json::array()).error().field, "body");
}

TEST(OperationsCasualties, NamesRoundTrip) {
  EXPECT_EQ(device_type_from_string("improvised_explosive_device"),
            DeviceType::improvised_explosive_device);
  EXPECT_EQ(to_string(DeviceType::other_erw), "other_erw");
  EXPECT_EQ(casualty_outcome_from_string("injured"), CasualtyOutcome::injured);
  EXPECT_EQ(sex_from_string("female"), Sex::female);
  EXPECT_EQ(age_group_from_string("child"), AgeGroup::child);
  EXPECT_EQ(casualty_status_from_string("military"), CasualtyStatus::military);
  EXPECT_FALSE(sex_from_string("Female"));
}

}  // namespace
}  // namespace concord::operations
