#include "access/role.h"

#include <array>
#include <utility>

namespace concord::access {
namespace {

constexpr std::array<std::pair<Role, std::string_view>, 6> kRoleNames = {{
    {Role::operator_, "operator"},
    {Role::national_contact, "national_contact"},
    {Role::tracing_officer, "tracing_officer"},
    {Role::assistance_officer, "assistance_officer"},
    {Role::analyst, "analyst"},
    {Role::civil_society, "civil_society"},
}};

}  // namespace

std::string_view to_string(Role role) {
  for (const auto& [value, name] : kRoleNames) {
    if (value == role) return name;
  }
  return "civil_society";
}

std::optional<Role> role_from_string(std::string_view text) {
  for (const auto& [value, name] : kRoleNames) {
    if (name == text) return value;
  }
  return std::nullopt;
}

std::string roles_list() {
  std::string out;
  for (const auto& [value, name] : kRoleNames) {
    if (!out.empty()) out += ", ";
    out += name;
  }
  return out;
}

bool reads_confidential_records(Role role) {
  return role == Role::operator_ || role == Role::national_contact ||
         role == Role::tracing_officer || role == Role::analyst;
}

}  // namespace concord::access
