// Fuzzes the readers behind the operations figures: the severity band configuration (JSON text),
// the casualty row (a JSON object) and the calendar day. Whatever the bytes, each ends without
// crashing; a refusal is invalid_argument naming a field; what is accepted keeps its promises
// (every band's min falls in that band, an accepted casualty row validates and sums to its count,
// an accepted day writes back as the same text).
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "core/json_text.h"
#include "operations/calendar_day.h"
#include "operations/casualties.h"
#include "operations/severity_bands.h"

namespace {

void check_refusal(const concord::Error& error) {
  if (error.code != concord::ErrorCode::invalid_argument || error.message.empty() ||
      error.field.empty()) {
    __builtin_trap();
  }
}

void check_bands(const concord::operations::SeverityBands& bands) {
  if (bands.bands().empty()) __builtin_trap();
  for (const auto& band : bands.bands()) {
    auto name = bands.band_for(band.min);
    if (!name.ok() || name.value() != band.name) __builtin_trap();
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace concord::operations;
  const std::string_view text(reinterpret_cast<const char*>(data), size);

  auto config = severity_bands_from_json(text);
  if (config.ok()) {
    check_bands(config->general);
    for (const auto& [type, bands] : config->by_type)
      check_bands(bands);
  } else {
    check_refusal(config.error());
  }

  auto object = concord::parse_json_object(text, "a casualty row", 8);
  if (object.ok()) {
    auto row = casualty_count_from_json(*object);
    if (row.ok()) {
      if (!validate(*row).ok()) __builtin_trap();
      const CasualtyCount rows[] = {*row};
      if (summarise(rows, row->year).total != row->count) __builtin_trap();
    } else {
      check_refusal(row.error());
    }
  }

  if (const auto day = parse_day(text)) {
    if (format_day(*day) != text) __builtin_trap();
  }
  return 0;
}
