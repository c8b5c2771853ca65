// IatiService on both backends: flows recorded, exported as IATI 2.03 and imported into a fresh
// database as the same donor come back the same; a second import adds nothing; a broken file
// imports nothing; flows of restricted plans stay out of exports for the public.
#include <algorithm>

#include "assistance/flow_store.h"
#include "assistance/iati_service.h"
#include "plan_fixture.h"

namespace concord::assistance {
namespace {

class IatiTest : public PlanTest {
 protected:
  void SetUp() override {
    PlanTest::SetUp();
    iati_ = std::make_unique<IatiService>(*db_, plan_test_reference(), clock_, ids_, audit_);
  }

  FundingFlow flow(FlowKind kind, const std::string& activity, const std::string& recipient,
                   Theme theme, std::int64_t amount_minor, const std::string& currency,
                   const std::string& value_date, const Donor& donor = {DonorType::state, "FR"}) {
    FundingFlow result;
    result.flow_id = ids_.next();
    result.kind = kind;
    result.donor = donor;
    result.recipient_state = recipient;
    result.activity = activity;
    result.theme = theme;
    result.sector = std::string(dac_sector(theme));
    result.budget_year = std::stoi(value_date.substr(0, 4));
    result.amount_minor = amount_minor;
    result.currency = currency;
    result.value_date = value_date;
    result.recorded_by = "officer.FR";
    result.recorded_at = format_iso8601(clock_.now());
    return result;
  }

  void record(store::Database& db, const std::vector<FundingFlow>& flows) {
    auto stored = store::in_transaction(db, store::TransactionMode::read_write,
                                        [&](store::Transaction& tx) -> Result<bool> {
                                          for (const auto& flow : flows) {
                                            CONCORD_TRY(insert_flow_version(tx, flow));
                                          }
                                          return true;
                                        });
    ASSERT_TRUE(stored.ok()) << stored.error().message;
  }

  static std::vector<FundingFlow> current(store::Database& db) {
    auto flows = store::in_transaction(
        db, store::TransactionMode::read_only,
        [&](store::Transaction& tx) { return list_current_flows(tx, FlowFilter{}); });
    EXPECT_TRUE(flows.ok()) << flows.error().message;
    return flows.ok() ? *flows : std::vector<FundingFlow>{};
  }

  // Five years of France's flows to Laos and Cambodia, and a British one.
  std::vector<FundingFlow> sample() {
    std::vector<FundingFlow> flows = {
        flow(FlowKind::pledge, "XX-CONCORD-STATE-FR-LA-1", "LA", Theme::clearance, 50000000, "EUR",
             "2026-01-10"),
        flow(FlowKind::commitment, "XX-CONCORD-STATE-FR-LA-1", "LA", Theme::clearance, 25000000,
             "EUR", "2027-01-10"),
        flow(FlowKind::disbursement, "XX-CONCORD-STATE-FR-LA-1", "LA", Theme::clearance, 12500050,
             "EUR", "2027-06-30"),
        flow(FlowKind::commitment, "XX-CONCORD-STATE-FR-LA-1", "LA", Theme::clearance, 25000000,
             "EUR", "2028-01-10"),
        flow(FlowKind::expenditure, "XX-CONCORD-STATE-FR-LA-1", "LA", Theme::clearance, 9000000,
             "EUR", "2029-11-30"),
        flow(FlowKind::commitment, "XX-CONCORD-STATE-FR-KH-2", "KH", Theme::risk_education,
             800000000, "JPY", "2030-02-01"),
        flow(FlowKind::disbursement, "XX-CONCORD-STATE-FR-KH-2", "KH", Theme::salw_control, 4000000,
             "USD", "2030-03-01"),
        flow(FlowKind::commitment, "XX-CONCORD-STATE-GB-AO-1", "AO", Theme::victim_assistance,
             1000000, "GBP", "2027-05-01", {DonorType::state, "GB"}),
    };
    flows[2].description = "first tranche";
    return flows;
  }

  std::unique_ptr<IatiService> iati_;
};

using Key = std::tuple<std::string, FlowKind, std::int64_t, std::string, int, std::string,
                       std::string, std::string, Theme, std::string>;
Key key(const FundingFlow& flow) {
  return {flow.activity,    flow.kind,       flow.amount_minor,    flow.currency,
          flow.budget_year, flow.value_date, flow.recipient_state, flow.sector,
          flow.theme,       flow.description};
}
std::vector<Key> keys(const std::vector<FundingFlow>& flows) {
  std::vector<Key> result;
  for (const auto& flow : flows)
    result.push_back(key(flow));
  std::sort(result.begin(), result.end());
  return result;
}

TEST_P(IatiTest, ExportImportedIntoAFreshDatabaseGivesTheSameFlows) {
  const auto flows = sample();
  record(*db_, flows);
  auto xml = iati_->export_activities(access::Principal::anonymous(),
                                      {std::nullopt, Donor{DonorType::state, "FR"}});
  ASSERT_TRUE(xml.ok()) << xml.error().message;

  auto fresh = concord::testing::open_fresh_database(GetParam());
  ASSERT_TRUE(store::migrate(*fresh).ok());
  directory::DirectoryService directory(*fresh, plan_test_reference(), clock_, ids_, audit_);
  ASSERT_TRUE(directory.sync_states().ok());
  IatiService importer(*fresh, plan_test_reference(), clock_, ids_, audit_);
  auto report = importer.import_activities(officer("FR"), *xml);
  ASSERT_TRUE(report.ok()) << report.error().message;
  EXPECT_EQ(report->version, "2.03");
  EXPECT_EQ(report->activities, 2);
  EXPECT_EQ(report->flows_created, 7);
  EXPECT_EQ(report->duplicates, 0);
  EXPECT_TRUE(report->skipped.empty());

  const auto imported = current(*fresh);
  std::vector<FundingFlow> french(flows.begin(), flows.begin() + 7);
  EXPECT_EQ(keys(imported), keys(french));
  for (const auto& flow : imported) {
    EXPECT_EQ(flow.donor, (Donor{DonorType::state, "FR"}));
    EXPECT_EQ(flow.source, "iati");
    EXPECT_EQ(flow.version, 1);
    EXPECT_EQ(flow.recorded_by, "assistance_officer.FR");
  }

  // The same file again adds nothing.
  auto again = importer.import_activities(officer("FR"), *xml);
  ASSERT_TRUE(again.ok()) << again.error().message;
  EXPECT_EQ(again->flows_created, 0);
  EXPECT_EQ(again->duplicates, 7);
  EXPECT_EQ(current(*fresh).size(), 7u);
}

TEST_P(IatiTest, ImportIsAuditedAndOnTheChangeFeed) {
  record(*db_, sample());
  auto xml = iati_->export_activities(officer("FR"), {"LA", std::nullopt});
  ASSERT_TRUE(xml.ok()) << xml.error().message;
  // Britain imports France's file as its own: every flow is the importer's.
  const auto before_feed = count_rows("change_feed");
  auto report = iati_->import_activities(officer("GB"), *xml);
  ASSERT_TRUE(report.ok()) << report.error().message;
  EXPECT_EQ(report->flows_created, 5);
  EXPECT_EQ(count_rows("change_feed"), before_feed + 5);
  EXPECT_EQ(read([&](store::Transaction& tx) -> Result<std::int64_t> {
              CONCORD_ASSIGN_OR_RETURN(
                  auto rows, tx.query("SELECT COUNT(*) FROM audit_log WHERE action = $1 AND "
                                      "target_kind = $2 AND outcome = $3",
                                      {std::string("flows.record"), std::string("iati_import"),
                                       std::string("success")}));
              return rows.rows.front().integer(0);
            }),
            1);
}

TEST_P(IatiTest, ABrokenFileImportsNothing) {
  const std::string broken =
      "<iati-activities version=\"2.03\">\n"
      "<iati-activity default-currency=\"EUR\"><iati-identifier>OK-1</iati-identifier>\n"
      "<recipient-country code=\"LA\"/><sector code=\"15250\"/>\n"
      "<transaction><transaction-type code=\"2\"/><transaction-date iso-date=\"2027-01-01\"/>"
      "<value value-date=\"2027-01-01\">100</value></transaction></iati-activity>\n"
      "<iati-activity default-currency=\"EUR\"><iati-identifier>BAD-2</iati-identifier>\n"
      "<recipient-country code=\"LA\"/><sector code=\"15250\"/>\n"
      "<transaction><transaction-type code=\"2\"/><transaction-date iso-date=\"2027-01-01\"/>"
      "<value value-date=\"2027-01-01\">1.234</value></transaction></iati-activity>\n"
      "</iati-activities>\n";
  auto report = iati_->import_activities(officer("FR"), broken);
  ASSERT_FALSE(report.ok());
  EXPECT_EQ(report.error().code, ErrorCode::invalid_argument);
  EXPECT_NE(report.error().message.find("line 7"), std::string::npos) << report.error().message;
  EXPECT_NE(report.error().message.find("BAD-2"), std::string::npos);
  EXPECT_EQ(count_rows("funding_flows"), 0);
  EXPECT_EQ(read([&](store::Transaction& tx) -> Result<std::int64_t> {
              CONCORD_ASSIGN_OR_RETURN(
                  auto rows, tx.query("SELECT COUNT(*) FROM audit_log WHERE target_kind "
                                      "= $1 AND outcome = $2",
                                      {std::string("iati_import"), std::string("failed")}));
              return rows.rows.front().integer(0);
            }),
            1);
}

TEST_P(IatiTest, OnlyThoseWhoRecordFlowsMayImport) {
  const std::string xml = "<iati-activities version=\"2.03\"/>";
  auto anonymous = iati_->import_activities(access::Principal::anonymous(), xml);
  ASSERT_FALSE(anonymous.ok());
  EXPECT_EQ(anonymous.error().code, ErrorCode::unauthenticated);
  auto outsider = iati_->import_activities(user("FR", access::Role::civil_society), xml);
  ASSERT_FALSE(outsider.ok());
  EXPECT_EQ(outsider.error().code, ErrorCode::permission_denied);
  auto empty = iati_->import_activities(officer("FR"), xml);
  ASSERT_TRUE(empty.ok()) << empty.error().message;
  EXPECT_EQ(empty->activities, 0);
}

TEST_P(IatiTest, FlowsOfRestrictedPlansStayOutOfPublicExports) {
  Plan plan;
  plan.id = ids_.next();
  plan.state = "LA";
  plan.title = "Laos national plan";
  plan.first_year = 2026;
  plan.last_year = 2030;
  plan.visibility = Visibility::restricted;
  plan.created_at = plan.updated_at = format_iso8601(clock_.now());
  auto flows = sample();
  flows[1].plan_id = plan.id;
  flows[1].amount_minor = 31415900;
  ASSERT_TRUE(
      store::in_transaction(*db_, store::TransactionMode::read_write, [&](store::Transaction& tx) {
        return insert_plan(tx, plan);
      }).ok());
  record(*db_, flows);
  auto public_view = iati_->export_activities(access::Principal::anonymous(), {"LA", std::nullopt});
  ASSERT_TRUE(public_view.ok()) << public_view.error().message;
  EXPECT_EQ(public_view->find("Laos national plan"), std::string::npos);
  EXPECT_EQ(public_view->find("314159.00"), std::string::npos);  // the restricted commitment
  auto community_view = iati_->export_activities(contact("KH"), {"LA", std::nullopt});
  ASSERT_TRUE(community_view.ok()) << community_view.error().message;
  EXPECT_NE(community_view->find("Laos national plan"), std::string::npos);
  EXPECT_NE(community_view->find("314159.00"), std::string::npos);

  auto bad = iati_->export_activities(access::Principal::anonymous(), {"ZZ", std::nullopt});
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.error().field, "recipient_state");
}

INSTANTIATE_TEST_SUITE_P(Backends, IatiTest, ::testing::ValuesIn(concord::testing::all_backends()));

}  // namespace
}  // namespace concord::assistance
