// The JSON form of a MarkingSystem: the document a national contact publishes (see
// docs/marking-systems.md) and the one Concord stores and answers. The parser is strict: every
// value is validated, unknown fields are refused, and each error names the JSON path at fault
// ("manufacturer_codes[3].code"). Thread-safe: pure functions.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "core/reference_data.h"
#include "core/result.h"
#include "marking/marking_system.h"

namespace concord::marking {

inline constexpr size_t kMaxMarkingSystemBytes = 1 << 20;
inline constexpr size_t kMaxTableEntries = 2000;
inline constexpr size_t kMaxFormats = 32;
inline constexpr size_t kMaxCodeSymbols = 32;

// Parses a published document for `state` (ISO 3166-1 alpha-2). When `state` is empty the
// document's own "state" names the publisher; when both are given they must agree. "version" and
// "published_at" are accepted and ignored, so that a document read back can be published again.
// Errors: invalid_argument naming the JSON path ("body" for malformed JSON).
Result<MarkingSystem> parse_marking_system(std::string_view document,
                                           const ReferenceData& reference,
                                           std::string_view state = {});

// The document of `system`, with its state, version and published_at; parse_marking_system()
// reads it back to an equal system.
nlohmann::ordered_json marking_system_json(const MarkingSystem& system);

}  // namespace concord::marking
