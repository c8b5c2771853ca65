// FundingService on both backends: gap and coverage in several currencies (needs in EUR, flows in
// USD and JPY, rates on different dates), the pledge rule, versions (every version kept, the
// current one counts, a stale expected_version refused, withdrawal), validation naming the field,
// who may record what, the rate CSV (all or nothing, errors by line and column), continuity and
// concentration, and the audit trail and change feed.
#include "assistance/funding_service.h"
#include "assistance/plan_fixture.h"
#include "store/change_feed.h"

namespace concord::assistance {
namespace {

const access::Principal kAnonymous = access::Principal::anonymous();

class FundingTest : public PlanTest {
 protected:
  void SetUp() override {
    PlanTest::SetUp();
    funding_ = std::make_unique<FundingService>(*db_, plan_test_reference(), clock_, ids_, audit_);
    auto plan = plans_->create_plan(contact("LA"), {"Lao mine action", "", 2027, 2030, "public"});
    ASSERT_TRUE(plan.ok()) << plan.error().message;
    plan_ = *plan;
    NeedInput need;
    need.theme = "clearance";
    need.description = "clearance teams";
    need.currency = "EUR";
    // Requested: 800,000 EUR in 2027 and 500,000 EUR in 2028.
    need.years = {{2027, "1000000", "200000"}, {2028, "500000", "0"}};
    auto added = plans_->add_need(contact("LA"), plan_.id, need);
    ASSERT_TRUE(added.ok()) << added.error().message;
    need_ = *added;
    import_rates(
        "date,currency,quote,rate,source\n"
        "2027-01-01,EUR,USD,1.25,ECB\n"
        "2027-01-10,USD,JPY,150,BoJ\n");
  }

  void import_rates(const std::string& csv) {
    auto imported = funding_->import_rates_csv(user("FR", access::Role::operator_), csv);
    ASSERT_TRUE(imported.ok()) << imported.error().message;
  }

  NewFlow flow(const std::string& kind, const std::string& amount, const std::string& currency,
               int year = 2027) const {
    NewFlow input;
    input.kind = kind;
    input.recipient_state = "LA";
    input.amount = amount;
    input.currency = currency;
    input.value_date = "2027-01-20";
    input.budget_year = year;
    input.need_id = need_.id;
    return input;
  }

  FundingFlow record(const access::Principal& actor, const NewFlow& input) {
    auto recorded = funding_->record(actor, input);
    EXPECT_TRUE(recorded.ok()) << recorded.error().message;
    return recorded.ok() ? *recorded : FundingFlow{};
  }

  FundingGroup total(const std::string& currency, const std::string& rates_on = "2027-02-01",
                     FundingGrouping by = FundingGrouping::plan) {
    auto view = funding_->view(kAnonymous, {currency, rates_on, "LA", std::nullopt}, by);
    EXPECT_TRUE(view.ok()) << view.error().message;
    return view.ok() ? view->total : FundingGroup{};
  }

  std::unique_ptr<FundingService> funding_;
  Plan plan_;
  Need need_;
};

TEST_P(FundingTest, GapAndCoverageInSeveralCurrencies) {
  record(officer("NO"), flow("commitment", "250000", "USD"));      // 200,000 EUR
  record(officer("JP"), flow("disbursement", "30000000", "JPY"));  // 200,000 USD = 160,000 EUR

  auto in_usd =
      funding_->view(kAnonymous, {"USD", "2027-02-01", "LA", std::nullopt}, FundingGrouping::plan);
  ASSERT_TRUE(in_usd.ok()) << in_usd.error().message;
  EXPECT_EQ(in_usd->rates_on, "2027-02-01");
  EXPECT_EQ(in_usd->oldest_rate_date, "2027-01-01");
  ASSERT_EQ(in_usd->groups.size(), 1u);
  const FundingGroup& usd = in_usd->groups.front();
  EXPECT_EQ(usd.key, plan_.id);
  EXPECT_EQ(usd.requested_minor, 162500000);  // 1,300,000 EUR * 1.25
  EXPECT_EQ(usd.counted_minor, 45000000);
  EXPECT_EQ(usd.committed_minor, 25000000);
  EXPECT_EQ(usd.disbursed_minor, 20000000);
  EXPECT_EQ(usd.gap_minor, 117500000);
  EXPECT_EQ(usd.surplus_minor, 0);
  EXPECT_DOUBLE_EQ(*usd.coverage_percent, 27.69);
  EXPECT_EQ(usd.donor_count, 2);

  const FundingGroup eur = total("EUR");
  EXPECT_EQ(eur.requested_minor, 130000000);
  EXPECT_EQ(eur.counted_minor, 36000000);  // JPY goes through USD, rounded once
  EXPECT_EQ(eur.gap_minor, 94000000);

  // By year: the 2027 need against the 2027 flows.
  auto by_year =
      funding_->view(kAnonymous, {"EUR", "2027-02-01", "LA", std::nullopt}, FundingGrouping::year);
  ASSERT_TRUE(by_year.ok());
  ASSERT_EQ(by_year->groups.size(), 2u);
  EXPECT_EQ(by_year->groups[0].key, "2027");
  EXPECT_EQ(by_year->groups[0].requested_minor, 80000000);
  EXPECT_EQ(by_year->groups[0].gap_minor, 44000000);
  EXPECT_EQ(by_year->groups[1].key, "2028");
  EXPECT_EQ(by_year->groups[1].gap_minor, 50000000);

  // A new rate counts from its date on; the view states which date it used.
  import_rates("date,currency,quote,rate\n2027-06-01,EUR,USD,1.10\n");
  EXPECT_EQ(total("USD", "2027-05-31").requested_minor, 162500000);
  auto later =
      funding_->view(kAnonymous, {"USD", "2027-06-15", "LA", std::nullopt}, FundingGrouping::plan);
  ASSERT_TRUE(later.ok());
  EXPECT_EQ(later->total.requested_minor, 143000000);  // 1,300,000 EUR * 1.10
  EXPECT_EQ(later->oldest_rate_date, "2027-01-10");    // USD/JPY is the older rate now

  // Before any rate, the conversion is refused, naming the currencies and the date.
  auto too_early =
      funding_->view(kAnonymous, {"USD", "2026-12-31", "LA", std::nullopt}, FundingGrouping::plan);
  ASSERT_FALSE(too_early.ok());
  EXPECT_EQ(too_early.error().field, "currency");
  EXPECT_NE(too_early.error().message.find("2026-12-31"), std::string::npos);
}

TEST_P(FundingTest, AnOverFundedGroupShowsASurplusNotANegativeGap) {
  record(officer("NO"), flow("commitment", "900000", "EUR", 2027));
  auto by_year =
      funding_->view(kAnonymous, {"EUR", "2027-02-01", "LA", std::nullopt}, FundingGrouping::year);
  ASSERT_TRUE(by_year.ok());
  EXPECT_EQ(by_year->groups[0].gap_minor, 0);
  EXPECT_EQ(by_year->groups[0].surplus_minor, 10000000);
  EXPECT_DOUBLE_EQ(*by_year->groups[0].coverage_percent, 112.5);
}

TEST_P(FundingTest, APledgeLeavesTheGapUntilItIsCommitted) {
  const std::int64_t gap_before = total("EUR").gap_minor;
  EXPECT_EQ(gap_before, 130000000);
  FundingFlow pledge = record(officer("NO"), flow("pledge", "100000", "EUR"));
  FundingGroup pledged = total("EUR");
  EXPECT_EQ(pledged.gap_minor, gap_before);
  EXPECT_EQ(pledged.pledged_minor, 10000000);
  EXPECT_EQ(pledged.counted_minor, 0);

  FlowChanges commit;
  commit.kind = "commitment";
  auto committed = funding_->amend(officer("NO"), pledge.flow_id, commit, 1);
  ASSERT_TRUE(committed.ok()) << committed.error().message;
  FundingGroup after = total("EUR");
  EXPECT_EQ(after.gap_minor, gap_before - 10000000);
  EXPECT_EQ(after.pledged_minor, 0);
  EXPECT_EQ(after.counted_minor, 10000000);

  // A disbursement of part of it is not counted twice.
  record(officer("NO"), flow("disbursement", "60000", "EUR"));
  EXPECT_EQ(total("EUR").counted_minor, 10000000);
}

TEST_P(FundingTest, AmendingKeepsEveryVersionAndTheCurrentOneCounts) {
  FundingFlow first = record(officer("NO"), flow("commitment", "100000", "EUR"));
  EXPECT_EQ(first.version, 1);
  EXPECT_EQ(first.plan_id, plan_.id);  // taken from the need
  EXPECT_EQ(first.theme, Theme::clearance);
  EXPECT_EQ(first.sector, "15250");
  EXPECT_EQ(first.activity, "XX-CONCORD-STATE-NO-" + need_.id);

  FlowChanges raise;
  raise.amount = "150000";
  auto second = funding_->amend(officer("NO"), first.flow_id, raise, 1);
  ASSERT_TRUE(second.ok()) << second.error().message;
  EXPECT_EQ(second->version, 2);
  EXPECT_EQ(total("EUR").counted_minor, 15000000);

  // Someone who read version 1 cannot overwrite version 2.
  FlowChanges stale;
  stale.amount = "1";
  auto refused = funding_->amend(officer("NO"), first.flow_id, stale, 1);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().code, ErrorCode::conflict);
  EXPECT_EQ(refused.error().field, "expected_version");

  auto withdrawn = funding_->withdraw(officer("NO"), first.flow_id, 2);
  ASSERT_TRUE(withdrawn.ok()) << withdrawn.error().message;
  EXPECT_EQ(withdrawn->version, 3);
  EXPECT_EQ(withdrawn->status, FlowStatus::withdrawn);
  EXPECT_EQ(total("EUR").counted_minor, 0);
  auto again = funding_->amend(officer("NO"), first.flow_id, raise, 3);
  ASSERT_FALSE(again.ok());
  EXPECT_EQ(again.error().code, ErrorCode::conflict);

  auto history = funding_->history(kAnonymous, first.flow_id);
  ASSERT_TRUE(history.ok());
  ASSERT_EQ(history->size(), 3u);
  EXPECT_EQ((*history)[0].amount_minor, 10000000);
  EXPECT_EQ((*history)[1].amount_minor, 15000000);
  EXPECT_EQ((*history)[2].status, FlowStatus::withdrawn);
  EXPECT_EQ(count_rows("funding_flows"), 3);

  EXPECT_TRUE(funding_->list(kAnonymous, {})->empty());
  FlowQuery everything;
  everything.include_withdrawn = true;
  auto listed = funding_->list(kAnonymous, everything);
  ASSERT_EQ(listed->size(), 1u);
  EXPECT_EQ(listed->front().version, 3);

  auto unknown = funding_->history(kAnonymous, "01NOSUCHFLOW");
  ASSERT_FALSE(unknown.ok());
  EXPECT_EQ(unknown.error().code, ErrorCode::not_found);
}

TEST_P(FundingTest, BadInputNamesTheFieldAndStoresNothing) {
  auto plan_kh = plans_->create_plan(contact("KH"), {"Cambodia", "", 2027, 2030, "public"});
  ASSERT_TRUE(plan_kh.ok());
  struct Case {
    std::string field;
    std::function<void(NewFlow&)> spoil;
  };
  const std::vector<Case> cases = {
      {"kind", [](NewFlow& f) { f.kind = "gift"; }},
      {"recipient_state", [](NewFlow& f) { f.recipient_state = "XX"; }},
      {"currency", [](NewFlow& f) { f.currency = "XYZ"; }},
      {"amount", [](NewFlow& f) { f.amount = "12.345"; }},
      {"amount", [](NewFlow& f) { f.amount = "-5"; }},
      {"amount", [](NewFlow& f) { f.amount = "ten"; }},
      {"value_date", [](NewFlow& f) { f.value_date = "2027-13-01"; }},
      {"budget_year", [](NewFlow& f) { f.budget_year = 1800; }},
      {"need_id", [](NewFlow& f) { f.need_id = "01NOSUCHNEED"; }},
      {"plan_id", [&](NewFlow& f) { f.plan_id = plan_kh->id; }},
      {"plan_id",
       [&](NewFlow& f) {
         f.need_id.reset();
         f.theme = "clearance";
         f.plan_id = plan_kh->id;
       }},
      {"theme", [](NewFlow& f) { f.theme = "weather"; }},
      {"theme", [](NewFlow& f) { f.need_id.reset(); }},
      {"sector", [](NewFlow& f) { f.sector = "152"; }},
      {"activity", [](NewFlow& f) { f.activity = ""; }},
      {"donor", [](NewFlow& f) { f.kind = "expenditure"; }},
  };
  for (const auto& c : cases) {
    NewFlow input = flow("commitment", "100", "EUR");
    c.spoil(input);
    auto recorded = funding_->record(c.field == "donor" ? contact("LA") : officer("NO"), input);
    ASSERT_FALSE(recorded.ok()) << c.field;
    EXPECT_EQ(recorded.error().code, ErrorCode::invalid_argument) << c.field;
    EXPECT_EQ(recorded.error().field, c.field) << recorded.error().message;
  }
  EXPECT_EQ(count_rows("funding_flows"), 0);
}

TEST_P(FundingTest, WhoMayRecordAndChangeWhat) {
  // The recipient state records its expenditure, naming the donor whose money it spent.
  NewFlow spent = flow("expenditure", "50000", "EUR");
  spent.donor = "state:NO";
  EXPECT_TRUE(funding_->record(contact("LA"), spent).ok());
  // Another state's user cannot record it for Laos.
  auto other_state = funding_->record(contact("KH"), spent);
  ASSERT_FALSE(other_state.ok());
  EXPECT_EQ(other_state.error().code, ErrorCode::permission_denied);
  // A donor records only as itself.
  NewFlow as_japan = flow("commitment", "100", "EUR");
  as_japan.donor = "state:JP";
  EXPECT_EQ(funding_->record(officer("NO"), as_japan).error().code, ErrorCode::permission_denied);
  // Observers and anonymous callers do not write.
  EXPECT_EQ(funding_->record(user("FR", access::Role::civil_society), flow("pledge", "1", "EUR"))
                .error()
                .code,
            ErrorCode::permission_denied);
  EXPECT_EQ(funding_->record(kAnonymous, flow("pledge", "1", "EUR")).error().code,
            ErrorCode::unauthenticated);
  // Only the donor amends its flow.
  FundingFlow norway = record(officer("NO"), flow("commitment", "100", "EUR"));
  FlowChanges changes;
  changes.amount = "1";
  EXPECT_EQ(funding_->amend(officer("JP"), norway.flow_id, changes, 1).error().code,
            ErrorCode::permission_denied);
  EXPECT_EQ(funding_->withdraw(contact("LA"), norway.flow_id, 1).error().code,
            ErrorCode::permission_denied);
  // The system principal acts for the donor it names.
  NewFlow from_cli = flow("disbursement", "10", "EUR");
  from_cli.donor = "state:DE";
  auto cli = funding_->record(access::Principal::system("cli"), from_cli);
  ASSERT_TRUE(cli.ok()) << cli.error().message;
  EXPECT_EQ(cli->donor, (Donor{DonorType::state, "DE"}));
  // Only operators edit the rates.
  EXPECT_EQ(funding_->import_rates_csv(officer("NO"), "date,currency,quote,rate\n").error().code,
            ErrorCode::permission_denied);
  EXPECT_EQ(count_rows("funding_flows"), 3);
}

TEST_P(FundingTest, RatesImportIsAllOrNothingWithErrorsByLineAndColumn) {
  const auto before = funding_->list_rates(kAnonymous);
  ASSERT_TRUE(before.ok());
  EXPECT_EQ(before->size(), 2u);
  auto bad = funding_->import_rates_csv(user("FR", access::Role::operator_),
                                        "date,currency,quote,rate\n"
                                        "2027-03-01,EUR,USD,1.3\n"
                                        "2027-03-01,GBP,USD,-1\n"
                                        "2027-02-30,GBP,XYZ,1.2\n");
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.error().code, ErrorCode::invalid_argument);
  EXPECT_EQ(bad.error().field, "rate");
  EXPECT_NE(bad.error().message.find("line 3, column \"rate\""), std::string::npos);
  EXPECT_NE(bad.error().message.find("line 4, column \"date\""), std::string::npos);
  EXPECT_NE(bad.error().message.find("line 4, column \"quote\""), std::string::npos);
  EXPECT_EQ(funding_->list_rates(kAnonymous)->size(), 2u);
  auto header = funding_->import_rates_csv(user("FR", access::Role::operator_), "day,from,to\n");
  ASSERT_FALSE(header.ok());
  EXPECT_NE(header.error().message.find("line 1"), std::string::npos);
  // Re-importing a (date, currency, quote) replaces its rate.
  import_rates("date,currency,quote,rate\n2027-01-01,EUR,USD,1.20\n");
  auto rates = funding_->list_rates(kAnonymous);
  ASSERT_EQ(rates->size(), 2u);
  EXPECT_EQ(total("USD").requested_minor, 156000000);
}

TEST_P(FundingTest, ContinuityAndConcentration) {
  record(officer("NO"), flow("commitment", "300000", "EUR", 2028));
  record(officer("NO"), flow("commitment", "400000", "EUR", 2027));
  record(officer("JP"), flow("commitment", "100000", "EUR", 2027));
  record(officer("JP"), flow("pledge", "100000", "EUR", 2029));

  auto continuity = funding_->continuity(kAnonymous, {"EUR", "2027-02-01", "LA", std::nullopt});
  ASSERT_TRUE(continuity.ok()) << continuity.error().message;
  EXPECT_EQ(continuity->after_year, 2027);
  ASSERT_EQ(continuity->years.size(), 2u);
  EXPECT_EQ(continuity->years[0].year, 2028);
  EXPECT_EQ(continuity->years[0].need_minor, 50000000);
  EXPECT_EQ(continuity->years[0].counted_minor, 30000000);
  EXPECT_EQ(continuity->years[0].gap_minor, 20000000);
  EXPECT_EQ(continuity->years[1].year, 2029);
  EXPECT_EQ(continuity->years[1].need_minor, 0);
  EXPECT_EQ(continuity->years[1].pledged_minor, 10000000);
  EXPECT_FALSE(continuity->years[1].coverage_percent.has_value());

  auto concentration =
      funding_->concentration(kAnonymous, {"EUR", "2027-02-01", "LA", std::nullopt});
  ASSERT_TRUE(concentration.ok());
  ASSERT_EQ(concentration->donors.size(), 2u);
  EXPECT_EQ(concentration->donors[0].donor, "state:NO");
  EXPECT_DOUBLE_EQ(concentration->donors[0].share_percent, 87.5);
  EXPECT_DOUBLE_EQ(concentration->top_five_share_percent, 100);
  EXPECT_TRUE(concentration->single_donor_dependency);

  auto by_donor =
      funding_->view(kAnonymous, {"EUR", "2027-02-01", "LA", std::nullopt}, FundingGrouping::donor);
  ASSERT_TRUE(by_donor.ok());
  ASSERT_EQ(by_donor->groups.size(), 2u);
  EXPECT_EQ(by_donor->groups[0].key, "state:JP");
  EXPECT_EQ(by_donor->groups[0].counted_minor, 10000000);
  EXPECT_EQ(by_donor->groups[0].pledged_minor, 10000000);
  EXPECT_TRUE(by_donor->total.single_donor_dependency);
}

TEST_P(FundingTest, EveryChangeIsAuditedAndOnTheChangeFeed) {
  FundingFlow flow_v1 = record(officer("NO"), flow("commitment", "100", "EUR"));
  ASSERT_TRUE(funding_->withdraw(officer("NO"), flow_v1.flow_id, 1).ok());
  auto entries = audit_.entries_for_target(*db_, "funding_flow", flow_v1.flow_id, 10);
  ASSERT_TRUE(entries.ok());
  EXPECT_EQ(entries->size(), 2u);
  auto changes = store::read_changes(*db_, 0, 1000);
  ASSERT_TRUE(changes.ok());
  int flow_changes = 0;
  int rate_changes = 0;
  for (const auto& change : *changes) {
    if (change.entity == "funding_flow" && change.entity_id == flow_v1.flow_id) ++flow_changes;
    if (change.entity == "exchange_rates") ++rate_changes;
  }
  EXPECT_EQ(flow_changes, 2);
  EXPECT_EQ(rate_changes, 1);
}

INSTANTIATE_TEST_SUITE_P(Backends, FundingTest,
                         ::testing::ValuesIn(concord::testing::all_backends()));

}  // namespace
}  // namespace concord::assistance
