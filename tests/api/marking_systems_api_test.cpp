// National marking systems through the real server on both backends: a national contact publishes
// versions with PUT, anyone allowed reads the latest or a given version and the list, an officer
// decodes markings with them; bad documents name the JSON path; and `concord import
// markings-system` publishes from a file and prints the version.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "api/api_fixture.h"

namespace concord::testing {
namespace {

using MarkingSystemsApi = ApiTest;

const std::string kGermany = R"({
  "description": "German import marks",
  "country_marks": [{"mark": "DE", "country": "DE"}],
  "importers": [{"code": "ABC", "name": "Alpha Buechsen GmbH"}],
  "import_mark_formats": ["{country}{year2}{importer}"],
  "two_digit_years_from": 1950
})";

const std::string kRussia = R"({
  "state": "RU",
  "manufacturer_codes": [{"code": "ZKM", "manufacturer": "Zavod Kovrov Mekh", "country": "RU"}],
  "year_codes": [{"code": "A", "year": 1990}]
})";

TEST_P(MarkingSystemsApi, PublishReadAndDecodeRoundTrip) {
  add_user(db_url_, "de.contact", "DE", {"national_contact"});
  add_user(db_url_, "fr.officer", "FR", {"tracing_officer"});
  const Session germany = sign_in(*client_, "de.contact");
  const Session officer = sign_in(*client_, "fr.officer");

  auto first = as(*client_, germany, "PUT", "/api/v1/marking-systems/de", kGermany);
  ASSERT_EQ(first.status, 201) << first.body;
  EXPECT_EQ(json_of(first)["state"], "DE");
  EXPECT_EQ(json_of(first)["version"], 1);
  EXPECT_EQ(first.header("location"), "/api/v1/marking-systems/DE?version=1");
  // What was read back can be published again, as the next version.
  auto read_back = as(*client_, officer, "GET", "/api/v1/marking-systems/DE");
  ASSERT_EQ(read_back.status, 200) << read_back.body;
  auto second = as(*client_, germany, "PUT", "/api/v1/marking-systems/DE", read_back.body);
  ASSERT_EQ(second.status, 201) << second.body;
  EXPECT_EQ(json_of(second)["version"], 2);

  auto latest = json_of(as(*client_, officer, "GET", "/api/v1/marking-systems/DE"));
  EXPECT_EQ(latest["version"], 2);
  EXPECT_EQ(latest["importers"][0]["name"], "Alpha Buechsen GmbH");
  auto earlier = as(*client_, officer, "GET", "/api/v1/marking-systems/DE?version=1");
  ASSERT_EQ(earlier.status, 200);
  EXPECT_EQ(json_of(earlier)["version"], 1);
  EXPECT_EQ(as(*client_, officer, "GET", "/api/v1/marking-systems/DE?version=7").status, 404);
  auto bad_version = as(*client_, officer, "GET", "/api/v1/marking-systems/DE?version=x");
  EXPECT_EQ(bad_version.status, 400);
  EXPECT_EQ(error_field(bad_version), "version");
  EXPECT_EQ(as(*client_, officer, "GET", "/api/v1/marking-systems/FR").status, 404);

  auto list = json_of(as(*client_, officer, "GET", "/api/v1/marking-systems"));
  ASSERT_EQ(list["marking_systems"].size(), 1u);
  EXPECT_EQ(list["marking_systems"][0]["state"], "DE");
  EXPECT_EQ(list["marking_systems"][0]["latest_version"], 2);
  EXPECT_EQ(list["marking_systems"][0]["description"], "German import marks");

  auto decoded = as(*client_, officer, "POST", "/api/v1/markings/decode",
                    R"({"markings": [
                      {"kind": "import_mark", "text": "DE 2? ABC", "condition": "partly_obliterated"},
                      {"kind": "import_mark", "text": "de-21-abc"},
                      {"kind": "manufacturer", "text": "QQQ"}]})");
  ASSERT_EQ(decoded.status, 200) << decoded.body;
  auto body = json_of(decoded);
  ASSERT_EQ(body["imports"].size(), 2u) << decoded.body;
  EXPECT_TRUE(body["imports"][0]["year"].is_null());
  EXPECT_EQ(body["imports"][1]["year"], 2021);
  EXPECT_EQ(body["last_import"]["country"], "DE");
  EXPECT_EQ(body["last_import"]["importer"], "ABC");
  EXPECT_TRUE(body["country_of_manufacture"].is_null());
  EXPECT_TRUE(body["manufacturer"].is_null());
  ASSERT_EQ(body["explanations"].size(), 3u) << decoded.body;
  EXPECT_NE(body["explanations"].dump().find("the marking system of DE (version 2)"),
            std::string::npos)
      << decoded.body;
}

TEST_P(MarkingSystemsApi, BadInputNamesItsField) {
  add_user(db_url_, "de.contact", "DE", {"national_contact"});
  const Session germany = sign_in(*client_, "de.contact");
  auto bad =
      as(*client_, germany, "PUT", "/api/v1/marking-systems/DE",
         R"({"manufacturer_codes": [{"code": "ZKM", "manufacturer": "Z", "country": "XX"}]})");
  EXPECT_EQ(bad.status, 400);
  EXPECT_EQ(error_field(bad), "manufacturer_codes[0].country");
  auto other_state = as(*client_, germany, "PUT", "/api/v1/marking-systems/DE", kRussia);
  EXPECT_EQ(other_state.status, 400);
  EXPECT_EQ(error_field(other_state), "state");
  auto malformed = as(*client_, germany, "PUT", "/api/v1/marking-systems/DE", "{");
  EXPECT_EQ(malformed.status, 400);
  EXPECT_EQ(error_field(malformed), "body");
  // Another state's system is not the caller's to publish.
  EXPECT_EQ(as(*client_, germany, "PUT", "/api/v1/marking-systems/RU", kRussia).status, 403);

  auto bad_kind = as(*client_, germany, "POST", "/api/v1/markings/decode",
                     R"({"markings": [{"kind": "maker", "text": "ZKM"}]})");
  EXPECT_EQ(bad_kind.status, 400);
  EXPECT_EQ(error_field(bad_kind), "markings[0].kind");
  auto no_text = as(*client_, germany, "POST", "/api/v1/markings/decode",
                    R"({"markings": [{"kind": "year"}]})");
  EXPECT_EQ(no_text.status, 400);
  EXPECT_EQ(error_field(no_text), "markings[0].text");
  auto unknown = as(*client_, germany, "POST", "/api/v1/markings/decode", R"({"marks": []})");
  EXPECT_EQ(unknown.status, 400);
  EXPECT_EQ(error_field(unknown), "marks");
}

INSTANTIATE_TEST_SUITE_P(Backends, MarkingSystemsApi, ::testing::ValuesIn(all_backends()),
                         backend_name);

TEST(MarkingSystemsCli, ImportPublishesAndPrintsTheVersion) {
  const std::string path = (std::filesystem::temp_directory_path() /
                            ("marking-system-" + std::to_string(::getpid()) + ".json"))
                               .string();
  {
    std::ofstream file(path);
    file << kRussia;
  }
  for (auto backend : all_backends()) {
    const std::string url = fresh_database_url(backend);
    auto first = run_concord({"import", "markings-system", path, "--db", url});
    ASSERT_EQ(first.exit_code, 0) << first.output;
    EXPECT_NE(first.output.find("published the marking system of RU, version 1"), std::string::npos)
        << first.output;
    auto second = run_concord({"import", "markings-system", path, "--state", "ru", "--db", url});
    ASSERT_EQ(second.exit_code, 0) << second.output;
    EXPECT_NE(second.output.find("version 2"), std::string::npos) << second.output;
    // A document for another state, and one with a bad field: exit 5, the path named.
    auto mismatch = run_concord({"import", "markings-system", path, "--state", "FR", "--db", url});
    EXPECT_EQ(mismatch.exit_code, 5) << mismatch.output;
    EXPECT_NE(mismatch.output.find("state"), std::string::npos) << mismatch.output;
    auto bad = run_concord({"import", "markings-system", "-", "--state", "FR", "--db", url}, {},
                           R"({"year_codes": [{"code": "A", "year": 3000}]})");
    EXPECT_EQ(bad.exit_code, 5) << bad.output;
    EXPECT_NE(bad.output.find("year_codes[0].year"), std::string::npos) << bad.output;
  }
  std::filesystem::remove(path);
}

}  // namespace
}  // namespace concord::testing
