// The weapon reference table over HTTP and the CLI, on both backends: filled with `concord
// reference fill`, read as makes, a make with its models and calibres, suggestions with reasons,
// operator edits (POST and PATCH) with their errors, and the CSV export imported again unchanged,
// a bad file refused with line and column and nothing changed.
#include <gtest/gtest.h>

#include "api/api_fixture.h"

namespace concord::testing {
namespace {

using nlohmann::json;

class ReferenceApi : public ApiTest {
 protected:
  HttpResponse operator_call(const std::string& method, const std::string& target,
                             const std::string& body = {}) {
    return as(*client_, operator_session(), method, target, body);
  }
};

TEST_P(ReferenceApi, FillReadSuggestEditExportImport) {
  const auto filled = run_concord({"reference", "fill", "--db", db_url_});
  ASSERT_EQ(filled.exit_code, 0) << filled.output;
  EXPECT_NE(filled.output.find("entries added"), std::string::npos) << filled.output;

  auto makes = operator_call("GET", "/api/v1/reference/makes");
  ASSERT_EQ(makes.status, 200) << makes.body;
  const auto make_list = json_of(makes)["makes"];
  ASSERT_GT(make_list.size(), 100u);
  const json first = make_list[0];
  auto detail = operator_call("GET", "/api/v1/reference/makes/" + first["id"].get<std::string>());
  ASSERT_EQ(detail.status, 200) << detail.body;
  ASSERT_FALSE(json_of(detail)["models"].empty());
  EXPECT_EQ(operator_call("GET", "/api/v1/reference/makes/01J00000000000000000000000").status, 404);
  auto calibres = operator_call("GET", "/api/v1/reference/calibres");
  ASSERT_EQ(calibres.status, 200);
  EXPECT_GT(json_of(calibres)["calibres"].size(), 30u);

  // Operator edits: a make, a calibre, a model naming both by other spellings.
  auto make = operator_call("POST", "/api/v1/reference/makes",
                            R"({"name": "Kalashnikov Concern", "code": "KC", "country": "ru",
                                "aliases": ["Kalash", "Izhmash"]})");
  ASSERT_EQ(make.status, 201) << make.body;
  const std::string make_id = json_of(make)["id"];
  EXPECT_EQ(json_of(make)["country"], "RU");
  auto taken =
      operator_call("POST", "/api/v1/reference/makes", R"({"name": "kalashnikov CONCERN"})");
  EXPECT_EQ(taken.status, 409) << taken.body;
  auto bad_country = operator_call("POST", "/api/v1/reference/makes",
                                   R"({"name": "Nowhere Arms", "country": "QQ"})");
  EXPECT_EQ(bad_country.status, 400);
  EXPECT_EQ(error_field(bad_country), "country");
  auto bad_alias = operator_call("POST", "/api/v1/reference/makes",
                                 R"({"name": "Other Arms", "aliases": ["ok", 7]})");
  EXPECT_EQ(bad_alias.status, 400);
  EXPECT_EQ(error_field(bad_alias), "aliases[1]");
  auto model = operator_call("POST", "/api/v1/reference/models",
                             R"({"make": "kalash", "name": "AK-47", "weapon_type": "assault rifle",
                                 "calibre": "7,62 × 39"})");
  ASSERT_EQ(model.status, 201) << model.body;
  EXPECT_EQ(json_of(model)["make_id"], make_id);
  const std::string model_id = json_of(model)["id"];
  auto patched = operator_call("PATCH", "/api/v1/reference/models/" + model_id,
                               R"({"aliases": ["Kalashnikov rifle"]})");
  ASSERT_EQ(patched.status, 200) << patched.body;
  EXPECT_EQ(json_of(patched)["aliases"][0], "Kalashnikov rifle");
  auto patched_make =
      operator_call("PATCH", "/api/v1/reference/makes/" + make_id, R"({"code": "KCN"})");
  ASSERT_EQ(patched_make.status, 200) << patched_make.body;
  EXPECT_EQ(json_of(patched_make)["aliases"].size(), 2u);

  auto suggested = operator_call(
      "GET", "/api/v1/reference/suggest?make=Kalashnikof&calibre=7.62x39&type=assault+rifle");
  ASSERT_EQ(suggested.status, 200) << suggested.body;
  const auto suggestions = json_of(suggested)["suggestions"];
  ASSERT_FALSE(suggestions.empty());
  EXPECT_EQ(suggestions[0]["model"], "AK-47");
  EXPECT_EQ(suggestions[0]["calibre"], "7.62x39mm");
  EXPECT_FALSE(suggestions[0]["reasons"].empty());
  auto unknown = operator_call("GET", "/api/v1/reference/suggest?maker=X");
  EXPECT_EQ(unknown.status, 400);
  EXPECT_EQ(error_field(unknown), "maker");

  // Export, then import the same file: nothing changes.
  auto exported = operator_call("GET", "/api/v1/reference/export");
  ASSERT_EQ(exported.status, 200);
  EXPECT_NE(exported.body.find("make," + make_id + ",Kalashnikov Concern,KCN,RU"),
            std::string::npos);
  auto imported = operator_call("POST", "/api/v1/reference/import", exported.body);
  ASSERT_EQ(imported.status, 200) << imported.body;
  EXPECT_EQ(json_of(imported)["created"], 0);
  EXPECT_EQ(json_of(imported)["updated"], 0);
  EXPECT_GT(json_of(imported)["unchanged"].get<int>(), 1000);

  // A bad file: refused whole, with line and column.
  const std::string bad =
      "table,id,name,code,country,make,weapon_type,calibre,aliases,other_make,other_model\n"
      "make,,Brand New Works,BNW,FR,,,,,,\n"
      "model,,BN-1,,,Brand New Works,pistol,99x99mm,,,\n";
  auto refused = operator_call("POST", "/api/v1/reference/import", bad);
  EXPECT_EQ(refused.status, 400);
  EXPECT_EQ(error_field(refused), "calibre");
  EXPECT_NE(refused.body.find("line 3, column \\\"calibre\\\""), std::string::npos) << refused.body;
  EXPECT_EQ(operator_call("GET", "/api/v1/reference/export").body, exported.body);

  // The CLI exports the same file and suggests from the same table.
  const auto cli_export = run_concord({"reference", "export", "--db", db_url_});
  ASSERT_EQ(cli_export.exit_code, 0);
  EXPECT_NE(cli_export.output.find(exported.body), std::string::npos);
  const auto cli_suggest = run_concord(
      {"reference", "suggest", "--db", db_url_, "--make", "izhmash", "--model", "AK47"});
  ASSERT_EQ(cli_suggest.exit_code, 0) << cli_suggest.output;
  EXPECT_NE(cli_suggest.output.find("Kalashnikov Concern AK-47, 7.62x39mm"), std::string::npos)
      << cli_suggest.output;
  const auto cli_bad = run_concord({"reference", "import", "-", "--db", db_url_}, {}, bad);
  EXPECT_EQ(cli_bad.exit_code, 5) << cli_bad.output;
  EXPECT_NE(cli_bad.output.find("line 3, column \"calibre\""), std::string::npos) << cli_bad.output;
}

INSTANTIATE_TEST_SUITE_P(Backends, ReferenceApi, ::testing::ValuesIn(all_backends()), backend_name);

}  // namespace
}  // namespace concord::testing
