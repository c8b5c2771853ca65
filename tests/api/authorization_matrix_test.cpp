// The authorization matrix: every route, called by every kind of caller, answers as the access
// policy says: the owning state's users allowed, another state's users, observers and callers
// without the role refused with 403, anonymous callers with 401, and no data in any refusal.
// A route added without a row here fails the test.
#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <map>
#include <set>
#include <thread>

#include "api/api_fixture.h"
#include "api/route_list.h"
#include "assistance/plan_store.h"

namespace concord::testing {
namespace {

using nlohmann::json;

// Who calls, and how they are signed in.
struct Caller {
  std::string name;
  std::optional<Session> session;
  std::string bearer;  // an API token instead of a session
};

// One request to make, and the callers that must be let through.
struct Row {
  std::string method;
  std::string pattern;  // the route it exercises
  std::string target;   // a concrete path
  std::string body;
  std::set<std::string> allowed;
};

const std::set<std::string> kEveryone = {
    "anonymous",   "operator",    "fr_contact", "de_contact", "fr_officer_without_2fa",
    "fr_observer", "states_token"};
const std::set<std::string> kSignedIn = {"operator", "fr_contact", "de_contact",
                                         "fr_officer_without_2fa", "fr_observer"};
const std::set<std::string> kOperator = {"operator"};
const std::set<std::string> kReferenceReaders = {"operator", "fr_contact", "de_contact"};
const std::set<std::string> kInboxReaders = {"operator", "fr_contact", "de_contact", "fr_observer"};

class AuthorizationMatrix : public ApiTest {
 protected:
  HttpResponse call(const Caller& caller, const Row& row) {
    HttpClient client("127.0.0.1", server_->port());
    if (caller.session) return as(client, *caller.session, row.method, row.target, row.body);
    std::map<std::string, std::string> headers = {{"Content-Type", "application/json"}};
    if (!caller.bearer.empty()) headers["Authorization"] = "Bearer " + caller.bearer;
    return client.request(row.method, row.target, row.body, headers);
  }
};

TEST_P(AuthorizationMatrix, EveryRouteAllowsAndRefusesExactlyAsThePolicySays) {
  add_user(db_url_, "fr.contact", "FR", {"national_contact"});
  add_user(db_url_, "de.contact", "DE", {"national_contact"});
  add_user(db_url_, "fr.officer", "FR", {"tracing_officer"});
  add_user(db_url_, "fr.observer", "FR", {"civil_society"});
  add_user(db_url_, "victim.one", "FR", {"analyst"});

  std::vector<Caller> callers = {
      {"anonymous", std::nullopt, ""},
      {"operator", operator_session(), ""},
      {"fr_contact", sign_in(*client_, "fr.contact"), ""},
      {"de_contact", sign_in(*client_, "de.contact"), ""},
      {"fr_officer_without_2fa", sign_in(*client_, "fr.officer", /*enrol_second_factor=*/false),
       ""},
      {"fr_observer", sign_in(*client_, "fr.observer"), ""},
  };

  // Records to point at.
  auto users = json::parse(as(*client_, operator_session(), "GET", "/api/v1/users").body);
  std::string victim_id, operator_id;
  for (const auto& user : users["users"]) {
    if (user["username"] == "victim.one") victim_id = user["id"];
    if (user["username"] == "root.operator") operator_id = user["id"];
  }
  ASSERT_FALSE(victim_id.empty());
  auto organisation = json::parse(
      post("/api/v1/organisations", R"({"name": "Matrix Organisation", "kind": "regional"})").body);
  const std::string organisation_id = organisation["id"];
  auto issue = [&](const std::string& scope) {
    auto issued =
        as(*client_, operator_session(), "POST", "/api/v1/tokens",
           json{{"user_id", operator_id}, {"name", "matrix " + scope}, {"scopes", {scope}}}.dump());
    EXPECT_EQ(issued.status, 201) << issued.body;
    return json::parse(issued.body, nullptr, false);
  };
  callers.push_back({"states_token", std::nullopt, issue("states.*").value("token", "")});
  const std::string revocable_token_id = issue("organisations.read").value("id", "");

  // France's private registry entry and a photo of it, for the record routes.
  const Session& france = *std::find_if(callers.begin(), callers.end(), [](const Caller& c) {
                             return c.name == "fr_contact";
                           })->session;
  const std::string record_id = json::parse(as(*client_, france, "POST", "/api/v1/records",
                                               R"({"kind": "registry", "serial": "MATRIX-REC-1"})")
                                                .body,
                                            nullptr, false)
                                    .value("id", "");
  ASSERT_FALSE(record_id.empty());
  const std::string png_bytes = std::string("\x89PNG\r\n\x1A\n", 8) + "matrix";
  const std::string attachment_id =
      json::parse(as(*client_, france, "POST",
                     "/api/v1/records/" + record_id + "/attachments?filename=m.png", png_bytes)
                      .body,
                  nullptr, false)
          .value("id", "");
  ASSERT_FALSE(attachment_id.empty());
  const std::string record_path = "/api/v1/records/" + record_id;
  // France's hazardous area, for the classification and release routes (issue 7).
  const std::string hazard_body =
      R"({"name": "Matrix field", "contamination": "cluster_munition_remnants",)"
      R"( "recorded_on": "2020-01-01", "geometry": {"type": "Polygon", "coordinates":)"
      R"( [[[5.0, 49.0], [5.01, 49.0], [5.01, 49.01], [5.0, 49.01], [5.0, 49.0]]]}})";
  const std::string hazard_id =
      json::parse(
          as(*client_, france, "POST", "/api/v1/countries/FR/hazardous-areas", hazard_body).body,
          nullptr, false)
          .value("id", "");
  ASSERT_FALSE(hazard_id.empty());
  const std::string hazard_path = "/api/v1/hazardous-areas/" + hazard_id;
  const std::set<std::string> kFrance = {"fr_contact"};
  // Lists are of the caller's own state, so each state's contact may ask.
  const std::set<std::string> kStateContacts = {"fr_contact", "de_contact"};

  // A cross-check hit between France's private registry entry and an Italian seizure, so that
  // Germany is a state not party to it.
  {
    const auto imported = run_concord(
        {"import", "weapons", "-", "--db", db_url_}, {},
        "external_id,kind,state,weapon_type,make,model,calibre,serial,other_markings,"
        "country_of_manufacture,year_of_manufacture,reported_at\n"
        "MATRIX-FR-1,registry,FR,pistol,Glock,17,9x19mm,MX73518264,,AT,2015,2020-01-01\n"
        "MATRIX-IT-1,seized,IT,pistol,Glock,17,9x19mm,MX73518264,,,,2025-01-01\n");
    ASSERT_EQ(imported.exit_code, 0) << imported.output;
  }
  std::string hit_id, hit_record_id;
  for (int attempt = 0; attempt < 200 && hit_id.empty(); ++attempt) {
    auto hits =
        json::parse(as(*client_, *callers[2].session, "GET", "/api/v1/hits").body, nullptr, false);
    if (hits.is_object() && !hits["hits"].empty()) {
      hit_id = hits["hits"][0]["id"];
      hit_record_id = hits["hits"][0]["record"]["record_id"];
    } else {
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
  }
  ASSERT_FALSE(hit_id.empty()) << "the cross-check made no hit";

  // Tracing requests from France: one to Germany for the addressed state's routes, one to Italy
  // (no user here) so that Germany is a state not party to it, and a draft to send.
  const auto draft_tracing = [&](const std::string& to) {
    return json::parse(as(*client_, france, "POST", "/api/v1/tracing/requests",
                          json{{"record_id", record_id},
                               {"illicit_nature", "seized"},
                               {"legal_basis", "national law"},
                               {"circumstances", "found at the border"},
                               {"intended_use", "investigation"},
                               {"addressees", {to}}}
                              .dump())
                           .body,
                       nullptr, false)
        .value("id", "");
  };
  const std::string tracing_respond_id = draft_tracing("DE");
  const std::string tracing_read_id = draft_tracing("IT");
  const std::string tracing_draft_id = draft_tracing("DE");
  ASSERT_FALSE(tracing_draft_id.empty());
  for (const auto& id : {tracing_respond_id, tracing_read_id}) {
    ASSERT_EQ(as(*client_, france, "POST", "/api/v1/tracing/requests/" + id + "/send").status, 200);
  }
  const std::string tracing_attachment_id =
      json::parse(as(*client_, france, "POST",
                     "/api/v1/tracing/requests/" + tracing_read_id + "/attachments?filename=t.png",
                     png_bytes)
                      .body,
                  nullptr, false)
          .value("id", "");
  ASSERT_FALSE(tracing_attachment_id.empty());
  const std::string respond_path = "/api/v1/tracing/requests/" + tracing_respond_id;
  const std::string read_path = "/api/v1/tracing/requests/" + tracing_read_id;
  const std::set<std::string> kGermany = {"de_contact"};
  const std::string tracing_body_pattern = "/api/v1/tracing/requests/{id}";

  const std::string sign_in_body =
      json{{"username", "fr.observer"}, {"password", kTestPassword}}.dump();
  const std::string webhook_body =
      json{{"state", "FR"}, {"url", "https://hooks.example.org/matrix"}, {"topics", {"*"}}}.dump();
  auto webhook = json::parse(post("/api/v1/webhooks", webhook_body).body, nullptr, false);
  const std::string webhook_id = webhook.value("id", "");
  ASSERT_FALSE(webhook_id.empty());
  // A make, a calibre and a model of the weapon reference table to point at.
  const auto reference_make = json::parse(
      post("/api/v1/reference/makes", R"({"name": "Matrix Works"})").body, nullptr, false);
  const std::string reference_make_id = reference_make.value("id", "");
  const auto reference_calibre = json::parse(
      post("/api/v1/reference/calibres", R"({"name": "9.98x98mm"})").body, nullptr, false);
  const std::string reference_calibre_id = reference_calibre.value("id", "");
  const auto reference_model = json::parse(
      post("/api/v1/reference/models", R"({"make": "Matrix Works", "name": "MX-1"})").body, nullptr,
      false);
  const std::string reference_model_id = reference_model.value("id", "");
  ASSERT_FALSE(reference_model_id.empty());
  // A pledge of France's, for the funding-flow routes (issue 6).
  const std::string flow_body =
      R"({"kind": "pledge", "recipient_state": "LA", "amount": "1000", "currency": "EUR",)"
      R"( "value_date": "2027-01-01", "budget_year": 2027, "theme": "clearance"})";
  const std::string flow_id =
      json::parse(as(*client_, france, "POST", "/api/v1/assistance/flows", flow_body).body, nullptr,
                  false)
          .value("flow_id", "");
  ASSERT_FALSE(flow_id.empty());
  const std::string flow_path = "/api/v1/assistance/flows/" + flow_id;
  // France's plan with a need, and two of Norway's offers for it (Norway has no user here, so
  // Germany is on neither side), written straight to the store; and a match the operator
  // proposed, for the matching routes (issue 6).
  {
    auto db = store::open_database(db_url_);
    ASSERT_TRUE(db.ok()) << db.error().message;
    const std::string at = "2027-01-15T09:00:00.000Z";
    assistance::Plan plan;
    plan.id = "MATRIXPLAN";
    plan.state = "FR";
    plan.title = "Matrix plan";
    plan.first_year = 2027;
    plan.last_year = 2030;
    plan.created_at = plan.updated_at = at;
    assistance::Need need;
    need.id = "MATRIXNEED";
    need.plan_id = plan.id;
    need.state = "FR";
    need.description = "matrix clearance";
    need.currency = "EUR";
    need.years = {{2027, 1'000'000, 0}};
    need.created_at = need.updated_at = at;
    assistance::Offer offer;
    offer.donor = {assistance::DonorType::state, "NO"};
    offer.title = "Matrix offer";
    offer.themes = {assistance::Theme::clearance};
    offer.amount_minor = 500'000;
    offer.currency = "EUR";
    offer.first_year = 2027;
    offer.last_year = 2030;
    offer.created_at = offer.updated_at = at;
    auto written = store::in_transaction(**db, store::TransactionMode::read_write,
                                         [&](store::Transaction& tx) -> Result<bool> {
                                           CONCORD_TRY(assistance::insert_plan(tx, plan));
                                           CONCORD_TRY(assistance::insert_need(tx, need));
                                           for (const char* id : {"MATRIXOFFER1", "MATRIXOFFER2"}) {
                                             offer.id = id;
                                             CONCORD_TRY(assistance::insert_offer(tx, offer));
                                           }
                                           return true;
                                         });
    ASSERT_TRUE(written.ok()) << written.error().message;
  }
  const std::string match_id =
      json::parse(post("/api/v1/assistance/matches",
                       R"({"need_id": "MATRIXNEED", "offer_id": "MATRIXOFFER1"})")
                      .body,
                  nullptr, false)
          .value("id", "");
  ASSERT_FALSE(match_id.empty());
  const std::string match_path = "/api/v1/assistance/matches/" + match_id;
  const std::set<std::string> kMatchReaders = {"operator", "fr_contact", "de_contact"};
  // An obligation of France's plan, for the obligation and progress routes (issue 6).
  const std::string obligation_body =
      R"({"theme": "clearance", "treaty_basis": "ccm", "description": "matrix clearance",)"
      R"( "unit": "km2", "target_quantity": 10, "deadline": "2030-12-31"})";
  const std::string obligation_id =
      json::parse(as(*client_, france, "POST", "/api/v1/assistance/plans/MATRIXPLAN/obligations",
                     obligation_body)
                      .body,
                  nullptr, false)
          .value("id", "");
  ASSERT_FALSE(obligation_id.empty());
  const std::string obligation_path = "/api/v1/assistance/obligations/" + obligation_id;
  const std::string plan_body =
      R"({"title": "Matrix plan", "first_year": 2027, "last_year": 2030})";
  const std::string need_body =
      R"({"theme": "clearance", "description": "matrix need", "currency": "EUR",)"
      R"( "years": [{"year": 2027, "cost": "1000000"}]})";
  const std::string offer_body =
      R"({"title": "Matrix offer", "themes": ["clearance"], "amount": "5000", "currency": "EUR",)"
      R"( "first_year": 2027, "last_year": 2030})";
  int organisation_number = 0;
  const std::vector<Row> rows = {
      {"GET", "/healthz", "/healthz", "", kEveryone},
      {"GET", "/readyz", "/readyz", "", kEveryone},
      {"GET", "/metrics", "/metrics", "", kEveryone},
      {"GET", "/api/v1/states", "/api/v1/states", "", kEveryone},
      {"GET", "/api/v1/states/{alpha2}", "/api/v1/states/FR", "", kEveryone},
      {"GET", "/api/v1/organisations", "/api/v1/organisations", "", kEveryone},
      {"GET", "/api/v1/organisations/{id}", "/api/v1/organisations/" + organisation_id, "",
       kEveryone},
      {"POST", "/api/v1/organisations", "/api/v1/organisations", "", kOperator},
      {"POST", "/api/v1/session", "/api/v1/session", sign_in_body, kEveryone},
      {"GET", "/api/v1/session", "/api/v1/session", "", kSignedIn},
      {"POST", "/api/v1/session/totp", "/api/v1/session/totp", "", kSignedIn},
      {"POST", "/api/v1/session/totp/confirm", "/api/v1/session/totp/confirm",
       R"({"code": "000000"})", kSignedIn},
      {"GET", "/api/v1/users", "/api/v1/users", "", kOperator},
      {"POST", "/api/v1/users", "/api/v1/users",
       json{{"username", "made.by.matrix"},
            {"state", "FR"},
            {"roles", {"analyst"}},
            {"password", kTestPassword}}
           .dump(),
       kOperator},
      {"PUT", "/api/v1/users/{id}/roles", "/api/v1/users/" + victim_id + "/roles",
       R"({"roles": ["analyst"]})", kOperator},
      {"POST", "/api/v1/users/{id}/password", "/api/v1/users/" + victim_id + "/password",
       json{{"password", kTestPassword + " again"}}.dump(), kOperator},
      {"POST", "/api/v1/users/{id}/disable", "/api/v1/users/" + victim_id + "/disable", "",
       kOperator},
      {"POST", "/api/v1/tokens", "/api/v1/tokens",
       json{{"user_id", victim_id}, {"name", "matrix"}, {"scopes", {"states.read"}}}.dump(),
       kOperator},
      {"DELETE", "/api/v1/tokens/{id}", "/api/v1/tokens/" + revocable_token_id, "", kOperator},
      {"GET", "/api/v1/audit", "/api/v1/audit?state=FR", "", {"operator", "fr_contact"}},
      {"GET", "/api/v1/audit", "/api/v1/audit?state=DE", "", {"operator", "de_contact"}},
      {"GET", "/api/v1/audit/verify", "/api/v1/audit/verify", "", kOperator},
      // Law enforcement and analysts of any state may search; each sees only what is shared
      // with it (search_api_test.cpp proves that part).
      {"GET",
       "/api/v1/search/markings",
       "/api/v1/search/markings?q=AB1234",
       "",
       {"fr_contact", "de_contact"}},
      // Every signed-in user has an inbox (an observer's holds only what is addressed to them),
      // but law-enforcement users need their second factor for it. No entry exists here, so
      // marking one is a 404, which is not a refusal.
      {"GET", "/api/v1/inbox", "/api/v1/inbox", "", kInboxReaders},
      {"POST", "/api/v1/inbox/{id}/read", "/api/v1/inbox/01JZZZZZZZZZZZZZZZZZZZZZZZ/read", "",
       kInboxReaders},
      {"POST", "/api/v1/inbox/read-all", "/api/v1/inbox/read-all", "", kInboxReaders},
      // A state's webhooks: its national contact and operators only.
      {"GET", "/api/v1/webhooks", "/api/v1/webhooks?state=FR", "", {"operator", "fr_contact"}},
      {"POST", "/api/v1/webhooks", "/api/v1/webhooks", webhook_body, {"operator", "fr_contact"}},
      {"DELETE",
       "/api/v1/webhooks/{id}",
       "/api/v1/webhooks/" + webhook_id,
       "",
       {"operator", "fr_contact"}},
      // National marking systems: only a state's own national contact publishes it (first, so
      // that the read below finds it); operators and law enforcement read them; decoding is for
      // law enforcement and analysts.
      {"PUT",
       "/api/v1/marking-systems/{state}",
       "/api/v1/marking-systems/FR",
       R"({"country_marks": [{"mark": "MADE IN FRANCE", "country": "FR"}]})",
       {"fr_contact"}},
      {"GET",
       "/api/v1/marking-systems",
       "/api/v1/marking-systems",
       "",
       {"operator", "fr_contact", "de_contact"}},
      {"GET",
       "/api/v1/marking-systems/{state}",
       "/api/v1/marking-systems/FR",
       "",
       {"operator", "fr_contact", "de_contact"}},
      {"POST",
       "/api/v1/markings/decode",
       "/api/v1/markings/decode",
       R"({"markings": [{"kind": "country_of_manufacture", "text": "made in France"}]})",
       {"fr_contact", "de_contact"}},
      // Hits: the states party to the hit (FR here; IT has no user) read and review their side.
      {"GET", "/api/v1/hits", "/api/v1/hits", "", {"fr_contact", "de_contact"}},
      {"GET", "/api/v1/hits/{id}", "/api/v1/hits/" + hit_id, "", {"fr_contact"}},
      {"POST",
       "/api/v1/hits/{id}/review",
       "/api/v1/hits/" + hit_id + "/review",
       R"({"status": "confirmed"})",
       {"fr_contact"}},
      {"GET",
       "/api/v1/records/{id}/hits",
       "/api/v1/records/" + hit_record_id + "/hits",
       "",
       {"fr_contact"}},
      // Weapon records: France's users write and read France's private entry; a POST naming
      // France is refused to Germany.
      {"POST", "/api/v1/records", "/api/v1/records",
       R"({"kind": "registry", "state": "FR", "serial": "MATRIX-REC-2"})", kFrance},
      {"GET", "/api/v1/records", "/api/v1/records", "", kStateContacts},
      {"GET", "/api/v1/records/due-for-validation", "/api/v1/records/due-for-validation", "",
       kStateContacts},
      {"GET", "/api/v1/records/{id}", record_path, "", kFrance},
      {"PATCH", "/api/v1/records/{id}", record_path, R"({"model": "M1"})", kFrance},
      {"GET", "/api/v1/records/{id}/history", record_path + "/history", "", kFrance},
      {"POST", "/api/v1/records/{id}/attachments", record_path + "/attachments?filename=n.png",
       png_bytes, kFrance},
      {"GET", "/api/v1/records/{id}/attachments", record_path + "/attachments", "", kFrance},
      {"GET", "/api/v1/attachments/{id}", "/api/v1/attachments/" + attachment_id, "", kFrance},
      {"POST", "/api/v1/records/{id}/confirm", record_path + "/confirm", "", kFrance},
      // A registry entry cannot be located (409), which is still past the policy.
      {"POST", "/api/v1/records/{id}/locate", record_path + "/locate",
       R"({"place": "Lyon", "on": "2026-01-01"})", kFrance},
      {"POST", "/api/v1/records/{id}/clear", record_path + "/clear", "", kFrance},
      {"POST", "/api/v1/records/{id}/cancel", record_path + "/cancel", R"({"reason": "matrix"})",
       kFrance},
      // The weapon reference table: law enforcement, analysts and operators read it; only
      // operators edit it.
      {"GET", "/api/v1/reference/makes", "/api/v1/reference/makes", "", kReferenceReaders},
      {"GET", "/api/v1/reference/makes/{id}", "/api/v1/reference/makes/" + reference_make_id, "",
       kReferenceReaders},
      {"GET", "/api/v1/reference/calibres", "/api/v1/reference/calibres", "", kReferenceReaders},
      {"GET", "/api/v1/reference/suggest", "/api/v1/reference/suggest?make=Matrix", "",
       kReferenceReaders},
      {"GET", "/api/v1/reference/export", "/api/v1/reference/export", "", kReferenceReaders},
      {"POST", "/api/v1/reference/import", "/api/v1/reference/import",
       "table,id,name,code,country,make,weapon_type,calibre,aliases,other_make,other_model\n",
       kOperator},
      {"POST", "/api/v1/reference/makes", "/api/v1/reference/makes",
       R"({"name": "Matrix Second Works"})", kOperator},
      {"PATCH", "/api/v1/reference/makes/{id}", "/api/v1/reference/makes/" + reference_make_id,
       R"({"code": "MXW"})", kOperator},
      {"POST", "/api/v1/reference/calibres", "/api/v1/reference/calibres",
       R"({"name": "9.99x99mm"})", kOperator},
      {"PATCH", "/api/v1/reference/calibres/{id}",
       "/api/v1/reference/calibres/" + reference_calibre_id, R"({"aliases": ["9.99 Matrix"]})",
       kOperator},
      {"POST", "/api/v1/reference/models", "/api/v1/reference/models",
       R"({"make": "Matrix Works", "name": "MX-2"})", kOperator},
      {"PATCH", "/api/v1/reference/models/{id}", "/api/v1/reference/models/" + reference_model_id,
       R"({"weapon_type": "pistol"})", kOperator},
      // Tracing: each state's contacts draft and list their own; only parties read a request
      // (Germany is not party to the one sent to Italy); the addressed state (Germany) moves its
      // leg, the requesting state (France) sends, provides information and closes. Rows run in
      // lifecycle order, so a later step may answer 409, which is not a refusal.
      {"POST", "/api/v1/tracing/requests", "/api/v1/tracing/requests",
       json{{"record_id", record_id},
            {"illicit_nature", "seized"},
            {"legal_basis", "national law"},
            {"circumstances", "found"},
            {"intended_use", "investigation"}}
           .dump(),
       kStateContacts},
      {"GET", "/api/v1/tracing/requests", "/api/v1/tracing/requests?box=sent", "", kStateContacts},
      {"GET", tracing_body_pattern, read_path, "", kFrance},
      {"GET", "/api/v1/tracing/addressee-suggestions",
       "/api/v1/tracing/addressee-suggestions?record_id=" + record_id, "", kStateContacts},
      {"POST", tracing_body_pattern + "/send",
       "/api/v1/tracing/requests/" + tracing_draft_id + "/send", "", kFrance},
      {"POST", tracing_body_pattern + "/acknowledge", respond_path + "/acknowledge", "", kGermany},
      {"POST", tracing_body_pattern + "/information-requests",
       respond_path + "/information-requests", R"({"question": "which port?"})", kGermany},
      {"POST", tracing_body_pattern + "/information", respond_path + "/information",
       R"({"information": "Marseille"})", kFrance},
      {"POST", tracing_body_pattern + "/start", respond_path + "/start", "", kGermany},
      {"POST", tracing_body_pattern + "/answer", respond_path + "/answer",
       R"({"outcome": "untraceable", "note": "no record"})", kGermany},
      {"POST", tracing_body_pattern + "/decline", respond_path + "/decline",
       R"({"reason": "not ours"})", kGermany},
      {"POST", tracing_body_pattern + "/forward", respond_path + "/forward",
       R"({"to_state": "AT"})", kGermany},
      {"POST", tracing_body_pattern + "/close", respond_path + "/close", "", kFrance},
      {"GET", tracing_body_pattern + "/messages", read_path + "/messages", "", kFrance},
      {"POST", tracing_body_pattern + "/messages", read_path + "/messages",
       R"({"body": "any news?"})", kFrance},
      {"GET", tracing_body_pattern + "/attachments", read_path + "/attachments", "", kFrance},
      {"POST", tracing_body_pattern + "/attachments", read_path + "/attachments?filename=u.png",
       png_bytes, kFrance},
      {"GET", tracing_body_pattern + "/attachments/{attachment_id}",
       read_path + "/attachments/" + tracing_attachment_id, "", kFrance},
      {"GET", "/api/v1/tracing/due-date-rules", "/api/v1/tracing/due-date-rules", "", kOperator},
      {"PUT", "/api/v1/tracing/due-date-rules", "/api/v1/tracing/due-date-rules",
       R"({"rules": [{"kind": "answer", "priority": "routine", "within": "P30D"}]})", kOperator},
      {"PUT", "/api/v1/tracing/time-zones/{state}", "/api/v1/tracing/time-zones/DE",
       R"({"time_zone": "Europe/Berlin"})", kOperator},
      {"GET",
       "/api/v1/reports/timeliness",
       "/api/v1/reports/timeliness",
       "",
       {"operator", "fr_contact", "de_contact"}},
      // Funding flows, exchange rates and funding views (issue 6). A flow is amended and
      // withdrawn only by its donor: France.
      {"GET", "/api/v1/assistance/flows", "/api/v1/assistance/flows?recipient_state=LA", "",
       kEveryone},
      {"POST", "/api/v1/assistance/flows", "/api/v1/assistance/flows", flow_body, kStateContacts},
      {"GET", "/api/v1/assistance/flows/{id}", flow_path, "", kEveryone},
      {"POST", "/api/v1/assistance/flows/{id}/amend", flow_path + "/amend",
       R"({"expected_version": 1, "amount": "1200"})", kFrance},
      {"POST", "/api/v1/assistance/flows/{id}/withdraw", flow_path + "/withdraw",
       R"({"expected_version": 2})", kFrance},
      {"GET", "/api/v1/assistance/exchange-rates", "/api/v1/assistance/exchange-rates", "",
       kEveryone},
      {"PUT", "/api/v1/assistance/exchange-rates", "/api/v1/assistance/exchange-rates",
       "date,currency,quote,rate\n2027-01-01,EUR,USD,1.1\n", kOperator},
      {"GET", "/api/v1/assistance/funding", "/api/v1/assistance/funding?by=country&currency=EUR",
       "", kEveryone},
      {"GET", "/api/v1/assistance/funding/continuity",
       "/api/v1/assistance/funding/continuity?currency=EUR&rates_on=2027-01-01", "", kEveryone},
      {"GET", "/api/v1/assistance/funding/concentration",
       "/api/v1/assistance/funding/concentration?currency=EUR", "", kEveryone},
      // IATI (issue 6): anyone exports; those who record flows import their donor's own file.
      {"GET", "/api/v1/assistance/iati/activities.xml",
       "/api/v1/assistance/iati/activities.xml?recipient_state=LA", "", kEveryone},
      {"POST", "/api/v1/assistance/iati/import", "/api/v1/assistance/iati/import",
       R"(<iati-activities version="2.03"/>)", kStateContacts},
      // Matching (issue 6): the assistance community reads; France's contact proposes and
      // decides for France's need, the operator proposes for both sides to decide.
      {"GET", "/api/v1/assistance/needs/{id}/candidates",
       "/api/v1/assistance/needs/MATRIXNEED/candidates?currency=EUR", "", kMatchReaders},
      {"GET", "/api/v1/assistance/offers/{id}/candidates",
       "/api/v1/assistance/offers/MATRIXOFFER1/candidates", "", kMatchReaders},
      {"GET", "/api/v1/assistance/allocation", "/api/v1/assistance/allocation?currency=EUR", "",
       kMatchReaders},
      {"GET", "/api/v1/assistance/matches", "/api/v1/assistance/matches?state=FR", "",
       kMatchReaders},
      {"POST",
       "/api/v1/assistance/matches",
       "/api/v1/assistance/matches",
       R"({"need_id": "MATRIXNEED", "offer_id": "MATRIXOFFER2", "amount": "10"})",
       {"operator", "fr_contact"}},
      {"GET", "/api/v1/assistance/matches/{id}", match_path, "", kMatchReaders},
      {"POST", "/api/v1/assistance/matches/{id}/decision", match_path + "/decision",
       R"({"decision": "accepted", "note": "matrix"})", kFrance},
      {"GET", "/api/v1/assistance/partnerships", "/api/v1/assistance/partnerships", "",
       kMatchReaders},
      {"GET", "/api/v1/assistance/plans/{id}/coalition",
       "/api/v1/assistance/plans/MATRIXPLAN/coalition", "", kMatchReaders},
      // Plans, obligations, progress and needs (issue 6): anyone reads public parts; each
      // state's contact publishes its own plan, and only France's contact changes France's.
      {"GET", "/api/v1/assistance/plans", "/api/v1/assistance/plans?state=FR", "", kEveryone},
      {"POST", "/api/v1/assistance/plans", "/api/v1/assistance/plans", plan_body, kStateContacts},
      {"GET", "/api/v1/assistance/plans/{id}", "/api/v1/assistance/plans/MATRIXPLAN", "",
       kEveryone},
      {"PUT", "/api/v1/assistance/plans/{id}", "/api/v1/assistance/plans/MATRIXPLAN", plan_body,
       kFrance},
      {"POST", "/api/v1/assistance/plans/{id}/obligations",
       "/api/v1/assistance/plans/MATRIXPLAN/obligations", obligation_body, kFrance},
      {"PUT", "/api/v1/assistance/obligations/{id}", obligation_path, obligation_body, kFrance},
      {"GET", "/api/v1/assistance/obligations/{id}/progress", obligation_path + "/progress", "",
       kEveryone},
      {"POST", "/api/v1/assistance/obligations/{id}/progress", obligation_path + "/progress",
       R"({"as_of": "2026-01-01", "achieved_quantity": 1})", kFrance},
      {"GET", "/api/v1/assistance/needs", "/api/v1/assistance/needs?state=FR", "", kEveryone},
      {"POST", "/api/v1/assistance/plans/{id}/needs", "/api/v1/assistance/plans/MATRIXPLAN/needs",
       need_body, kFrance},
      {"GET", "/api/v1/assistance/needs/{id}", "/api/v1/assistance/needs/MATRIXNEED", "",
       kEveryone},
      {"PUT", "/api/v1/assistance/needs/{id}", "/api/v1/assistance/needs/MATRIXNEED", need_body,
       kFrance},
      {"GET", "/api/v1/assistance/regions", "/api/v1/assistance/regions", "", kEveryone},
      {"PUT", "/api/v1/assistance/regions/{name}", "/api/v1/assistance/regions/Matrix",
       R"({"countries": ["FR", "DE"]})", kOperator},
      // Offers (issue 6): public to read; published only by assistance officers, of whom no
      // caller here is one (plan_api_test.cpp covers an officer's own offers).
      {"GET", "/api/v1/assistance/offers", "/api/v1/assistance/offers", "", kEveryone},
      {"POST", "/api/v1/assistance/offers", "/api/v1/assistance/offers", offer_body, {}},
      {"GET", "/api/v1/assistance/offers/{id}", "/api/v1/assistance/offers/MATRIXOFFER2", "",
       kEveryone},
      {"PUT",
       "/api/v1/assistance/offers/{id}",
       "/api/v1/assistance/offers/MATRIXOFFER2",
       offer_body,
       {}},
      {"POST",
       "/api/v1/assistance/offers/{id}/withdraw",
       "/api/v1/assistance/offers/MATRIXOFFER2/withdraw",
       "",
       {}},
      // Stockpiles, deadlines, casualties and victim assistance (issue 7): anyone reads; only
      // France's national contact records France's figures.
      {"GET", "/api/v1/countries/{state}/stockpiles", "/api/v1/countries/FR/stockpiles", "",
       kEveryone},
      {"GET", "/api/v1/countries/{state}/stockpiles/declarations",
       "/api/v1/countries/FR/stockpiles/declarations", "", kEveryone},
      {"POST", "/api/v1/countries/{state}/stockpiles/declarations",
       "/api/v1/countries/FR/stockpiles/declarations",
       R"({"category": "cluster_munitions", "quantity": 10, "as_of": "2020-01-01"})", kFrance},
      {"GET", "/api/v1/countries/{state}/stockpiles/destructions",
       "/api/v1/countries/FR/stockpiles/destructions?year=2020", "", kEveryone},
      {"POST", "/api/v1/countries/{state}/stockpiles/destructions",
       "/api/v1/countries/FR/stockpiles/destructions",
       R"({"date": "2020-02-01", "category": "cluster_munitions", "quantity": 1,)"
       R"( "method": "open_detonation", "site": "Depot", "verified_by": "Inspectorate"})",
       kFrance},
      {"GET", "/api/v1/countries/{state}/stockpiles/retained",
       "/api/v1/countries/FR/stockpiles/retained", "", kEveryone},
      {"POST", "/api/v1/countries/{state}/stockpiles/retained",
       "/api/v1/countries/FR/stockpiles/retained",
       R"({"category": "cluster_munitions", "quantity": 1, "as_of": "2020-01-01",)"
       R"( "purpose": "training"})",
       kFrance},
      {"GET", "/api/v1/countries/{state}/stockpiles/progress",
       "/api/v1/countries/FR/stockpiles/progress?category=cluster_munitions", "", kEveryone},
      {"GET", "/api/v1/countries/{state}/deadlines", "/api/v1/countries/FR/deadlines", "",
       kEveryone},
      {"PUT", "/api/v1/countries/{state}/deadlines", "/api/v1/countries/FR/deadlines",
       R"({"instrument": "ccm", "obligation": "clearance", "deadline": "2030-01-01"})", kFrance},
      {"GET", "/api/v1/countries/{state}/casualties", "/api/v1/countries/FR/casualties?year=2020",
       "", kEveryone},
      {"POST", "/api/v1/countries/{state}/casualties", "/api/v1/countries/FR/casualties",
       R"({"rows": [{"year": 2020, "area": "Meuse", "device_type": "other_erw",)"
       R"( "outcome": "injured", "count": 1}]})",
       kFrance},
      {"GET", "/api/v1/countries/{state}/casualties/summary",
       "/api/v1/countries/FR/casualties/summary?year=2020", "", kEveryone},
      {"GET", "/api/v1/countries/{state}/victim-services",
       "/api/v1/countries/FR/victim-services?year=2020", "", kEveryone},
      {"POST", "/api/v1/countries/{state}/victim-services", "/api/v1/countries/FR/victim-services",
       R"({"year": 2020, "service": "rehabilitation", "area": "Meuse", "provider": "Clinic",)"
       R"( "people_reached": 1, "people_in_need": 2})",
       kFrance},
      // Hazardous areas, land release and severity bands (issue 7): anyone reads; only France's
      // national contact records France's areas; operators set the bands.
      {"GET", "/api/v1/countries/{state}/hazardous-areas",
       "/api/v1/countries/FR/hazardous-areas?on=2021-01-01", "", kEveryone},
      {"POST", "/api/v1/countries/{state}/hazardous-areas", "/api/v1/countries/FR/hazardous-areas",
       hazard_body, kFrance},
      {"GET", "/api/v1/countries/{state}/hazardous-areas/geojson",
       "/api/v1/countries/FR/hazardous-areas/geojson?releases=true", "", kEveryone},
      {"GET", "/api/v1/hazardous-areas/{id}", hazard_path, "", kEveryone},
      {"POST", "/api/v1/hazardous-areas/{id}/classifications", hazard_path + "/classifications",
       R"({"classification": "confirmed", "as_of": "2021-01-01"})", kFrance},
      {"GET", "/api/v1/hazardous-areas/{id}/releases", hazard_path + "/releases", "", kEveryone},
      {"POST", "/api/v1/hazardous-areas/{id}/releases", hazard_path + "/releases",
       R"({"method": "cancelled_by_non_technical_survey", "date": "2021-02-01", "geometry":)"
       R"( {"type": "Polygon", "coordinates": [[[5.0, 49.0], [5.005, 49.0], [5.005, 49.005],)"
       R"( [5.0, 49.005], [5.0, 49.0]]]}})",
       kFrance},
      {"GET", "/api/v1/operations/severity-bands", "/api/v1/operations/severity-bands", "",
       kEveryone},
      {"PUT", "/api/v1/operations/severity-bands", "/api/v1/operations/severity-bands",
       R"({"bands": [{"name": "light", "min": 0}, {"name": "heavy", "min": 10}]})", kOperator},
      {"GET", "/api/v1/countries/{state}/profile", "/api/v1/countries/FR/profile?year=2020", "",
       kEveryone},
      // Drafting is France's own contacts' only: Germany's contact passes the role check and is
      // refused by the state check.
      {"GET", "/api/v1/countries/{state}/reports/{kind}",
       "/api/v1/countries/FR/reports/ccm-article-7?year=2020", "", kFrance},
      {"GET", "/api/v1/countries/{state}/reports/{kind}/tables/{table}",
       "/api/v1/countries/FR/reports/poa-national-report/tables/record-keeping?year=2020", "",
       kFrance},
      // Last: it ends each caller's session.
      {"DELETE", "/api/v1/session", "/api/v1/session", "", kSignedIn},
  };

  std::set<std::pair<std::string, std::string>> covered;
  for (const auto& row : rows)
    covered.emplace(row.method, row.pattern);
  for (const auto& route : every_route()) {
    EXPECT_TRUE(covered.contains({route.method, route.pattern}))
        << route.method << " " << route.pattern << " has no row in the authorization matrix";
  }

  for (const auto& row : rows) {
    for (const auto& caller : callers) {
      Row request = row;
      if (row.pattern == "/api/v1/organisations" && row.method == "POST") {
        request.body = json{
            {"name", "Matrix body " + std::to_string(++organisation_number)},
            {"kind",
             "regional"}}.dump();
      }
      const auto response = call(caller, request);
      const std::string what = caller.name + ": " + row.method + " " + row.target + " -> " +
                               std::to_string(response.status) + " " + response.body;
      if (row.allowed.contains(caller.name)) {
        EXPECT_NE(response.status, 401) << what;
        EXPECT_NE(response.status, 403) << what;
        continue;
      }
      EXPECT_EQ(response.status, caller.name == "anonymous" ? 401 : 403) << what;
      // A refusal carries the error and nothing else.
      auto body = json::parse(response.body, nullptr, false);
      ASSERT_TRUE(body.is_object()) << what;
      EXPECT_EQ(body.size(), 1u) << what;
      EXPECT_TRUE(body.contains("error")) << what;
      EXPECT_EQ(response.body.find(victim_id), std::string::npos) << what;
    }
  }
}

INSTANTIATE_TEST_SUITE_P(Backends, AuthorizationMatrix, ::testing::ValuesIn(all_backends()),
                         backend_name);

}  // namespace
}  // namespace concord::testing
