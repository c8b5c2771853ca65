// Fuzzes the national marking system parser and the decoder behind it: whatever the bytes,
// parsing answers a system or an error naming a JSON path; an accepted system is written back to
// a document that parses to the same system; and decoding its own codes, read with an unreadable
// first character, never fails or runs away.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "marking/marking_system.h"
#include "marking/marking_system_json.h"

namespace {

const concord::ReferenceData& reference() {
  static const auto loaded = concord::ReferenceData::load("/usr/share/iso-codes/json");
  if (!loaded.ok()) __builtin_trap();
  return **loaded;
}

concord::marking::TypedMarking damaged(concord::marking::MarkingKind kind,
                                       const std::string& text) {
  concord::marking::TypedMarking marking;
  marking.kind = kind;
  marking.text = text.empty() ? "?" : "?" + text.substr(1);
  return marking;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace concord::marking;
  const std::string_view document(reinterpret_cast<const char*>(data), size);
  auto system = parse_marking_system(document, reference());
  if (!system.ok()) {
    if (system.error().field.empty()) __builtin_trap();
    return 0;
  }
  const std::string written = marking_system_json(*system).dump();
  auto again = parse_marking_system(written, reference());
  if (!again.ok() || marking_system_json(*again).dump() != written) __builtin_trap();

  std::vector<TypedMarking> markings;
  for (const auto& code : system->manufacturer_codes) {
    markings.push_back(damaged(MarkingKind::manufacturer, code.code));
    markings.push_back(damaged(MarkingKind::serial, code.code + "85123456"));
  }
  for (const auto& mark : system->country_marks)
    markings.push_back(damaged(MarkingKind::import_mark, mark.mark + "21" + mark.mark));
  for (const auto& code : system->year_codes)
    markings.push_back(damaged(MarkingKind::year, code.code));
  if (markings.size() > 64) markings.resize(64);
  const DecodedMarkings decoded = decode_markings({*system}, markings);
  if (decoded.imports.size() > markings.size()) __builtin_trap();
  return 0;
}
