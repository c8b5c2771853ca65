// count_funding: every flow is converted on its own (one rounding each), then summed per
// (donor, activity, budget_year) group, where max(committed, disbursed) is what counts.
#include "assistance/counting.h"

#include <algorithm>
#include <map>
#include <tuple>

namespace concord::assistance {
namespace {

struct GroupTotals {
  std::int64_t committed = 0;
  std::int64_t disbursed = 0;
};

Result<void> add_to(std::int64_t& total, std::int64_t amount) {
  if (__builtin_add_overflow(total, amount, &total)) {
    return Error::invalid("amount", "funding total is too large");
  }
  return {};
}

}  // namespace

Result<FundingTotals> count_funding(const std::vector<FundingFlow>& flows,
                                    const std::string& currency, const std::string& rates_on,
                                    const ExchangeRateTable& rates,
                                    const ReferenceData& reference) {
  FundingTotals totals;
  totals.currency = currency;
  totals.rates_on = rates_on;
  std::map<std::tuple<Donor, std::string, int>, GroupTotals> groups;
  for (const auto& flow : flows) {
    if (flow.status == FlowStatus::withdrawn) continue;
    CONCORD_ASSIGN_OR_RETURN(auto conversion, rates.convert(Money{flow.amount_minor, flow.currency},
                                                            currency, rates_on, reference));
    if (!conversion.rate_date.empty() &&
        (totals.oldest_rate_date.empty() || conversion.rate_date < totals.oldest_rate_date)) {
      totals.oldest_rate_date = conversion.rate_date;
    }
    const std::int64_t amount = conversion.amount.minor_units;
    auto& group = groups[{flow.donor, flow.activity, flow.budget_year}];
    switch (flow.kind) {
      case FlowKind::pledge:
        CONCORD_TRY(add_to(totals.pledged_minor, amount));
        break;
      case FlowKind::commitment:
        CONCORD_TRY(add_to(totals.committed_minor, amount));
        CONCORD_TRY(add_to(group.committed, amount));
        break;
      case FlowKind::disbursement:
        CONCORD_TRY(add_to(totals.disbursed_minor, amount));
        CONCORD_TRY(add_to(group.disbursed, amount));
        break;
      case FlowKind::expenditure:
        CONCORD_TRY(add_to(totals.expended_minor, amount));
        break;
    }
  }
  for (const auto& [key, group] : groups) {
    const std::int64_t counted = std::max(group.committed, group.disbursed);
    CONCORD_TRY(add_to(totals.counted_minor, counted));
    if (counted > 0) totals.donors.insert(std::get<0>(key));
  }
  return totals;
}

}  // namespace concord::assistance
