#include "core/reference_data.h"

#include <unicode/ucurr.h>

#include <algorithm>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

namespace concord {
namespace {

Result<nlohmann::json> read_json_file(const std::string& path) {
  std::ifstream in(path);
  if (!in) return Error::unavailable("cannot read reference data file " + path);
  std::stringstream text;
  text << in.rdbuf();
  auto parsed = nlohmann::json::parse(text.str(), nullptr, /*allow_exceptions=*/false);
  if (parsed.is_discarded())
    return Error::internal("malformed JSON in reference data file " + path);
  return parsed;
}

std::string string_or_empty(const nlohmann::json& object, const char* key) {
  auto found = object.find(key);
  return found != object.end() && found->is_string() ? found->get<std::string>() : std::string();
}

int icu_minor_digits(const std::string& code) {
  std::u16string wide(code.begin(), code.end());
  UErrorCode status = U_ZERO_ERROR;
  const int32_t digits = ucurr_getDefaultFractionDigits(wide.c_str(), &status);
  return U_SUCCESS(status) ? digits : 2;
}

}  // namespace

Result<std::shared_ptr<const ReferenceData>> ReferenceData::load(const std::string& iso_codes_dir) {
  auto data = std::make_shared<ReferenceData>();
  CONCORD_ASSIGN_OR_RETURN(auto countries, read_json_file(iso_codes_dir + "/iso_3166-1.json"));
  CONCORD_ASSIGN_OR_RETURN(auto currencies, read_json_file(iso_codes_dir + "/iso_4217.json"));

  for (const auto& entry : countries["3166-1"]) {
    data->countries_.push_back({string_or_empty(entry, "alpha_2"),
                                string_or_empty(entry, "alpha_3"),
                                string_or_empty(entry, "numeric"), string_or_empty(entry, "name"),
                                string_or_empty(entry, "official_name")});
  }
  for (const auto& entry : currencies["4217"]) {
    const std::string code = string_or_empty(entry, "alpha_3");
    data->currencies_.push_back({code, string_or_empty(entry, "numeric"),
                                 string_or_empty(entry, "name"), icu_minor_digits(code)});
  }
  if (data->countries_.empty() || data->currencies_.empty()) {
    return Error::internal("no countries or currencies found in " + iso_codes_dir);
  }
  std::sort(data->countries_.begin(), data->countries_.end(),
            [](const Country& a, const Country& b) { return a.alpha2 < b.alpha2; });
  std::sort(data->currencies_.begin(), data->currencies_.end(),
            [](const Currency& a, const Currency& b) { return a.code < b.code; });
  return std::shared_ptr<const ReferenceData>(std::move(data));
}

const Country* ReferenceData::country(std::string_view alpha2) const {
  auto found =
      std::lower_bound(countries_.begin(), countries_.end(), alpha2,
                       [](const Country& c, std::string_view key) { return c.alpha2 < key; });
  return found != countries_.end() && found->alpha2 == alpha2 ? &*found : nullptr;
}

const Currency* ReferenceData::currency(std::string_view code) const {
  auto found =
      std::lower_bound(currencies_.begin(), currencies_.end(), code,
                       [](const Currency& c, std::string_view key) { return c.code < key; });
  return found != currencies_.end() && found->code == code ? &*found : nullptr;
}

}  // namespace concord
