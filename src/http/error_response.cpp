#include "http/error_response.h"

namespace concord::http {

int http_status(ErrorCode code) {
  switch (code) {
    case ErrorCode::invalid_argument:
      return 400;
    case ErrorCode::unauthenticated:
      return 401;
    case ErrorCode::permission_denied:
      return 403;
    case ErrorCode::not_found:
      return 404;
    case ErrorCode::already_exists:
    case ErrorCode::conflict:
      return 409;
    case ErrorCode::payload_too_large:
      return 413;
    case ErrorCode::unavailable:
      return 503;
    case ErrorCode::internal:
      return 500;
  }
  return 500;
}

Response error_response(const Error& error) {
  return error_response(http_status(error.code), std::string(to_string(error.code)), error.message,
                        error.field);
}

Response error_response(int status, std::string code, std::string message, std::string field) {
  nlohmann::ordered_json body = {
      {"error", {{"code", std::move(code)}, {"message", std::move(message)}}}};
  // Clients can rely on the key being present; null says no single field was at fault.
  body["error"]["field"] =
      field.empty() ? nlohmann::ordered_json() : nlohmann::ordered_json(std::move(field));
  return json_response(status, body);
}

Response json_response(int status, const nlohmann::ordered_json& body) {
  Response response;
  response.status = status;
  // Invalid UTF-8 cannot reach here from parsed input; replace rather than throw if it ever does.
  response.body = body.dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace);
  return response;
}

}  // namespace concord::http
