// The vocabularies of assistance: what an obligation, need or offer is about (Theme, and for SALW
// control its CapacityArea), the treaty it comes from, what kind of help is asked or offered, how
// the help is given, and who may see a part of a plan. Names come only from here.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace concord::assistance {

enum class Theme {
  stockpile_destruction,
  clearance,
  victim_assistance,
  risk_education,
  salw_control,
};

// What SALW control capacity an obligation builds (Programme of Action III.6).
enum class CapacityArea {
  marking,
  record_keeping,
  tracing,
  stockpile_management,
  legislation,
  training,
};

enum class TreatyBasis { ccm, apmbc, poa_iti, att };

// What is needed or offered.
enum class AssistanceKind { funding, equipment, expertise, training };

enum class Modality { grant, in_kind, technical_cooperation, loan };

// Plans are public by default; a state may restrict a part of one to the assistance community
// (signed-in national contacts, assistance officers, analysts and operators), never to nobody.
enum class Visibility { public_, restricted };

std::string_view to_string(Theme theme);
std::optional<Theme> theme_from_string(std::string_view text);
std::string themes_list();

std::string_view to_string(CapacityArea area);
std::optional<CapacityArea> capacity_area_from_string(std::string_view text);
std::string capacity_areas_list();

std::string_view to_string(TreatyBasis basis);
std::optional<TreatyBasis> treaty_basis_from_string(std::string_view text);
std::string treaty_bases_list();

std::string_view to_string(AssistanceKind kind);
std::optional<AssistanceKind> assistance_kind_from_string(std::string_view text);
std::string assistance_kinds_list();

std::string_view to_string(Modality modality);
std::optional<Modality> modality_from_string(std::string_view text);
std::string modalities_list();

std::string_view to_string(Visibility visibility);
std::optional<Visibility> visibility_from_string(std::string_view text);
std::string visibilities_list();

// The OECD DAC purpose code that IATI and the funding views use for a theme: 15250 (removal of
// land mines and explosive remnants of war) for destruction, clearance, victim assistance and
// risk education; 15240 (reintegration and SALW control) for SALW control.
std::string_view dac_sector(Theme theme);

}  // namespace concord::assistance
