#include "http/router.h"

#include <algorithm>
#include <stdexcept>

namespace concord::http {
namespace {

std::vector<std::string> split_path(const std::string& path) {
  std::vector<std::string> segments;
  size_t start = 1;  // after the leading '/', which both callers check
  while (true) {
    const auto slash = path.find('/', start);
    segments.push_back(path.substr(start, slash == std::string::npos ? path.npos : slash - start));
    if (slash == std::string::npos) break;
    start = slash + 1;
  }
  return segments;
}

}  // namespace

void Router::add(Route route) {
  if (route.pattern.empty() || route.pattern.front() != '/') {
    throw std::invalid_argument("route pattern must start with '/': " + route.pattern);
  }
  if (route.method.empty() || !route.handler) {
    throw std::invalid_argument("route needs a method and a handler: " + route.pattern);
  }
  std::vector<Segment> compiled;
  for (auto& text : split_path(route.pattern)) {
    const bool opens = text.find('{') != std::string::npos;
    const bool closes = text.find('}') != std::string::npos;
    if (!opens && !closes) {
      compiled.push_back({std::move(text), false});
      continue;
    }
    // Only whole-segment captures: "{id}" but not "v{n}" or "{a}{b}".
    if (text.size() < 3 || text.front() != '{' || text.back() != '}' ||
        text.find_first_of("{}", 1) != text.size() - 1) {
      throw std::invalid_argument("malformed capture in route pattern: " + route.pattern);
    }
    compiled.push_back({text.substr(1, text.size() - 2), true});
  }
  for (size_t i = 0; i < routes_.size(); ++i) {
    if (routes_[i].method != route.method || compiled_[i].size() != compiled.size()) continue;
    const bool same_shape = std::equal(
        compiled.begin(), compiled.end(), compiled_[i].begin(), [](const auto& a, const auto& b) {
          return a.capture == b.capture && (a.capture || a.text == b.text);
        });
    if (same_shape) {
      throw std::invalid_argument("duplicate route: " + route.method + " " + route.pattern +
                                  " (already " + routes_[i].pattern + ")");
    }
  }
  routes_.push_back(std::move(route));
  compiled_.push_back(std::move(compiled));
}

Router::Match Router::match(const std::string& method, const std::string& path) const {
  if (path.empty() || path.front() != '/') return {};
  return match_segments(method, split_path(path));
}

Router::Match Router::match_segments(const std::string& method,
                                     const std::vector<std::string>& segments) const {
  Match result;
  const std::vector<Segment>* best = nullptr;
  // True when `a` is more specific than `b`: a literal where `b` has a capture, at the first
  // segment where they differ in kind.
  auto more_specific = [](const std::vector<Segment>& a, const std::vector<Segment>& b) {
    for (size_t i = 0; i < a.size(); ++i) {
      if (a[i].capture != b[i].capture) return !a[i].capture;
    }
    return false;
  };
  for (size_t i = 0; i < routes_.size(); ++i) {
    const auto& pattern = compiled_[i];
    if (pattern.size() != segments.size()) continue;
    bool fits = true;
    for (size_t s = 0; s < pattern.size() && fits; ++s) {
      fits = pattern[s].capture ? !segments[s].empty() : pattern[s].text == segments[s];
    }
    if (!fits) continue;
    result.path_known = true;
    result.allowed_methods.push_back(routes_[i].method);
    if (routes_[i].method != method) continue;
    if (best == nullptr || more_specific(pattern, *best)) {
      best = &pattern;
      result.route = &routes_[i];
    }
  }
  std::sort(result.allowed_methods.begin(), result.allowed_methods.end());
  result.allowed_methods.erase(
      std::unique(result.allowed_methods.begin(), result.allowed_methods.end()),
      result.allowed_methods.end());
  if (result.route != nullptr) {
    for (size_t s = 0; s < best->size(); ++s) {
      if ((*best)[s].capture) result.path_params[(*best)[s].text] = segments[s];
    }
  }
  return result;
}

}  // namespace concord::http
