// Query-parameter readers shared by the stockpile and casualty routes: unknown parameters are
// refused by name, years and days are checked and name their parameter.
#pragma once

#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>

#include "core/result.h"
#include "http/message.h"

namespace concord::api::records_parameters {

// Refuses query parameters other than `known`, by name.
Result<void> only(const http::Request& request, std::initializer_list<std::string_view> known);

// ?name=YYYY as a year from 1900 to 2200, or nullopt when absent.
Result<std::optional<int>> optional_year(const http::Request& request, const std::string& name);
// The same, required.
Result<int> required_year(const http::Request& request, const std::string& name);

}  // namespace concord::api::records_parameters
