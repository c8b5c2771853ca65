// WeaponRecord: one weapon as a state reports it (registry, lost, stolen, seized, ...), with its
// markings kept exactly as read.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "marking/typed_marking.h"

namespace concord::registry {

enum class RecordKind {
  registry,
  lost,
  stolen,
  trafficked,
  seized,
  found,
  surrendered,
  destroyed,
  embargo_breach,
};

std::string_view to_string(RecordKind kind);
std::optional<RecordKind> record_kind_from_string(std::string_view text);
// "registry, lost, ..." for errors and help.
std::string record_kinds_list();

struct WeaponRecord {
  std::string id;           // ULID
  std::string external_id;  // unique per state
  RecordKind kind = RecordKind::registry;
  std::string state;  // owning (reporting) state, ISO 3166-1 alpha-2
  std::string weapon_type;
  std::string make;
  std::string model;
  std::string calibre;
  std::string serial;                           // as read: the frame or receiver serial
  std::string other_markings;                   // as read, free text
  std::vector<marking::TypedMarking> markings;  // every marking, typed; serial above stays too
  std::string country_of_manufacture;           // alpha-2 or ""
  std::optional<int> year_of_manufacture;
  std::string reported_at;  // ISO 8601 date or date-time, as given
  std::string created_at;   // ISO 8601 UTC
  std::string updated_at;   // ISO 8601 UTC
};

}  // namespace concord::registry
