// IATI over the API and the CLI: a donor's contact imports its IATI file as application/xml and
// gets the counts; anyone exports the activities as application/xml; `concord import iati` and
// `concord export iati` do the same from the command line.
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "api/api_fixture.h"

namespace concord::testing {
namespace {

const std::string kFile =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
    "<iati-activities version=\"2.02\">\n"
    " <iati-activity default-currency=\"EUR\">\n"
    "  <iati-identifier>FR-DEMINING-LA-1</iati-identifier>\n"
    "  <recipient-country code=\"LA\"/>\n"
    "  <sector code=\"15250\"/>\n"
    "  <transaction><transaction-type code=\"2\"/><transaction-date iso-date=\"2027-01-10\"/>"
    "<value value-date=\"2027-01-10\">250000.00</value></transaction>\n"
    "  <transaction><transaction-type code=\"3\"/><transaction-date iso-date=\"2027-03-10\"/>"
    "<value value-date=\"2027-03-10\">100000</value></transaction>\n"
    "  <transaction><transaction-type code=\"1\"/><transaction-date iso-date=\"2027-03-10\"/>"
    "<value value-date=\"2027-03-10\">5</value></transaction>\n"
    " </iati-activity>\n"
    "</iati-activities>\n";

class IatiApi : public ApiTest {
 protected:
  HttpResponse send_xml(const Session& session, const std::string& body,
                        const std::string& content_type = "application/xml") {
    HttpClient client("127.0.0.1", server_->port());
    return client.request("POST", "/api/v1/assistance/iati/import", body,
                          {{"Cookie", session.cookie},
                           {"X-CSRF-Token", session.csrf_token},
                           {"Content-Type", content_type}});
  }
};

TEST_P(IatiApi, ImportsAnXmlFileAndExportsTheActivities) {
  add_user(db_url_, "fr.contact", "FR", {"national_contact"});
  const Session france = sign_in(*client_, "fr.contact");

  auto imported = send_xml(france, kFile);
  ASSERT_EQ(imported.status, 200) << imported.body;
  auto report = json_of(imported);
  EXPECT_EQ(report["version"], "2.02");
  EXPECT_EQ(report["activities"], 1);
  EXPECT_EQ(report["flows_created"], 2);
  EXPECT_EQ(report["duplicates"], 0);
  EXPECT_EQ(report["skipped_count"], 1);
  EXPECT_EQ(report["skipped"][0]["element"], "transaction");

  auto again = send_xml(france, kFile, "text/xml; charset=utf-8");
  ASSERT_EQ(again.status, 200) << again.body;
  EXPECT_EQ(json_of(again)["flows_created"], 0);
  EXPECT_EQ(json_of(again)["duplicates"], 2);

  auto exported = get("/api/v1/assistance/iati/activities.xml?recipient_state=LA&donor=state:FR");
  ASSERT_EQ(exported.status, 200) << exported.body;
  EXPECT_TRUE(exported.header("content-type").starts_with("application/xml"));
  EXPECT_NE(exported.body.find("<iati-activities version=\"2.03\""), std::string::npos);
  EXPECT_NE(exported.body.find("<iati-identifier>FR-DEMINING-LA-1</iati-identifier>"),
            std::string::npos);
  EXPECT_NE(exported.body.find(">250000.00</value>"), std::string::npos);

  auto bad_filter = get("/api/v1/assistance/iati/activities.xml?donor=somebody");
  EXPECT_EQ(bad_filter.status, 400);
  EXPECT_EQ(error_field(bad_filter), "donor");
}

TEST_P(IatiApi, RefusesJsonAndBrokenFilesNamingTheLine) {
  add_user(db_url_, "fr.contact", "FR", {"national_contact"});
  const Session france = sign_in(*client_, "fr.contact");
  auto json_body = send_xml(france, R"({"file": "x"})", "application/json");
  EXPECT_EQ(json_body.status, 400);
  EXPECT_EQ(error_field(json_body), "Content-Type");

  std::string broken = kFile;
  broken.replace(broken.find("100000"), 6, "1e5");
  auto refused = send_xml(france, broken);
  ASSERT_EQ(refused.status, 400) << refused.body;
  EXPECT_EQ(error_field(refused), "xml");
  EXPECT_NE(refused.body.find("line 8"), std::string::npos) << refused.body;
  auto exported = get("/api/v1/assistance/iati/activities.xml");
  EXPECT_EQ(exported.body.find("FR-DEMINING-LA-1"), std::string::npos) << "nothing was imported";
}

INSTANTIATE_TEST_SUITE_P(Backends, IatiApi, ::testing::ValuesIn(all_backends()), backend_name);

TEST(IatiCli, ImportsAFileAsADonorAndExportsIt) {
  const std::string url = fresh_database_url(store::Backend::sqlite);
  const auto directory = std::filesystem::temp_directory_path();
  const std::string in = (directory / ("concord-iati-in-" + std::to_string(::getpid()))).string();
  const std::string out = (directory / ("concord-iati-out-" + std::to_string(::getpid()))).string();
  std::ofstream(in) << kFile;

  auto imported = run_concord({"import", "iati", in, "--as", "state:FR", "--db", url});
  ASSERT_EQ(imported.exit_code, 0) << imported.output;
  EXPECT_NE(imported.output.find("1 activities, 2 flows created, 0 already imported, 1 left out"),
            std::string::npos)
      << imported.output;

  auto exported = run_concord({"export", "iati", "--out", out, "--state", "LA", "--db", url});
  ASSERT_EQ(exported.exit_code, 0) << exported.output;
  std::ifstream written(out);
  const std::string xml((std::istreambuf_iterator<char>(written)),
                        std::istreambuf_iterator<char>());
  EXPECT_NE(xml.find("<iati-identifier>FR-DEMINING-LA-1</iati-identifier>"), std::string::npos);
  EXPECT_NE(xml.find("XX-CONCORD-STATE-FR"), std::string::npos);

  auto to_stdout = run_concord({"export", "iati", "--donor", "state:FR", "--db", url});
  ASSERT_EQ(to_stdout.exit_code, 0) << to_stdout.output;
  EXPECT_NE(to_stdout.output.find("FR-DEMINING-LA-1"), std::string::npos);

  std::ofstream(in) << "<not-iati/>";
  auto broken = run_concord({"import", "iati", in, "--as", "state:FR", "--db", url});
  EXPECT_EQ(broken.exit_code, 5) << broken.output;
  EXPECT_NE(broken.output.find("line 1"), std::string::npos) << broken.output;

  auto no_donor = run_concord({"import", "iati", in, "--as", "FR", "--db", url});
  EXPECT_EQ(no_donor.exit_code, 2) << no_donor.output;
  std::filesystem::remove(in);
  std::filesystem::remove(out);
}

}  // namespace
}  // namespace concord::testing
