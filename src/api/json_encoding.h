// JSON encodings shared by the routes of several areas, and query-parameter readers.
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "access/audit_trail.h"
#include "access/identity_service.h"
#include "access/principal.h"
#include "core/result.h"
#include "http/message.h"
#include "store/attachment_store.h"

namespace concord::api {

using json = nlohmann::ordered_json;

json optional_json(const std::optional<std::string>& value);
json user_json(const access::User& user);
json principal_json(const access::Principal& principal);
// An attachment's metadata (weapon records and tracing requests), with the path that serves it.
json attachment_json(const store::Attachment& attachment, const std::string& href);
// The bytes of an attachment as a download: the type detected from the bytes, never sniffed by
// the browser, never cached, saved under its own (encoded) filename.
http::Response attachment_download(const store::Attachment& attachment,
                                   const std::vector<unsigned char>& bytes);

// ?limit= as a whole number in [1, max]; absent gives `fallback`. Errors name "limit".
Result<int> limit_parameter(const http::Request& request, int fallback, int max = 1000);
// ?name= or nullopt when absent.
std::optional<std::string> query_parameter(const http::Request& request, const std::string& name);

}  // namespace concord::api
