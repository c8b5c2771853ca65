// The JSON of stockpile records, treaty deadlines and destruction progress: one encoding for the
// API, the CLI's --json output and the change feed, and the strict readers of request bodies
// that both the API and the CLI use. A reader takes the state from the caller (the path or
// --state), never from the body; it refuses any field it does not know by name, a wrong type or
// a bad value with invalid_argument naming the field, then runs the record's validate().
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "core/result.h"
#include "operations/destruction_progress.h"
#include "operations/treaty_deadline.h"

namespace concord::operations {

nlohmann::ordered_json declaration_json(const StockpileDeclaration& declaration);
nlohmann::ordered_json destruction_json(const DestructionEvent& event);
nlohmann::ordered_json retained_json(const RetainedQuantity& retained);
// {"declarations": [...], "destructions": [...], "retained": [...]}.
nlohmann::ordered_json stockpile_records_json(const StockpileRecords& records);
nlohmann::ordered_json deadline_json(const TreatyDeadline& deadline);
nlohmann::ordered_json deadlines_json(const std::vector<TreatyDeadline>& deadlines);
// The figures with the query they answer (state, category, ammunition_type, on).
nlohmann::ordered_json progress_json(const ProgressQuery& query,
                                     const DestructionProgress& progress);
// The figures alone, without the query (the country profile nests them under each category).
nlohmann::ordered_json progress_figures_json(const DestructionProgress& progress);

// {"category", "ammunition_type" (ammunition only), "quantity", "as_of"}.
Result<StockpileDeclaration> declaration_from_json(const nlohmann::json& object,
                                                   const std::string& state);
// {"date", "category", "ammunition_type", "quantity", "method", "site", "verified_by"}.
Result<DestructionEvent> destruction_from_json(const nlohmann::json& object,
                                               const std::string& state);
// {"category", "ammunition_type", "quantity", "as_of", "purpose"}.
Result<RetainedQuantity> retained_from_json(const nlohmann::json& object, const std::string& state);
// {"instrument", "obligation", "category" (stockpile_destruction only), "deadline",
// "extended_to" (optional)}. Whether the category fits the obligation is the service's check.
Result<TreatyDeadline> deadline_from_json(const nlohmann::json& object, const std::string& state);

}  // namespace concord::operations
