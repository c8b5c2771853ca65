// JSON of hazardous areas and land release. The readers go field by field through
// http::ObjectReader (decision 66), so that whatever is left over is refused by name.
#include "operations/hazard_json.h"

#include "core/json_text.h"
#include "http/json_body.h"
#include "operations/field_name.h"
#include "operations/geojson_writer.h"

namespace concord::operations {
namespace {

// The largest count of items one clearance may report, as for stockpile quantities.
constexpr std::int64_t kMaxItems = 1'000'000'000;
constexpr std::size_t kMaxItemRows = 100;

// casualties.h names the device types one by one; this lists them for a refusal.
std::string device_types_list() {
  std::string out;
  for (const auto device :
       {DeviceType::anti_personnel_mine, DeviceType::anti_vehicle_mine,
        DeviceType::cluster_munition_remnant, DeviceType::improvised_explosive_device,
        DeviceType::other_erw, DeviceType::unknown}) {
    if (!out.empty()) out += ", ";
    out += to_string(device);
  }
  return out;
}

// Lengths here only bound the work; the service applies the domain's limits.
constexpr std::size_t kMaxTextRead = 10'000;

template <typename Enum>
Result<Enum> required_name(http::ObjectReader& reader, const std::string& key,
                           std::optional<Enum> (*parse)(std::string_view),
                           const std::string& known) {
  CONCORD_ASSIGN_OR_RETURN(auto text, reader.required_string(key, 0, kMaxTextRead));
  if (auto value = parse(text)) return *value;
  return Error::invalid(
      reader.field_name(key),
      "unknown " + key + " \"" + field_name_as_sent(text) + "\" (known: " + known + ")");
}

Result<std::string> optional_text(http::ObjectReader& reader, const std::string& key) {
  CONCORD_ASSIGN_OR_RETURN(auto text, reader.optional_string(key, 0, kMaxTextRead));
  return text.value_or("");
}

Result<void> require_object(const nlohmann::json& object, const std::string& name) {
  if (!object.is_object()) {
    return Error::invalid(name, name + " must be a JSON object, not " + json_type_name(object));
  }
  return ok();
}

Result<MultiPolygon> geometry_field(http::ObjectReader& reader) {
  CONCORD_ASSIGN_OR_RETURN(auto geometry, reader.optional_value("geometry"));
  if (!geometry) return Error::invalid("geometry", "geometry is required");
  return parse_area_geometry(*geometry, "geometry");
}

Result<std::vector<ItemsFound>> items_field(http::ObjectReader& reader) {
  std::vector<ItemsFound> items;
  CONCORD_ASSIGN_OR_RETURN(auto list, reader.optional_value("items"));
  if (!list) return items;
  if (!list->is_array()) {
    return Error::invalid("items", "items must be an array, not " + json_type_name(*list));
  }
  if (list->size() > kMaxItemRows) {
    return Error::invalid("items", "give at most " + std::to_string(kMaxItemRows) + " items");
  }
  for (std::size_t i = 0; i < list->size(); ++i) {
    const std::string path = "items[" + std::to_string(i) + "]";
    CONCORD_TRY(require_object((*list)[i], path));
    http::ObjectReader item_reader((*list)[i], path + ".");
    ItemsFound item;
    CONCORD_ASSIGN_OR_RETURN(
        item.device_type, required_name<DeviceType>(item_reader, "device_type",
                                                    device_type_from_string, device_types_list()));
    CONCORD_ASSIGN_OR_RETURN(item.found, item_reader.required_integer("found", 0, kMaxItems));
    CONCORD_ASSIGN_OR_RETURN(item.destroyed,
                             item_reader.required_integer("destroyed", 0, kMaxItems));
    CONCORD_TRY(item_reader.finish());
    if (item.destroyed > item.found) {
      return Error::invalid(path + ".destroyed", "destroyed must be between 0 and found");
    }
    items.push_back(item);
  }
  return items;
}

}  // namespace

ordered_json classification_json(const ClassificationChange& change) {
  return {{"id", change.id},
          {"area_id", change.area_id},
          {"classification", to_string(change.classification)},
          {"as_of", change.as_of},
          {"note", change.note},
          {"recorded_by", change.recorded_by},
          {"created_at", change.created_at}};
}

ordered_json hazardous_area_json(const HazardousArea& area) {
  ordered_json classifications = ordered_json::array();
  for (const auto& change : area.classifications) {
    classifications.push_back(classification_json(change));
  }
  return {{"id", area.id},
          {"state", area.state},
          {"name", area.name},
          {"region", area.region},
          {"contamination", to_string(area.contamination)},
          {"area_km2", area.area_km2},
          {"recorded_on", area.recorded_on},
          {"recorded_by", area.recorded_by},
          {"created_at", area.created_at},
          {"classifications", std::move(classifications)},
          {"geometry", ordered_json::parse(geometry_json(area.geometry).dump())}};
}

ordered_json items_json(const std::vector<ItemsFound>& items) {
  ordered_json out = ordered_json::array();
  for (const auto& item : items) {
    out.push_back({{"device_type", to_string(item.device_type)},
                   {"found", item.found},
                   {"destroyed", item.destroyed}});
  }
  return out;
}

ordered_json land_release_json(const LandReleaseRecord& release) {
  return {{"id", release.id},
          {"area_id", release.area_id},
          {"state", release.state},
          {"method", to_string(release.method)},
          {"date", release.date},
          {"depth_cm", release.depth_cm ? ordered_json(*release.depth_cm) : ordered_json(nullptr)},
          {"operator_name", release.operator_name},
          {"items", items_json(release.items)},
          {"recorded_by", release.recorded_by},
          {"created_at", release.created_at},
          {"geometry", ordered_json::parse(geometry_json(release.geometry).dump())}};
}

ordered_json land_release_figures_json(const LandRelease& figures) {
  return {{"hazard_km2", figures.hazard_km2},       {"released_km2", figures.released_km2},
          {"cleared_km2", figures.cleared_km2},     {"reduced_km2", figures.reduced_km2},
          {"cancelled_km2", figures.cancelled_km2}, {"remaining_km2", figures.remaining_km2}};
}

ordered_json hazardous_area_view_json(const HazardousAreaView& view) {
  ordered_json releases = ordered_json::array();
  for (const auto& release : view.releases)
    releases.push_back(land_release_json(release));
  return {{"on", view.on},
          {"area", hazardous_area_json(view.area)},
          {"classification", view.classification ? ordered_json(to_string(*view.classification))
                                                 : ordered_json(nullptr)},
          {"figures", land_release_figures_json(view.figures)},
          {"releases", std::move(releases)}};
}

namespace {
ordered_json band_set_json(const SeverityBands& bands) {
  ordered_json list = ordered_json::array();
  for (const auto& band : bands.bands())
    list.push_back({{"name", band.name}, {"min", band.min}});
  return {{"measure", bands.measure()}, {"bands", std::move(list)}};
}
}  // namespace

ordered_json severity_bands_json(const SeverityBandConfig& config) {
  ordered_json out = band_set_json(config.general);
  ordered_json by_type = ordered_json::object();
  for (const auto& [type, bands] : config.by_type)
    by_type[type] = band_set_json(bands);
  out["by_type"] = std::move(by_type);
  return out;
}

Result<HazardousAreaInput> hazardous_area_input_from_json(const nlohmann::json& object,
                                                          std::string state) {
  CONCORD_TRY(require_object(object, "body"));
  http::ObjectReader reader(object);
  HazardousAreaInput input;
  input.state = std::move(state);
  CONCORD_ASSIGN_OR_RETURN(input.name, reader.required_string("name", 0, kMaxTextRead));
  CONCORD_ASSIGN_OR_RETURN(input.region, optional_text(reader, "region"));
  CONCORD_ASSIGN_OR_RETURN(
      input.contamination,
      required_name<Contamination>(reader, "contamination", contamination_from_string,
                                   contaminations_list()));
  CONCORD_ASSIGN_OR_RETURN(auto classification,
                           reader.optional_string("classification", 0, kMaxTextRead));
  if (classification) {
    CONCORD_ASSIGN_OR_RETURN(input.classification,
                             required_name<HazardClassification>(reader, "classification",
                                                                 hazard_classification_from_string,
                                                                 hazard_classifications_list()));
  }
  CONCORD_ASSIGN_OR_RETURN(input.recorded_on,
                           reader.required_string("recorded_on", 0, kMaxTextRead));
  CONCORD_ASSIGN_OR_RETURN(input.geometry, geometry_field(reader));
  CONCORD_TRY(reader.finish());
  return input;
}

Result<ClassificationChange> classification_from_json(const nlohmann::json& object) {
  CONCORD_TRY(require_object(object, "body"));
  http::ObjectReader reader(object);
  ClassificationChange change;
  CONCORD_ASSIGN_OR_RETURN(change.classification,
                           required_name<HazardClassification>(reader, "classification",
                                                               hazard_classification_from_string,
                                                               hazard_classifications_list()));
  CONCORD_ASSIGN_OR_RETURN(change.as_of, reader.required_string("as_of", 0, kMaxTextRead));
  CONCORD_ASSIGN_OR_RETURN(change.note, optional_text(reader, "note"));
  CONCORD_TRY(reader.finish());
  return change;
}

Result<LandReleaseRecord> land_release_from_json(const nlohmann::json& object) {
  CONCORD_TRY(require_object(object, "body"));
  http::ObjectReader reader(object);
  LandReleaseRecord release;
  CONCORD_ASSIGN_OR_RETURN(
      release.method, required_name<ReleaseMethod>(reader, "method", release_method_from_string,
                                                   release_methods_list()));
  CONCORD_ASSIGN_OR_RETURN(release.date, reader.required_string("date", 0, kMaxTextRead));
  CONCORD_ASSIGN_OR_RETURN(auto depth, reader.optional_integer("depth_cm", 1, 1000));
  if (depth) release.depth_cm = static_cast<int>(*depth);
  CONCORD_ASSIGN_OR_RETURN(release.operator_name, optional_text(reader, "operator_name"));
  CONCORD_ASSIGN_OR_RETURN(release.items, items_field(reader));
  CONCORD_ASSIGN_OR_RETURN(release.geometry, geometry_field(reader));
  CONCORD_TRY(reader.finish());
  return release;
}

}  // namespace concord::operations
