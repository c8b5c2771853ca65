// ExchangeRateTable: the dated exchange rates operators maintain (imported as CSV), and exact
// conversion of Money between currencies on a date. A conversion uses, for the pair, the latest
// rate on or before the date: direct (A->B), inverse (B->A), or through one pivot currency that
// both have rates for; it always states the date of the rate(s) used. Amounts are integers of
// minor units and rates are integers scaled by 10^12, so conversion is exact up to one rounding
// (half to even) into the target's minor units; no floating point.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <tuple>
#include <vector>

#include "core/money.h"
#include "core/reference_data.h"
#include "core/result.h"
#include "store/database.h"

namespace concord::assistance {

constexpr std::int64_t kRateScale = 1'000'000'000'000;  // 10^12

struct ExchangeRate {
  std::string rate_date;         // YYYY-MM-DD
  std::string currency;          // one unit of this ...
  std::string quote;             // ... is worth `rate` of this
  std::string rate_text;         // as imported: "0.9234"
  std::int64_t rate_scaled = 0;  // rate * 10^12, > 0
  std::string source;
};

struct Conversion {
  Money amount;           // in the target currency
  std::string rate_date;  // the oldest date among the rates used; "" when no conversion was needed
  std::string path;       // "EUR->USD", "USD->EUR (inverse)", "GBP->USD->EUR"; "" when none
};

class ExchangeRateTable {
 public:
  ExchangeRateTable() = default;
  explicit ExchangeRateTable(std::vector<ExchangeRate> rates);

  // Converts `amount` into `currency` with the rates in force on `on_date` (YYYY-MM-DD).
  // The same currency converts to itself with no rate. not_found (field "currency") naming both
  // currencies and the date when no rate on or before the date connects them.
  Result<Conversion> convert(const Money& amount, std::string_view currency,
                             std::string_view on_date, const ReferenceData& reference) const;

  const std::vector<ExchangeRate>& rates() const { return rates_; }

 private:
  std::vector<ExchangeRate> rates_;
  // (currency, quote) -> rates ascending by date
  std::map<std::pair<std::string, std::string>, std::vector<std::size_t>> by_pair_;  // into rates_
};

// Parses a rate such as "0.9234" or "1234.5" (at most 12 decimals, > 0) into rate * 10^12.
// invalid_argument naming `field`.
Result<std::int64_t> parse_rate(std::string_view text, std::string_view field = "rate");

// Every stored rate (defined in flow_store.cpp, beside the other SQL, so that this file's
// arithmetic links without the store).
Result<ExchangeRateTable> load_exchange_rates(store::Transaction& transaction);

// True when `text` is a real calendar date written YYYY-MM-DD (the form of every date here).
bool is_iso_date(std::string_view text);

}  // namespace concord::assistance
