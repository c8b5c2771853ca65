// Reading untrusted JSON text: one object, with errors that say what is wrong without echoing the
// input, and a nesting limit checked before parsing, since nlohmann-json recurses per level.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "core/result.h"

namespace concord {

// The deepest nesting of JSON arrays and objects in `text`, ignoring brackets inside strings.
int json_nesting_depth(std::string_view text);

// "null", "a boolean", "a number", "a string", "an array" or "an object", for error messages.
std::string json_type_name(const nlohmann::json& value);

// Parses `text` as one JSON object. invalid_argument on field "body" when it is empty, nested
// deeper than `max_nesting`, malformed ("malformed JSON: unexpected end of input") or not an
// object; `what` names the document in messages ("the request body", "a marking system").
Result<nlohmann::json> parse_json_object(std::string_view text, std::string_view what,
                                         int max_nesting);

}  // namespace concord
