// JSON forms of flows, rates and the funding views, shared by the API, the CLI and the change
// feed. Amounts are given twice: exact minor units ("amount_minor") and decimal text in the
// currency ("amount": "1234.50"), so no reader needs floating point.
#pragma once

#include <nlohmann/json.hpp>

#include "assistance/exchange_rates.h"
#include "assistance/funding_flow.h"
#include "assistance/funding_views.h"
#include "core/reference_data.h"

namespace concord::assistance {

nlohmann::ordered_json flow_json(const FundingFlow& flow, const ReferenceData& reference);
nlohmann::ordered_json rate_json(const ExchangeRate& rate);
nlohmann::ordered_json funding_view_json(const FundingView& view, const ReferenceData& reference);
nlohmann::ordered_json continuity_json(const ContinuityView& view, const ReferenceData& reference);
nlohmann::ordered_json concentration_json(const ConcentrationView& view,
                                          const ReferenceData& reference);

}  // namespace concord::assistance
