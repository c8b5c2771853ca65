#include "directory/organisation.h"

#include <array>
#include <utility>

namespace concord::directory {
namespace {

constexpr std::array<std::pair<OrganisationKind, std::string_view>, 8> kKindNames = {{
    {OrganisationKind::united_nations, "united_nations"},
    {OrganisationKind::intergovernmental, "intergovernmental"},
    {OrganisationKind::regional, "regional"},
    {OrganisationKind::law_enforcement, "law_enforcement"},
    {OrganisationKind::donor_agency, "donor_agency"},
    {OrganisationKind::non_governmental, "non_governmental"},
    {OrganisationKind::academic, "academic"},
    {OrganisationKind::industry, "industry"},
}};

}  // namespace

std::string_view to_string(OrganisationKind kind) {
  for (const auto& [value, name] : kKindNames) {
    if (value == kind) return name;
  }
  return "intergovernmental";
}

std::optional<OrganisationKind> organisation_kind_from_string(std::string_view text) {
  for (const auto& [value, name] : kKindNames) {
    if (name == text) return value;
  }
  return std::nullopt;
}

std::string organisation_kinds_list() {
  std::string out;
  for (const auto& [value, name] : kKindNames) {
    if (!out.empty()) out += ", ";
    out += name;
  }
  return out;
}

}  // namespace concord::directory
