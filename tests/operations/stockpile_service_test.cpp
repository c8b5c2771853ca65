// StockpileService on both backends: declarations, destruction events and retained quantities
// round-trip with audit and change feed; every bad field is named and stores nothing (through the
// service and through the strict JSON readers); only the state's own national contact writes;
// deadlines are replaced, not added; progress takes the stored deadline (CCM before APMBC, the
// extension in force) and matches a hand-computed case.
#include <nlohmann/json.hpp>

#include "operations/records_fixture.h"
#include "operations/stockpile_json.h"

namespace concord::operations {
namespace {

const access::Principal kAnonymous = access::Principal::anonymous();

class StockpileServiceTest : public RecordsTest {
 protected:
  static StockpileDeclaration declaration(std::int64_t quantity = 1000,
                                          const std::string& as_of = "2020-01-01") {
    return {"LA", StockpileCategory::cluster_munitions, "", quantity, as_of, ""};
  }
  static DestructionEvent destruction(const std::string& date, std::int64_t quantity) {
    return {"LA",
            date,
            StockpileCategory::cluster_munitions,
            "",
            quantity,
            DestructionMethod::open_detonation,
            "Depot 3",
            "Inspectorate of LA",
            ""};
  }
  static RetainedQuantity retained(std::int64_t quantity = 100) {
    return {"LA",         StockpileCategory::cluster_munitions, "", quantity,
            "2022-01-01", RetentionPurpose::training,           ""};
  }
  std::int64_t stockpile_rows() {
    return count_rows("operations_stockpile_declarations") +
           count_rows("operations_destruction_events") +
           count_rows("operations_retained_quantities");
  }
  // The hand-computed case: 1000 declared on 2020-01-01, 200 destroyed on 2021-06-01 and 300 on
  // 2022-06-01, 100 retained from 2022-01-01.
  void record_history() {
    ASSERT_TRUE(stockpiles_->declare(contact("LA"), declaration()).ok());
    ASSERT_TRUE(
        stockpiles_->record_destruction(contact("LA"), destruction("2021-06-01", 200)).ok());
    ASSERT_TRUE(
        stockpiles_->record_destruction(contact("LA"), destruction("2022-06-01", 300)).ok());
    ASSERT_TRUE(stockpiles_->record_retained(contact("LA"), retained()).ok());
  }
  void set(Instrument instrument, const std::string& date,
           std::optional<std::string> extended_to = std::nullopt) {
    TreatyDeadline deadline;
    deadline.state = "LA";
    deadline.instrument = instrument;
    deadline.obligation = DeadlineObligation::stockpile_destruction;
    deadline.category = StockpileCategory::cluster_munitions;
    deadline.deadline = {date, std::move(extended_to)};
    auto stored = stockpiles_->set_deadline(contact("LA"), deadline);
    ASSERT_TRUE(stored.ok()) << stored.error().message;
  }
  DestructionProgress progress_on(const std::string& on) {
    ProgressQuery query;
    query.state = "LA";
    query.category = StockpileCategory::cluster_munitions;
    query.on = on;
    auto progress = stockpiles_->progress(kAnonymous, query);
    EXPECT_TRUE(progress.ok()) << progress.error().message;
    return progress.ok() ? *progress : DestructionProgress{};
  }
};

TEST_P(StockpileServiceTest, RecordsRoundTripWithAuditAndChangeFeed) {
  auto declared = stockpiles_->declare(contact("LA"), declaration());
  ASSERT_TRUE(declared.ok()) << declared.error().message;
  EXPECT_FALSE(declared->id.empty());
  StockpileDeclaration ammunition{
      "LA", StockpileCategory::ammunition, "7.62x39mm", 5000, "2021-03-01", ""};
  ASSERT_TRUE(stockpiles_->declare(contact("LA"), ammunition).ok());
  auto destroyed = stockpiles_->record_destruction(contact("LA"), destruction("2021-06-01", 200));
  ASSERT_TRUE(destroyed.ok()) << destroyed.error().message;
  auto kept = stockpiles_->record_retained(contact("LA"), retained());
  ASSERT_TRUE(kept.ok()) << kept.error().message;

  auto records = stockpiles_->records(kAnonymous, "LA");
  ASSERT_TRUE(records.ok()) << records.error().message;
  ASSERT_EQ(records->declarations.size(), 2u);
  EXPECT_EQ(records->declarations[0].id, declared->id);
  EXPECT_EQ(records->declarations[0].quantity, 1000);
  EXPECT_EQ(records->declarations[1].ammunition_type, "7.62x39mm");
  ASSERT_EQ(records->events.size(), 1u);
  EXPECT_EQ(records->events[0].id, destroyed->id);
  EXPECT_EQ(records->events[0].method, DestructionMethod::open_detonation);
  EXPECT_EQ(records->events[0].site, "Depot 3");
  EXPECT_EQ(records->events[0].verified_by, "Inspectorate of LA");
  ASSERT_EQ(records->retained.size(), 1u);
  EXPECT_EQ(records->retained[0].purpose, RetentionPurpose::training);
  EXPECT_EQ(records->retained[0].quantity, 100);

  // Another state's records are its own.
  auto other = stockpiles_->records(kAnonymous, "KH");
  ASSERT_TRUE(other.ok());
  EXPECT_TRUE(other->declarations.empty());

  EXPECT_EQ(count_rows("change_feed", "area = 'operations'"), 4);
  EXPECT_EQ(count_rows("audit_log", "action = 'operations.record' AND outcome = 'success'"), 4);
}

TEST_P(StockpileServiceTest, EveryBadFieldIsNamedAndNothingIsStored) {
  const auto refused = [&](auto result, const std::string& field) {
    ASSERT_FALSE(result.ok()) << "expected a refusal on " << field;
    EXPECT_EQ(result.error().code, ErrorCode::invalid_argument);
    EXPECT_EQ(result.error().field, field) << result.error().message;
  };
  auto bad = declaration();
  bad.quantity = -1;
  refused(stockpiles_->declare(contact("LA"), bad), "quantity");
  bad = declaration();
  bad.as_of = "2020-02-30";
  refused(stockpiles_->declare(contact("LA"), bad), "as_of");
  bad = declaration(1000, "2023-01-16");  // tomorrow
  refused(stockpiles_->declare(contact("LA"), bad), "as_of");
  bad = declaration();
  bad.category = StockpileCategory::ammunition;  // without its type
  refused(stockpiles_->declare(contact("LA"), bad), "ammunition_type");
  bad = declaration();
  bad.state = "XX";
  refused(stockpiles_->declare(access::Principal::system("test"), bad), "state");

  auto event = destruction("2021-06-01", 10);
  event.site = "";
  refused(stockpiles_->record_destruction(contact("LA"), event), "site");
  event = destruction("2021-06-01", 10);
  event.verified_by = "  ";
  refused(stockpiles_->record_destruction(contact("LA"), event), "verified_by");
  refused(stockpiles_->record_destruction(contact("LA"), destruction("2024-01-01", 10)), "date");

  auto kept = retained();
  kept.quantity = kMaxQuantity + 1;
  refused(stockpiles_->record_retained(contact("LA"), kept), "quantity");

  // The strict readers name the field too, unknown ones included.
  using nlohmann::json;
  const json good = {{"category", "cluster_munitions"}, {"quantity", 10}, {"as_of", "2021-01-01"}};
  ASSERT_TRUE(declaration_from_json(good, "LA").ok());
  json with = good;
  with["colour"] = "red";
  refused(declaration_from_json(with, "LA"), "colour");
  with = good;
  with["category"] = "grenades";
  refused(declaration_from_json(with, "LA"), "category");
  with = good;
  with["quantity"] = 12.5;
  refused(declaration_from_json(with, "LA"), "quantity");
  with = good;
  with["quantity"] = "12";
  refused(declaration_from_json(with, "LA"), "quantity");
  with = good;
  with.erase("as_of");
  refused(declaration_from_json(with, "LA"), "as_of");
  refused(destruction_from_json({{"date", "2021-01-01"},
                                 {"category", "cluster_munitions"},
                                 {"quantity", 1},
                                 {"method", "burying"},
                                 {"site", "Depot"},
                                 {"verified_by", "Inspectorate"}},
                                "LA"),
          "method");
  refused(retained_from_json({{"category", "cluster_munitions"},
                              {"quantity", 1},
                              {"as_of", "2021-01-01"},
                              {"purpose", "display"}},
                             "LA"),
          "purpose");
  refused(deadline_from_json(
              {{"instrument", "ottawa"}, {"obligation", "clearance"}, {"deadline", "2030-01-01"}},
              "LA"),
          "instrument");
  refused(deadline_from_json({{"instrument", "ccm"},
                              {"obligation", "clearance"},
                              {"deadline", "2030-01-01"},
                              {"extended_to", 2031}},
                             "LA"),
          "extended_to");

  EXPECT_EQ(stockpile_rows(), 0);
  EXPECT_EQ(count_rows("change_feed", "area = 'operations'"), 0);
}

TEST_P(StockpileServiceTest, OnlyTheStatesOwnNationalContactWrites) {
  const auto denied = [&](const access::Principal& actor, ErrorCode code) {
    auto declared = stockpiles_->declare(actor, declaration());
    ASSERT_FALSE(declared.ok());
    EXPECT_EQ(declared.error().code, code) << declared.error().message;
    auto destroyed = stockpiles_->record_destruction(actor, destruction("2021-06-01", 1));
    ASSERT_FALSE(destroyed.ok());
    EXPECT_EQ(destroyed.error().code, code);
    auto kept = stockpiles_->record_retained(actor, retained());
    ASSERT_FALSE(kept.ok());
    EXPECT_EQ(kept.error().code, code);
  };
  denied(contact("KH"), ErrorCode::permission_denied);
  denied(user("LA", access::Role::civil_society), ErrorCode::permission_denied);
  denied(kAnonymous, ErrorCode::unauthenticated);
  TreatyDeadline deadline{"LA",
                          Instrument::ccm,
                          DeadlineObligation::clearance,
                          std::nullopt,
                          {"2030-01-01", std::nullopt},
                          "",
                          ""};
  auto set = stockpiles_->set_deadline(contact("KH"), deadline);
  ASSERT_FALSE(set.ok());
  EXPECT_EQ(set.error().code, ErrorCode::permission_denied);

  EXPECT_EQ(stockpile_rows(), 0);
  EXPECT_EQ(count_rows("operations_deadlines"), 0);
  EXPECT_GE(count_rows("audit_log", "action = 'operations.record' AND outcome = 'denied'"), 10);
  // The system principal acts for any state (the CLI's --state); reads are anyone's.
  auto system = access::Principal::system("concord stockpile declare --state LA");
  system.state = "LA";
  EXPECT_TRUE(stockpiles_->declare(system, declaration()).ok());
  EXPECT_TRUE(stockpiles_->records(kAnonymous, "LA").ok());
  EXPECT_TRUE(stockpiles_->deadlines(user("KH", access::Role::civil_society), "LA").ok());
}

TEST_P(StockpileServiceTest, ADeadlineIsReplacedAndChecked) {
  set(Instrument::ccm, "2026-08-01");
  set(Instrument::ccm, "2026-08-01", "2028-08-01");  // an extension replaces it
  TreatyDeadline clearance{"LA",
                           Instrument::apmbc,
                           DeadlineObligation::clearance,
                           std::nullopt,
                           {"2030-01-01", std::nullopt},
                           "",
                           ""};
  ASSERT_TRUE(stockpiles_->set_deadline(contact("LA"), clearance).ok());

  auto deadlines = stockpiles_->deadlines(kAnonymous, "LA");
  ASSERT_TRUE(deadlines.ok());
  ASSERT_EQ(deadlines->size(), 2u);
  EXPECT_EQ((*deadlines)[0].instrument, Instrument::apmbc);
  EXPECT_FALSE((*deadlines)[0].category.has_value());
  EXPECT_EQ((*deadlines)[1].instrument, Instrument::ccm);
  EXPECT_EQ((*deadlines)[1].deadline.effective(), "2028-08-01");
  EXPECT_EQ((*deadlines)[1].updated_by, "national_contact.LA");

  const auto refused = [&](TreatyDeadline deadline, const std::string& field) {
    auto result = stockpiles_->set_deadline(contact("LA"), std::move(deadline));
    ASSERT_FALSE(result.ok());
    EXPECT_EQ(result.error().field, field) << result.error().message;
  };
  TreatyDeadline bad = clearance;
  bad.category = StockpileCategory::cluster_munitions;
  refused(bad, "category");
  bad = clearance;
  bad.obligation = DeadlineObligation::stockpile_destruction;
  refused(bad, "category");
  bad = clearance;
  bad.deadline.extended_to = "2029-12-31";
  refused(bad, "extended_to");
  bad = clearance;
  bad.deadline.date = "2030-13-01";
  refused(bad, "deadline");
  EXPECT_EQ(count_rows("operations_deadlines"), 2);
}

TEST_P(StockpileServiceTest, ProgressTakesTheStoredDeadline) {
  record_history();
  // No deadline yet: on track by definition, the projection still shown.
  DestructionProgress none = progress_on("2023-01-01");
  EXPECT_FALSE(none.deadline.has_value());
  EXPECT_EQ(none.status, DeadlineStatus::on_track);

  // By hand: destroyed 200 + 300 = 500 of 1000, retained 100, remaining 1000 - 500 - 100 = 400,
  // 50 % done. The trend (three years back from 2023-01-01) has the points 2021-06-01: 200 and
  // 2022-06-01: 500, a slope of 300 per 365 days; the target is 1000 - 100 = 900, so the 400
  // left take ceil(400 * 365 / 300) = 487 days from the day asked, 2023-01-01: 2024-05-02.
  set(Instrument::apmbc, "2023-06-01");
  DestructionProgress apmbc = progress_on("2023-01-01");
  EXPECT_EQ(apmbc.declared, 1000);
  EXPECT_EQ(apmbc.declared_as_of, "2020-01-01");
  EXPECT_EQ(apmbc.destroyed, 500);
  EXPECT_EQ(apmbc.retained, 100);
  EXPECT_EQ(apmbc.remaining, 400);
  EXPECT_DOUBLE_EQ(apmbc.percent_done, 50.0);
  EXPECT_EQ(apmbc.trend_points, 2);
  EXPECT_EQ(apmbc.projected_completion, "2024-05-02");
  EXPECT_EQ(apmbc.deadline, "2023-06-01");
  EXPECT_EQ(apmbc.status, DeadlineStatus::at_risk);

  // The CCM deadline comes before the APMBC one, and its extension is the one in force.
  set(Instrument::ccm, "2023-03-01", "2024-06-01");
  DestructionProgress ccm = progress_on("2023-01-01");
  EXPECT_EQ(ccm.deadline, "2024-06-01");
  EXPECT_EQ(ccm.status, DeadlineStatus::on_track);

  // On a day before the second event, only the first counts; after the deadline, overdue.
  DestructionProgress earlier = progress_on("2021-12-31");
  EXPECT_EQ(earlier.destroyed, 200);
  EXPECT_EQ(earlier.retained, 0);
  EXPECT_EQ(earlier.remaining, 800);
  clock_.set(*parse_iso8601("2024-07-01T00:00:00Z"));
  EXPECT_EQ(progress_on("2024-07-01").status, DeadlineStatus::overdue);

  // A deadline given in the query wins over the stored one; nothing declared is not_found.
  ProgressQuery query;
  query.state = "LA";
  query.category = StockpileCategory::cluster_munitions;
  query.on = "2023-01-01";
  query.deadline = Deadline{"2040-01-01", std::nullopt};
  auto given = stockpiles_->progress(kAnonymous, query);
  ASSERT_TRUE(given.ok());
  EXPECT_EQ(given->deadline, "2040-01-01");
  query.category = StockpileCategory::small_arms;
  auto missing = stockpiles_->progress(kAnonymous, query);
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.error().code, ErrorCode::not_found);
  EXPECT_EQ(missing.error().field, "category");
}

INSTANTIATE_TEST_SUITE_P(Backends, StockpileServiceTest,
                         ::testing::ValuesIn(concord::testing::all_backends()));

}  // namespace
}  // namespace concord::operations
