// Money: an exact amount in integer minor units of an ISO 4217 currency. No floating point.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "core/reference_data.h"
#include "core/result.h"

namespace concord {

struct Money {
  std::int64_t minor_units = 0;  // cents for EUR, yen for JPY, fils for KWD
  std::string currency;          // ISO 4217 alpha code, "EUR"

  bool operator==(const Money&) const = default;

  // Parses a decimal amount such as "1234.5" or "-12" in `currency`, exactly. Refuses more
  // decimal places than the currency has, unknown currencies, and amounts beyond int64.
  // `field` names the input in the error.
  static Result<Money> parse(std::string_view amount, std::string_view currency,
                             const ReferenceData& reference, std::string_view field = "amount");

  // "1234.50" with the currency's number of decimals.
  std::string to_decimal(const ReferenceData& reference) const;
};

// Sum of two amounts in the same currency; fails on a currency mismatch or overflow.
Result<Money> add(const Money& a, const Money& b);

}  // namespace concord
