// How funding is counted, as OCHA FTS does: a pledge is recorded but is not funding until it is
// committed. For each group of flows of one donor to one activity in one budget year, the counted
// funding is the larger of what was committed and what was disbursed (a donor who paid without
// recording a commitment has still funded; a disbursement against a commitment is not counted
// twice). Expenditures are the recipient's spending and never add to funding. Withdrawn flows
// count for nothing. Every amount is converted into one currency with the rates in force on one
// date, and the result says which date.
#pragma once

#include <cstdint>
#include <set>
#include <string>
#include <vector>

#include "assistance/exchange_rates.h"
#include "assistance/funding_flow.h"
#include "core/reference_data.h"
#include "core/result.h"

namespace concord::assistance {

struct FundingTotals {
  std::string currency;
  std::string rates_on;              // the conversion date asked for (YYYY-MM-DD)
  std::string oldest_rate_date;      // the oldest rate actually used; "" when none was needed
  std::int64_t pledged_minor = 0;    // pledges, not counted as funding
  std::int64_t committed_minor = 0;  // commitments
  std::int64_t disbursed_minor = 0;  // disbursements
  std::int64_t expended_minor = 0;   // expenditures
  std::int64_t counted_minor = 0;    // funding by the rule above
  std::set<Donor> donors;            // donors with counted funding > 0
};

// Totals of `flows` in `currency` with the rates of `rates_on`. not_found (field "currency") when
// some flow's currency cannot be converted on that date.
Result<FundingTotals> count_funding(const std::vector<FundingFlow>& flows,
                                    const std::string& currency, const std::string& rates_on,
                                    const ExchangeRateTable& rates, const ReferenceData& reference);

}  // namespace concord::assistance
