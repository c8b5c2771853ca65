// A state's national plan (Vientiane Action Plan, Action 33): its obligations, each typed by theme
// with its treaty basis, quantity, baseline and deadline; its costed needs, by budget year, with
// the national resources committed; and the progress reports that update each obligation.
// These are the values the store reads and the services return; validation is the services'.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "assistance/theme.h"
#include "core/money.h"

namespace concord::assistance {

struct Plan {
  std::string id;
  std::string state;  // ISO 3166-1 alpha-2 of the affected state
  std::string title;
  std::string summary;
  int first_year = 0;
  int last_year = 0;
  Visibility visibility = Visibility::public_;
  std::string created_by;
  std::string created_at;
  std::string updated_at;
};

struct ProgressReport {
  std::string id;
  std::string obligation_id;
  std::string as_of;             // YYYY-MM-DD
  double achieved_quantity = 0;  // cumulative since the baseline, in the obligation's unit
  std::string note;
  std::string reported_by;
  std::string created_at;
};

struct Obligation {
  std::string id;
  std::string plan_id;
  Theme theme = Theme::clearance;
  std::optional<CapacityArea> capacity_area;  // only for salw_control
  TreatyBasis treaty_basis = TreatyBasis::ccm;
  std::string description;
  std::string unit;  // "munitions", "km2", "people", "officers_trained", ...
  double target_quantity = 0;
  double baseline_quantity = 0;
  std::string deadline;                          // YYYY-MM-DD
  std::optional<std::string> extended_deadline;  // YYYY-MM-DD, when extended
  Visibility visibility = Visibility::public_;
  std::string created_at;
  std::string updated_at;
  // The latest progress report by as_of, when there is one (filled by reads that say so).
  std::optional<ProgressReport> latest_progress;

  // The deadline in force: the extension when there is one.
  const std::string& effective_deadline() const {
    return extended_deadline ? *extended_deadline : deadline;
  }
};

// One budget year of a need: what it costs and what the state itself puts in, both in the
// need's currency. The part left for others is cost - national.
struct NeedYear {
  int year = 0;
  std::int64_t cost_minor = 0;
  std::int64_t national_minor = 0;

  bool operator==(const NeedYear&) const = default;
};

struct Need {
  std::string id;
  std::string plan_id;
  std::optional<std::string> obligation_id;
  std::string state;
  Theme theme = Theme::clearance;
  std::string description;
  AssistanceKind kind = AssistanceKind::funding;
  std::string currency;  // ISO 4217, for every year
  Visibility visibility = Visibility::public_;
  std::vector<NeedYear> years;  // ascending, no year twice
  std::string created_at;
  std::string updated_at;

  // Sums over the years, in `currency`.
  std::int64_t total_cost_minor() const;
  std::int64_t total_national_minor() const;
  // cost - national over all years: what the state asks others for.
  std::int64_t requested_minor() const { return total_cost_minor() - total_national_minor(); }
};

}  // namespace concord::assistance
