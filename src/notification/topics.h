// Topics and topic patterns. A topic names what happened: lower-case words of [a-z0-9_] joined by
// dots ("hit.created", "tracing.received"). A webhook subscribes to patterns: a topic exactly, a
// prefix ending in ".*" ("tracing.*" matches "tracing.received" and "tracing.x.y", never
// "tracing" itself), or "*" for everything. Pure functions; thread-safe.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"

namespace concord::notification {

constexpr std::size_t kMaxTopicLength = 100;
constexpr std::size_t kMaxTopicPatterns = 50;

// invalid_argument naming `field` unless `topic` is a well-formed topic.
Result<void> validate_topic(std::string_view topic, const std::string& field);

// invalid_argument naming `field` unless `pattern` is "*", a topic, or a topic followed by ".*".
Result<void> validate_topic_pattern(std::string_view pattern, const std::string& field);

// Whether a (valid) pattern covers a (valid) topic.
bool topic_matches(std::string_view pattern, std::string_view topic);

// Whether any pattern of a space-separated list covers `topic`.
bool any_topic_matches(std::string_view space_separated_patterns, std::string_view topic);

}  // namespace concord::notification
