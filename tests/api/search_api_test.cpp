// The marking search over HTTP, on both backends: records imported through the CLI into the
// database a running server uses become searchable through the change feed within a second;
// each caller sees only what is shared with it; bad parameters are refused naming the field.
#include <chrono>
#include <thread>

#include "api/api_fixture.h"

namespace concord::testing {
namespace {

using nlohmann::json;

class SearchApi : public ApiTest {
 protected:
  void import(const std::string& csv) {
    auto imported = run_concord({"import", "weapons", "-", "--db", db_url_}, {}, csv);
    ASSERT_EQ(imported.exit_code, 0) << imported.output;
  }
  json search(const Session& session, const std::string& query) {
    auto answer = as(*client_, session, "GET", "/api/v1/search/markings?" + query);
    EXPECT_EQ(answer.status, 200) << answer.body;
    return json_of(answer);
  }
};

const char* kHeader =
    "external_id,kind,state,weapon_type,make,model,calibre,serial,other_markings,"
    "country_of_manufacture,year_of_manufacture,reported_at\n";

TEST_P(SearchApi, ImportedRecordsAreFoundWithinASecondAndOnlyByThoseTheyAreSharedWith) {
  add_user(db_url_, "fr.officer", "FR", {"tracing_officer"});
  add_user(db_url_, "de.officer", "DE", {"tracing_officer"});
  const Session fr = sign_in(*client_, "fr.officer");
  const Session de = sign_in(*client_, "de.officer");
  const auto started = std::chrono::steady_clock::now();
  import(std::string(kHeader) +
         "FR-1,registry,FR,pistol,Glock,17,9x19mm,4AB7-102,,AT,2019,2020-01-02\n"
         "FR-2,stolen,FR,pistol,Glock,17,9x19mm,4AB7 132,,AT,2019,2021-05-06\n");
  json found;
  for (int attempt = 0; attempt < 40; ++attempt) {
    found = search(fr, "q=4%3FB7%201%3F2&make=glock");
    if (found["hits"].size() == 2) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  const double waited =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  ASSERT_EQ(found["hits"].size(), 2u) << found.dump();
  RecordProperty("seconds_until_searchable", std::to_string(waited));
  EXPECT_EQ(found["hits"][0]["external_id"], "FR-1");  // equal scores: in id order
  EXPECT_EQ(found["hits"][0]["score"], found["hits"][1]["score"]);
  EXPECT_FALSE(found["hits"][0]["alignment"].empty());

  // The registry entry is FR's own; the theft report is shared with law enforcement everywhere.
  auto seen_by_de = search(de, "q=4AB7132");
  ASSERT_EQ(seen_by_de["hits"].size(), 1u) << seen_by_de.dump();
  EXPECT_EQ(seen_by_de["hits"][0]["external_id"], "FR-2");
}

TEST_P(SearchApi, BadParametersAreRefusedNamingTheField) {
  add_user(db_url_, "fr.officer", "FR", {"tracing_officer"});
  const Session fr = sign_in(*client_, "fr.officer");
  for (const auto& [query, field] :
       std::vector<std::pair<std::string, std::string>>{{"", "q"},
                                                        {"q=%3F%3F", "q"},
                                                        {"q=AB12&top=0", "top"},
                                                        {"q=AB12&top=x", "top"},
                                                        {"q=AB12&min_score=2", "min_score"},
                                                        {"q=AB12&maker=Glock", "maker"}}) {
    auto answer = as(*client_, fr, "GET", "/api/v1/search/markings?" + query);
    EXPECT_EQ(answer.status, 400) << query << " " << answer.body;
    EXPECT_EQ(error_field(answer), field) << query;
  }
}

INSTANTIATE_TEST_SUITE_P(Backends, SearchApi, ::testing::ValuesIn(all_backends()), backend_name);

}  // namespace
}  // namespace concord::testing
