#include "directory/organisation.h"

#include "core/enum_names.h"

namespace concord::directory {
namespace {

constexpr EnumNames<OrganisationKind, 8> kKindNames({{
    {OrganisationKind::united_nations, "united_nations"},
    {OrganisationKind::intergovernmental, "intergovernmental"},
    {OrganisationKind::regional, "regional"},
    {OrganisationKind::law_enforcement, "law_enforcement"},
    {OrganisationKind::donor_agency, "donor_agency"},
    {OrganisationKind::non_governmental, "non_governmental"},
    {OrganisationKind::academic, "academic"},
    {OrganisationKind::industry, "industry"},
}});

}  // namespace

std::string_view to_string(OrganisationKind kind) {
  return kKindNames.name(kind);
}

std::optional<OrganisationKind> organisation_kind_from_string(std::string_view text) {
  return kKindNames.parse(text);
}

std::string organisation_kinds_list() {
  return kKindNames.list();
}

}  // namespace concord::directory
