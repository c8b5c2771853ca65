// Stockpile records: their names, and validation that refuses each bad field by name.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "operations/stockpile.h"

namespace concord::operations {
namespace {

StockpileDeclaration mines_declaration() {
  return {"KH", StockpileCategory::anti_personnel_mines, "", 1000, "2020-01-01", {}};
}

DestructionEvent burning() {
  DestructionEvent event;
  event.state = "KH";
  event.date = "2021-03-15";
  event.category = StockpileCategory::cluster_munitions;
  event.quantity = 120;
  event.method = DestructionMethod::open_burning;
  event.site = "Kampong Speu demolition range";
  event.verified_by = "Cambodian Mine Action Authority";
  return event;
}

std::string field_of(const Result<void>& result) {
  return result.ok() ? "(ok)" : result.error().field;
}

TEST(OperationsStockpile, NamesRoundTrip) {
  for (const auto category :
       {StockpileCategory::anti_personnel_mines, StockpileCategory::cluster_munitions,
        StockpileCategory::submunitions, StockpileCategory::small_arms,
        StockpileCategory::light_weapons, StockpileCategory::ammunition}) {
    EXPECT_EQ(stockpile_category_from_string(to_string(category)), category);
  }
  EXPECT_EQ(to_string(DestructionMethod::industrial_demilitarisation),
            "industrial_demilitarisation");
  EXPECT_EQ(destruction_method_from_string("crushing"), DestructionMethod::crushing);
  EXPECT_EQ(retention_purpose_from_string("training"), RetentionPurpose::training);
  EXPECT_EQ(stockpile_categories_list(),
            "anti_personnel_mines, cluster_munitions, submunitions, small_arms, light_weapons, "
            "ammunition");
}

TEST(OperationsStockpile, UnknownNamesAreRefusedListingTheKnownOnes) {
  const auto category = parse_stockpile_category("landmines", "category");
  ASSERT_FALSE(category.ok());
  EXPECT_EQ(category.error().code, ErrorCode::invalid_argument);
  EXPECT_EQ(category.error().field, "category");
  EXPECT_NE(category.error().message.find("anti_personnel_mines"), std::string::npos);
  EXPECT_EQ(parse_destruction_method("melting", "method").error().field, "method");
  EXPECT_EQ(parse_retention_purpose("display", "purpose").error().field, "purpose");
  EXPECT_EQ(parse_destruction_method("cutting", "method").value(), DestructionMethod::cutting);
}

TEST(OperationsStockpile, AValidDeclarationEventAndRetentionPass) {
  EXPECT_TRUE(validate(mines_declaration()).ok());
  EXPECT_TRUE(validate(burning()).ok());
  const RetainedQuantity retained{"KH",         StockpileCategory::cluster_munitions, "", 50,
                                  "2021-12-31", RetentionPurpose::training,           {}};
  EXPECT_TRUE(validate(retained).ok());
}

TEST(OperationsStockpile, BadFieldsAreNamed) {
  auto declaration = mines_declaration();
  declaration.quantity = -1;
  EXPECT_EQ(field_of(validate(declaration)), "quantity");
  declaration = mines_declaration();
  declaration.quantity = kMaxQuantity + 1;
  EXPECT_EQ(field_of(validate(declaration)), "quantity");
  declaration = mines_declaration();
  declaration.as_of = "2023-02-30";
  EXPECT_EQ(field_of(validate(declaration)), "as_of");
  declaration.as_of = "2023-2-3";
  EXPECT_EQ(field_of(validate(declaration)), "as_of");
  declaration.as_of = "2023-02-03T00:00:00Z";
  EXPECT_EQ(field_of(validate(declaration)), "as_of");
  declaration = mines_declaration();
  declaration.state = "kh";
  EXPECT_EQ(field_of(validate(declaration)), "state");

  auto event = burning();
  event.date = "yesterday";
  EXPECT_EQ(field_of(validate(event)), "date");
  event = burning();
  event.site = "  ";
  EXPECT_EQ(field_of(validate(event)), "site");
  event = burning();
  event.verified_by = "inspector\x07";
  EXPECT_EQ(field_of(validate(event)), "verified_by");
  event = burning();
  event.site = std::string(201, 'x');
  EXPECT_EQ(field_of(validate(event)), "site");

  RetainedQuantity retained{"KH",         StockpileCategory::cluster_munitions, "", -5,
                            "2021-12-31", RetentionPurpose::training,           {}};
  EXPECT_EQ(field_of(validate(retained)), "quantity");
}

TEST(OperationsStockpile, AmmunitionAndOnlyAmmunitionCarriesAType) {
  StockpileDeclaration ammunition{"UA", StockpileCategory::ammunition, "", 5000, "2022-01-01", {}};
  EXPECT_EQ(field_of(validate(ammunition)), "ammunition_type");
  ammunition.ammunition_type = "7.62x39mm";
  EXPECT_TRUE(validate(ammunition).ok());
  auto declaration = mines_declaration();
  declaration.ammunition_type = "7.62x39mm";
  EXPECT_EQ(field_of(validate(declaration)), "ammunition_type");
}

TEST(OperationsStockpile, QuantitiesFromJsonAreWholeAndNotNegative) {
  EXPECT_EQ(quantity_from_json(nlohmann::json::parse("12"), "quantity").value(), 12);
  EXPECT_EQ(quantity_from_json(nlohmann::json::parse("0"), "quantity").value(), 0);
  for (const char* bad : {"12.5", "-3", "\"12\"", "true", "null", "1e30", "18446744073709551615"}) {
    const auto quantity = quantity_from_json(nlohmann::json::parse(bad), "items[0].quantity");
    ASSERT_FALSE(quantity.ok()) << bad;
    EXPECT_EQ(quantity.error().field, "items[0].quantity") << bad;
  }
}

}  // namespace
}  // namespace concord::operations
