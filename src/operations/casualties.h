// Casualty statistics: counts of people killed or injured, by year, area, device, sex, age group
// and civilian or military status, and their breakdowns for a year. Statistics only: a row has
// exactly these fields, so no name, birth date, identity number or address can be stored with
// it, and the JSON reader refuses any other field (with a plain refusal for anything that looks
// like a personal identifier).
#pragma once

#include <cstdint>
#include <map>
#include <nlohmann/json_fwd.hpp>
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "core/result.h"

namespace concord::operations {

enum class DeviceType {
  anti_personnel_mine,
  anti_vehicle_mine,
  cluster_munition_remnant,
  improvised_explosive_device,
  other_erw,  // other explosive remnants of war
  unknown,
};

enum class CasualtyOutcome { killed, injured };
enum class Sex { female, male, unknown };
enum class AgeGroup { child, adult, unknown };  // child: under 18
enum class CasualtyStatus { civilian, military, unknown };

std::string_view to_string(DeviceType device);
std::optional<DeviceType> device_type_from_string(std::string_view text);
std::string_view to_string(CasualtyOutcome outcome);
std::optional<CasualtyOutcome> casualty_outcome_from_string(std::string_view text);
std::string_view to_string(Sex sex);
std::optional<Sex> sex_from_string(std::string_view text);
std::string_view to_string(AgeGroup group);
std::optional<AgeGroup> age_group_from_string(std::string_view text);
std::string_view to_string(CasualtyStatus status);
std::optional<CasualtyStatus> casualty_status_from_string(std::string_view text);

// `count` people of one description, in one year and area.
struct CasualtyCount {
  int year = 0;
  std::string area;  // an administrative region ("Battambang"), not a place a person can be found
  DeviceType device_type = DeviceType::unknown;
  CasualtyOutcome outcome = CasualtyOutcome::injured;
  Sex sex = Sex::unknown;
  AgeGroup age_group = AgeGroup::unknown;
  CasualtyStatus status = CasualtyStatus::unknown;
  std::int64_t count = 0;
  // Set by the service: the state the row is of (from the request, never from the row's JSON)
  // and the stored id.
  std::string state;
  std::string id;
};

inline constexpr int kFirstCasualtyYear = 1900;
inline constexpr int kLastCasualtyYear = 2200;
inline constexpr std::int64_t kMaxCasualtyCount = 10'000'000;

// invalid_argument naming the field: year outside kFirstCasualtyYear..kLastCasualtyYear, area
// empty, longer than 100 characters, not UTF-8 or with control characters, count below 0 or above
// kMaxCasualtyCount.
Result<void> validate(const CasualtyCount& row);

// A row from a JSON object with exactly the fields year, area, device_type, outcome, sex,
// age_group, status and count (names as above; sex, age_group and status may be left out for
// unknown). Any other field is refused; one that looks like a personal identifier ("name",
// "date_of_birth", "national_id", "phone", ...) with "casualty records are statistics only".
Result<CasualtyCount> casualty_count_from_json(const nlohmann::json& object);

// The totals of one year. Every breakdown lists every known value, with 0 where nothing was
// recorded, so that a table always has the same rows; areas list those that appear.
struct CasualtySummary {
  int year = 0;
  std::int64_t total = 0;
  std::map<std::string, std::int64_t> by_outcome;
  std::map<std::string, std::int64_t> by_sex;
  std::map<std::string, std::int64_t> by_age_group;
  std::map<std::string, std::int64_t> by_status;
  std::map<std::string, std::int64_t> by_device_type;
  std::map<std::string, std::int64_t> by_area;
};

// Sums the rows of `year` (rows of other years are ignored). The rows must validate.
CasualtySummary summarise(std::span<const CasualtyCount> rows, int year);

}  // namespace concord::operations
