// Fuzzes the exchange-rate CSV import and conversion: whatever the bytes, parsing ends with rates
// or an error that names a field; every rate accepted has a real date, two different known
// currencies and a positive rate; and converting an amount with the table accepted either fails
// cleanly or gives an amount in the target currency, never crashing or overflowing.
#include <cstddef>
#include <cstdint>
#include <string>

#include "assistance/exchange_rates.h"
#include "assistance/rates_csv.h"
#include "core/reference_data.h"

namespace {

const concord::ReferenceData& reference() {
  static const auto loaded = concord::ReferenceData::load("/usr/share/iso-codes/json");
  if (!loaded.ok()) __builtin_trap();
  return **loaded;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  auto parsed = concord::assistance::parse_rates_csv(text, reference());
  if (!parsed.ok()) {
    if (parsed.error().message.empty() || parsed.error().field.empty()) __builtin_trap();
    return 0;
  }
  if (parsed->empty()) __builtin_trap();
  for (const auto& rate : *parsed) {
    if (!concord::assistance::is_iso_date(rate.rate_date)) __builtin_trap();
    if (reference().currency(rate.currency) == nullptr) __builtin_trap();
    if (reference().currency(rate.quote) == nullptr) __builtin_trap();
    if (rate.currency == rate.quote || rate.rate_scaled <= 0) __builtin_trap();
  }
  const concord::assistance::ExchangeRateTable table(*parsed);
  const auto& first = parsed->front();
  for (std::int64_t amount : {std::int64_t{0}, std::int64_t{123456789}, INT64_MAX, -INT64_MAX}) {
    for (const auto& target : {first.quote, first.currency, std::string("USD")}) {
      auto converted = table.convert(concord::Money{amount, first.currency}, target,
                                     first.rate_date, reference());
      if (converted.ok() && converted->amount.currency != target) __builtin_trap();
      if (!converted.ok() && converted.error().message.empty()) __builtin_trap();
    }
  }
  return 0;
}
