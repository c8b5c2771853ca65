// The counting rule: pledges are recorded but not counted; per (donor, activity, budget year)
// the counted funding is max(committed, disbursed); expenditures never add; withdrawn flows count
// for nothing; every amount is converted on one date, and the oldest rate used is stated.
#include <gtest/gtest.h>

#include "assistance/counting.h"
#include "core/reference_data.h"

namespace concord::assistance {
namespace {

const ReferenceData& reference() {
  static const auto loaded = ReferenceData::load("/usr/share/iso-codes/json");
  EXPECT_TRUE(loaded.ok());
  return **loaded;
}

const Donor kNorway{DonorType::state, "NO"};
const Donor kJapan{DonorType::state, "JP"};

FundingFlow flow(FlowKind kind, std::int64_t amount_minor, const Donor& donor = kNorway,
                 int year = 2026, std::string currency = "EUR",
                 std::string activity = "NO-1-demining") {
  FundingFlow made;
  made.flow_id = "F" + std::to_string(amount_minor);
  made.kind = kind;
  made.donor = donor;
  made.recipient_state = "LA";
  made.activity = std::move(activity);
  made.budget_year = year;
  made.amount_minor = amount_minor;
  made.currency = std::move(currency);
  made.value_date = "2026-01-10";
  return made;
}

FundingTotals count(const std::vector<FundingFlow>& flows, const ExchangeRateTable& rates = {},
                    const std::string& currency = "EUR") {
  auto totals = count_funding(flows, currency, "2026-06-30", rates, reference());
  EXPECT_TRUE(totals.ok()) << (totals.ok() ? "" : totals.error().message);
  return totals.ok() ? *totals : FundingTotals{};
}

TEST(AssistanceCounting, APledgeIsRecordedButNotCounted) {
  auto totals = count({flow(FlowKind::pledge, 500000)});
  EXPECT_EQ(totals.pledged_minor, 500000);
  EXPECT_EQ(totals.counted_minor, 0);
  EXPECT_TRUE(totals.donors.empty());
  EXPECT_EQ(totals.currency, "EUR");
  EXPECT_EQ(totals.rates_on, "2026-06-30");
  EXPECT_EQ(totals.oldest_rate_date, "");
}

TEST(AssistanceCounting, ACommitmentCountsOnceTheDonorCommits) {
  auto totals = count({flow(FlowKind::pledge, 500000), flow(FlowKind::commitment, 300000)});
  EXPECT_EQ(totals.pledged_minor, 500000);
  EXPECT_EQ(totals.committed_minor, 300000);
  EXPECT_EQ(totals.counted_minor, 300000);
  EXPECT_EQ(totals.donors, std::set<Donor>{kNorway});
}

TEST(AssistanceCounting, CountsTheLargerOfCommittedAndDisbursedPerGroup) {
  // A disbursement against a commitment is not counted twice ...
  EXPECT_EQ(count({flow(FlowKind::commitment, 100000), flow(FlowKind::disbursement, 60000)})
                .counted_minor,
            100000);
  // ... a donor who paid more than it committed has funded what it paid ...
  EXPECT_EQ(count({flow(FlowKind::commitment, 100000), flow(FlowKind::disbursement, 120000)})
                .counted_minor,
            120000);
  // ... and one who paid without recording a commitment has still funded.
  auto paid = count({flow(FlowKind::disbursement, 70000)});
  EXPECT_EQ(paid.counted_minor, 70000);
  EXPECT_EQ(paid.disbursed_minor, 70000);
  EXPECT_EQ(paid.committed_minor, 0);
}

TEST(AssistanceCounting, GroupsByDonorActivityAndBudgetYear) {
  auto totals = count({
      flow(FlowKind::commitment, 100000, kNorway, 2026),
      flow(FlowKind::disbursement, 100000, kNorway, 2027),  // another year: its own group
      flow(FlowKind::disbursement, 50000, kJapan, 2026),    // another donor
      flow(FlowKind::commitment, 40000, kNorway, 2026, "EUR", "NO-1-victims"),  // other activity
  });
  EXPECT_EQ(totals.counted_minor, 290000);
  EXPECT_EQ(totals.committed_minor, 140000);
  EXPECT_EQ(totals.disbursed_minor, 150000);
  EXPECT_EQ(totals.donors, (std::set<Donor>{kJapan, kNorway}));
}

TEST(AssistanceCounting, ExpendituresNeverAddToFunding) {
  auto totals = count({flow(FlowKind::commitment, 100000), flow(FlowKind::expenditure, 90000)});
  EXPECT_EQ(totals.counted_minor, 100000);
  EXPECT_EQ(totals.expended_minor, 90000);
  EXPECT_EQ(count({flow(FlowKind::expenditure, 90000)}).counted_minor, 0);
}

TEST(AssistanceCounting, WithdrawnFlowsCountForNothing) {
  auto withdrawn = flow(FlowKind::commitment, 100000);
  withdrawn.status = FlowStatus::withdrawn;
  auto withdrawn_pledge = flow(FlowKind::pledge, 100000);
  withdrawn_pledge.status = FlowStatus::withdrawn;
  auto totals = count({withdrawn, withdrawn_pledge, flow(FlowKind::disbursement, 20000)});
  EXPECT_EQ(totals.counted_minor, 20000);
  EXPECT_EQ(totals.committed_minor, 0);
  EXPECT_EQ(totals.pledged_minor, 0);
}

TEST(AssistanceCounting, ConvertsEveryAmountAndStatesTheOldestRate) {
  const ExchangeRateTable rates({
      {"2026-03-01", "EUR", "USD", "1.25", 1'250'000'000'000, "ECB"},
      {"2026-05-01", "EUR", "JPY", "160", 160'000'000'000'000, "ECB"},
  });
  auto totals = count({flow(FlowKind::commitment, 125000, kNorway, 2026, "USD"),   // 1000 EUR
                       flow(FlowKind::disbursement, 320000, kJapan, 2026, "JPY"),  // 2000 EUR
                       flow(FlowKind::pledge, 50000, kNorway, 2027, "EUR")},
                      rates);
  EXPECT_EQ(totals.counted_minor, 300000);
  EXPECT_EQ(totals.pledged_minor, 50000);
  EXPECT_EQ(totals.oldest_rate_date, "2026-03-01");
}

TEST(AssistanceCounting, FailsWhenAFlowCannotBeConverted) {
  auto totals = count_funding({flow(FlowKind::commitment, 100, kNorway, 2026, "GBP")}, "EUR",
                              "2026-06-30", ExchangeRateTable{}, reference());
  ASSERT_FALSE(totals.ok());
  EXPECT_EQ(totals.error().code, ErrorCode::not_found);
  EXPECT_EQ(totals.error().field, "currency");
}

}  // namespace
}  // namespace concord::assistance
