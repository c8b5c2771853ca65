// Fuzzes the weapon reference CSV import: whatever the bytes, it ends; every problem names a line
// within the input and says what is wrong; and a file it accepts, exported and imported again into
// an empty table, gives the same export.
#include <cstddef>
#include <cstdint>
#include <sstream>
#include <string>
#include <vector>

#include "core/clock.h"
#include "core/id.h"
#include "core/reference_data.h"
#include "registry/weapon_reference_csv.h"

namespace {

const concord::ReferenceData& countries() {
  static const auto loaded = concord::ReferenceData::load("/usr/share/iso-codes/json");
  if (!loaded.ok()) __builtin_trap();
  return **loaded;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static concord::ManualClock clock(
      concord::TimePoint(std::chrono::milliseconds(1'700'000'000'000)));
  static concord::IdGenerator ids(clock);
  const std::string text(reinterpret_cast<const char*>(data), size);
  std::uint64_t lines = 1;
  for (char c : text)
    lines += (c == '\n' || c == '\r') ? 1 : 0;

  concord::registry::ReferenceContents contents;
  std::vector<concord::registry::CsvProblem> problems;
  std::istringstream input(text);
  auto rows = concord::registry::apply_reference_csv(input, contents, countries(), ids, problems);
  if (!rows.ok()) {
    if (rows.error().message.empty()) __builtin_trap();
    return 0;
  }
  for (const auto& problem : problems) {
    if (problem.line > lines || problem.message.empty()) __builtin_trap();
  }
  if (!problems.empty()) return 0;

  const std::string exported = concord::registry::reference_csv(contents);
  concord::registry::ReferenceContents again;
  std::istringstream second(exported);
  auto reread = concord::registry::apply_reference_csv(second, again, countries(), ids, problems);
  if (!reread.ok() || !problems.empty()) __builtin_trap();
  if (concord::registry::reference_csv(again) != exported) __builtin_trap();
  return 0;
}
