// JsonBody: strict decoding of request bodies. Malformed JSON, wrong types, missing fields and
// unknown fields are refused with an Error whose `field` names the culprit, so that nothing half
// understood is ever written.
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"

namespace concord::http {

// Parses `body` as one JSON object. Errors: invalid_argument with field "body".
Result<nlohmann::json> parse_json_object(std::string_view body);

// Reads the fields of one JSON object, remembering which were read so that finish() can refuse
// the ones nobody asked for. `path` prefixes field names in errors ("items[2].").
//
//   ObjectReader reader(json);
//   auto name = reader.required_string("name", 1, 200);
//   auto acronym = reader.optional_string("acronym", 0, 20);
//   CONCORD_TRY(reader.finish());
class ObjectReader {
 public:
  explicit ObjectReader(const nlohmann::json& object, std::string path = {});

  // A string of `min_length`..`max_length` Unicode code points, valid UTF-8, without control
  // characters other than tab and newline.
  Result<std::string> required_string(const std::string& key, size_t min_length, size_t max_length);
  Result<std::optional<std::string>> optional_string(const std::string& key, size_t min_length,
                                                     size_t max_length);
  Result<std::int64_t> required_integer(const std::string& key, std::int64_t min, std::int64_t max);
  Result<std::optional<std::int64_t>> optional_integer(const std::string& key, std::int64_t min,
                                                       std::int64_t max);
  Result<std::optional<bool>> optional_bool(const std::string& key);
  // An array of strings (each checked as optional_string checks one would be by the caller);
  // errors name the element: "addressees[2]".
  Result<std::optional<std::vector<std::string>>> optional_strings(const std::string& key);
  // The raw value of a nested object or array, for a nested ObjectReader.
  Result<std::optional<nlohmann::json>> optional_value(const std::string& key);

  // Fails on the first key that no accessor asked for.
  Result<void> finish() const;

  std::string field_name(const std::string& key) const { return path_ + key; }

 private:
  Result<const nlohmann::json*> find(const std::string& key, bool required);
  const nlohmann::json& object_;
  std::string path_;
  std::set<std::string> read_;
};

}  // namespace concord::http
