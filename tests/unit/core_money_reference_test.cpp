#include <gtest/gtest.h>

#include "core/money.h"
#include "core/reference_data.h"

namespace concord {
namespace {

const ReferenceData& reference() {
  static const auto loaded = ReferenceData::load("/usr/share/iso-codes/json");
  EXPECT_TRUE(loaded.ok());
  return **loaded;
}

TEST(CoreReference, LoadsEveryIso3166Country) {
  EXPECT_GE(reference().countries().size(), 249u);
  const Country* france = reference().country("FR");
  ASSERT_NE(france, nullptr);
  EXPECT_EQ(france->alpha3, "FRA");
  EXPECT_EQ(france->numeric, "250");
  EXPECT_EQ(france->official_name, "French Republic");
  EXPECT_EQ(reference().country("XX"), nullptr);
  EXPECT_EQ(reference().country("fr"), nullptr);  // codes are upper case
}

TEST(CoreReference, CurrenciesCarryTheirMinorUnits) {
  ASSERT_NE(reference().currency("EUR"), nullptr);
  EXPECT_EQ(reference().currency("EUR")->minor_digits, 2);
  EXPECT_EQ(reference().currency("JPY")->minor_digits, 0);
  EXPECT_EQ(reference().currency("KWD")->minor_digits, 3);
  EXPECT_EQ(reference().currency("XYZ"), nullptr);
}

TEST(CoreReference, MissingDirectoryIsAClearError) {
  auto loaded = ReferenceData::load("/nonexistent");
  ASSERT_FALSE(loaded.ok());
  EXPECT_NE(loaded.error().message.find("/nonexistent/iso_3166-1.json"), std::string::npos);
}

TEST(CoreMoney, ParsesExactlyInMinorUnits) {
  EXPECT_EQ(*Money::parse("1234.5", "EUR", reference()), (Money{123450, "EUR"}));
  EXPECT_EQ(*Money::parse("-0.01", "USD", reference()), (Money{-1, "USD"}));
  EXPECT_EQ(*Money::parse("1500", "JPY", reference()), (Money{1500, "JPY"}));
  EXPECT_EQ(*Money::parse("1.234", "KWD", reference()), (Money{1234, "KWD"}));
  // 0.1 + 0.2 is exact here, unlike in floating point.
  auto sum =
      add(*Money::parse("0.1", "EUR", reference()), *Money::parse("0.2", "EUR", reference()));
  EXPECT_EQ(*sum, *Money::parse("0.3", "EUR", reference()));
}

TEST(CoreMoney, RefusesWhatItCannotRepresentExactly) {
  auto too_precise = Money::parse("1.005", "EUR", reference(), "needs[0].amount");
  ASSERT_FALSE(too_precise.ok());
  EXPECT_EQ(too_precise.error().field, "needs[0].amount");
  EXPECT_FALSE(Money::parse("1.5", "JPY", reference()).ok());
  EXPECT_FALSE(Money::parse("1e3", "EUR", reference()).ok());
  EXPECT_FALSE(Money::parse("", "EUR", reference()).ok());
  EXPECT_FALSE(Money::parse("1.2.3", "EUR", reference()).ok());
  EXPECT_FALSE(Money::parse("99999999999999999999", "EUR", reference()).ok());
  auto unknown = Money::parse("1", "ABC", reference());
  ASSERT_FALSE(unknown.ok());
  EXPECT_EQ(unknown.error().field, "amount.currency");
}

TEST(CoreMoney, FormatsWithTheCurrencysDecimals) {
  EXPECT_EQ((Money{123450, "EUR"}).to_decimal(reference()), "1234.50");
  EXPECT_EQ((Money{-5, "EUR"}).to_decimal(reference()), "-0.05");
  EXPECT_EQ((Money{1500, "JPY"}).to_decimal(reference()), "1500");
  EXPECT_EQ((Money{7, "KWD"}).to_decimal(reference()), "0.007");
}

TEST(CoreMoney, AddRefusesMixedCurrenciesAndOverflow) {
  EXPECT_FALSE(add(Money{1, "EUR"}, Money{1, "USD"}).ok());
  EXPECT_FALSE(add(Money{INT64_MAX, "EUR"}, Money{1, "EUR"}).ok());
}

}  // namespace
}  // namespace concord
