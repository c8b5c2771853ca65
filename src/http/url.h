// Request-target parsing: splitting a target into path and query, percent-decoding, and the
// query string as key/value pairs. Pure functions on strings; no I/O, thread-safe.
//
// Malformed input (a '%' not followed by two hex digits, an encoded NUL in the path, a path not
// starting with '/') yields nullopt; the server answers 400.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace concord::http {

struct Target {
  std::string_view path;   // raw, still percent-encoded: "/api/v1/states/F%52"
  std::string_view query;  // raw, without the '?': "q=a%20b&page=2"; empty when absent
};

// Splits an origin-form target ("/path?query"); an absolute-form target ("http://host/path?q")
// is reduced to its path and query. nullopt for anything else ("*", "path", "").
// The views point into `target`.
std::optional<Target> split_target(std::string_view target);

// Decodes %XX escapes; with `plus_is_space` (query strings) '+' becomes ' '.
std::optional<std::string> percent_decode(std::string_view text, bool plus_is_space = false);

// The path split at '/' with each segment decoded on its own, so that an encoded slash ("%2F")
// stays inside its segment: "/a/b%2Fc" -> {"a", "b/c"}; "/" -> {""}. Refuses encoded NUL bytes.
std::optional<std::vector<std::string>> decode_path_segments(std::string_view raw_path);

// "a=1&b=x+y&c" -> {a: "1", b: "x y", c: ""}. Empty pairs are skipped; when a key repeats, the
// first value wins (a handler wanting lists must define its own syntax).
std::optional<std::map<std::string, std::string>> parse_query(std::string_view raw_query);

}  // namespace concord::http
