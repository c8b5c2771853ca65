// Fuzzes the readers of hazardous-area, classification and land-release bodies that the API and
// the CLI share (operations/hazard_json.h). Whatever the bytes, each ends without crashing; a
// refusal is invalid_argument naming a field; an accepted area or release has a geometry that
// passes check_area_geometry, and an accepted release's items never destroy more than was found.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "core/json_text.h"
#include "operations/hazard_json.h"

namespace {

using namespace concord::operations;

void check_refusal(const concord::Error& error) {
  if (error.code != concord::ErrorCode::invalid_argument || error.message.empty() ||
      error.field.empty()) {
    __builtin_trap();
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  auto object = concord::parse_json_object(text, "the body", 8);
  if (!object.ok()) return 0;
  auto area = hazardous_area_input_from_json(*object, "KH");
  if (!area.ok()) {
    check_refusal(area.error());
  } else if (!check_area_geometry(area->geometry).ok()) {
    __builtin_trap();
  }
  auto change = classification_from_json(*object);
  if (!change.ok()) check_refusal(change.error());
  auto release = land_release_from_json(*object);
  if (!release.ok()) {
    check_refusal(release.error());
  } else {
    if (!check_area_geometry(release->geometry).ok()) __builtin_trap();
    for (const auto& item : release->items) {
      if (item.found < 0 || item.destroyed < 0 || item.destroyed > item.found) __builtin_trap();
    }
  }
  return 0;
}
