// The one place where Concord's ErrorCodes become HTTP statuses and the error body
// {"error": {"code", "message", "field"}}.
#pragma once

#include <nlohmann/json.hpp>

#include "core/error.h"
#include "core/result.h"
#include "http/message.h"

namespace concord::http {

int http_status(ErrorCode code);

// The error body with the status that belongs to the error's code.
Response error_response(const Error& error);

// The same body with a status chosen by the server itself (404, 405, 408, 413, 431).
Response error_response(int status, std::string code, std::string message, std::string field = {});

// Keys keep the order they were added in, so answers read naturally (id first).
Response json_response(int status, const nlohmann::ordered_json& body);

// The answer to a service call: `encode(value)` as JSON with `status` on success, the error's
// answer otherwise. Keeps handlers to decode, call, respond.
template <typename T, typename Encode>
Response respond(const Result<T>& result, int status, Encode&& encode) {
  if (!result.ok()) return error_response(result.error());
  return json_response(status, encode(result.value()));
}

}  // namespace concord::http
