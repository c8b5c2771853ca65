// The funding views: pure functions over loaded needs, current flows and the rate table. Every
// amount is converted into one currency with the rates in force on one date; each view states
// that date and the oldest rate it used. Funding is counted by counting.h's rule (pledges are
// shown but never counted).
//  - by group (plan, obligation, country, theme, donor, year): requested (need cost - national
//    resources), counted funding, pledged, committed, disbursed, coverage, and the gap (never
//    negative; an over-funded group shows a surplus instead), with the group's donor spread;
//  - continuity: for each future budget year, counted funding for that year against its need;
//  - concentration: each donor's share of counted funding, the top five's share, and whether
//    one donor holds 75 % or more (single-donor dependency).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "assistance/exchange_rates.h"
#include "assistance/funding_flow.h"
#include "assistance/plan.h"
#include "core/reference_data.h"
#include "core/result.h"

namespace concord::assistance {

enum class FundingGrouping { plan, obligation, country, theme, donor, year };
std::string_view to_string(FundingGrouping grouping);
std::optional<FundingGrouping> funding_grouping_from_string(std::string_view text);
std::string funding_groupings_list();

// A donor holding this share of a group's counted funding or more makes the group dependent.
constexpr double kSingleDonorDependencyPercent = 75.0;
constexpr std::size_t kConcentrationTopDonors = 5;

struct FundingGroup {
  std::string key;  // plan id, obligation id, alpha-2, theme, donor key or year; "" = unassigned
  std::int64_t requested_minor = 0;  // need cost - national resources
  std::int64_t counted_minor = 0;
  std::int64_t pledged_minor = 0;  // recorded, not counted
  std::int64_t committed_minor = 0;
  std::int64_t disbursed_minor = 0;
  std::int64_t gap_minor = 0;              // max(requested - counted, 0)
  std::int64_t surplus_minor = 0;          // max(counted - requested, 0)
  std::optional<double> coverage_percent;  // counted / requested; none when nothing requested
  int donor_count = 0;                     // donors with counted funding
  std::string largest_donor;               // donor key; "" when none
  double largest_donor_share_percent = 0;  // of counted funding
  double top_five_share_percent = 0;       // of counted funding
  bool single_donor_dependency = false;    // largest share >= 75 %
};

struct FundingView {
  FundingGrouping by = FundingGrouping::plan;
  std::string currency;
  std::string rates_on;              // the conversion date
  std::string oldest_rate_date;      // the oldest rate used; "" when no conversion was needed
  std::vector<FundingGroup> groups;  // ordered by key
  FundingGroup total;                // over every need and flow given
};

struct ContinuityYear {
  int year = 0;
  std::int64_t need_minor = 0;     // cost - national resources for that year
  std::int64_t counted_minor = 0;  // committed (or disbursed, if more) for that year
  std::int64_t pledged_minor = 0;  // pledged for that year, not counted
  std::int64_t gap_minor = 0;
  std::int64_t surplus_minor = 0;
  std::optional<double> coverage_percent;
};

struct ContinuityView {
  std::string currency;
  std::string rates_on;
  std::string oldest_rate_date;
  int after_year = 0;                 // years after this one are shown
  std::vector<ContinuityYear> years;  // ascending
};

struct DonorShare {
  std::string donor;  // donor key
  std::int64_t counted_minor = 0;
  double share_percent = 0;
};

struct ConcentrationView {
  std::string currency;
  std::string rates_on;
  std::string oldest_rate_date;
  std::int64_t counted_minor = 0;
  std::vector<DonorShare> donors;  // largest first, then by key
  double top_five_share_percent = 0;
  double largest_donor_share_percent = 0;
  bool single_donor_dependency = false;
};

struct ViewInputs {
  const std::vector<Need>& needs;
  const std::vector<FundingFlow>& flows;  // current versions; withdrawn ones count nothing
  const ExchangeRateTable& rates;
  const ReferenceData& reference;
  std::string currency;
  std::string rates_on;  // YYYY-MM-DD
};

// not_found (field "currency") when an amount cannot be converted on the date.
Result<FundingView> funding_view(const ViewInputs& inputs, FundingGrouping by);
Result<ContinuityView> continuity_view(const ViewInputs& inputs, int after_year);
Result<ConcentrationView> concentration_view(const ViewInputs& inputs);

}  // namespace concord::assistance
