#include "operations/severity_bands.h"

#include <cmath>
#include <nlohmann/json.hpp>
#include <set>

#include "core/json_text.h"
#include "operations/field_name.h"

namespace concord::operations {
namespace {

constexpr int kMaxNesting = 6;
constexpr std::size_t kMaxNameLength = 40;

bool is_band_name(std::string_view name) {
  if (name.empty() || name.size() > kMaxNameLength) return false;
  for (const char c : name) {
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_')) return false;
  }
  return true;
}

Result<void> refuse_unknown_fields(const nlohmann::json& object, const std::set<std::string>& known,
                                   const std::string& prefix) {
  for (const auto& [key, value] : object.items()) {
    if (known.contains(key)) continue;
    // An empty name names the object holding it.
    std::string field = prefix + field_name_as_sent(key);
    if (key.empty()) field = prefix.empty() ? "body" : prefix.substr(0, prefix.size() - 1);
    return Error::invalid(field, "unknown field \"" + field_name_as_sent(key) + "\"");
  }
  return {};
}

Result<double> number_field(const nlohmann::json& value, const std::string& field) {
  if (!value.is_number()) {
    return Error::invalid(field, field + " must be a number, not " + json_type_name(value));
  }
  return value.get<double>();
}

// One band set from {"measure": ..., "bands": [...]}; fields are named under `prefix`.
Result<SeverityBands> band_set_from_json(const nlohmann::json& object, const std::string& prefix) {
  if (!object.is_object()) {
    return Error::invalid(prefix.empty() ? "body" : prefix.substr(0, prefix.size() - 1),
                          "a band set must be an object, not " + json_type_name(object));
  }
  std::string measure = "km2";
  if (const auto found = object.find("measure"); found != object.end()) {
    if (!found->is_string()) {
      return Error::invalid(prefix + "measure", "measure must be a string");
    }
    measure = found->get<std::string>();
  }
  const auto bands_json = object.find("bands");
  if (bands_json == object.end() || !bands_json->is_array()) {
    return Error::invalid(prefix + "bands", "bands is required, as an array");
  }
  if (bands_json->size() > kMaxSeverityBands) {
    return Error::invalid(prefix + "bands",
                          "at most " + std::to_string(kMaxSeverityBands) + " bands");
  }
  std::vector<SeverityBand> bands;
  std::vector<std::optional<double>> maxima;
  for (std::size_t i = 0; i < bands_json->size(); ++i) {
    const auto& band = (*bands_json)[i];
    const std::string at = prefix + "bands[" + std::to_string(i) + "].";
    if (!band.is_object()) {
      return Error::invalid(at.substr(0, at.size() - 1),
                            "a band must be an object, not " + json_type_name(band));
    }
    CONCORD_TRY(refuse_unknown_fields(band, {"name", "min", "max"}, at));
    const auto name = band.find("name");
    if (name == band.end() || !name->is_string()) {
      return Error::invalid(at + "name", "name is required, as a string");
    }
    const auto min = band.find("min");
    if (min == band.end()) return Error::invalid(at + "min", "min is required");
    CONCORD_ASSIGN_OR_RETURN(const double min_value, number_field(*min, at + "min"));
    bands.push_back({name->get<std::string>(), min_value});
    maxima.emplace_back();
    if (const auto max = band.find("max"); max != band.end()) {
      CONCORD_ASSIGN_OR_RETURN(maxima.back(), number_field(*max, at + "max"));
    }
  }
  for (std::size_t i = 0; i < maxima.size(); ++i) {
    if (!maxima[i]) continue;
    const std::string field = prefix + "bands[" + std::to_string(i) + "].max";
    if (i + 1 == maxima.size()) {
      return Error::invalid(field, "the last band has no max: it holds every larger value");
    }
    if (*maxima[i] > bands[i + 1].min) {
      return Error::invalid(
          field, "band \"" + bands[i].name + "\" overlaps band \"" + bands[i + 1].name + "\"");
    }
    if (*maxima[i] < bands[i + 1].min) {
      return Error::invalid(field, "a gap lies between band \"" + bands[i].name + "\" and band \"" +
                                       bands[i + 1].name + "\"");
    }
  }
  auto created = SeverityBands::create(std::move(measure), std::move(bands));
  if (!created.ok()) {
    Error error = std::move(created).error();
    error.field = prefix + error.field;
    return error;
  }
  return std::move(created).value();
}

}  // namespace

Result<SeverityBands> SeverityBands::create(std::string measure, std::vector<SeverityBand> bands) {
  if (!is_band_name(measure)) {
    return Error::invalid("measure", "measure must be 1 to 40 of a-z, 0-9 and _ (\"km2\")");
  }
  if (bands.empty()) return Error::invalid("bands", "at least one band is needed");
  if (bands.size() > kMaxSeverityBands) {
    return Error::invalid("bands", "at most " + std::to_string(kMaxSeverityBands) + " bands");
  }
  std::set<std::string> names;
  for (std::size_t i = 0; i < bands.size(); ++i) {
    const std::string at = "bands[" + std::to_string(i) + "].";
    if (!is_band_name(bands[i].name)) {
      return Error::invalid(at + "name", "a band name is 1 to 40 of a-z, 0-9 and _");
    }
    if (!names.insert(bands[i].name).second) {
      return Error::invalid(at + "name", "band name \"" + bands[i].name + "\" is used twice");
    }
    if (!std::isfinite(bands[i].min)) return Error::invalid(at + "min", "min must be finite");
    if (i == 0 && bands[i].min != 0) {
      return Error::invalid(at + "min", "the first band must start at 0");
    }
    if (i > 0 && !(bands[i].min > bands[i - 1].min)) {
      return Error::invalid(at + "min",
                            "bands must be in ascending order of min, each above the "
                            "one before (band \"" +
                                bands[i].name + "\" starts at or below band \"" +
                                bands[i - 1].name + "\")");
    }
  }
  return SeverityBands(std::move(measure), std::move(bands));
}

SeverityBands SeverityBands::defaults() {
  return SeverityBands("km2", {{"light", 0}, {"medium", 5}, {"heavy", 20}, {"massive", 100}});
}

Result<std::string> SeverityBands::band_for(double value) const {
  if (!std::isfinite(value) || value < 0) {
    return Error::invalid("value", "a banded value must be a finite number, 0 or more");
  }
  std::size_t chosen = 0;
  for (std::size_t i = 0; i < bands_.size(); ++i) {
    if (value >= bands_[i].min) chosen = i;
  }
  return bands_[chosen].name;
}

const SeverityBands& SeverityBandConfig::for_type(std::string_view type) const {
  const auto found = by_type.find(std::string(type));
  return found == by_type.end() ? general : found->second;
}

Result<SeverityBandConfig> severity_bands_from_json(std::string_view text) {
  CONCORD_ASSIGN_OR_RETURN(const auto document,
                           parse_json_object(text, "a severity band configuration", kMaxNesting));
  CONCORD_TRY(refuse_unknown_fields(document, {"measure", "bands", "by_type"}, ""));
  SeverityBandConfig config;
  CONCORD_ASSIGN_OR_RETURN(config.general, band_set_from_json(document, ""));
  if (const auto by_type = document.find("by_type"); by_type != document.end()) {
    if (!by_type->is_object()) return Error::invalid("by_type", "by_type must be an object");
    for (const auto& [type, set] : by_type->items()) {
      if (!is_band_name(type)) {
        return Error::invalid("by_type",
                              "a contamination type is named with 1 to 40 of a-z, 0-9 and _");
      }
      const std::string prefix = "by_type." + type + ".";
      if (set.is_object()) CONCORD_TRY(refuse_unknown_fields(set, {"measure", "bands"}, prefix));
      CONCORD_ASSIGN_OR_RETURN(auto bands, band_set_from_json(set, prefix));
      config.by_type.emplace(type, std::move(bands));
    }
  }
  return config;
}

}  // namespace concord::operations
