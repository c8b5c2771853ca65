// Role: what a user may do for their state or organisation. A user holds one or more.
#pragma once

#include <optional>
#include <set>
#include <string>
#include <string_view>

namespace concord::access {

enum class Role {
  operator_,           // runs the deployment: states, organisations, users, keys
  national_contact,    // acts for the state: answers tracing requests, publishes plans
  tracing_officer,     // records weapons, searches, sends tracing requests
  assistance_officer,  // needs, offers, pledges
  analyst,             // reads what their state may read
  civil_society,       // public data only
};

// "operator", "national_contact", ...
std::string_view to_string(Role role);
std::optional<Role> role_from_string(std::string_view text);
// "operator, national_contact, ..." for errors and help.
std::string roles_list();

using Roles = std::set<Role>;

// Roles that may read confidential (law-enforcement) records, and so must use a second factor.
bool reads_confidential_records(Role role);

}  // namespace concord::access
