// Exact conversion with the dated exchange-rate table: direct, inverse and pivot paths, the
// currencies' minor units (JPY 0, KWD 3), rounding half to even, "latest on or before the date",
// and the errors.
#include <gtest/gtest.h>

#include "assistance/exchange_rates.h"
#include "core/reference_data.h"

namespace concord::assistance {
namespace {

const ReferenceData& reference() {
  static const auto loaded = ReferenceData::load("/usr/share/iso-codes/json");
  EXPECT_TRUE(loaded.ok());
  return **loaded;
}

ExchangeRate rate(std::string date, std::string currency, std::string quote, std::string text) {
  auto scaled = parse_rate(text);
  EXPECT_TRUE(scaled.ok()) << text;
  return {std::move(date), std::move(currency), std::move(quote), text, *scaled, "test"};
}

Money money(std::string_view amount, std::string_view currency) {
  auto parsed = Money::parse(amount, currency, reference());
  EXPECT_TRUE(parsed.ok()) << amount;
  return *parsed;
}

Conversion convert(const ExchangeRateTable& table, std::string_view amount, std::string_view from,
                   std::string_view to, std::string_view on) {
  auto converted = table.convert(money(amount, from), to, on, reference());
  EXPECT_TRUE(converted.ok()) << (converted.ok() ? "" : converted.error().message);
  return converted.ok() ? *converted : Conversion{};
}

TEST(AssistanceExchangeRates, ParsesRatesExactly) {
  EXPECT_EQ(*parse_rate("0.9234"), 923'400'000'000);
  EXPECT_EQ(*parse_rate("1"), kRateScale);
  EXPECT_EQ(*parse_rate("151.37"), 151'370'000'000'000);
  EXPECT_EQ(*parse_rate("0.000000000001"), 1);
  for (const char* bad :
       {"", "0", "0.000", "-1", "1e5", "1.2.3", ".", "abc", " 1", "0.0000000000001", "99999999"}) {
    auto parsed = parse_rate(bad, "rows[1].rate");
    ASSERT_FALSE(parsed.ok()) << bad;
    EXPECT_EQ(parsed.error().code, ErrorCode::invalid_argument);
    EXPECT_EQ(parsed.error().field, "rows[1].rate");
  }
}

TEST(AssistanceExchangeRates, ChecksCalendarDates) {
  EXPECT_TRUE(is_iso_date("2026-01-31"));
  EXPECT_TRUE(is_iso_date("2024-02-29"));
  EXPECT_FALSE(is_iso_date("2026-02-29"));
  EXPECT_FALSE(is_iso_date("2026-13-01"));
  EXPECT_FALSE(is_iso_date("2026-1-01"));
  EXPECT_FALSE(is_iso_date("2026-01-01T00:00:00Z"));
  EXPECT_FALSE(is_iso_date(""));
}

TEST(AssistanceExchangeRates, ConvertsDirectlyIntoTheTargetsMinorUnits) {
  const ExchangeRateTable table({rate("2026-01-01", "EUR", "USD", "1.0850"),
                                 rate("2026-01-01", "USD", "JPY", "151.37"),
                                 rate("2026-01-01", "USD", "KWD", "0.3075")});
  auto usd = convert(table, "100.00", "EUR", "USD", "2026-03-01");
  EXPECT_EQ(usd.amount, (Money{10850, "USD"}));
  EXPECT_EQ(usd.rate_date, "2026-01-01");
  EXPECT_EQ(usd.path, "EUR->USD");
  // 10.00 USD = 1513.7 JPY; yen have no minor unit.
  EXPECT_EQ(convert(table, "10.00", "USD", "JPY", "2026-03-01").amount, (Money{1514, "JPY"}));
  // 100.00 USD = 30.750 KWD, in fils.
  EXPECT_EQ(convert(table, "100.00", "USD", "KWD", "2026-03-01").amount, (Money{30750, "KWD"}));
}

TEST(AssistanceExchangeRates, RoundsHalfToEven) {
  const ExchangeRateTable table({rate("2026-01-01", "USD", "JPY", "150.5")});
  EXPECT_EQ(convert(table, "1.00", "USD", "JPY", "2026-01-01").amount.minor_units, 150);  // 150.5
  EXPECT_EQ(convert(table, "3.00", "USD", "JPY", "2026-01-01").amount.minor_units, 452);  // 451.5
  EXPECT_EQ(convert(table, "0.01", "USD", "JPY", "2026-01-01").amount.minor_units, 2);    // 1.505
  EXPECT_EQ(convert(table, "-1.00", "USD", "JPY", "2026-01-01").amount.minor_units, -150);
  EXPECT_EQ(convert(table, "0", "USD", "JPY", "2026-01-01").amount.minor_units, 0);
}

TEST(AssistanceExchangeRates, ConvertsWithTheInverseRate) {
  const ExchangeRateTable table(
      {rate("2026-01-01", "EUR", "USD", "1.25"), rate("2026-01-01", "USD", "JPY", "150")});
  auto eur = convert(table, "100.00", "USD", "EUR", "2026-01-02");
  EXPECT_EQ(eur.amount, (Money{8000, "EUR"}));
  EXPECT_EQ(eur.path, "EUR->USD (inverse)");
  // 1000 JPY = 6.666... USD
  EXPECT_EQ(convert(table, "1000", "JPY", "USD", "2026-01-02").amount, (Money{667, "USD"}));
}

TEST(AssistanceExchangeRates, ConvertsThroughOnePivotWithOneRounding) {
  const ExchangeRateTable table({rate("2026-02-01", "USD", "KWD", "0.3"),
                                 rate("2026-01-15", "EUR", "USD", "1.2"),
                                 rate("2026-01-01", "USD", "JPY", "150")});
  // 1.000 KWD = 3.333... USD = 2.777... EUR: rounded once, at the end.
  auto eur = convert(table, "1.000", "KWD", "EUR", "2026-03-01");
  EXPECT_EQ(eur.amount, (Money{278, "EUR"}));
  EXPECT_EQ(eur.path, "KWD->USD->EUR");
  EXPECT_EQ(eur.rate_date, "2026-01-15");  // the older of the two rates
  // 1000 EUR = 1200 USD = 180000 JPY.
  EXPECT_EQ(convert(table, "1000", "EUR", "JPY", "2026-03-01").amount, (Money{180000, "JPY"}));
  // 0.005 KWD = 0.01666 USD = 0.01388 EUR: one rounding gives 0.01, where rounding the USD
  // first (0.02 USD = 0.01666 EUR) would give 0.02.
  EXPECT_EQ(convert(table, "0.005", "KWD", "EUR", "2026-03-01").amount, (Money{1, "EUR"}));
}

TEST(AssistanceExchangeRates, UsesTheLatestRateOnOrBeforeTheDate) {
  const ExchangeRateTable table(
      {rate("2026-06-01", "EUR", "USD", "1.20"), rate("2026-01-01", "EUR", "USD", "1.10")});
  EXPECT_EQ(convert(table, "10.00", "EUR", "USD", "2026-05-31").amount.minor_units, 1100);
  auto on_the_day = convert(table, "10.00", "EUR", "USD", "2026-06-01");
  EXPECT_EQ(on_the_day.amount.minor_units, 1200);
  EXPECT_EQ(on_the_day.rate_date, "2026-06-01");
  EXPECT_EQ(convert(table, "10.00", "EUR", "USD", "2030-01-01").amount.minor_units, 1200);
  auto before_any = table.convert(money("10.00", "EUR"), "USD", "2025-12-31", reference());
  ASSERT_FALSE(before_any.ok());
  EXPECT_EQ(before_any.error().code, ErrorCode::not_found);
  EXPECT_EQ(before_any.error().field, "currency");
  EXPECT_NE(before_any.error().message.find("EUR"), std::string::npos);
  EXPECT_NE(before_any.error().message.find("USD"), std::string::npos);
  EXPECT_NE(before_any.error().message.find("2025-12-31"), std::string::npos);
}

TEST(AssistanceExchangeRates, PrefersTheMoreRecentOfDirectAndInverse) {
  const ExchangeRateTable table(
      {rate("2026-01-01", "EUR", "USD", "1.10"), rate("2026-03-01", "USD", "EUR", "0.8")});
  auto usd = convert(table, "8.00", "EUR", "USD", "2026-04-01");
  EXPECT_EQ(usd.amount.minor_units, 1000);
  EXPECT_EQ(usd.path, "USD->EUR (inverse)");
  EXPECT_EQ(convert(table, "10.00", "EUR", "USD", "2026-02-01").amount.minor_units, 1100);
}

TEST(AssistanceExchangeRates, SameCurrencyNeedsNoRate) {
  const ExchangeRateTable table;
  auto same = convert(table, "12.34", "EUR", "EUR", "2026-01-01");
  EXPECT_EQ(same.amount, (Money{1234, "EUR"}));
  EXPECT_EQ(same.rate_date, "");
  EXPECT_EQ(same.path, "");
}

TEST(AssistanceExchangeRates, RefusesUnknownCurrenciesBadDatesAndMissingRates) {
  const ExchangeRateTable table({rate("2026-01-01", "EUR", "USD", "1.10")});
  auto unknown = table.convert(Money{100, "EUR"}, "XYZ", "2026-01-01", reference());
  ASSERT_FALSE(unknown.ok());
  EXPECT_EQ(unknown.error().code, ErrorCode::invalid_argument);
  EXPECT_EQ(unknown.error().field, "currency");
  auto bad_date = table.convert(Money{100, "EUR"}, "USD", "2026-02-30", reference());
  ASSERT_FALSE(bad_date.ok());
  EXPECT_EQ(bad_date.error().field, "rates_on");
  auto no_rate = table.convert(Money{100, "GBP"}, "USD", "2026-01-01", reference());
  ASSERT_FALSE(no_rate.ok());
  EXPECT_EQ(no_rate.error().code, ErrorCode::not_found);
}

TEST(AssistanceExchangeRates, LargeAmountsStayExactOrFailClearly) {
  const ExchangeRateTable table({rate("2026-01-01", "USD", "JPY", "151.370000000001")});
  // 90 trillion USD in cents, times a rate with 12 decimals: exact in 128 bits.
  auto yen = table.convert(Money{9'000'000'000'000'000, "USD"}, "JPY", "2026-01-01", reference());
  ASSERT_TRUE(yen.ok());
  EXPECT_EQ(yen->amount.minor_units, 13'623'300'000'000'090);
  auto too_large = table.convert(Money{INT64_MAX, "USD"}, "JPY", "2026-01-01", reference());
  ASSERT_FALSE(too_large.ok());
  EXPECT_EQ(too_large.error().field, "amount");
}

}  // namespace
}  // namespace concord::assistance
