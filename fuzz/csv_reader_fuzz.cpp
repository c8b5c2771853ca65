// Fuzzes the CSV reader: whatever the bytes, it ends, keeps within its limits, reports lines in
// order and within the input, and every record it reads, written back fully quoted, reads back
// the same. Run with the default limits and with tiny ones, so the limit paths are reached.
#include <cstddef>
#include <cstdint>
#include <sstream>
#include <string>
#include <vector>

#include "core/csv_reader.h"

namespace {

struct Outcome {
  std::vector<std::vector<std::string>> records;  // the records read without error
};

Outcome read_all(const std::string& text, concord::CsvLimits limits) {
  std::istringstream input(text);
  concord::CsvReader reader(input, limits);
  concord::CsvRecord record;
  Outcome outcome;
  std::uint64_t line_breaks = 0;
  for (char c : text)
    line_breaks += (c == '\n' || c == '\r') ? 1 : 0;
  std::uint64_t previous_line = 0;
  // Each call consumes at least one byte or ends, so this bound is never reached.
  for (std::size_t calls = 0; calls <= text.size() + 1; ++calls) {
    auto next = reader.next(record);
    if (next.ok() && !*next) return outcome;
    if (record.line < 1 || record.line > line_breaks + 1) __builtin_trap();
    if (record.line < previous_line) __builtin_trap();
    previous_line = record.line;
    if (!next.ok()) {
      if (next.error().message.empty()) __builtin_trap();
      continue;
    }
    if (record.fields.empty() || record.fields.size() > limits.max_columns) __builtin_trap();
    std::size_t bytes = 0;
    for (const auto& field : record.fields) {
      if (field.size() > limits.max_field_bytes) __builtin_trap();
      bytes += field.size();
    }
    if (bytes > text.size()) __builtin_trap();
    outcome.records.push_back(record.fields);
  }
  __builtin_trap();
}

std::string quoted(const std::vector<std::vector<std::string>>& records) {
  std::string out;
  for (const auto& fields : records) {
    for (std::size_t i = 0; i < fields.size(); ++i) {
      if (i > 0) out += ',';
      out += '"';
      for (char c : fields[i]) {
        if (c == '"') out += '"';
        out += c;
      }
      out += '"';
    }
    out += "\r\n";
  }
  return out;
}

void check(const std::string& text, concord::CsvLimits limits) {
  const Outcome first = read_all(text, limits);
  const Outcome again = read_all(quoted(first.records), limits);
  if (again.records != first.records) __builtin_trap();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  check(text, {});
  concord::CsvLimits tiny;
  tiny.max_field_bytes = 8;
  tiny.max_columns = 4;
  check(text, tiny);
  return 0;
}
