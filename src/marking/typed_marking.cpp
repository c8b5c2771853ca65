#include "marking/typed_marking.h"

#include "core/enum_names.h"

namespace concord::marking {
namespace {

constexpr EnumNames<MarkingKind, 8> kKindNames({{
    {MarkingKind::manufacturer, "manufacturer"},
    {MarkingKind::country_of_manufacture, "country_of_manufacture"},
    {MarkingKind::year, "year"},
    {MarkingKind::serial, "serial"},
    {MarkingKind::import_mark, "import_mark"},
    {MarkingKind::proof_mark, "proof_mark"},
    {MarkingKind::unit_mark, "unit_mark"},
    {MarkingKind::other, "other"},
}});

constexpr EnumNames<Component, 9> kComponentNames({{
    {Component::frame, "frame"},
    {Component::receiver, "receiver"},
    {Component::slide, "slide"},
    {Component::barrel, "barrel"},
    {Component::bolt, "bolt"},
    {Component::cylinder, "cylinder"},
    {Component::magazine, "magazine"},
    {Component::other, "other"},
    {Component::unspecified, "unspecified"},
}});

constexpr EnumNames<Condition, 3> kConditionNames({{
    {Condition::intact, "intact"},
    {Condition::partly_obliterated, "partly_obliterated"},
    {Condition::restored, "restored"},
}});

}  // namespace

std::string_view to_string(MarkingKind kind) {
  return kKindNames.name(kind);
}
std::string_view to_string(Component component) {
  return kComponentNames.name(component);
}
std::string_view to_string(Condition condition) {
  return kConditionNames.name(condition);
}
std::optional<MarkingKind> marking_kind_from_string(std::string_view text) {
  return kKindNames.parse(text);
}
std::optional<Component> component_from_string(std::string_view text) {
  return kComponentNames.parse(text);
}
std::optional<Condition> condition_from_string(std::string_view text) {
  return kConditionNames.parse(text);
}
std::string marking_kinds_list() {
  return kKindNames.list();
}
std::string components_list() {
  return kComponentNames.list();
}
std::string conditions_list() {
  return kConditionNames.list();
}

int component_rank(Component component) {
  switch (component) {
    case Component::frame:
    case Component::receiver:
      return 0;
    case Component::slide:
      return 1;
    case Component::barrel:
      return 2;
    default:
      return 3;
  }
}

}  // namespace concord::marking
