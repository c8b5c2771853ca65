// The JSON of plans, obligations, progress reports, needs and offers, one encoding for the API and
// the change feed. Amounts are decimal text in their currency ("1234.50"), beside the exact minor
// units, so that no reader ever sees a float.
#pragma once

#include <nlohmann/json.hpp>

#include "assistance/offer.h"
#include "assistance/plan.h"
#include "core/reference_data.h"

namespace concord::assistance {

using ordered_json = nlohmann::ordered_json;

// "1234.50" for `minor` units of `currency`.
std::string decimal_amount(std::int64_t minor, const std::string& currency,
                           const ReferenceData& reference);

ordered_json plan_json(const Plan& plan);
ordered_json progress_report_json(const ProgressReport& report);
// With "latest_progress" (null when there is none).
ordered_json obligation_json(const Obligation& obligation);
// With its years (cost, national and gap each) and totals.
ordered_json need_json(const Need& need, const ReferenceData& reference);
ordered_json offer_json(const Offer& offer, const ReferenceData& reference);

}  // namespace concord::assistance
