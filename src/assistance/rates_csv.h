// The exchange-rate CSV operators import: a header `date,currency,quote,rate` with an optional
// `source` column, then one rate a row (one `currency` is worth `rate` of `quote` on `date`).
// Every row is checked before anything is returned; problems name their line and column, and any
// problem means no rates at all.
#pragma once

#include <string_view>
#include <vector>

#include "assistance/exchange_rates.h"
#include "core/reference_data.h"
#include "core/result.h"

namespace concord::assistance {

// invalid_argument whose field is the first bad column and whose message lists up to ten
// problems ("line 3, column \"rate\": ..."). An empty file, or one with only the header, is an
// error too: an import that stores nothing is a mistake.
Result<std::vector<ExchangeRate>> parse_rates_csv(std::string_view text,
                                                  const ReferenceData& reference);

}  // namespace concord::assistance
