// Weapon records over the API on both backends: entering with errors that name the field, what
// another state's user, an observer and an anonymous caller can see, the transactions and their
// refusals, the marking index following every serial of a record, attachments judged by their
// bytes and sent back safely, and `concord record add | show | locate`.
#include <gtest/gtest.h>

#include <chrono>
#include <thread>

#include "api/api_fixture.h"

namespace concord::testing {
namespace {

using nlohmann::json;

const std::string kPng = std::string("\x89PNG\r\n\x1A\n\0\0\0\rIHDR", 16) + "pixels";

class RecordApi : public ApiTest {
 protected:
  void SetUp() override {
    ApiTest::SetUp();
    add_user(db_url_, "fr.officer", "FR", {"tracing_officer"});
    add_user(db_url_, "de.officer", "DE", {"tracing_officer"});
    add_user(db_url_, "fr.observer", "FR", {"civil_society"});
    fr_ = sign_in(*client_, "fr.officer");
    de_ = sign_in(*client_, "de.officer");
    observer_ = sign_in(*client_, "fr.observer");
  }

  HttpResponse fr(const std::string& method, const std::string& target,
                  const std::string& body = {}) {
    return as(*client_, fr_, method, target, body);
  }

  json enter(const json& body) {
    auto response = fr("POST", "/api/v1/records", body.dump());
    EXPECT_EQ(response.status, 201) << response.body;
    return json_of(response);
  }

  static json stolen_pistol() {
    return {{"external_id", "FR-API-1"},
            {"kind", "stolen"},
            {"weapon_type", "pistol"},
            {"make", "Glock"},
            {"model", "17"},
            {"calibre", "9x19mm"},
            {"markings",
             {{{"kind", "serial"}, {"component", "slide"}, {"text", "SLD4471"}},
              {{"kind", "serial"},
               {"component", "frame"},
               {"text", "FRM4471"},
               {"condition", "restored"},
               {"restoration_method", "magnetic particle"}},
              {{"kind", "import_mark"}, {"component", "frame"}, {"text", "FR 2019 ARMES SA"}}}},
            {"country_of_manufacture", "AT"},
            {"year_of_manufacture", 2016}};
  }

  Session fr_, de_, observer_;
};

TEST_P(RecordApi, EnterValidatesEveryFieldAndAnswersTheStoredRecord) {
  json bad = stolen_pistol();
  bad["markings"][2]["condition"] = "rusty";
  auto refused = fr("POST", "/api/v1/records", bad.dump());
  EXPECT_EQ(refused.status, 400);
  EXPECT_EQ(error_field(refused), "markings[2].condition");
  bad = stolen_pistol();
  bad["markings"][1]["colour"] = "red";
  EXPECT_EQ(error_field(fr("POST", "/api/v1/records", bad.dump())), "markings[1].colour");
  bad = stolen_pistol();
  bad["markings"][1].erase("restoration_method");
  EXPECT_EQ(error_field(fr("POST", "/api/v1/records", bad.dump())),
            "markings[1].restoration_method");

  const json record = enter(stolen_pistol());
  EXPECT_EQ(record["state"], "FR");
  EXPECT_EQ(record["status"], "active");
  EXPECT_EQ(record["serial"], "FRM4471");
  EXPECT_EQ(record["markings"][0]["component"], "frame");
  EXPECT_EQ(record["markings"][1]["text"], "SLD4471");
  EXPECT_EQ(record["sharing"], "law_enforcement");
  EXPECT_EQ(record["version"], 1);

  // Without external_id one is made up.
  json anonymous_id = stolen_pistol();
  anonymous_id.erase("external_id");
  const json generated = enter(anonymous_id);
  EXPECT_EQ(generated["external_id"], "C-" + generated["id"].get<std::string>());
  // The same external_id twice is a conflict on that field.
  auto twice = fr("POST", "/api/v1/records", stolen_pistol().dump());
  EXPECT_EQ(twice.status, 409);
  EXPECT_EQ(error_field(twice), "external_id");

  // Every serial is searchable once the index has followed the feed.
  bool found = false;
  for (int attempt = 0; attempt < 100 && !found; ++attempt) {
    auto search = json_of(as(*client_, de_, "GET", "/api/v1/search/markings?q=SLD4471"));
    for (const auto& hit : search["hits"])
      found = found || hit["id"] == record["id"];
    if (!found) std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  EXPECT_TRUE(found) << "the slide serial never reached the marking index";
}

TEST_P(RecordApi, WhatOtherStatesObserversAndAnonymousCallersSee) {
  const json theft = enter(stolen_pistol());
  json entry = stolen_pistol();
  entry["external_id"] = "FR-REG-1";
  entry["kind"] = "registry";
  const json registered = enter(entry);
  const std::string theft_path = "/api/v1/records/" + theft["id"].get<std::string>();
  const std::string registry_path = "/api/v1/records/" + registered["id"].get<std::string>();

  EXPECT_EQ(fr("GET", registry_path).status, 200);
  // A theft report is shared with law enforcement everywhere; a registry entry is not.
  auto german_read = as(*client_, de_, "GET", theft_path);
  EXPECT_EQ(german_read.status, 200) << german_read.body;
  EXPECT_EQ(json_of(german_read)["serial"], "FRM4471");
  auto private_read = as(*client_, de_, "GET", registry_path);
  EXPECT_EQ(private_read.status, 403);
  EXPECT_EQ(private_read.body.find("FRM4471"), std::string::npos);
  EXPECT_EQ(as(*client_, de_, "GET", registry_path + "/history").status, 403);
  EXPECT_EQ(as(*client_, observer_, "GET", theft_path).status, 403);
  EXPECT_EQ(get(theft_path).status, 401);
  EXPECT_EQ(get("/api/v1/records").status, 401);

  // Germany may not write France's records.
  EXPECT_EQ(as(*client_, de_, "PATCH", theft_path, R"({"model": "19"})").status, 403);
  EXPECT_EQ(as(*client_, de_, "POST", theft_path + "/cancel", R"({"reason": "x"})").status, 403);

  // The German read is in France's audit trail; France's own reads are not audited.
  add_user(db_url_, "fr.contact", "FR", {"national_contact"});
  const Session contact = sign_in(*client_, "fr.contact");
  auto audit = json_of(as(*client_, contact, "GET", "/api/v1/audit?state=FR&since=2000-01-01"));
  int german_reads = 0;
  int french_reads = 0;
  for (const auto& e : audit["entries"]) {
    if (e["action"] != "records.read") continue;
    if (e["actor_username"] == "de.officer") ++german_reads;
    if (e["actor_username"] == "fr.officer") ++french_reads;
  }
  EXPECT_EQ(german_reads, 1) << audit.dump();
  EXPECT_EQ(french_reads, 0);

  // Lists are of the caller's own state.
  EXPECT_EQ(json_of(fr("GET", "/api/v1/records"))["records"].size(), 2u);
  EXPECT_EQ(json_of(as(*client_, de_, "GET", "/api/v1/records"))["records"].size(), 0u);
  EXPECT_EQ(json_of(fr("GET", "/api/v1/records?kind=registry"))["records"].size(), 1u);
  EXPECT_EQ(error_field(fr("GET", "/api/v1/records?colour=red")), "colour");
}

TEST_P(RecordApi, TransactionsAndTheirRefusals) {
  const json theft = enter(stolen_pistol());
  const std::string path = "/api/v1/records/" + theft["id"].get<std::string>();

  auto modified = fr("PATCH", path, R"({"model": "19", "reason": "model misread"})");
  ASSERT_EQ(modified.status, 200) << modified.body;
  EXPECT_EQ(json_of(modified)["model"], "19");
  EXPECT_EQ(json_of(modified)["version"], 2);

  EXPECT_EQ(error_field(fr("POST", path + "/locate", R"({"place": "Lyon"})")), "on");
  auto located = fr("POST", path + "/locate", R"({"place": "Lyon", "on": "2026-01-05"})");
  ASSERT_EQ(located.status, 200) << located.body;
  EXPECT_EQ(json_of(located)["status"], "located");
  EXPECT_EQ(json_of(located)["location"]["place"], "Lyon");
  EXPECT_EQ(json_of(located)["location"]["by"], "fr.officer");
  auto again = fr("POST", path + "/locate", R"({"place": "Lyon", "on": "2026-01-05"})");
  EXPECT_EQ(again.status, 409);
  EXPECT_EQ(error_field(again), "status");

  auto confirmed = fr("POST", path + "/confirm");
  ASSERT_EQ(confirmed.status, 200) << confirmed.body;
  EXPECT_TRUE(json_of(confirmed)["confirmed_at"].is_string());

  EXPECT_EQ(error_field(fr("POST", path + "/cancel", "{}")), "reason");
  auto cancelled = fr("POST", path + "/cancel", R"({"reason": "duplicate of FR-API-2"})");
  ASSERT_EQ(cancelled.status, 200) << cancelled.body;
  EXPECT_EQ(json_of(cancelled)["status"], "cancelled");
  auto modify_cancelled = fr("PATCH", path, R"({"model": "26"})");
  EXPECT_EQ(modify_cancelled.status, 409);
  EXPECT_NE(modify_cancelled.body.find("cancelled"), std::string::npos);
  EXPECT_EQ(fr("POST", path + "/clear").status, 409);

  auto history = json_of(fr("GET", path + "/history"))["history"];
  ASSERT_EQ(history.size(), 5u);
  const char* actions[] = {"enter", "modify", "locate", "confirm", "cancel"};
  for (std::size_t i = 0; i < 5; ++i)
    EXPECT_EQ(history[i]["action"], actions[i]);
  EXPECT_EQ(history[1]["reason"], "model misread");
  EXPECT_EQ(history[4]["record"]["status"], "cancelled");

  json registry_entry = stolen_pistol();
  registry_entry["external_id"] = "FR-REG-9";
  registry_entry["kind"] = "registry";
  const json registered = enter(registry_entry);
  auto on_registry =
      fr("POST", "/api/v1/records/" + registered["id"].get<std::string>() + "/locate",
         R"({"place": "Lyon", "on": "2026-01-05"})");
  EXPECT_EQ(on_registry.status, 409);

  EXPECT_EQ(fr("GET", "/api/v1/records/01JUNKJUNKJUNKJUNKJUNKJUNK").status, 404);
  auto due = json_of(fr("GET", "/api/v1/records/due-for-validation"));
  EXPECT_EQ(due["validation_period_days"], 365);
  EXPECT_TRUE(due["records"].empty());
}

TEST_P(RecordApi, AttachmentsAreJudgedByTheirBytes) {
  const json theft = enter(stolen_pistol());
  const std::string path = "/api/v1/records/" + theft["id"].get<std::string>() + "/attachments";

  auto stored = fr("POST", path + "?filename=../scan.pdf&description=serial%20close-up", kPng);
  ASSERT_EQ(stored.status, 201) << stored.body;
  const json attachment = json_of(stored);
  EXPECT_EQ(attachment["content_type"], "image/png");
  EXPECT_EQ(attachment["filename"], "scan.pdf");
  EXPECT_EQ(attachment["size_bytes"], kPng.size());
  EXPECT_EQ(attachment["sha256"].get<std::string>().size(), 64u);

  auto html = fr("POST", path + "?filename=page.png", "<html><script>alert(1)</script></html>");
  EXPECT_EQ(html.status, 400);
  EXPECT_EQ(error_field(html), "bytes");
  auto elf = fr("POST", path + "?filename=tool.jpg",
                std::string("\x7F"
                            "ELF\x02\x01\x01\0",
                            8));
  EXPECT_EQ(elf.status, 400);
  EXPECT_EQ(error_field(elf), "bytes");
  EXPECT_EQ(error_field(fr("POST", path, kPng)), "filename");
  // Larger than the HTTP body limit (8 MiB): refused before it is read whole.
  auto huge =
      fr("POST", path + "?filename=big.png", kPng + std::string(std::size_t{8} * 1024 * 1024, 'x'));
  EXPECT_EQ(huge.status, 413);

  auto listed = json_of(fr("GET", path))["attachments"];
  ASSERT_EQ(listed.size(), 1u);
  auto bytes = fr("GET", listed[0]["href"].get<std::string>());
  ASSERT_EQ(bytes.status, 200);
  EXPECT_EQ(bytes.body, kPng);
  EXPECT_EQ(bytes.header("content-type"), "image/png");
  EXPECT_EQ(bytes.header("x-content-type-options"), "nosniff");
  EXPECT_NE(bytes.header("content-disposition").find("attachment; filename=\"scan.pdf\""),
            std::string::npos);

  // Sharing decides who reads: the theft report is law enforcement's, not the observer's.
  EXPECT_EQ(as(*client_, de_, "GET", listed[0]["href"].get<std::string>()).status, 200);
  EXPECT_EQ(as(*client_, observer_, "GET", listed[0]["href"].get<std::string>()).status, 403);
  EXPECT_EQ(get(listed[0]["href"].get<std::string>()).status, 401);
  EXPECT_EQ(as(*client_, de_, "POST", path + "?filename=x.png", kPng).status, 403);
}

TEST_P(RecordApi, CliAddShowLocate) {
  auto added =
      run_concord({"record", "add", "--db", db_url_, "--state", "FR", "--kind", "stolen", "--make",
                   "Beretta", "--model", "92", "--marking", "serial:frame:BER5521:intact",
                   "--marking", "serial:barrel:BER55?1:partly_obliterated", "--json"});
  ASSERT_EQ(added.exit_code, 0) << added.output;
  const auto start = added.output.find("{\n");
  ASSERT_NE(start, std::string::npos) << added.output;
  const json record = json::parse(added.output.substr(start), nullptr, false);
  ASSERT_TRUE(record.is_object()) << added.output;
  const std::string id = record["id"];
  EXPECT_EQ(record["state"], "FR");
  EXPECT_EQ(record["markings"][1]["condition"], "partly_obliterated");

  auto shown = run_concord({"record", "show", id, "--db", db_url_});
  ASSERT_EQ(shown.exit_code, 0) << shown.output;
  EXPECT_NE(shown.output.find("BER55?1"), std::string::npos) << shown.output;

  auto located = run_concord(
      {"record", "locate", id, "--db", db_url_, "--place", "Nice", "--date", "2026-02-01"});
  ASSERT_EQ(located.exit_code, 0) << located.output;
  EXPECT_NE(located.output.find("located"), std::string::npos) << located.output;
  auto again = run_concord(
      {"record", "locate", id, "--db", db_url_, "--place", "Nice", "--date", "2026-02-01"});
  EXPECT_EQ(again.exit_code, 1) << again.output;
  EXPECT_NE(again.output.find("already located"), std::string::npos) << again.output;

  auto bad = run_concord({"record", "add", "--db", db_url_, "--state", "FR", "--kind", "seized",
                          "--marking", "serial:frame:ABC:shiny"});
  EXPECT_EQ(bad.exit_code, 1) << bad.output;
  EXPECT_NE(bad.output.find("markings[0].condition"), std::string::npos) << bad.output;

  // The server sees what the CLI wrote.
  EXPECT_EQ(json_of(fr("GET", "/api/v1/records/" + id))["status"], "located");
}

INSTANTIATE_TEST_SUITE_P(Backends, RecordApi, ::testing::ValuesIn(all_backends()), backend_name);

}  // namespace
}  // namespace concord::testing
