#include "api/json_encoding.h"

#include <charconv>

namespace concord::api {

json optional_json(const std::optional<std::string>& value) {
  return value ? json(*value) : json();
}

json user_json(const access::User& user) {
  json roles = json::array();
  for (auto role : user.roles)
    roles.push_back(access::to_string(role));
  return {{"id", user.id},
          {"username", user.username},
          {"display_name", user.display_name},
          {"state", optional_json(user.state)},
          {"organisation_id", optional_json(user.organisation_id)},
          {"roles", roles},
          {"totp_enabled", user.totp_enabled},
          {"disabled_at", optional_json(user.disabled_at)},
          {"created_at", user.created_at}};
}

json principal_json(const access::Principal& principal) {
  json roles = json::array();
  for (auto role : principal.roles)
    roles.push_back(access::to_string(role));
  return {{"user_id", principal.user_id},
          {"username", principal.username},
          {"state", optional_json(principal.state)},
          {"organisation_id", optional_json(principal.organisation_id)},
          {"roles", roles},
          {"second_factor", principal.second_factor}};
}

Result<int> limit_parameter(const http::Request& request, int fallback, int max) {
  auto text = query_parameter(request, "limit");
  if (!text) return fallback;
  int limit = 0;
  auto [end, ec] = std::from_chars(text->data(), text->data() + text->size(), limit);
  if (ec != std::errc{} || end != text->data() + text->size() || limit < 1 || limit > max) {
    return Error::invalid("limit", "limit must be a whole number from 1 to " + std::to_string(max));
  }
  return limit;
}

std::optional<std::string> query_parameter(const http::Request& request, const std::string& name) {
  auto found = request.query.find(name);
  if (found == request.query.end()) return std::nullopt;
  return found->second;
}

namespace {

std::string content_disposition(const std::string& filename) {
  std::string ascii;
  std::string encoded;
  static constexpr char kHex[] = "0123456789ABCDEF";
  for (char c : filename) {
    const auto byte = static_cast<unsigned char>(c);
    ascii += byte < 0x80 ? c : '_';
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' ||
        c == '-' || c == '_') {
      encoded += c;
    } else {
      encoded += '%';
      encoded += kHex[byte >> 4];
      encoded += kHex[byte & 0x0F];
    }
  }
  return "attachment; filename=\"" + ascii + "\"; filename*=UTF-8''" + encoded;
}

}  // namespace

json attachment_json(const store::Attachment& attachment, const std::string& href) {
  return {{"id", attachment.id},
          {"owner_type", attachment.owner_type},
          {"owner_id", attachment.owner_id},
          {attachment.owner_type == "weapon" ? "record_id" : "request_id", attachment.owner_id},
          {"state", attachment.state},
          {"filename", attachment.filename},
          {"description", attachment.description},
          {"content_type", attachment.content_type},
          {"size_bytes", attachment.size_bytes},
          {"sha256", attachment.sha256},
          {"created_at", attachment.created_at},
          {"href", href}};
}

http::Response attachment_download(const store::Attachment& attachment,
                                   const std::vector<unsigned char>& bytes) {
  http::Response response;
  response.content_type = attachment.content_type;
  response.body.assign(bytes.begin(), bytes.end());
  response.headers.emplace_back("Content-Disposition", content_disposition(attachment.filename));
  response.headers.emplace_back("X-Content-Type-Options", "nosniff");
  response.headers.emplace_back("Cache-Control", "private, no-store");
  return response;
}

}  // namespace concord::api
