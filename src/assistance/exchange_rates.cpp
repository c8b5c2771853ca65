// ExchangeRateTable: exact conversion. A conversion is a product of integer factors (the amount,
// the rates scaled by 10^12, powers of ten for the currencies' minor units) over another product;
// common factors are cancelled first so that the products fit in 128 bits, and the one division
// rounds half to even. An amount too large to convert exactly is an error, never a wrong answer.
#include "assistance/exchange_rates.h"

#include <algorithm>
#include <numeric>
#include <optional>
#include <set>

namespace concord::assistance {
namespace {

// 128-bit arithmetic is a GCC and Clang extension, hence __extension__ under -Wpedantic.
__extension__ using Wide = unsigned __int128;

// One step of a conversion: a stored rate used as it stands (currency -> quote) or inverted.
struct Leg {
  const ExchangeRate* rate = nullptr;
  bool inverse = false;
};

std::int64_t power_of_ten(int exponent) {
  std::int64_t value = 1;
  for (int i = 0; i < exponent; ++i)
    value *= 10;
  return value;
}

Wide gcd_wide(Wide a, Wide b) {
  while (b != 0) {
    const Wide rest = a % b;
    a = b;
    b = rest;
  }
  return a;
}

// The product of `factors`, or nullopt when it does not fit in 128 bits.
std::optional<Wide> product(const std::vector<Wide>& factors) {
  Wide result = 1;
  for (Wide factor : factors) {
    if (__builtin_mul_overflow(result, factor, &result)) return std::nullopt;
  }
  return result;
}

// numerator / denominator rounded half to even.
Wide divide_half_even(Wide numerator, Wide denominator) {
  Wide quotient = numerator / denominator;
  const Wide remainder = numerator % denominator;
  const Wide other = denominator - remainder;  // remainder > other <=> 2 * remainder > denominator
  if (remainder > other || (remainder == other && (quotient & 1) == 1)) ++quotient;
  return quotient;
}

std::string_view leg_from(const Leg& leg) {
  return leg.inverse ? leg.rate->quote : leg.rate->currency;
}

std::string_view leg_to(const Leg& leg) {
  return leg.inverse ? leg.rate->currency : leg.rate->quote;
}

std::string describe(const Leg& leg) {
  std::string text = leg.rate->currency + "->" + leg.rate->quote;
  if (leg.inverse) text += " (inverse)";
  return text;
}

}  // namespace

bool is_iso_date(std::string_view text) {
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') return false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (i == 4 || i == 7) continue;
    if (text[i] < '0' || text[i] > '9') return false;
  }
  const int year = std::stoi(std::string(text.substr(0, 4)));
  const int month = std::stoi(std::string(text.substr(5, 2)));
  const int day = std::stoi(std::string(text.substr(8, 2)));
  if (month < 1 || month > 12 || day < 1) return false;
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  const int days_in_month = month == 2 && leap ? 29 : kDays[month - 1];
  return day <= days_in_month;
}

ExchangeRateTable::ExchangeRateTable(std::vector<ExchangeRate> rates) : rates_(std::move(rates)) {
  for (std::size_t i = 0; i < rates_.size(); ++i) {
    by_pair_[{rates_[i].currency, rates_[i].quote}].push_back(i);
  }
  for (auto& [pair, indices] : by_pair_) {
    std::stable_sort(indices.begin(), indices.end(), [this](std::size_t a, std::size_t b) {
      return rates_[a].rate_date < rates_[b].rate_date;
    });
  }
}

Result<Conversion> ExchangeRateTable::convert(const Money& amount, std::string_view currency,
                                              std::string_view on_date,
                                              const ReferenceData& reference) const {
  const Currency* source = reference.currency(amount.currency);
  if (source == nullptr) {
    return Error::invalid("currency", "unknown ISO 4217 currency '" + amount.currency + "'");
  }
  const Currency* target = reference.currency(currency);
  if (target == nullptr) {
    return Error::invalid("currency", "unknown ISO 4217 currency '" + std::string(currency) + "'");
  }
  if (!is_iso_date(on_date)) {
    return Error::invalid("rates_on", "the conversion date must be a date written YYYY-MM-DD");
  }
  if (source->code == target->code) return Conversion{amount, "", ""};

  // The latest rate for (from, to) on or before the date, used directly or inverted.
  auto latest = [&](const std::string& from, const std::string& to) -> const ExchangeRate* {
    auto found = by_pair_.find({from, to});
    if (found == by_pair_.end()) return nullptr;
    const ExchangeRate* best = nullptr;
    for (std::size_t index : found->second) {
      if (rates_[index].rate_date > on_date) break;
      best = &rates_[index];
    }
    return best;
  };
  auto find_leg = [&](const std::string& from, const std::string& to) -> std::optional<Leg> {
    const ExchangeRate* direct = latest(from, to);
    const ExchangeRate* inverse = latest(to, from);
    if (direct != nullptr && (inverse == nullptr || direct->rate_date >= inverse->rate_date)) {
      return Leg{direct, false};
    }
    if (inverse != nullptr) return Leg{inverse, true};
    return std::nullopt;
  };

  std::vector<Leg> legs;
  if (auto leg = find_leg(source->code, target->code)) {
    legs.push_back(*leg);
  } else {
    // Through one pivot: the one whose older rate is the most recent; ties by currency code.
    std::set<std::string> pivots;
    for (const auto& [pair, indices] : by_pair_) {
      pivots.insert(pair.first);
      pivots.insert(pair.second);
    }
    std::string best_date;
    for (const auto& pivot : pivots) {
      if (pivot == source->code || pivot == target->code) continue;
      auto first = find_leg(source->code, pivot);
      if (!first) continue;
      auto second = find_leg(pivot, target->code);
      if (!second) continue;
      const std::string oldest = std::min(first->rate->rate_date, second->rate->rate_date);
      if (legs.empty() || oldest > best_date) {
        legs = {*first, *second};
        best_date = oldest;
      }
    }
  }
  if (legs.empty()) {
    return Error::not_found("currency", "no exchange rate on or before " + std::string(on_date) +
                                            " converts " + source->code + " into " + target->code);
  }

  // target minor = |amount| * 10^target_digits / 10^source_digits * (each leg's rate)
  const bool negative = amount.minor_units < 0;
  const Wide magnitude = negative ? Wide(0ULL - static_cast<unsigned long long>(amount.minor_units))
                                  : Wide(static_cast<unsigned long long>(amount.minor_units));
  std::vector<Wide> numerator = {magnitude, Wide(power_of_ten(target->minor_digits))};
  std::vector<Wide> denominator = {Wide(power_of_ten(source->minor_digits))};
  for (const Leg& leg : legs) {
    const Wide rate(static_cast<unsigned long long>(leg.rate->rate_scaled));
    numerator.push_back(leg.inverse ? Wide(kRateScale) : rate);
    denominator.push_back(leg.inverse ? rate : Wide(kRateScale));
  }
  if (magnitude == 0) {
    numerator = {0};
  } else {
    for (Wide& top : numerator) {
      for (Wide& bottom : denominator) {
        const Wide common = gcd_wide(top, bottom);
        top /= common;
        bottom /= common;
      }
    }
  }
  auto top = product(numerator);
  auto bottom = product(denominator);
  if (!top || !bottom) {
    return Error::invalid("amount", "amount is too large to convert exactly");
  }
  const Wide converted = *top == 0 ? 0 : divide_half_even(*top, *bottom);
  if (converted > Wide(static_cast<unsigned long long>(INT64_MAX))) {
    return Error::invalid("amount", "converted amount is too large");
  }
  const auto units = static_cast<std::int64_t>(converted);

  Conversion conversion;
  conversion.amount = Money{negative ? -units : units, target->code};
  conversion.rate_date = legs.front().rate->rate_date;
  for (const Leg& leg : legs) {
    conversion.rate_date = std::min(conversion.rate_date, leg.rate->rate_date);
  }
  if (legs.size() == 1) {
    conversion.path = describe(legs.front());
  } else {
    conversion.path = std::string(leg_from(legs[0])) + "->" + std::string(leg_to(legs[0])) + "->" +
                      std::string(leg_to(legs[1]));
  }
  return conversion;
}

Result<std::int64_t> parse_rate(std::string_view text, std::string_view field) {
  const std::string where(field);
  if (text.empty()) return Error::invalid(where, "rate is empty");
  constexpr auto kMax = INT64_MAX;
  std::int64_t units = 0;
  int decimals = -1;  // -1 until the decimal point is seen
  bool any_digit = false;
  for (char c : text) {
    if (c == '.') {
      if (decimals >= 0) return Error::invalid(where, "rate has two decimal points");
      decimals = 0;
      continue;
    }
    if (c < '0' || c > '9') {
      return Error::invalid(where, "rate must be a positive decimal number such as 0.9234");
    }
    any_digit = true;
    if (decimals >= 0 && ++decimals > 12) {
      return Error::invalid(where, "rate has more than 12 decimal places");
    }
    if (units > (kMax - (c - '0')) / 10) return Error::invalid(where, "rate is too large");
    units = units * 10 + (c - '0');
  }
  if (!any_digit) return Error::invalid(where, "rate has no digits");
  for (int i = std::max(decimals, 0); i < 12; ++i) {
    if (units > kMax / 10) return Error::invalid(where, "rate is too large");
    units *= 10;
  }
  if (units <= 0) return Error::invalid(where, "rate must be greater than zero");
  return units;
}

}  // namespace concord::assistance
