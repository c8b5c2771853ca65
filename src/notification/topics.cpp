#include "notification/topics.h"

namespace concord::notification {
namespace {

bool is_word_character(char c) {
  return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
}

// Words of [a-z0-9_]+ joined by single dots.
bool is_dotted_words(std::string_view text) {
  if (text.empty() || text.front() == '.' || text.back() == '.') return false;
  char previous = '.';
  for (char c : text) {
    if (c == '.') {
      if (previous == '.') return false;
    } else if (!is_word_character(c)) {
      return false;
    }
    previous = c;
  }
  return true;
}

}  // namespace

Result<void> validate_topic(std::string_view topic, const std::string& field) {
  if (topic.empty()) return Error::invalid(field, "a topic is required");
  if (topic.size() > kMaxTopicLength) {
    return Error::invalid(field,
                          "a topic has at most " + std::to_string(kMaxTopicLength) + " characters");
  }
  if (!is_dotted_words(topic)) {
    return Error::invalid(field,
                          "a topic is lower-case words of a-z, 0-9 and _ joined by dots, "
                          "like \"tracing.received\"");
  }
  return ok();
}

Result<void> validate_topic_pattern(std::string_view pattern, const std::string& field) {
  if (pattern == "*") return ok();
  if (pattern.empty()) return Error::invalid(field, "a topic pattern is required");
  if (pattern.size() > kMaxTopicLength) {
    return Error::invalid(
        field, "a topic pattern has at most " + std::to_string(kMaxTopicLength) + " characters");
  }
  std::string_view topic = pattern;
  if (topic.ends_with(".*")) topic.remove_suffix(2);
  if (!is_dotted_words(topic)) {
    return Error::invalid(field,
                          "a topic pattern is a topic (\"hit.created\"), a prefix ending "
                          "in .* (\"tracing.*\"), or * for every topic");
  }
  return ok();
}

bool topic_matches(std::string_view pattern, std::string_view topic) {
  if (pattern == "*") return true;
  if (pattern.ends_with(".*")) {
    pattern.remove_suffix(1);  // keep the dot: "tracing." must not match "tracingx"
    return topic.size() > pattern.size() && topic.starts_with(pattern);
  }
  return pattern == topic;
}

bool any_topic_matches(std::string_view space_separated_patterns, std::string_view topic) {
  std::string_view rest = space_separated_patterns;
  while (!rest.empty()) {
    const auto space = rest.find(' ');
    const std::string_view pattern = rest.substr(0, space);
    if (!pattern.empty() && topic_matches(pattern, topic)) return true;
    if (space == std::string_view::npos) break;
    rest.remove_prefix(space + 1);
  }
  return false;
}

}  // namespace concord::notification
