#include "http/json_body.h"

#include <algorithm>

#include "core/json_text.h"
#include "core/text.h"

namespace concord::http {
namespace {

// Deep nesting costs stack in any recursive consumer; no Concord body needs more than a few levels.
constexpr int kMaxNesting = 32;

}  // namespace

Result<nlohmann::json> parse_json_object(std::string_view body) {
  return concord::parse_json_object(body, "the request body", kMaxNesting);
}

ObjectReader::ObjectReader(const nlohmann::json& object, std::string path)
    : object_(object), path_(std::move(path)) {}

Result<const nlohmann::json*> ObjectReader::find(const std::string& key, bool required) {
  read_.insert(key);
  auto found = object_.find(key);
  if (found == object_.end() || found->is_null()) {
    if (required) return Error::invalid(field_name(key), field_name(key) + " is required");
    return static_cast<const nlohmann::json*>(nullptr);
  }
  return &*found;
}

Result<std::optional<std::string>> ObjectReader::optional_string(const std::string& key,
                                                                 size_t min_length,
                                                                 size_t max_length) {
  CONCORD_ASSIGN_OR_RETURN(const nlohmann::json* value, find(key, false));
  if (value == nullptr) return std::optional<std::string>();
  const std::string name = field_name(key);
  if (!value->is_string())
    return Error::invalid(name, name + " must be a string, not " + json_type_name(*value));
  const auto& text = value->get_ref<const std::string&>();
  const auto length = utf8_length(text);
  if (!length) return Error::invalid(name, name + " is not valid UTF-8");
  if (has_control_characters(text))
    return Error::invalid(name, name + " contains control characters");
  if (*length < min_length) {
    return Error::invalid(name, min_length == 1 ? name + " must not be empty"
                                                : name + " must be at least " +
                                                      std::to_string(min_length) + " characters");
  }
  if (*length > max_length) {
    return Error::invalid(name, name + " must be at most " + std::to_string(max_length) +
                                    " characters, got " + std::to_string(*length));
  }
  return std::optional<std::string>(text);
}

Result<std::string> ObjectReader::required_string(const std::string& key, size_t min_length,
                                                  size_t max_length) {
  CONCORD_TRY(find(key, true));
  CONCORD_ASSIGN_OR_RETURN(auto value, optional_string(key, min_length, max_length));
  // find() above made sure the key is there; the check keeps GCC 12 at -O2 from warning that the
  // optional may be empty.
  if (!value) return Error::invalid(field_name(key), field_name(key) + " is required");
  return std::move(*value);
}

Result<std::optional<std::int64_t>> ObjectReader::optional_integer(const std::string& key,
                                                                   std::int64_t min,
                                                                   std::int64_t max) {
  CONCORD_ASSIGN_OR_RETURN(const nlohmann::json* value, find(key, false));
  if (value == nullptr) return std::optional<std::int64_t>();
  const std::string name = field_name(key);
  std::int64_t number = 0;
  if (value->is_number_integer()) {
    if (value->is_number_unsigned() && value->get<std::uint64_t>() > std::uint64_t(max)) {
      return Error::invalid(name, name + " must be at most " + std::to_string(max));
    }
    number = value->get<std::int64_t>();
  } else {
    return Error::invalid(name, name + " must be a whole number, not " + json_type_name(*value));
  }
  if (number < min || number > max) {
    return Error::invalid(
        name, name + " must be between " + std::to_string(min) + " and " + std::to_string(max));
  }
  return std::optional<std::int64_t>(number);
}

Result<std::int64_t> ObjectReader::required_integer(const std::string& key, std::int64_t min,
                                                    std::int64_t max) {
  CONCORD_TRY(find(key, true));
  CONCORD_ASSIGN_OR_RETURN(auto value, optional_integer(key, min, max));
  return *value;
}

Result<std::optional<bool>> ObjectReader::optional_bool(const std::string& key) {
  CONCORD_ASSIGN_OR_RETURN(const nlohmann::json* value, find(key, false));
  if (value == nullptr) return std::optional<bool>();
  if (!value->is_boolean()) {
    return Error::invalid(
        field_name(key), field_name(key) + " must be true or false, not " + json_type_name(*value));
  }
  return std::optional<bool>(value->get<bool>());
}

Result<std::optional<nlohmann::json>> ObjectReader::optional_value(const std::string& key) {
  CONCORD_ASSIGN_OR_RETURN(const nlohmann::json* value, find(key, false));
  if (value == nullptr) return std::optional<nlohmann::json>();
  return std::optional<nlohmann::json>(*value);
}

Result<void> ObjectReader::finish() const {
  for (const auto& [key, value] : object_.items()) {
    if (!read_.contains(key)) {
      // An empty key still needs a visible name in the error.
      const std::string name = field_name(key.empty() ? "\"\"" : key);
      return Error::invalid(name, "unknown field " + name);
    }
  }
  return ok();
}

Result<std::optional<std::vector<std::string>>> ObjectReader::optional_strings(
    const std::string& key) {
  CONCORD_ASSIGN_OR_RETURN(auto value, optional_value(key));
  if (!value) return std::optional<std::vector<std::string>>();
  const std::string name = field_name(key);
  if (!value->is_array()) return Error::invalid(name, name + " must be an array of strings");
  std::vector<std::string> strings;
  for (std::size_t i = 0; i < value->size(); ++i) {
    if (!(*value)[i].is_string()) {
      return Error::invalid(name + "[" + std::to_string(i) + "]", "must be a string");
    }
    strings.push_back((*value)[i].get<std::string>());
  }
  return std::optional<std::vector<std::string>>(std::move(strings));
}

}  // namespace concord::http
