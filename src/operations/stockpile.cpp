#include "operations/stockpile.h"

#include <nlohmann/json.hpp>

#include "core/enum_names.h"
#include "core/json_text.h"
#include "core/text.h"
#include "operations/calendar_day.h"

namespace concord::operations {
namespace {

constexpr EnumNames<StockpileCategory, 6> kCategoryNames({{
    {StockpileCategory::anti_personnel_mines, "anti_personnel_mines"},
    {StockpileCategory::cluster_munitions, "cluster_munitions"},
    {StockpileCategory::submunitions, "submunitions"},
    {StockpileCategory::small_arms, "small_arms"},
    {StockpileCategory::light_weapons, "light_weapons"},
    {StockpileCategory::ammunition, "ammunition"},
}});

constexpr EnumNames<DestructionMethod, 5> kMethodNames({{
    {DestructionMethod::open_burning, "open_burning"},
    {DestructionMethod::open_detonation, "open_detonation"},
    {DestructionMethod::industrial_demilitarisation, "industrial_demilitarisation"},
    {DestructionMethod::cutting, "cutting"},
    {DestructionMethod::crushing, "crushing"},
}});

constexpr EnumNames<RetentionPurpose, 3> kPurposeNames({{
    {RetentionPurpose::training, "training"},
    {RetentionPurpose::technique_development, "technique_development"},
    {RetentionPurpose::counter_measure_development, "counter_measure_development"},
}});

constexpr size_t kMaxTextLength = 200;

template <typename Enum, std::size_t N>
Result<Enum> parse_name(const EnumNames<Enum, N>& names, std::string_view text,
                        std::string_view field, std::string_view what) {
  if (auto value = names.parse(text)) return *value;
  return Error::invalid(std::string(field),
                        "unknown " + std::string(what) + " (known: " + names.list() + ")");
}

Result<void> check_state(const std::string& state) {
  const bool two_upper =
      state.size() == 2 && state[0] >= 'A' && state[0] <= 'Z' && state[1] >= 'A' && state[1] <= 'Z';
  if (!two_upper) {
    return Error::invalid("state", "state must be an ISO 3166-1 alpha-2 code such as \"KH\"");
  }
  return {};
}

Result<void> check_quantity(std::int64_t quantity) {
  if (quantity < 0) return Error::invalid("quantity", "quantity must not be negative");
  if (quantity > kMaxQuantity) {
    return Error::invalid("quantity", "quantity must be at most " + std::to_string(kMaxQuantity));
  }
  return {};
}

Result<void> check_text(std::string_view field, const std::string& text) {
  const auto length = utf8_length(text);
  if (!length) return Error::invalid(std::string(field), std::string(field) + " is not UTF-8");
  if (trim(text).empty()) {
    return Error::invalid(std::string(field), std::string(field) + " must not be empty");
  }
  if (*length > kMaxTextLength) {
    return Error::invalid(std::string(field), std::string(field) + " must be at most " +
                                                  std::to_string(kMaxTextLength) + " characters");
  }
  if (has_control_characters(text)) {
    return Error::invalid(std::string(field),
                          std::string(field) + " must not hold control characters");
  }
  return {};
}

Result<void> check_ammunition_type(StockpileCategory category, const std::string& type) {
  if (category == StockpileCategory::ammunition) return check_text("ammunition_type", type);
  if (!type.empty()) {
    return Error::invalid("ammunition_type", "only the ammunition category has an ammunition type");
  }
  return {};
}

}  // namespace

std::string_view to_string(StockpileCategory category) {
  return kCategoryNames.name(category);
}
std::optional<StockpileCategory> stockpile_category_from_string(std::string_view text) {
  return kCategoryNames.parse(text);
}
std::string stockpile_categories_list() {
  return kCategoryNames.list();
}

std::string_view to_string(DestructionMethod method) {
  return kMethodNames.name(method);
}
std::optional<DestructionMethod> destruction_method_from_string(std::string_view text) {
  return kMethodNames.parse(text);
}
std::string destruction_methods_list() {
  return kMethodNames.list();
}

std::string_view to_string(RetentionPurpose purpose) {
  return kPurposeNames.name(purpose);
}
std::optional<RetentionPurpose> retention_purpose_from_string(std::string_view text) {
  return kPurposeNames.parse(text);
}
std::string retention_purposes_list() {
  return kPurposeNames.list();
}

Result<StockpileCategory> parse_stockpile_category(std::string_view text, std::string_view field) {
  return parse_name(kCategoryNames, text, field, "stockpile category");
}
Result<DestructionMethod> parse_destruction_method(std::string_view text, std::string_view field) {
  return parse_name(kMethodNames, text, field, "destruction method");
}
Result<RetentionPurpose> parse_retention_purpose(std::string_view text, std::string_view field) {
  return parse_name(kPurposeNames, text, field, "retention purpose");
}

Result<std::int64_t> quantity_from_json(const nlohmann::json& value, std::string_view field) {
  const std::string name(field);
  const auto too_large = [&] {
    return Error::invalid(name, name + " must be at most " + std::to_string(kMaxQuantity));
  };
  if (value.is_number_unsigned()) {
    const auto quantity = value.get<std::uint64_t>();
    if (quantity > static_cast<std::uint64_t>(kMaxQuantity)) return too_large();
    return static_cast<std::int64_t>(quantity);
  }
  if (value.is_number_integer()) {
    const auto quantity = value.get<std::int64_t>();
    if (quantity < 0) return Error::invalid(name, name + " must not be negative");
    if (quantity > kMaxQuantity) return too_large();
    return quantity;
  }
  if (value.is_number_float()) {
    return Error::invalid(name, name + " must be a whole number of items");
  }
  return Error::invalid(name, name + " must be a whole number, not " + json_type_name(value));
}

Result<void> validate(const StockpileDeclaration& declaration) {
  CONCORD_TRY(check_state(declaration.state));
  CONCORD_TRY(check_ammunition_type(declaration.category, declaration.ammunition_type));
  CONCORD_TRY(check_quantity(declaration.quantity));
  CONCORD_TRY(day_field(declaration.as_of, "as_of"));
  return {};
}

Result<void> validate(const DestructionEvent& event) {
  CONCORD_TRY(check_state(event.state));
  CONCORD_TRY(day_field(event.date, "date"));
  CONCORD_TRY(check_ammunition_type(event.category, event.ammunition_type));
  CONCORD_TRY(check_quantity(event.quantity));
  CONCORD_TRY(check_text("site", event.site));
  CONCORD_TRY(check_text("verified_by", event.verified_by));
  return {};
}

Result<void> validate(const RetainedQuantity& retained) {
  CONCORD_TRY(check_state(retained.state));
  CONCORD_TRY(check_ammunition_type(retained.category, retained.ammunition_type));
  CONCORD_TRY(check_quantity(retained.quantity));
  CONCORD_TRY(day_field(retained.as_of, "as_of"));
  return {};
}

}  // namespace concord::operations
