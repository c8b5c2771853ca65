// The JSON of casualty statistics, their yearly summary and victim assistance services: one
// encoding for the API, the CLI's --json output and the change feed, and the strict readers that
// both the API and the CLI use. Readers take the state from the caller (the path or --state),
// never from the data, and refuse unknown fields by name; a batch of casualty rows names the row
// at fault ("rows[3].sex"), and a personal identifier is refused as casualties.h says.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"
#include "operations/casualties.h"
#include "operations/victim_assistance.h"

namespace concord::operations {

nlohmann::ordered_json casualty_json(const CasualtyCount& row);
// {"casualties": [...]}.
nlohmann::ordered_json casualties_json(const std::vector<CasualtyCount>& rows);
nlohmann::ordered_json casualty_summary_json(const std::string& state,
                                             const CasualtySummary& summary);
// With its derived "coverage".
nlohmann::ordered_json victim_service_json(const VictimService& service);
// {"services": [...]}.
nlohmann::ordered_json victim_services_json(const std::vector<VictimService>& services);

// The body of POST .../casualties: {"rows": [row, ...]}, each row as casualty_count_from_json
// reads it. At most kMaxCasualtyBatch rows, at least one.
Result<std::vector<CasualtyCount>> casualty_batch_from_json(const nlohmann::json& body);
// A JSON array of rows (what `concord casualty import` reads); errors name "rows[i].field".
Result<std::vector<CasualtyCount>> casualty_rows_from_json_array(const nlohmann::json& rows);
// CSV whose header names the row fields (year, area, device_type, outcome, sex, age_group,
// status, count; the same names as the JSON, in any order); an empty sex, age_group or status
// cell means unknown. Errors name "rows[i].field" (i counting data rows from 0) and say the line.
Result<std::vector<CasualtyCount>> casualty_rows_from_csv(std::string_view text);
inline constexpr std::size_t kMaxCasualtyBatch = 10000;

// {"year", "service", "area", "provider", "people_reached", "people_in_need"}. The service's
// own checks (lengths, people_in_need above 0, the year) follow in CasualtyService.
Result<VictimService> victim_service_from_json(const nlohmann::json& object,
                                               const std::string& state);

}  // namespace concord::operations
