#include "core/json_text.h"

#include <algorithm>

#include "core/text.h"

namespace concord {

int json_nesting_depth(std::string_view text) {
  int depth = 0, deepest = 0;
  bool in_string = false, escaped = false;
  for (char c : text) {
    if (in_string) {
      if (escaped) {
        escaped = false;
      } else if (c == '\\') {
        escaped = true;
      } else if (c == '"') {
        in_string = false;
      }
    } else if (c == '"') {
      in_string = true;
    } else if (c == '[' || c == '{') {
      deepest = std::max(deepest, ++depth);
    } else if (c == ']' || c == '}') {
      --depth;
    }
  }
  return deepest;
}

std::string json_type_name(const nlohmann::json& value) {
  if (value.is_null()) return "null";
  if (value.is_boolean()) return "a boolean";
  if (value.is_number()) return "a number";
  if (value.is_string()) return "a string";
  if (value.is_array()) return "an array";
  return "an object";
}

Result<nlohmann::json> parse_json_object(std::string_view text, std::string_view what,
                                         int max_nesting) {
  if (trim(text).empty()) {
    return Error::invalid("body", std::string(what) + " is empty; a JSON object is expected");
  }
  if (json_nesting_depth(text) > max_nesting) {
    return Error::invalid("body",
                          "JSON nested deeper than " + std::to_string(max_nesting) + " levels");
  }
  nlohmann::json parsed;
  try {  // nlohmann reports where parsing failed only through its exception; it stops here
    parsed = nlohmann::json::parse(text);
  } catch (const nlohmann::json::exception& failure) {  // parse_error, or out_of_range for 1e999
    // what() reads "... parse error at line 1, column 9: syntax error while parsing object -
    // unexpected end of input; expected string literal"; keep the reason, never the input echo.
    std::string reason = failure.what();
    if (auto dash = reason.rfind(" - "); dash != std::string::npos)
      reason = reason.substr(dash + 3);
    if (auto echo = reason.find("; last read"); echo != std::string::npos) reason.resize(echo);
    return Error::invalid("body", "malformed JSON: " + reason);
  }
  if (!parsed.is_object()) {
    return Error::invalid(
        "body", std::string(what) + " must be a JSON object, not " + json_type_name(parsed));
  }
  return parsed;
}

}  // namespace concord
