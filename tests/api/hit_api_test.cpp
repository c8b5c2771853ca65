// Cross-check hits through the real server on both backends: records imported before the server
// started and while it serves are checked; each state sees the other record only as far as its
// sharing allows and learns how to ask (the trace hint); reads of confidential details are
// audited; each state reviews its own side; states not party to a hit, observers and anonymous
// callers are refused; both states are notified exactly once.
#include <gtest/gtest.h>

#include <chrono>
#include <csignal>
#include <thread>

#include "api/api_fixture.h"
#include "store/database.h"

namespace concord::testing {
namespace {

using nlohmann::json;

const std::string kHeader =
    "external_id,kind,state,weapon_type,make,model,calibre,serial,other_markings,"
    "country_of_manufacture,year_of_manufacture,reported_at\n";

void import_rows(const std::string& db_url, const std::string& rows) {
  auto imported = run_concord({"import", "weapons", "-", "--db", db_url}, {}, kHeader + rows);
  ASSERT_EQ(imported.exit_code, 0) << imported.output;
}

class HitApi : public ApiTest {
 protected:
  // The caller's hits once there are `count` of them (the checker runs every quarter second).
  json wait_for_hits(const Session& session, std::size_t count) {
    json body;
    for (int attempt = 0; attempt < 200; ++attempt) {
      auto listed = as(*client_, session, "GET", "/api/v1/hits");
      EXPECT_EQ(listed.status, 200) << listed.body;
      body = json_of(listed);
      if (body["hits"].size() >= count) return body["hits"];
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    ADD_FAILURE() << "no " << count << " hits after 20 s: " << body.dump();
    return json::array();
  }

  // The hit in `hits` whose own side has `own_kind`.
  static json hit_with_own_kind(const json& hits, const std::string& own_kind) {
    for (const auto& hit : hits) {
      if (hit["record"]["kind"] == own_kind) return hit;
    }
    ADD_FAILURE() << "no hit on a " << own_kind << " record in " << hits.dump();
    return json::object();
  }

  std::int64_t count(const std::string& sql, const std::string& parameter) {
    auto db = store::open_database(db_url_);
    EXPECT_TRUE(db.ok());
    auto rows =
        store::in_transaction(**db, store::TransactionMode::read_only,
                              [&](store::Transaction& tx) { return tx.query(sql, {parameter}); });
    EXPECT_TRUE(rows.ok());
    return rows.ok() ? rows->rows.at(0).integer(0) : -1;
  }
};

TEST_P(HitApi, StatesLearnOfHitsAsFarAsSharingAllowsAndReviewTheirOwnSide) {
  add_user(db_url_, "fr.officer", "FR", {"tracing_officer"});
  add_user(db_url_, "de.contact", "DE", {"national_contact"});
  add_user(db_url_, "it.officer", "IT", {"tracing_officer"});
  add_user(db_url_, "fr.observer", "FR", {"civil_society"});

  // Written while no server runs: a German theft report (shared with law enforcement) and a
  // French registry entry (private).
  server_.reset();
  import_rows(db_url_,
              "DE-STOLEN-1,stolen,DE,pistol,Glock,17,9x19mm,HT48213957,,AT,2015,2024-01-10\n"
              "FR-REG-1,registry,FR,rifle,Steyr,AUG,5.56x45mm,HT90357124,,AT,2010,2020-03-01\n");
  server_ = std::make_unique<ServerProcess>(db_url_);
  ASSERT_NE(server_->port(), 0);
  client_ = std::make_unique<HttpClient>("127.0.0.1", server_->port());
  // Written while it serves: a French seizure read with a look-alike, and a German seizure with
  // one character obliterated.
  import_rows(db_url_,
              "FR-SEIZ-1,seized,FR,pistol,Glock,17,9x19mm,HT482139S7,,,,2025-05-05\n"
              "DE-SEIZ-1,seized,DE,rifle,Steyr,AUG,5.56x45mm,HT90?57124,,,,2025-06-06\n");

  const auto fr = sign_in(*client_, "fr.officer");
  const auto de = sign_in(*client_, "de.contact");
  const auto it = sign_in(*client_, "it.officer");
  const auto observer = sign_in(*client_, "fr.observer");
  const json fr_hits = wait_for_hits(fr, 2);
  ASSERT_EQ(fr_hits.size(), 2u) << fr_hits.dump();
  const json de_hits = wait_for_hits(de, 2);
  ASSERT_EQ(de_hits.size(), 2u);

  // FR's seizure against DE's theft report: FR's officer may read the report's details.
  const json theft_hit = hit_with_own_kind(fr_hits, "seized");
  const std::string theft_hit_id = theft_hit["id"];
  EXPECT_EQ(theft_hit["other"]["state"], "DE");
  EXPECT_EQ(theft_hit["other"]["kind"], "stolen");
  EXPECT_GE(theft_hit["score"].get<double>(), 0.8);
  EXPECT_EQ(theft_hit["trace"]["to_state"], "DE");
  EXPECT_EQ(theft_hit["trace"]["record_id"], theft_hit["record"]["record_id"]);
  EXPECT_EQ(theft_hit["trace"]["hit_id"], theft_hit_id);
  auto read = as(*client_, fr, "GET", "/api/v1/hits/" + theft_hit_id);
  ASSERT_EQ(read.status, 200) << read.body;
  json detail = json_of(read);
  EXPECT_EQ(detail["other"]["details"], "shared");
  EXPECT_EQ(detail["other"]["marking"], "HT48213957");
  EXPECT_EQ(detail["other"]["record"]["external_id"], "DE-STOLEN-1");
  const std::string theft_id = detail["other"]["record_id"];
  EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log WHERE action = 'records.read' AND "
                  "target_id = $1",
                  theft_id),
            1);

  // DE's seizure against FR's private registry entry: DE learns state, kind and score only.
  const json registry_hit = hit_with_own_kind(de_hits, "seized");
  const std::string registry_hit_id = registry_hit["id"];
  read = as(*client_, de, "GET", "/api/v1/hits/" + registry_hit_id);
  ASSERT_EQ(read.status, 200) << read.body;
  detail = json_of(read);
  EXPECT_EQ(detail["other"]["state"], "FR");
  EXPECT_EQ(detail["other"]["kind"], "registry");
  EXPECT_EQ(detail["other"]["details"], "not shared");
  EXPECT_FALSE(detail["other"].contains("record_id"));
  EXPECT_FALSE(detail["other"].contains("marking"));
  EXPECT_EQ(read.body.find("FR-REG-1"), std::string::npos) << read.body;
  EXPECT_EQ(read.body.find("HT90357124"), std::string::npos) << read.body;
  EXPECT_EQ(detail["trace"]["to_state"], "FR");
  // FR, for its part, may read DE's seizure (shared with law enforcement).
  read = as(*client_, fr, "GET", "/api/v1/hits/" + registry_hit_id);
  EXPECT_EQ(json_of(read)["other"]["details"], "shared");

  // Both states were told once of each hit.
  for (const std::string& hit_id : {theft_hit_id, registry_hit_id}) {
    EXPECT_EQ(count("SELECT COUNT(*) FROM notifications WHERE subject_id = $1 AND "
                    "topic = 'hit.created'",
                    hit_id),
              2);
  }

  // Others learn nothing.
  EXPECT_EQ(as(*client_, it, "GET", "/api/v1/hits/" + theft_hit_id).status, 403);
  EXPECT_EQ(json_of(as(*client_, it, "GET", "/api/v1/hits"))["hits"].size(), 0u);
  EXPECT_EQ(as(*client_, observer, "GET", "/api/v1/hits/" + theft_hit_id).status, 403);
  EXPECT_EQ(get("/api/v1/hits/" + theft_hit_id).status, 401);
  EXPECT_EQ(get("/api/v1/hits").status, 401);
  EXPECT_EQ(as(*client_, fr, "GET", "/api/v1/hits/01JNOSUCHHITNOSUCHHIT00000").status, 404);

  // Reviews: each state its own side.
  auto reviewed = as(*client_, fr, "POST", "/api/v1/hits/" + theft_hit_id + "/review",
                     R"({"status": "confirmed", "note": "same pistol"})");
  ASSERT_EQ(reviewed.status, 200) << reviewed.body;
  EXPECT_EQ(json_of(reviewed)["record"]["status"], "confirmed");
  EXPECT_EQ(json_of(reviewed)["record"]["reviewed_by"], "fr.officer");
  auto refused = as(*client_, de, "POST", "/api/v1/hits/" + theft_hit_id + "/review",
                    json{{"status", "dismissed"},
                         {"note", "not ours"},
                         {"record_id", theft_hit["record"]["record_id"]}}
                        .dump());
  EXPECT_EQ(refused.status, 403) << refused.body;
  auto no_note = as(*client_, de, "POST", "/api/v1/hits/" + theft_hit_id + "/review",
                    R"({"status": "dismissed"})");
  EXPECT_EQ(no_note.status, 400);
  EXPECT_EQ(error_field(no_note), "note");
  auto unknown_field = as(*client_, de, "POST", "/api/v1/hits/" + theft_hit_id + "/review",
                          R"({"status": "confirmed", "verdict": "yes"})");
  EXPECT_EQ(error_field(unknown_field), "verdict");
  EXPECT_EQ(as(*client_, it, "POST", "/api/v1/hits/" + theft_hit_id + "/review",
               R"({"status": "confirmed"})")
                .status,
            403);

  auto confirmed = json_of(as(*client_, fr, "GET", "/api/v1/hits?status=confirmed"));
  ASSERT_EQ(confirmed["hits"].size(), 1u);
  EXPECT_EQ(confirmed["hits"][0]["id"], theft_hit_id);
  EXPECT_EQ(error_field(as(*client_, fr, "GET", "/api/v1/hits?status=maybe")), "status");
  EXPECT_EQ(error_field(as(*client_, fr, "GET", "/api/v1/hits?colour=red")), "colour");
  auto page = json_of(as(*client_, fr, "GET", "/api/v1/hits?limit=1"));
  ASSERT_EQ(page["hits"].size(), 1u);
  ASSERT_TRUE(page["next_before"].is_string());
  auto next = json_of(as(*client_, fr, "GET",
                         "/api/v1/hits?limit=1&before=" + page["next_before"].get<std::string>()));
  ASSERT_EQ(next["hits"].size(), 1u);
  EXPECT_NE(next["hits"][0]["id"], page["hits"][0]["id"]);

  // The hits of one record.
  const std::string seizure_id = theft_hit["record"]["record_id"];
  auto of_record = as(*client_, fr, "GET", "/api/v1/records/" + seizure_id + "/hits");
  ASSERT_EQ(of_record.status, 200) << of_record.body;
  EXPECT_EQ(json_of(of_record)["hits"].size(), 1u);
  // IT may read FR's seizure (law-enforcement sharing), but no hit of it involves IT.
  auto it_of_record = as(*client_, it, "GET", "/api/v1/records/" + seizure_id + "/hits");
  EXPECT_EQ(it_of_record.status, 200) << it_of_record.body;
  EXPECT_EQ(json_of(it_of_record)["hits"].size(), 0u);
}

INSTANTIATE_TEST_SUITE_P(Backends, HitApi, ::testing::ValuesIn(all_backends()), backend_name);

}  // namespace
}  // namespace concord::testing
