#include "registry/weapon_csv.h"

#include <charconv>

namespace concord::registry {
namespace {

constexpr std::size_t kFlushBytes = std::size_t{256} * 1024;

}  // namespace

WeaponCsvWriter::WeaponCsvWriter(std::ostream& out) : out_(out) {
  buffer_.reserve(kFlushBytes + 4096);
}

WeaponCsvWriter::~WeaponCsvWriter() {
  flush();
}

void WeaponCsvWriter::flush() {
  if (buffer_.empty()) return;
  out_.write(buffer_.data(), static_cast<std::streamsize>(buffer_.size()));
  buffer_.clear();
}

// Quotes only a field holding a comma, quote or line break, so that ordinary rows stay easy to
// read.
void WeaponCsvWriter::field(std::string_view text) {
  bool plain = true;
  for (char c : text) {
    if (c == ',' || c == '"' || c == '\r' || c == '\n') {
      plain = false;
      break;
    }
  }
  if (plain) {
    buffer_.append(text);
    return;
  }
  buffer_.push_back('"');
  for (char c : text) {
    if (c == '"') buffer_.push_back('"');
    buffer_.push_back(c);
  }
  buffer_.push_back('"');
}

void WeaponCsvWriter::write_header() {
  for (std::size_t i = 0; i < kWeaponCsvColumns.size(); ++i) {
    if (i > 0) buffer_.push_back(',');
    buffer_.append(kWeaponCsvColumns[i]);
  }
  buffer_.append("\r\n");
}

void WeaponCsvWriter::write(const WeaponRecord& record) {
  field(record.external_id);
  buffer_.push_back(',');
  buffer_.append(to_string(record.kind));
  buffer_.push_back(',');
  field(record.state);
  buffer_.push_back(',');
  field(record.weapon_type);
  buffer_.push_back(',');
  field(record.make);
  buffer_.push_back(',');
  field(record.model);
  buffer_.push_back(',');
  field(record.calibre);
  buffer_.push_back(',');
  field(record.serial);
  buffer_.push_back(',');
  field(record.other_markings);
  buffer_.push_back(',');
  field(record.country_of_manufacture);
  buffer_.push_back(',');
  if (record.year_of_manufacture) {
    char digits[16];
    const auto written = std::to_chars(digits, digits + sizeof digits, *record.year_of_manufacture);
    buffer_.append(digits, written.ptr);
  }
  buffer_.push_back(',');
  field(record.reported_at);
  // CRLF, as RFC 4180 writes it; the reader takes LF alone as well.
  buffer_.append("\r\n");
  if (buffer_.size() >= kFlushBytes) flush();
}

}  // namespace concord::registry
