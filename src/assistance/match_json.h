// The JSON of match candidates, allocation advice, matches and coalitions: one encoding for the
// API and the CLI. Amounts are decimal text in their currency beside the exact minor units, and
// every converted figure says its currency and the date of the rates.
#pragma once

#include <nlohmann/json.hpp>

#include "assistance/match_service.h"
#include "core/reference_data.h"

namespace concord::assistance {

// With "explanation" as the array of factors it holds.
nlohmann::ordered_json match_json(const Match& match, const ReferenceData& reference);
nlohmann::ordered_json score_json(const MatchScore& score);
// {"currency", "rates_on", "candidates": [{"need", "offer", "candidate", "score", "factors",
// "exclusions", "conversion_problem", "need_gap", "offer_capacity", "rate_date",
// "open_match_id"}]}
nlohmann::ordered_json candidate_list_json(const CandidateList& list,
                                           const ReferenceData& reference);
// {"advice": true, "currency", "rates_on", "lines", "needs", "offers", "left_out"}
nlohmann::ordered_json allocation_advice_json(const AllocationAdvice& advice,
                                              const ReferenceData& reference);
// {"plan", "members": [{"donor", "partnerships": [match...]}]}
nlohmann::ordered_json coalition_json(const Coalition& coalition, const ReferenceData& reference);

}  // namespace concord::assistance
