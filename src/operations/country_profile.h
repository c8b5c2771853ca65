// The country profile: the figures the Landmine and Cluster Munition Monitors publish for one
// state and one year (contamination, destruction, deadlines, casualties, victim assistance and
// funding received), built by one PURE function from the records as values. Every figure is "as
// it stood at the end of the year" (year_end: YYYY-12-31, or the as_of day given for the current
// year) unless it says "in the year"; below, "year_end" is that day.
//
// Definitions (docs/mine-action.md repeats them for a national mine action centre):
//  - remaining km² at year end: compute_land_release of each area recorded on or before year_end
//    with its releases dated on or before year_end, by contamination and by the classification
//    holding on year_end ("unclassified" when none held yet);
//  - severity band: the band (SeverityBandConfig::for_type of the contamination name) of the
//    type's total remaining km²; a band set of another measure than "km2" is reported by name
//    with an empty band, never guessed;
//  - released in the year, by method: the land still hazardous at the previous year end
//    (remaining geometry) that the releases dated in the year cover, each km² once, the strongest
//    method keeping an overlap (area_arithmetic.h); so it sums to the fall in remaining km²;
//  - cumulative released: every release on or before year_end, by method;
//  - items destroyed in clearance: items of the cleared releases dated in the year, by device;
//  - stockpiles: one row per category (ammunition: per type) that has any record;
//    destruction_progress on year_end against the stored stockpile_destruction deadline;
//  - deadlines: each stored deadline. Stockpile destruction: destruction_progress of its
//    category. Clearance: CCM binds the cluster_munition_remnants areas, APMBC the mines areas;
//    the series is the cumulative released km² of those areas after each release day, the
//    target their total km², the trend the points within kProfileTrendYears of year_end;
//  - casualties: summarise() of the year's rows;
//  - victim assistance: per service type, people reached and in need in the year, and coverage;
//  - funding received: flows to the state with budget year = year, counted by
//    assistance::count_funding (pledges shown, never counted), by donor and by DAC sector.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "assistance/exchange_rates.h"
#include "assistance/funding_flow.h"
#include "core/reference_data.h"
#include "core/result.h"
#include "operations/casualties.h"
#include "operations/destruction_progress.h"
#include "operations/hazard_service.h"
#include "operations/severity_bands.h"
#include "operations/treaty_deadline.h"
#include "operations/victim_assistance.h"

namespace concord::operations {

inline constexpr int kProfileTrendYears = 3;
inline constexpr const char* kUnclassified = "unclassified";

// How funding amounts are converted (assistance/counting.h).
struct FundingConversion {
  std::string currency = "USD";
  std::string rates_on;  // YYYY-MM-DD
  assistance::ExchangeRateTable rates;
};

struct ProfileInputs {
  std::string state;  // ISO 3166-1 alpha-2
  int year = 0;
  // The day the figures are at, YYYY-MM-DD within `year`; empty for the year end. For the
  // current year the service gives today, so that a deadline later this year is not overdue.
  std::string as_of;
  StockpileRecords stockpiles;                         // the state's (others are ignored)
  std::vector<TreatyDeadline> deadlines;               // the state's
  std::vector<HazardousAreaView> areas;                // the state's, each with ALL its releases
  std::vector<CasualtyCount> casualties;               // any years; only `year` counts
  std::vector<VictimService> victim_services;          // any years; only `year` counts
  std::vector<assistance::FundingFlow> funding_flows;  // current versions; any recipient
  FundingConversion funding;
  SeverityBandConfig bands;
};

// --- contamination
struct BandFigure {
  std::string contamination;
  std::string measure;  // the band set's measure
  double value = 0;     // remaining km² (measure "km2")
  std::string band;     // "" when the measure is not km2
};

struct MethodFigures {
  double cleared_km2 = 0;
  double reduced_km2 = 0;
  double cancelled_km2 = 0;
  double total() const { return cleared_km2 + reduced_km2 + cancelled_km2; }
};

struct AreaFigure {  // one area's line, for the report's links
  std::string id;
  std::string name;
  std::string region;
  std::string contamination;
  std::string classification;
  double area_km2 = 0;
  double remaining_km2 = 0;
  MethodFigures released_in_year;
};

struct ContaminationFigures {
  // contamination -> classification (or "unclassified") -> remaining km²; every contamination
  // and classification listed, 0 where none.
  std::map<std::string, std::map<std::string, double>> remaining_km2;
  double total_remaining_km2 = 0;
  double total_hazard_km2 = 0;    // the areas' own km², recorded on or before year_end
  std::vector<BandFigure> bands;  // one per contamination type, in enum order
  MethodFigures released_in_year;
  MethodFigures released_cumulative;
  std::vector<AreaFigure> areas;  // by name, then id
};

// --- destruction
struct ClearanceItems {
  std::int64_t found = 0;
  std::int64_t destroyed = 0;
};

struct StockpileFigure {
  std::string category;
  std::string ammunition_type;  // ammunition only
  std::int64_t declared = 0;    // the latest declaration on or before year_end (0: none)
  std::string declared_as_of;   // "" when none
  std::int64_t destroyed_in_year = 0;
  std::int64_t destroyed_cumulative = 0;
  std::int64_t retained = 0;
  std::optional<DestructionProgress> progress;  // nullopt when nothing was declared
};

struct DestructionFigures {
  // device type -> items found and destroyed in clearance in the year (every device listed).
  std::map<std::string, ClearanceItems> clearance_items;
  std::int64_t clearance_items_destroyed = 0;
  std::vector<StockpileFigure> stockpiles;  // by category (enum order), then ammunition type
};

// --- deadlines
struct DeadlineFigure {
  std::string instrument;
  std::string obligation;
  std::string category;  // stockpile_destruction only
  std::string deadline;  // the effective date (the extension when granted)
  std::string original_deadline;
  bool extended = false;
  std::string status;  // a DeadlineStatus name
  std::optional<std::string> projected_completion;
  double target = 0;    // items to destroy (declared - retained), or km² to release
  double achieved = 0;  // items destroyed, or km² released, by year_end
  double remaining = 0;
  std::string unit;  // "items" or "km2"
  int trend_points = 0;
};

// --- victim assistance
struct ServiceCoverage {
  std::int64_t people_reached = 0;
  std::int64_t people_in_need = 0;
  std::optional<double> coverage;  // reached / in need; nullopt when nobody was counted in need
  int services = 0;
};

// --- funding
struct FundingLine {
  std::string key;  // donor key ("state:NO") or DAC sector code
  std::int64_t counted_minor = 0;
  std::int64_t pledged_minor = 0;
  std::int64_t committed_minor = 0;
  std::int64_t disbursed_minor = 0;
  std::int64_t flows = 0;  // flows counted in the line (withdrawn ones included, counting 0)
};

struct FundingFigures {
  std::string currency;
  std::string rates_on;
  std::string oldest_rate_date;
  std::vector<FundingLine> by_donor;   // by key
  std::vector<FundingLine> by_sector;  // by key
  FundingLine total;                   // key "total"
};

struct CountryProfile {
  std::string state;
  int year = 0;
  std::string year_end;  // the day the figures are at: YYYY-12-31, or ProfileInputs::as_of
  ContaminationFigures contamination;
  DestructionFigures destruction;
  std::vector<DeadlineFigure> deadlines;  // instrument, obligation, category order
  CasualtySummary casualties;
  std::map<std::string, ServiceCoverage> victim_assistance;  // every service type listed
  FundingFigures funding;
};

// The profile of inputs.state for inputs.year. invalid_argument naming the field for a bad
// state, a year outside kFirstCasualtyYear..kLastCasualtyYear or an as_of outside the year; the
// errors of destruction_progress and compute_land_release (a malformed record) pass through;
// not_found "currency" when a funding amount cannot be converted.
Result<CountryProfile> build_country_profile(const ProfileInputs& inputs,
                                             const ReferenceData& reference);

// Funding `donor_state` gave in `year` (flows whose donor is the state, by budget year), one
// line per recipient state (the key is its alpha-2), counted as above.
Result<std::vector<FundingLine>> funding_given(const std::vector<assistance::FundingFlow>& flows,
                                               const std::string& donor_state, int year,
                                               const FundingConversion& conversion,
                                               const ReferenceData& reference);

}  // namespace concord::operations
