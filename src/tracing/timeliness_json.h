// The JSON form of a timeliness report, the same for the API and `concord report timeliness
// --json`: {"from", "to", "generated_at", "states": [{"state", "received", "acknowledged",
// "answered", "median_hours_to_acknowledge", "median_hours_to_answer", "answer_settled",
// "answered_by_due_date", "share_answered_by_due_date", "overdue_now"}]}, null for figures
// without data.
#pragma once

#include <nlohmann/json.hpp>

#include "tracing/tracing_service.h"

namespace concord::tracing {

nlohmann::ordered_json timeliness_report_json(const TimelinessReport& report);

}  // namespace concord::tracing
