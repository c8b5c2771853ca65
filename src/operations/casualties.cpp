#include "operations/casualties.h"

#include <algorithm>
#include <array>
#include <limits>
#include <nlohmann/json.hpp>
#include <type_traits>

#include "core/enum_names.h"
#include "core/json_text.h"
#include "core/text.h"
#include "operations/field_name.h"

namespace concord::operations {
namespace {

constexpr EnumNames<DeviceType, 6> kDeviceNames({{
    {DeviceType::anti_personnel_mine, "anti_personnel_mine"},
    {DeviceType::anti_vehicle_mine, "anti_vehicle_mine"},
    {DeviceType::cluster_munition_remnant, "cluster_munition_remnant"},
    {DeviceType::improvised_explosive_device, "improvised_explosive_device"},
    {DeviceType::other_erw, "other_erw"},
    {DeviceType::unknown, "unknown"},
}});
constexpr EnumNames<CasualtyOutcome, 2> kOutcomeNames({{
    {CasualtyOutcome::killed, "killed"},
    {CasualtyOutcome::injured, "injured"},
}});
constexpr EnumNames<Sex, 3> kSexNames({{
    {Sex::female, "female"},
    {Sex::male, "male"},
    {Sex::unknown, "unknown"},
}});
constexpr EnumNames<AgeGroup, 3> kAgeGroupNames({{
    {AgeGroup::child, "child"},
    {AgeGroup::adult, "adult"},
    {AgeGroup::unknown, "unknown"},
}});
constexpr EnumNames<CasualtyStatus, 3> kStatusNames({{
    {CasualtyStatus::civilian, "civilian"},
    {CasualtyStatus::military, "military"},
    {CasualtyStatus::unknown, "unknown"},
}});

constexpr std::size_t kMaxAreaLength = 100;

constexpr std::array<std::string_view, 8> kFields = {"year", "area",      "device_type", "outcome",
                                                     "sex",  "age_group", "status",      "count"};

// Parts of a field name that mark it as about one person rather than a count of people.
constexpr std::array<std::string_view, 19> kIdentifierMarks = {
    "name",    "birth",    "dob",      "phone",     "mobile",   "email", "mail",
    "address", "passport", "national", "identity",  "idnumber", "ssn",   "photo",
    "face",    "gps",      "latitude", "longitude", "household"};

bool looks_like_personal_identifier(std::string_view key) {
  std::string folded;
  for (const char c : key) {
    if (c >= 'A' && c <= 'Z')
      folded += static_cast<char>(c - 'A' + 'a');
    else if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'))
      folded += c;
  }
  if (folded == "id" || folded == "age" || folded == "victim" || folded == "person") return true;
  for (const auto mark : kIdentifierMarks) {
    if (folded.find(mark) != std::string::npos) return true;
  }
  const bool ends_in_id = key.size() > 3 && (key.ends_with("_id") || key.ends_with("Id"));
  return ends_in_id;
}

template <typename Enum, std::size_t N>
Result<Enum> name_field(const nlohmann::json& object, const EnumNames<Enum, N>& names,
                        const std::string& field,
                        std::type_identity_t<std::optional<Enum>> when_absent) {
  const auto found = object.find(field);
  if (found == object.end()) {
    if (when_absent) return *when_absent;
    return Error::invalid(field, field + " is required (" + names.list() + ")");
  }
  if (!found->is_string()) {
    return Error::invalid(field, field + " must be a string, not " + json_type_name(*found));
  }
  if (auto value = names.parse(found->get<std::string>())) return *value;
  return Error::invalid(field, "unknown " + field + " (known: " + names.list() + ")");
}

Result<std::int64_t> whole_number_field(const nlohmann::json& object, const std::string& field) {
  const auto found = object.find(field);
  if (found == object.end()) return Error::invalid(field, field + " is required");
  if (found->is_number_unsigned()) {
    if (found->get<std::uint64_t>() >
        static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max())) {
      return Error::invalid(field, field + " is too large");
    }
    return static_cast<std::int64_t>(found->get<std::uint64_t>());
  }
  if (found->is_number_integer()) return found->get<std::int64_t>();
  return Error::invalid(
      field, field + " must be a whole number, not " +
                 (found->is_number() ? std::string("a fraction") : json_type_name(*found)));
}

}  // namespace

std::string_view to_string(DeviceType device) {
  return kDeviceNames.name(device);
}
std::optional<DeviceType> device_type_from_string(std::string_view text) {
  return kDeviceNames.parse(text);
}
std::string_view to_string(CasualtyOutcome outcome) {
  return kOutcomeNames.name(outcome);
}
std::optional<CasualtyOutcome> casualty_outcome_from_string(std::string_view text) {
  return kOutcomeNames.parse(text);
}
std::string_view to_string(Sex sex) {
  return kSexNames.name(sex);
}
std::optional<Sex> sex_from_string(std::string_view text) {
  return kSexNames.parse(text);
}
std::string_view to_string(AgeGroup group) {
  return kAgeGroupNames.name(group);
}
std::optional<AgeGroup> age_group_from_string(std::string_view text) {
  return kAgeGroupNames.parse(text);
}
std::string_view to_string(CasualtyStatus status) {
  return kStatusNames.name(status);
}
std::optional<CasualtyStatus> casualty_status_from_string(std::string_view text) {
  return kStatusNames.parse(text);
}

Result<void> validate(const CasualtyCount& row) {
  if (row.year < kFirstCasualtyYear || row.year > kLastCasualtyYear) {
    return Error::invalid("year", "year must be from " + std::to_string(kFirstCasualtyYear) +
                                      " to " + std::to_string(kLastCasualtyYear));
  }
  const auto length = utf8_length(row.area);
  if (!length) return Error::invalid("area", "area is not UTF-8");
  if (trim(row.area).empty()) return Error::invalid("area", "area must not be empty");
  if (*length > kMaxAreaLength) {
    return Error::invalid("area",
                          "area must be at most " + std::to_string(kMaxAreaLength) + " characters");
  }
  if (has_control_characters(row.area)) {
    return Error::invalid("area", "area must not hold control characters");
  }
  if (row.count < 0) return Error::invalid("count", "count must not be negative");
  if (row.count > kMaxCasualtyCount) {
    return Error::invalid("count", "count must be at most " + std::to_string(kMaxCasualtyCount));
  }
  return {};
}

Result<CasualtyCount> casualty_count_from_json(const nlohmann::json& object) {
  if (!object.is_object()) {
    return Error::invalid("body",
                          "a casualty row must be an object, not " + json_type_name(object));
  }
  for (const auto& [key, value] : object.items()) {
    if (std::find(kFields.begin(), kFields.end(), key) != kFields.end()) continue;
    const std::string field = key.empty() ? "body" : field_name_as_sent(key);
    if (looks_like_personal_identifier(key)) {
      return Error::invalid(field, "casualty records are statistics only: \"" + field +
                                       "\" looks like a personal identifier and cannot be stored");
    }
    return Error::invalid(field, "unknown field \"" + field +
                                     "\" (a casualty row has year, area, device_type, outcome, "
                                     "sex, age_group, status and count)");
  }
  CasualtyCount row;
  CONCORD_ASSIGN_OR_RETURN(const auto year, whole_number_field(object, "year"));
  if (year < kFirstCasualtyYear || year > kLastCasualtyYear) {
    return Error::invalid("year", "year must be from " + std::to_string(kFirstCasualtyYear) +
                                      " to " + std::to_string(kLastCasualtyYear));
  }
  row.year = static_cast<int>(year);
  const auto area = object.find("area");
  if (area == object.end() || !area->is_string()) {
    return Error::invalid("area", "area is required, as a string");
  }
  row.area = area->get<std::string>();
  CONCORD_ASSIGN_OR_RETURN(row.device_type,
                           name_field(object, kDeviceNames, "device_type", std::nullopt));
  CONCORD_ASSIGN_OR_RETURN(row.outcome, name_field(object, kOutcomeNames, "outcome", std::nullopt));
  CONCORD_ASSIGN_OR_RETURN(row.sex, name_field(object, kSexNames, "sex", {Sex::unknown}));
  CONCORD_ASSIGN_OR_RETURN(row.age_group,
                           name_field(object, kAgeGroupNames, "age_group", {AgeGroup::unknown}));
  CONCORD_ASSIGN_OR_RETURN(row.status,
                           name_field(object, kStatusNames, "status", {CasualtyStatus::unknown}));
  CONCORD_ASSIGN_OR_RETURN(row.count, whole_number_field(object, "count"));
  CONCORD_TRY(validate(row));
  return row;
}

CasualtySummary summarise(std::span<const CasualtyCount> rows, int year) {
  CasualtySummary summary;
  summary.year = year;
  for (const auto outcome : {CasualtyOutcome::killed, CasualtyOutcome::injured}) {
    summary.by_outcome[std::string(to_string(outcome))] = 0;
  }
  for (const auto sex : {Sex::female, Sex::male, Sex::unknown}) {
    summary.by_sex[std::string(to_string(sex))] = 0;
  }
  for (const auto group : {AgeGroup::child, AgeGroup::adult, AgeGroup::unknown}) {
    summary.by_age_group[std::string(to_string(group))] = 0;
  }
  for (const auto status :
       {CasualtyStatus::civilian, CasualtyStatus::military, CasualtyStatus::unknown}) {
    summary.by_status[std::string(to_string(status))] = 0;
  }
  for (const auto device :
       {DeviceType::anti_personnel_mine, DeviceType::anti_vehicle_mine,
        DeviceType::cluster_munition_remnant, DeviceType::improvised_explosive_device,
        DeviceType::other_erw, DeviceType::unknown}) {
    summary.by_device_type[std::string(to_string(device))] = 0;
  }
  for (const auto& row : rows) {
    if (row.year != year) continue;
    summary.total += row.count;
    summary.by_outcome[std::string(to_string(row.outcome))] += row.count;
    summary.by_sex[std::string(to_string(row.sex))] += row.count;
    summary.by_age_group[std::string(to_string(row.age_group))] += row.count;
    summary.by_status[std::string(to_string(row.status))] += row.count;
    summary.by_device_type[std::string(to_string(row.device_type))] += row.count;
    summary.by_area[row.area] += row.count;
  }
  return summary;
}

}  // namespace concord::operations
