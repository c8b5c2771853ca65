#include "http/url.h"

namespace concord::http {
namespace {

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

}  // namespace

std::optional<Target> split_target(std::string_view target) {
  // Absolute form is what proxies send; RFC 9112 3.2.2 asks servers to accept it.
  for (std::string_view scheme : {"http://", "https://"}) {
    if (target.substr(0, scheme.size()) == scheme) {
      const auto path_start = target.find_first_of("/?", scheme.size());
      if (path_start == std::string_view::npos) return Target{"/", {}};  // "http://host"
      if (target[path_start] == '?') return Target{"/", target.substr(path_start + 1)};
      target = target.substr(path_start);
      break;
    }
  }
  if (target.empty() || target.front() != '/') return std::nullopt;
  const auto question = target.find('?');
  if (question == std::string_view::npos) return Target{target, {}};
  return Target{target.substr(0, question), target.substr(question + 1)};
}

std::optional<std::string> percent_decode(std::string_view text, bool plus_is_space) {
  std::string out;
  out.reserve(text.size());
  for (size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c == '%') {
      if (i + 2 >= text.size()) return std::nullopt;
      const int high = hex_value(text[i + 1]);
      const int low = hex_value(text[i + 2]);
      if (high < 0 || low < 0) return std::nullopt;
      out.push_back(static_cast<char>(high * 16 + low));
      i += 2;
    } else if (c == '+' && plus_is_space) {
      out.push_back(' ');
    } else {
      out.push_back(c);
    }
  }
  return out;
}

std::optional<std::vector<std::string>> decode_path_segments(std::string_view raw_path) {
  if (raw_path.empty() || raw_path.front() != '/') return std::nullopt;
  std::vector<std::string> segments;
  size_t start = 1;
  while (true) {
    const auto slash = raw_path.find('/', start);
    const auto raw =
        raw_path.substr(start, slash == std::string_view::npos ? raw_path.npos : slash - start);
    auto decoded = percent_decode(raw);
    // A NUL byte would be cut short by any C API downstream (file names, SQLite text).
    if (!decoded || decoded->find('\0') != std::string::npos) return std::nullopt;
    segments.push_back(std::move(*decoded));
    if (slash == std::string_view::npos) break;
    start = slash + 1;
  }
  return segments;
}

std::optional<std::map<std::string, std::string>> parse_query(std::string_view raw_query) {
  std::map<std::string, std::string> query;
  size_t start = 0;
  while (start <= raw_query.size()) {
    const auto amp = raw_query.find('&', start);
    const auto pair =
        raw_query.substr(start, amp == std::string_view::npos ? raw_query.npos : amp - start);
    if (!pair.empty()) {
      const auto equals = pair.find('=');
      auto key = percent_decode(pair.substr(0, equals), true);
      auto value = equals == std::string_view::npos ? std::optional<std::string>(std::string())
                                                    : percent_decode(pair.substr(equals + 1), true);
      if (!key || !value) return std::nullopt;
      query.emplace(std::move(*key), std::move(*value));  // emplace keeps the first value
    }
    if (amp == std::string_view::npos) break;
    start = amp + 1;
  }
  return query;
}

}  // namespace concord::http
