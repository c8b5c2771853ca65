// WeaponRecord: one weapon as a state reports it (registry, lost, stolen, seized, ...), with its
// markings kept exactly as read, its identity as entered and as normalised, who may see it, and
// where it stands in its life (status, location, last validation).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "access/policy.h"
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

// Where a record stands, as police gun files have it: active until a lost or stolen weapon is
// located, the entry is cleared (no longer wanted, the case closed) or cancelled (entered in
// error). Cleared and cancelled records are kept with their history but leave the marking index.
enum class RecordStatus {
  active,
  located,
  cleared,
  cancelled,
};

std::string_view to_string(RecordStatus status);
std::optional<RecordStatus> record_status_from_string(std::string_view text);
std::string record_statuses_list();

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

  // Canonical names from the weapon reference table (registry/weapon_reference.h); "" when the
  // table does not recognise what was entered. The text as entered stays above.
  std::string make_normalised;
  std::string model_normalised;
  std::string calibre_normalised;
  access::Sharing sharing = access::Sharing::private_;
  std::vector<std::string> shared_with;  // alpha-2 codes, for Sharing::named_states
  RecordStatus status = RecordStatus::active;
  std::string status_reason;  // why it was cleared or cancelled
  std::string located_place;  // where a lost or stolen weapon was found
  std::string located_on;     // ISO 8601 date or date-time
  std::string located_by;     // the agency or officer that found it
  std::string confirmed_at;   // ISO 8601 UTC of the last validation; "" when never confirmed
  std::int64_t version = 1;   // bumped by every transaction
};

}  // namespace concord::registry
