#include "registry/weapon_json.h"

namespace concord::registry {
namespace {

nlohmann::json text_or_null(const std::string& text) {
  return text.empty() ? nlohmann::json() : nlohmann::json(text);
}

}  // namespace

nlohmann::json typed_marking_json(const marking::TypedMarking& marking) {
  return {{"kind", marking::to_string(marking.kind)},
          {"component", marking::to_string(marking.component)},
          {"text", marking.text},
          {"condition", marking::to_string(marking.condition)},
          {"restoration_method", text_or_null(marking.restoration_method)}};
}

nlohmann::json weapon_description_json(const WeaponRecord& record) {
  nlohmann::json markings = nlohmann::json::array();
  for (const auto& marking : record.markings)
    markings.push_back(typed_marking_json(marking));
  return {{"weapon_type", record.weapon_type},
          {"make", record.make},
          {"make_normalised", text_or_null(record.make_normalised)},
          {"model", record.model},
          {"model_normalised", text_or_null(record.model_normalised)},
          {"calibre", record.calibre},
          {"calibre_normalised", text_or_null(record.calibre_normalised)},
          {"serial", record.serial},
          {"markings", markings},
          {"other_markings", record.other_markings},
          {"country_of_manufacture", text_or_null(record.country_of_manufacture)},
          {"year_of_manufacture", record.year_of_manufacture
                                      ? nlohmann::json(*record.year_of_manufacture)
                                      : nlohmann::json()}};
}

nlohmann::json weapon_record_json(const WeaponRecord& record) {
  nlohmann::json json = weapon_description_json(record);
  json["id"] = record.id;
  json["external_id"] = record.external_id;
  json["kind"] = to_string(record.kind);
  json["state"] = record.state;
  json["status"] = to_string(record.status);
  json["status_reason"] = text_or_null(record.status_reason);
  json["reported_at"] = text_or_null(record.reported_at);
  json["sharing"] = access::to_string(record.sharing);
  json["shared_with"] = record.shared_with;
  json["location"] = record.located_place.empty() && record.located_on.empty()
                         ? nlohmann::json()
                         : nlohmann::json{{"place", record.located_place},
                                          {"on", record.located_on},
                                          {"by", text_or_null(record.located_by)}};
  json["confirmed_at"] = text_or_null(record.confirmed_at);
  json["created_at"] = record.created_at;
  json["updated_at"] = record.updated_at;
  json["version"] = record.version;
  return json;
}

}  // namespace concord::registry
