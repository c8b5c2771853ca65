// Fuzzes what a tracing answer accepts from outside (the API body, `concord trace answer --chain`):
// whatever the bytes, reading answers an Answer or an error naming a field; an accepted answer
// that passes validation is written back to JSON that reads as the same answer. The same bytes
// also go to the due-duration parser (operators' rules) and the partial ISO date check.
#include <cstddef>
#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "tracing/answer.h"
#include "tracing/answer_json.h"
#include "tracing/due_dates.h"

namespace {

const concord::ReferenceData& reference() {
  static const auto loaded = concord::ReferenceData::load("/usr/share/iso-codes/json");
  if (!loaded.ok()) __builtin_trap();
  return **loaded;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace concord::tracing;
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  auto duration = parse_due_duration(text, "within");
  if (duration.ok() && *parse_due_duration(format_due_duration(*duration), "within") != *duration) {
    __builtin_trap();
  }
  if (!duration.ok() && duration.error().field != "within") __builtin_trap();
  (void)is_partial_iso_date(text);

  const auto json = nlohmann::json::parse(text, nullptr, false);
  if (json.is_discarded()) return 0;
  auto answer = answer_from_json(json);
  if (!answer.ok()) {
    if (answer.error().field.empty()) __builtin_trap();
    return 0;
  }
  auto valid = validate_answer(*answer, reference(), {"01J00000000000000000000000"});
  if (!valid.ok()) {
    if (valid.error().field.empty()) __builtin_trap();
    return 0;
  }
  auto again = answer_from_json(answer_to_json(*answer));
  if (!again.ok() || !(*again == *answer)) __builtin_trap();
  return 0;
}
