// Stockpile records as values: what a state declares it holds (by category, ammunition by type),
// each destruction event, and what it retains for training under CCM Article 3(6) (APMBC
// Article 3 alike). Names come only from here; validate() refuses every bad field with
// invalid_argument naming it. No store: the service that keeps these records validates with these.
#pragma once

#include <cstdint>
#include <nlohmann/json_fwd.hpp>
#include <optional>
#include <string>
#include <string_view>

#include "core/result.h"

namespace concord::operations {

enum class StockpileCategory {
  anti_personnel_mines,
  cluster_munitions,
  submunitions,  // explosive submunitions counted apart from their containers
  small_arms,
  light_weapons,
  ammunition,  // the only category that carries an ammunition type
};

// How a destruction was done (IMAS 11.20 names the methods).
enum class DestructionMethod {
  open_burning,
  open_detonation,
  industrial_demilitarisation,
  cutting,
  crushing,
};

// What a retained quantity is kept for: CCM Article 3(6) allows the development of and training
// in detection, clearance or destruction techniques, and the development of counter-measures.
enum class RetentionPurpose {
  training,
  technique_development,
  counter_measure_development,
};

std::string_view to_string(StockpileCategory category);
std::optional<StockpileCategory> stockpile_category_from_string(std::string_view text);
std::string stockpile_categories_list();

std::string_view to_string(DestructionMethod method);
std::optional<DestructionMethod> destruction_method_from_string(std::string_view text);
std::string destruction_methods_list();

std::string_view to_string(RetentionPurpose purpose);
std::optional<RetentionPurpose> retention_purpose_from_string(std::string_view text);
std::string retention_purposes_list();

// The name, or invalid_argument on `field` listing the known names.
Result<StockpileCategory> parse_stockpile_category(std::string_view text, std::string_view field);
Result<DestructionMethod> parse_destruction_method(std::string_view text, std::string_view field);
Result<RetentionPurpose> parse_retention_purpose(std::string_view text, std::string_view field);

// A quantity from JSON: a whole number from 0 up to kMaxQuantity. Refuses fractions ("12.5"),
// negatives, booleans, strings and numbers too large, naming `field`.
Result<std::int64_t> quantity_from_json(const nlohmann::json& value, std::string_view field);
inline constexpr std::int64_t kMaxQuantity = 1'000'000'000'000;  // far above any real stockpile

// What a state declared it held of one category (and, for ammunition, one type) on `as_of`.
// A later declaration replaces an earlier one; it is not added to it.
struct StockpileDeclaration {
  std::string state;  // ISO 3166-1 alpha-2
  StockpileCategory category = StockpileCategory::anti_personnel_mines;
  std::string ammunition_type;  // required for ammunition ("7.62x39mm"), empty otherwise
  std::int64_t quantity = 0;
  std::string as_of;  // YYYY-MM-DD
  std::string id;     // set by the service when stored; last, so positional initialisers stay
};

// One destruction: `quantity` items of the category destroyed on `date`.
struct DestructionEvent {
  std::string state;
  std::string date;  // YYYY-MM-DD
  StockpileCategory category = StockpileCategory::anti_personnel_mines;
  std::string ammunition_type;
  std::int64_t quantity = 0;
  DestructionMethod method = DestructionMethod::open_detonation;
  std::string site;         // where: a depot or a demolition range
  std::string verified_by;  // who verified it: an inspectorate, an observer organisation
  std::string id;           // set by the service when stored
};

// What a state retains on `as_of` (CCM Article 3(6)); the latest figure replaces earlier ones.
struct RetainedQuantity {
  std::string state;
  StockpileCategory category = StockpileCategory::cluster_munitions;
  std::string ammunition_type;
  std::int64_t quantity = 0;
  std::string as_of;  // YYYY-MM-DD
  RetentionPurpose purpose = RetentionPurpose::training;
  std::string id;  // set by the service when stored
};

// Each returns invalid_argument on the first bad field: state (two upper-case letters; whether
// the country exists is the service's check against reference data), dates, quantity (0 up to
// kMaxQuantity), ammunition_type (present exactly for ammunition), site and verified_by (1 to
// 200 characters of valid UTF-8, no control characters).
Result<void> validate(const StockpileDeclaration& declaration);
Result<void> validate(const DestructionEvent& event);
Result<void> validate(const RetainedQuantity& retained);

}  // namespace concord::operations
