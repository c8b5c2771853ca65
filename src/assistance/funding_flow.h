// A funding flow as OCHA FTS and IATI count them: a pledge, commitment, disbursement or
// expenditure from a donor to a recipient state, with its sector, theme and budget year, and what
// it funds (an IATI activity, and in Concord a plan, obligation, need or partnership). Flows are
// versioned: a change is a new version, the highest version is current, and nothing is
// overwritten. A pledge is recorded but is not funding until it is committed (counting.h).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "assistance/donor.h"
#include "assistance/theme.h"

namespace concord::assistance {

enum class FlowKind { pledge, commitment, disbursement, expenditure };
enum class FlowStatus { active, withdrawn };

std::string_view to_string(FlowKind kind);
std::optional<FlowKind> flow_kind_from_string(std::string_view text);
std::string flow_kinds_list();
std::string_view to_string(FlowStatus status);
std::optional<FlowStatus> flow_status_from_string(std::string_view text);

struct FundingFlow {
  std::string flow_id;  // ULID, the same for every version
  int version = 1;
  FlowKind kind = FlowKind::commitment;
  FlowStatus status = FlowStatus::active;
  Donor donor;
  std::string recipient_state;  // alpha-2
  std::string activity;         // IATI activity identifier the flow belongs to
  std::string plan_id;          // "" when not tied to one
  std::string obligation_id;
  std::string need_id;
  std::string match_id;  // the partnership it funds, "" when none
  Theme theme = Theme::clearance;
  std::string sector;  // DAC 5-digit purpose code
  int budget_year = 0;
  std::int64_t amount_minor = 0;  // >= 0
  std::string currency;           // ISO 4217
  std::string value_date;         // YYYY-MM-DD
  std::string description;
  std::string source = "manual";  // manual, iati
  std::string recorded_by;
  std::string recorded_at;
};

}  // namespace concord::assistance
