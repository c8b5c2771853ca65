// The JSON form of an answer, read strictly: what the API and `concord trace answer` accept and
// what the store keeps. Unknown fields, wrong types and unknown names are refused with the path
// of the field ("chain_of_custody[1].parties[0].country"); the domain rules are
// validate_answer()'s.
//
//   {"outcome": "full" | "partial" | "restricted" | "untraceable",
//    "restriction_reason": "ongoing_criminal_investigation" | ... (restricted only),
//    "chain_of_custody": [{"kind": "export", "date": "2004-06", "note": "...",
//                          "parties": [{"name": "FN Herstal", "country": "BE"}],
//                          "documents": [{"attachment_id": "01J..."} | {"reference": "..."}]}],
//    "note": "..."}
#pragma once

#include <nlohmann/json.hpp>

#include "core/result.h"
#include "tracing/answer.h"

namespace concord::tracing {

nlohmann::json answer_to_json(const Answer& answer);

// Reads `json` (an object) into an Answer; `path` prefixes field names in errors.
Result<Answer> answer_from_json(const nlohmann::json& json, const std::string& path = {});

}  // namespace concord::tracing
