// The whole tracing path over HTTP, on both backends: a seizure in France (A) that hits a theft
// report of Germany (B); France asks the state of manufacture, Belgium (C), which forwards the
// request to the importer, Germany; Germany answers with a chain of custody; France closes it, and
// the timeliness report shows both states. Along the way: what a state outside the request sees,
// refusals of invalid transitions, messages, and the operators' due-date rules.
#include <chrono>
#include <thread>

#include "api/api_fixture.h"

namespace concord::testing {
namespace {

using nlohmann::json;

class TracingApi : public ApiTest {
 protected:
  void SetUp() override {
    ApiTest::SetUp();
    for (const char* state : {"fr", "be", "de", "it"}) {
      std::string upper = state;
      for (char& c : upper)
        c = static_cast<char>(c - 'a' + 'A');
      add_user(db_url_, std::string(state) + ".contact", upper, {"national_contact"});
    }
    add_user(db_url_, "fr.observer", "FR", {"civil_society"});
  }

  HttpResponse call(const Session& session, const std::string& method, const std::string& target,
                    const json& body = json()) {
    return as(*client_, session, method, target, body.is_null() ? "" : body.dump());
  }
};

TEST_P(TracingApi, SeizureHitRequestForwardAnswerCloseAndTimeliness) {
  const Session fr = sign_in(*client_, "fr.contact");
  const Session be = sign_in(*client_, "be.contact");
  const Session de = sign_in(*client_, "de.contact");
  const Session it = sign_in(*client_, "it.contact");
  const Session observer = sign_in(*client_, "fr.observer");

  // A seizure in France and a theft report in Germany of the same pistol, made in Belgium.
  auto seized = call(fr, "POST", "/api/v1/records",
                     {{"kind", "seized"},
                      {"weapon_type", "pistol"},
                      {"make", "FN Herstal"},
                      {"model", "Five-seveN"},
                      {"serial", "FN386201977"},
                      {"country_of_manufacture", "BE"},
                      {"year_of_manufacture", 2004}});
  ASSERT_EQ(seized.status, 201) << seized.body;
  const std::string record_id = json_of(seized)["id"];
  auto stolen = call(de, "POST", "/api/v1/records",
                     {{"kind", "stolen"},
                      {"weapon_type", "pistol"},
                      {"make", "FN Herstal"},
                      {"serial", "FN386201977"}});
  ASSERT_EQ(stolen.status, 201) << stolen.body;
  std::string hit_id;
  for (int attempt = 0; attempt < 300 && hit_id.empty(); ++attempt) {
    auto hits = json_of(call(fr, "GET", "/api/v1/hits"));
    if (hits.is_object() && !hits["hits"].empty()) {
      hit_id = hits["hits"][0]["id"];
    } else {
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
  }
  ASSERT_FALSE(hit_id.empty()) << "the cross-check made no hit";

  // Whom to ask: the state of manufacture.
  auto suggested =
      json_of(call(fr, "GET", "/api/v1/tracing/addressee-suggestions?record_id=" + record_id));
  ASSERT_FALSE(suggested["addressees"].empty()) << suggested.dump();
  EXPECT_EQ(suggested["addressees"][0]["state"], "BE");

  auto drafted = call(fr, "POST", "/api/v1/tracing/requests",
                      {{"record_id", record_id},
                       {"hit_id", hit_id},
                       {"illicit_nature", "seized from a trafficking network"},
                       {"legal_basis", "Code pénal, art. 222-52"},
                       {"circumstances", "found in a lorry at the Port of Marseille"},
                       {"intended_use", "criminal investigation and prosecution"},
                       {"priority", "urgent"},
                       {"urgency_justification", "the suspects appear in court on Friday"}});
  ASSERT_EQ(drafted.status, 201) << drafted.body;
  const json draft = json_of(drafted);
  const std::string id = draft["id"];
  const std::string path = "/api/v1/tracing/requests/" + id;
  EXPECT_EQ(draft["status"], "draft");
  EXPECT_EQ(draft["hit_id"], hit_id);
  EXPECT_EQ(draft["legs"][0]["to_state"], "BE");
  EXPECT_TRUE(draft["weapon"].is_null());
  EXPECT_EQ(call(be, "GET", path).status, 403);  // a draft is the sender's alone

  auto sent = call(fr, "POST", path + "/send");
  ASSERT_EQ(sent.status, 200) << sent.body;
  EXPECT_EQ(json_of(sent)["weapon"]["serial"], "FN386201977");
  EXPECT_FALSE(json_of(sent)["legs"][0]["answer_due_at"].is_null());

  // Belgium sees it in its received box; Italy and an observer see nothing.
  auto received = json_of(call(be, "GET", "/api/v1/tracing/requests?box=received"));
  ASSERT_EQ(received["requests"].size(), 1u) << received.dump();
  EXPECT_FALSE(received["requests"][0].contains("circumstances"));
  EXPECT_TRUE(
      json_of(call(it, "GET", "/api/v1/tracing/requests?box=received"))["requests"].empty());
  auto outsider = call(it, "GET", path);
  EXPECT_EQ(outsider.status, 403);
  EXPECT_EQ(outsider.body.find("FN386201977"), std::string::npos);
  EXPECT_EQ(call(observer, "GET", path).status, 403);

  // An answer before acknowledging is refused with the allowed next steps.
  auto early = call(be, "POST", path + "/answer", {{"outcome", "untraceable"}});
  EXPECT_EQ(early.status, 409);
  EXPECT_EQ(error_field(early), "status");
  EXPECT_NE(early.body.find("allowed next: acknowledge, decline, forward"), std::string::npos);

  ASSERT_EQ(call(be, "POST", path + "/acknowledge").status, 200);
  auto forwarded = call(be, "POST", path + "/forward",
                        {{"to_state", "DE"}, {"note", "exported to Import GmbH in 2004"}});
  ASSERT_EQ(forwarded.status, 200) << forwarded.body;
  const json chain = json_of(forwarded)["legs"];
  ASSERT_EQ(chain.size(), 2u);
  EXPECT_EQ(chain[0]["status"], "forwarded");
  EXPECT_EQ(chain[1]["from_state"], "BE");
  EXPECT_EQ(chain[1]["to_state"], "DE");

  // Germany, now a party, reads, writes and answers with the chain of custody.
  ASSERT_EQ(call(de, "GET", path).status, 200);
  ASSERT_EQ(call(de, "POST", path + "/acknowledge").status, 200);
  auto message = call(de, "POST", path + "/messages", {{"body", "Reported stolen in 2019."}});
  EXPECT_EQ(message.status, 201) << message.body;
  auto bad_answer = call(de, "POST", path + "/answer",
                         {{"outcome", "restricted"}, {"chain_of_custody", json::array()}});
  EXPECT_EQ(bad_answer.status, 400);
  EXPECT_EQ(error_field(bad_answer), "restriction_reason");
  const json answer = {
      {"outcome", "full"},
      {"chain_of_custody",
       {{{"kind", "manufacture"},
         {"date", "2004"},
         {"parties", {{{"name", "FN Herstal"}, {"country", "BE"}}}}},
        {{"kind", "export"},
         {"date", "2004-06-12"},
         {"parties", {{{"name", "FN Herstal"}, {"country", "BE"}}}},
         {"documents", {{{"reference", "BE export licence 2004/1234"}}}}},
        {{"kind", "import"},
         {"date", "2004-06-20"},
         {"parties", {{{"name", "Import GmbH"}, {"country", "DE"}}}}},
        {{"kind", "last_legal_holder"},
         {"date", "2015"},
         {"parties", {{{"name", "Schützenverein Köln"}, {"country", "DE"}}}}},
        {{"kind", "diversion"}, {"date", "2019-02"}, {"note", "reported stolen"}}}}};
  auto answered = call(de, "POST", path + "/answer", answer);
  ASSERT_EQ(answered.status, 200) << answered.body;
  EXPECT_EQ(json_of(answered)["legs"][1]["status"], "answered");
  EXPECT_EQ(json_of(answered)["legs"][1]["answer"]["chain_of_custody"].size(), 5u);

  // Only France closes; then the thread shows what was said.
  EXPECT_EQ(call(de, "POST", path + "/close").status, 403);
  auto closed = call(fr, "POST", path + "/close");
  ASSERT_EQ(closed.status, 200) << closed.body;
  EXPECT_EQ(json_of(closed)["status"], "closed");
  auto thread = json_of(call(fr, "GET", path + "/messages"));
  ASSERT_EQ(thread["messages"].size(), 1u);
  EXPECT_EQ(thread["messages"][0]["from_state"], "DE");

  // The timeliness report shows both addressed states.
  auto report = call(fr, "GET", "/api/v1/reports/timeliness");
  ASSERT_EQ(report.status, 200) << report.body;
  const json states = json_of(report)["states"];
  ASSERT_EQ(states.size(), 2u) << states.dump();
  EXPECT_EQ(states[0]["state"], "BE");
  EXPECT_EQ(states[0]["answered"], 1);  // forwarding is its final reply
  EXPECT_EQ(states[1]["state"], "DE");
  EXPECT_EQ(states[1]["share_answered_by_due_date"], 1.0);
  EXPECT_EQ(states[1]["overdue_now"], 0);
  auto cli = run_concord({"report", "timeliness", "--json", "--db", db_url_});
  ASSERT_EQ(cli.exit_code, 0) << cli.output;
  EXPECT_NE(cli.output.find("\"state\": \"DE\""), std::string::npos) << cli.output;
}

TEST_P(TracingApi, OperatorsSetDueDateRulesAndTimeZones) {
  auto rules = call(operator_session(), "PUT", "/api/v1/tracing/due-date-rules",
                    {{"rules", {{{"kind", "answer"}, {"to_state", "JP"}, {"within", "P1M"}}}}});
  ASSERT_EQ(rules.status, 200) << rules.body;
  EXPECT_EQ(json_of(rules)["rules"][0]["within"], "P1M");
  EXPECT_EQ(json_of(rules)["defaults"].size(), 3u);
  auto bad = call(operator_session(), "PUT", "/api/v1/tracing/due-date-rules",
                  {{"rules", {{{"kind", "answer"}, {"within", "30 days"}}}}});
  EXPECT_EQ(bad.status, 400);
  EXPECT_EQ(error_field(bad), "rules[0].within");
  auto zone = call(operator_session(), "PUT", "/api/v1/tracing/time-zones/JP",
                   {{"time_zone", "Asia/Tokyo"}});
  ASSERT_EQ(zone.status, 200) << zone.body;
  auto bad_zone =
      call(operator_session(), "PUT", "/api/v1/tracing/time-zones/JP", {{"time_zone", "Tokyo"}});
  EXPECT_EQ(bad_zone.status, 400);
  EXPECT_EQ(error_field(bad_zone), "time_zone");
}

INSTANTIATE_TEST_SUITE_P(Backends, TracingApi, ::testing::ValuesIn(all_backends()), backend_name);

}  // namespace
}  // namespace concord::testing
