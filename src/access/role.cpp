#include "access/role.h"

#include "core/enum_names.h"

namespace concord::access {
namespace {

constexpr EnumNames<Role, 6> kRoleNames({{
    {Role::operator_, "operator"},
    {Role::national_contact, "national_contact"},
    {Role::tracing_officer, "tracing_officer"},
    {Role::assistance_officer, "assistance_officer"},
    {Role::analyst, "analyst"},
    {Role::civil_society, "civil_society"},
}});

}  // namespace

std::string_view to_string(Role role) {
  return kRoleNames.name(role);
}
std::optional<Role> role_from_string(std::string_view text) {
  return kRoleNames.parse(text);
}
std::string roles_list() {
  return kRoleNames.list();
}

bool reads_confidential_records(Role role) {
  // Operators count too: they can grant any role to anyone (docs/decisions.md 18).
  return role == Role::operator_ || role == Role::national_contact ||
         role == Role::tracing_officer || role == Role::analyst;
}

}  // namespace concord::access
