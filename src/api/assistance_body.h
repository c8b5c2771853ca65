// Readers for the parts of assistance request bodies that http::ObjectReader does not cover:
// decimal amounts (a string such as "1250.75", or a whole JSON number; never a float, which
// could not be exact) and quantities (any JSON number). Errors name the field.
#pragma once

#include <optional>
#include <string>

#include "core/result.h"
#include "http/json_body.h"

namespace concord::api {

Result<std::string> required_decimal(http::ObjectReader& reader, const std::string& key);
Result<std::optional<std::string>> optional_decimal(http::ObjectReader& reader,
                                                    const std::string& key);
Result<double> required_number(http::ObjectReader& reader, const std::string& key);
Result<std::optional<double>> optional_number(http::ObjectReader& reader, const std::string& key);

}  // namespace concord::api
