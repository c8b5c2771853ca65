#include "api/records_parameters.h"

#include <algorithm>
#include <charconv>

#include "api/json_encoding.h"

namespace concord::api::records_parameters {
namespace {

constexpr int kFirstYear = 1900;
constexpr int kLastYear = 2200;

}  // namespace

Result<void> only(const http::Request& request, std::initializer_list<std::string_view> known) {
  for (const auto& [name, value] : request.query) {
    if (std::find(known.begin(), known.end(), name) == known.end()) {
      return Error::invalid(name, "unknown parameter \"" + name + "\"");
    }
  }
  return ok();
}

Result<std::optional<int>> optional_year(const http::Request& request, const std::string& name) {
  const auto text = query_parameter(request, name);
  if (!text) return std::optional<int>{};
  int year = 0;
  const auto* end = text->data() + text->size();
  const auto [at, error] = std::from_chars(text->data(), end, year);
  if (error != std::errc() || at != end || year < kFirstYear || year > kLastYear) {
    return Error::invalid(name, name + " must be a year such as 2024");
  }
  return std::optional<int>{year};
}

Result<int> required_year(const http::Request& request, const std::string& name) {
  CONCORD_ASSIGN_OR_RETURN(const auto year, optional_year(request, name));
  if (!year) return Error::invalid(name, name + " is required: ?" + name + "=2024");
  return *year;
}

}  // namespace concord::api::records_parameters
