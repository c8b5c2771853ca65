// The weapon CSV format that `concord import weapons` reads and `concord gen weapons` writes: one
// header line naming the columns below, then one record per row (RFC 4180; see docs/registry.md).
// WeaponCsvWriter writes it, quoting a field only when it must. Not thread-safe.
#pragma once

#include <array>
#include <ostream>
#include <string>
#include <string_view>

#include "registry/weapon_record.h"

namespace concord::registry {

inline constexpr std::array<std::string_view, 12> kWeaponCsvColumns = {"external_id",
                                                                       "kind",
                                                                       "state",
                                                                       "weapon_type",
                                                                       "make",
                                                                       "model",
                                                                       "calibre",
                                                                       "serial",
                                                                       "other_markings",
                                                                       "country_of_manufacture",
                                                                       "year_of_manufacture",
                                                                       "reported_at"};

// Buffers rows and writes them to the stream in large pieces; flush() (or destruction) writes the
// rest. The stream must outlive the writer. Write errors show in the stream's state.
class WeaponCsvWriter {
 public:
  explicit WeaponCsvWriter(std::ostream& out);
  ~WeaponCsvWriter();
  WeaponCsvWriter(const WeaponCsvWriter&) = delete;
  WeaponCsvWriter& operator=(const WeaponCsvWriter&) = delete;

  void write_header();
  // One row; id, created_at and updated_at are not part of the format.
  void write(const WeaponRecord& record);
  void flush();

 private:
  void field(std::string_view text);

  std::ostream& out_;
  std::string buffer_;
};

}  // namespace concord::registry
