// TypedMarking: one marking on a weapon as an officer read it, typed by what it says (maker,
// country, year, serial, import mark, ...), where it is (frame or receiver, slide, barrel, ...) and
// in what condition it was found. The text is kept exactly as read; normalised forms are derived.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace concord::marking {

enum class MarkingKind {
  manufacturer,            // maker's name, logo text or code
  country_of_manufacture,  // country name, code or symbol
  year,                    // year of manufacture, as a number or a year code
  serial,                  // serial number of one component
  import_mark,             // country, year and importer stamped at import
  proof_mark,
  unit_mark,  // issuing unit or armed-forces marks
  other,
};

// Where on the weapon. Serials are listed frame or receiver first, then slide, then barrel.
enum class Component {
  frame,
  receiver,
  slide,
  barrel,
  bolt,
  cylinder,
  magazine,
  other,
  unspecified,
};

enum class Condition {
  intact,
  partly_obliterated,
  restored,  // restoration_method says how (etching, magnetic, ...)
};

struct TypedMarking {
  MarkingKind kind = MarkingKind::other;
  Component component = Component::unspecified;
  std::string text;  // exactly as read, '?' for characters that could not be read
  Condition condition = Condition::intact;
  std::string restoration_method;  // required when condition is restored, empty otherwise
};

std::string_view to_string(MarkingKind kind);
std::string_view to_string(Component component);
std::string_view to_string(Condition condition);
std::optional<MarkingKind> marking_kind_from_string(std::string_view text);
std::optional<Component> component_from_string(std::string_view text);
std::optional<Condition> condition_from_string(std::string_view text);
// "manufacturer, country_of_manufacture, ..." for errors and help.
std::string marking_kinds_list();
std::string components_list();
std::string conditions_list();

// The order serials are listed in: frame or receiver first, then slide, then barrel, then the rest.
int component_rank(Component component);

}  // namespace concord::marking
