#include "core/money.h"

#include <limits>

namespace concord {

Result<Money> Money::parse(std::string_view amount, std::string_view currency,
                           const ReferenceData& reference, std::string_view field) {
  const Currency* known = reference.currency(currency);
  if (known == nullptr) {
    return Error::invalid(std::string(field) + ".currency",
                          "unknown ISO 4217 currency '" + std::string(currency) + "'");
  }
  const std::string where(field);
  std::string_view digits = amount;
  const bool negative = !digits.empty() && digits.front() == '-';
  if (negative) digits.remove_prefix(1);
  if (digits.empty()) return Error::invalid(where, "amount is empty");

  constexpr auto kMax = std::numeric_limits<std::int64_t>::max();
  std::int64_t units = 0;
  int decimals = -1;  // -1 until the decimal point is seen
  bool any_digit = false;
  for (char c : digits) {
    if (c == '.') {
      if (decimals >= 0) return Error::invalid(where, "amount has two decimal points");
      decimals = 0;
      continue;
    }
    if (c < '0' || c > '9') {
      return Error::invalid(where, "amount must be a decimal number such as 1234.50");
    }
    any_digit = true;
    if (decimals >= 0 && ++decimals > known->minor_digits) {
      return Error::invalid(where, known->code + " has only " +
                                       std::to_string(known->minor_digits) + " decimal places");
    }
    if (units > (kMax - (c - '0')) / 10) return Error::invalid(where, "amount is too large");
    units = units * 10 + (c - '0');
  }
  if (!any_digit) return Error::invalid(where, "amount has no digits");
  for (int i = std::max(decimals, 0); i < known->minor_digits; ++i) {
    if (units > kMax / 10) return Error::invalid(where, "amount is too large");
    units *= 10;
  }
  return Money{negative ? -units : units, known->code};
}

std::string Money::to_decimal(const ReferenceData& reference) const {
  const Currency* known = reference.currency(currency);
  const int decimals = known ? known->minor_digits : 2;
  // Work on the magnitude as unsigned so INT64_MIN is safe.
  const bool negative = minor_units < 0;
  unsigned long long magnitude = negative ? 0ULL - static_cast<unsigned long long>(minor_units)
                                          : static_cast<unsigned long long>(minor_units);
  std::string digits = std::to_string(magnitude);
  if (decimals > 0) {
    if (digits.size() <= static_cast<size_t>(decimals)) {
      digits.insert(0, static_cast<size_t>(decimals) + 1 - digits.size(), '0');
    }
    digits.insert(digits.size() - static_cast<size_t>(decimals), ".");
  }
  return negative ? "-" + digits : digits;
}

Result<Money> add(const Money& a, const Money& b) {
  if (a.currency != b.currency) {
    return Error::invalid("currency", "cannot add " + a.currency + " to " + b.currency);
  }
  std::int64_t sum = 0;
  if (__builtin_add_overflow(a.minor_units, b.minor_units, &sum)) {
    return Error::invalid("amount", "sum is too large");
  }
  return Money{sum, a.currency};
}

}  // namespace concord
