#include "assistance/theme.h"

#include "core/enum_names.h"

namespace concord::assistance {
namespace {

constexpr EnumNames<Theme, 5> kThemeNames({{
    {Theme::stockpile_destruction, "stockpile_destruction"},
    {Theme::clearance, "clearance"},
    {Theme::victim_assistance, "victim_assistance"},
    {Theme::risk_education, "risk_education"},
    {Theme::salw_control, "salw_control"},
}});

constexpr EnumNames<CapacityArea, 6> kCapacityAreaNames({{
    {CapacityArea::marking, "marking"},
    {CapacityArea::record_keeping, "record_keeping"},
    {CapacityArea::tracing, "tracing"},
    {CapacityArea::stockpile_management, "stockpile_management"},
    {CapacityArea::legislation, "legislation"},
    {CapacityArea::training, "training"},
}});

constexpr EnumNames<TreatyBasis, 4> kTreatyBasisNames({{
    {TreatyBasis::ccm, "ccm"},
    {TreatyBasis::apmbc, "apmbc"},
    {TreatyBasis::poa_iti, "poa_iti"},
    {TreatyBasis::att, "att"},
}});

constexpr EnumNames<AssistanceKind, 4> kKindNames({{
    {AssistanceKind::funding, "funding"},
    {AssistanceKind::equipment, "equipment"},
    {AssistanceKind::expertise, "expertise"},
    {AssistanceKind::training, "training"},
}});

constexpr EnumNames<Modality, 4> kModalityNames({{
    {Modality::grant, "grant"},
    {Modality::in_kind, "in_kind"},
    {Modality::technical_cooperation, "technical_cooperation"},
    {Modality::loan, "loan"},
}});

constexpr EnumNames<Visibility, 2> kVisibilityNames({{
    {Visibility::public_, "public"},
    {Visibility::restricted, "restricted"},
}});

}  // namespace

std::string_view to_string(Theme theme) {
  return kThemeNames.name(theme);
}
std::optional<Theme> theme_from_string(std::string_view text) {
  return kThemeNames.parse(text);
}
std::string themes_list() {
  return kThemeNames.list();
}

std::string_view to_string(CapacityArea area) {
  return kCapacityAreaNames.name(area);
}
std::optional<CapacityArea> capacity_area_from_string(std::string_view text) {
  return kCapacityAreaNames.parse(text);
}
std::string capacity_areas_list() {
  return kCapacityAreaNames.list();
}

std::string_view to_string(TreatyBasis basis) {
  return kTreatyBasisNames.name(basis);
}
std::optional<TreatyBasis> treaty_basis_from_string(std::string_view text) {
  return kTreatyBasisNames.parse(text);
}
std::string treaty_bases_list() {
  return kTreatyBasisNames.list();
}

std::string_view to_string(AssistanceKind kind) {
  return kKindNames.name(kind);
}
std::optional<AssistanceKind> assistance_kind_from_string(std::string_view text) {
  return kKindNames.parse(text);
}
std::string assistance_kinds_list() {
  return kKindNames.list();
}

std::string_view to_string(Modality modality) {
  return kModalityNames.name(modality);
}
std::optional<Modality> modality_from_string(std::string_view text) {
  return kModalityNames.parse(text);
}
std::string modalities_list() {
  return kModalityNames.list();
}

std::string_view to_string(Visibility visibility) {
  return kVisibilityNames.name(visibility);
}
std::optional<Visibility> visibility_from_string(std::string_view text) {
  return kVisibilityNames.parse(text);
}
std::string visibilities_list() {
  return kVisibilityNames.list();
}

std::string_view dac_sector(Theme theme) {
  return theme == Theme::salw_control ? "15240" : "15250";
}

}  // namespace concord::assistance
