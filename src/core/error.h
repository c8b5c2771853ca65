// Error: what went wrong, in words a caller can act on, and which input field was at fault.
#pragma once

#include <string>
#include <string_view>

namespace concord {

// What kind of failure an Error is. The HTTP layer maps each code to a status in one function
// (http/error_status.cpp); domain code never speaks HTTP.
enum class ErrorCode {
  invalid_argument,   // the caller's input is wrong; `field` names what
  not_found,          // the named record does not exist (or is not visible to the caller)
  already_exists,     // a unique key is taken
  conflict,           // the record changed underneath, or the state forbids the transition
  unauthenticated,    // no valid credentials
  permission_denied,  // credentials valid, action not allowed
  payload_too_large,  // a body or field exceeds its limit
  unavailable,        // a dependency (the database) does not answer; retrying may help
  internal,           // a bug or an unexpected library failure
};

std::string_view to_string(ErrorCode code);

// An ordinary failure, returned (never thrown) by domain and store code.
// `field` is the JSON path of the offending input ("name", "items[2].serial"), empty when no
// single field is at fault.
struct Error {
  ErrorCode code = ErrorCode::internal;
  std::string message;
  std::string field;

  static Error invalid(std::string field, std::string message) {
    return {ErrorCode::invalid_argument, std::move(message), std::move(field)};
  }
  static Error not_found(std::string field, std::string message) {
    return {ErrorCode::not_found, std::move(message), std::move(field)};
  }
  static Error internal(std::string message) {
    return {ErrorCode::internal, std::move(message), {}};
  }
  static Error unavailable(std::string message) {
    return {ErrorCode::unavailable, std::move(message), {}};
  }
};

}  // namespace concord
