// The funding views. Needs are converted one amount at a time (one rounding each) and flows are
// counted with count_funding per group, and per donor within a group for the donor spread, so a
// group's figures are exactly what the counting rule gives for its flows alone.
#include "assistance/funding_views.h"

#include <algorithm>
#include <cmath>
#include <map>

#include "assistance/counting.h"
#include "core/enum_names.h"

namespace concord::assistance {
namespace {

constexpr EnumNames<FundingGrouping, 6> kGroupingNames({{
    {FundingGrouping::plan, "plan"},
    {FundingGrouping::obligation, "obligation"},
    {FundingGrouping::country, "country"},
    {FundingGrouping::theme, "theme"},
    {FundingGrouping::donor, "donor"},
    {FundingGrouping::year, "year"},
}});

Result<void> add_to(std::int64_t& total, std::int64_t amount) {
  if (__builtin_add_overflow(total, amount, &total)) {
    return Error::invalid("amount", "funding total is too large");
  }
  return {};
}

// Two decimals are plenty for a share, and keep the answers stable.
double percent(std::int64_t part, std::int64_t whole) {
  if (whole <= 0) return 0;
  return std::round(static_cast<double>(part) * 10000.0 / static_cast<double>(whole)) / 100.0;
}

void note_rate_date(std::string& oldest, const std::string& used) {
  if (!used.empty() && (oldest.empty() || used < oldest)) oldest = used;
}

// Converts amounts of the inputs into their currency, remembering the oldest rate used.
class Converter {
 public:
  explicit Converter(const ViewInputs& inputs) : inputs_(inputs) {}

  Result<std::int64_t> convert(std::int64_t minor, const std::string& currency) {
    CONCORD_ASSIGN_OR_RETURN(auto conversion,
                             inputs_.rates.convert(Money{minor, currency}, inputs_.currency,
                                                   inputs_.rates_on, inputs_.reference));
    note_rate_date(oldest_, conversion.rate_date);
    return conversion.amount.minor_units;
  }
  Result<FundingTotals> count(const std::vector<FundingFlow>& flows) {
    CONCORD_ASSIGN_OR_RETURN(auto totals, count_funding(flows, inputs_.currency, inputs_.rates_on,
                                                        inputs_.rates, inputs_.reference));
    note_rate_date(oldest_, totals.oldest_rate_date);
    return totals;
  }
  const std::string& oldest() const { return oldest_; }

 private:
  const ViewInputs& inputs_;
  std::string oldest_;
};

struct Bucket {
  std::int64_t requested = 0;
  std::vector<FundingFlow> flows;
};

// Counted funding of each donor among `flows`, largest first, then by donor key.
Result<std::vector<DonorShare>> donor_shares(Converter& converter,
                                             const std::vector<FundingFlow>& flows) {
  std::map<std::string, std::vector<FundingFlow>> by_donor;
  for (const auto& flow : flows)
    by_donor[donor_key(flow.donor)].push_back(flow);
  std::vector<DonorShare> shares;
  std::int64_t total = 0;
  for (const auto& [donor, own] : by_donor) {
    CONCORD_ASSIGN_OR_RETURN(auto totals, converter.count(own));
    if (totals.counted_minor <= 0) continue;
    shares.push_back({donor, totals.counted_minor, 0});
    CONCORD_TRY(add_to(total, totals.counted_minor));
  }
  for (auto& share : shares)
    share.share_percent = percent(share.counted_minor, total);
  std::stable_sort(shares.begin(), shares.end(), [](const DonorShare& a, const DonorShare& b) {
    return a.counted_minor > b.counted_minor;
  });
  return shares;
}

std::int64_t top_share_minor(const std::vector<DonorShare>& shares, std::size_t top) {
  std::int64_t sum = 0;
  for (std::size_t i = 0; i < shares.size() && i < top; ++i)
    sum += shares[i].counted_minor;
  return sum;
}

Result<FundingGroup> summarise(Converter& converter, const std::string& key, const Bucket& bucket) {
  FundingGroup group;
  group.key = key;
  group.requested_minor = bucket.requested;
  CONCORD_ASSIGN_OR_RETURN(auto totals, converter.count(bucket.flows));
  group.counted_minor = totals.counted_minor;
  group.pledged_minor = totals.pledged_minor;
  group.committed_minor = totals.committed_minor;
  group.disbursed_minor = totals.disbursed_minor;
  group.gap_minor = std::max<std::int64_t>(group.requested_minor - group.counted_minor, 0);
  group.surplus_minor = std::max<std::int64_t>(group.counted_minor - group.requested_minor, 0);
  if (group.requested_minor > 0) {
    group.coverage_percent = percent(group.counted_minor, group.requested_minor);
  }
  CONCORD_ASSIGN_OR_RETURN(auto shares, donor_shares(converter, bucket.flows));
  group.donor_count = static_cast<int>(shares.size());
  if (!shares.empty()) {
    group.largest_donor = shares.front().donor;
    group.largest_donor_share_percent = shares.front().share_percent;
    group.top_five_share_percent =
        percent(top_share_minor(shares, kConcentrationTopDonors), group.counted_minor);
    group.single_donor_dependency =
        group.largest_donor_share_percent >= kSingleDonorDependencyPercent;
  }
  return group;
}

std::string flow_key(const FundingFlow& flow, FundingGrouping by) {
  switch (by) {
    case FundingGrouping::plan:
      return flow.plan_id;
    case FundingGrouping::obligation:
      return flow.obligation_id;
    case FundingGrouping::country:
      return flow.recipient_state;
    case FundingGrouping::theme:
      return std::string(to_string(flow.theme));
    case FundingGrouping::donor:
      return donor_key(flow.donor);
    case FundingGrouping::year:
      return std::to_string(flow.budget_year);
  }
  return {};
}

}  // namespace

std::string_view to_string(FundingGrouping grouping) {
  return kGroupingNames.name(grouping);
}
std::optional<FundingGrouping> funding_grouping_from_string(std::string_view text) {
  return kGroupingNames.parse(text);
}
std::string funding_groupings_list() {
  return kGroupingNames.list();
}

Result<FundingView> funding_view(const ViewInputs& inputs, FundingGrouping by) {
  Converter converter(inputs);
  std::map<std::string, Bucket> buckets;
  Bucket everything;
  for (const auto& need : inputs.needs) {
    if (by == FundingGrouping::year) {
      for (const auto& year : need.years) {
        CONCORD_ASSIGN_OR_RETURN(
            auto requested,
            converter.convert(year.cost_minor - year.national_minor, need.currency));
        CONCORD_TRY(add_to(buckets[std::to_string(year.year)].requested, requested));
        CONCORD_TRY(add_to(everything.requested, requested));
      }
      continue;
    }
    CONCORD_ASSIGN_OR_RETURN(auto requested,
                             converter.convert(need.requested_minor(), need.currency));
    CONCORD_TRY(add_to(everything.requested, requested));
    switch (by) {
      case FundingGrouping::plan:
        CONCORD_TRY(add_to(buckets[need.plan_id].requested, requested));
        break;
      case FundingGrouping::obligation:
        CONCORD_TRY(add_to(buckets[need.obligation_id.value_or("")].requested, requested));
        break;
      case FundingGrouping::country:
        CONCORD_TRY(add_to(buckets[need.state].requested, requested));
        break;
      case FundingGrouping::theme:
        CONCORD_TRY(add_to(buckets[std::string(to_string(need.theme))].requested, requested));
        break;
      case FundingGrouping::donor:  // a need belongs to no donor: only the total asks for it
      case FundingGrouping::year:
        break;
    }
  }
  for (const auto& flow : inputs.flows) {
    buckets[flow_key(flow, by)].flows.push_back(flow);
    everything.flows.push_back(flow);
  }

  FundingView view;
  view.by = by;
  view.currency = inputs.currency;
  view.rates_on = inputs.rates_on;
  for (const auto& [key, bucket] : buckets) {
    CONCORD_ASSIGN_OR_RETURN(auto group, summarise(converter, key, bucket));
    view.groups.push_back(std::move(group));
  }
  CONCORD_ASSIGN_OR_RETURN(view.total, summarise(converter, "", everything));
  view.oldest_rate_date = converter.oldest();
  return view;
}

Result<ContinuityView> continuity_view(const ViewInputs& inputs, int after_year) {
  Converter converter(inputs);
  std::map<int, Bucket> buckets;
  for (const auto& need : inputs.needs) {
    for (const auto& year : need.years) {
      if (year.year <= after_year) continue;
      CONCORD_ASSIGN_OR_RETURN(
          auto needed, converter.convert(year.cost_minor - year.national_minor, need.currency));
      CONCORD_TRY(add_to(buckets[year.year].requested, needed));
    }
  }
  for (const auto& flow : inputs.flows) {
    if (flow.budget_year > after_year) buckets[flow.budget_year].flows.push_back(flow);
  }
  ContinuityView view;
  view.currency = inputs.currency;
  view.rates_on = inputs.rates_on;
  view.after_year = after_year;
  for (const auto& [year, bucket] : buckets) {
    CONCORD_ASSIGN_OR_RETURN(auto totals, converter.count(bucket.flows));
    ContinuityYear row;
    row.year = year;
    row.need_minor = bucket.requested;
    row.counted_minor = totals.counted_minor;
    row.pledged_minor = totals.pledged_minor;
    row.gap_minor = std::max<std::int64_t>(row.need_minor - row.counted_minor, 0);
    row.surplus_minor = std::max<std::int64_t>(row.counted_minor - row.need_minor, 0);
    if (row.need_minor > 0) row.coverage_percent = percent(row.counted_minor, row.need_minor);
    view.years.push_back(row);
  }
  view.oldest_rate_date = converter.oldest();
  return view;
}

Result<ConcentrationView> concentration_view(const ViewInputs& inputs) {
  Converter converter(inputs);
  ConcentrationView view;
  view.currency = inputs.currency;
  view.rates_on = inputs.rates_on;
  CONCORD_ASSIGN_OR_RETURN(view.donors, donor_shares(converter, inputs.flows));
  for (const auto& share : view.donors)
    CONCORD_TRY(add_to(view.counted_minor, share.counted_minor));
  if (!view.donors.empty()) {
    view.top_five_share_percent =
        percent(top_share_minor(view.donors, kConcentrationTopDonors), view.counted_minor);
    view.largest_donor_share_percent = view.donors.front().share_percent;
    view.single_donor_dependency =
        view.largest_donor_share_percent >= kSingleDonorDependencyPercent;
  }
  view.oldest_rate_date = converter.oldest();
  return view;
}

}  // namespace concord::assistance
