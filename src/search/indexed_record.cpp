// IndexedRecord's JSON shape: every field always present, so a follower can tell a payload from an
// older or broken writer (a missing field) from an empty value.
#include "search/indexed_record.h"

#include <string_view>

namespace concord::search {
namespace {

// The string fields, in the order they are written.
struct TextField {
  std::string_view name;
  std::string IndexedRecord::*member;
};

constexpr TextField kTextFields[] = {
    {"id", &IndexedRecord::id},
    {"external_id", &IndexedRecord::external_id},
    {"kind", &IndexedRecord::kind},
    {"state", &IndexedRecord::state},
    {"weapon_type", &IndexedRecord::weapon_type},
    {"make", &IndexedRecord::make},
    {"model", &IndexedRecord::model},
    {"calibre", &IndexedRecord::calibre},
    {"country_of_manufacture", &IndexedRecord::country_of_manufacture},
    {"sharing", &IndexedRecord::sharing},
};

struct ListField {
  std::string_view name;
  std::vector<std::string> IndexedRecord::*member;
};

constexpr ListField kListFields[] = {
    {"shared_with", &IndexedRecord::shared_with},
    {"markings", &IndexedRecord::markings},
};

}  // namespace

nlohmann::json indexed_record_to_json(const IndexedRecord& record) {
  nlohmann::json json = nlohmann::json::object();
  for (const TextField& field : kTextFields)
    json[std::string(field.name)] = record.*field.member;
  for (const ListField& field : kListFields)
    json[std::string(field.name)] = record.*field.member;
  return json;
}

Result<IndexedRecord> indexed_record_from_json(const nlohmann::json& json) {
  if (!json.is_object()) return Error::invalid("", "an indexed record must be a JSON object");
  IndexedRecord record;
  for (const TextField& field : kTextFields) {
    const std::string name(field.name);
    const auto found = json.find(name);
    if (found == json.end()) return Error::invalid(name, name + " is missing");
    if (!found->is_string()) return Error::invalid(name, name + " must be a string");
    record.*field.member = found->get<std::string>();
  }
  for (const ListField& field : kListFields) {
    const std::string name(field.name);
    const auto found = json.find(name);
    if (found == json.end()) return Error::invalid(name, name + " is missing");
    if (!found->is_array()) return Error::invalid(name, name + " must be an array of strings");
    std::vector<std::string>& values = record.*field.member;
    values.reserve(found->size());
    for (std::size_t i = 0; i < found->size(); ++i) {
      const nlohmann::json& item = (*found)[i];
      if (!item.is_string()) {
        const std::string path = name + "[" + std::to_string(i) + "]";
        return Error::invalid(path, path + " must be a string");
      }
      values.push_back(item.get<std::string>());
    }
  }
  return record;
}

}  // namespace concord::search
