// RecordFields: what a caller gives to enter or modify a weapon record, as text, and the checks
// that turn it into WeaponRecord values. Every fault names its field as the API spells it
// ("make", "markings[2].condition", "shared_with[0]"). Pure; thread-safe.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/reference_data.h"
#include "core/result.h"
#include "registry/weapon_record.h"

namespace concord::registry {

struct MarkingInput {
  std::string kind;       // marking::MarkingKind name
  std::string component;  // marking::Component name; "" for unspecified
  std::string text;       // as read
  std::string condition;  // marking::Condition name; "" for intact
  std::string restoration_method;
};

// Each field left nullopt is kept as it is (modify) or takes its default (enter).
struct RecordFields {
  std::optional<std::string> kind;
  std::optional<std::string> weapon_type;
  std::optional<std::string> make;
  std::optional<std::string> model;
  std::optional<std::string> calibre;
  // Shorthand for a serial marking of unspecified component, added unless a serial marking
  // already reads the same.
  std::optional<std::string> serial;
  std::optional<std::string> other_markings;
  std::optional<std::vector<MarkingInput>> markings;  // replaces every marking
  std::optional<std::string> country_of_manufacture;
  std::optional<std::optional<int>> year_of_manufacture;  // an inner nullopt clears it
  std::optional<std::string> reported_at;
  std::optional<std::string> sharing;  // access::Sharing name; default by kind on enter
  std::optional<std::vector<std::string>> shared_with;
};

// Applies `fields` to `record`, checking each, then the record as a whole: at least one marking;
// sharing named_states with at least one other state in shared_with, and shared_with empty
// otherwise. Markings are put in their order: serials first (frame or receiver, slide, barrel,
// then the rest: marking::component_rank), then the others as given; the first serial becomes
// record.serial. `entering` gives sharing its default for the kind when not given.
Result<void> apply_record_fields(const ReferenceData& reference, int current_year,
                                 const RecordFields& fields, bool entering, WeaponRecord& record);

// "kind:component:text:condition[:restoration method]" as the CLI takes it
// ("serial:frame:ABC123:intact"); the text may not hold ':'. invalid_argument naming `field`.
Result<MarkingInput> parse_marking_spec(std::string_view spec, const std::string& field);

}  // namespace concord::registry
