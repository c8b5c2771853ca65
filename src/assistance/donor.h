// Donor: who gives assistance, a state or an organisation. Offers, matches and funding flows name
// their donor this way, and a caller acts as the donor its Principal belongs to (its state, else
// its organisation), never as another.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "access/principal.h"
#include "core/result.h"

namespace concord::assistance {

enum class DonorType { state, organisation };

struct Donor {
  DonorType type = DonorType::state;
  std::string ref;  // ISO 3166-1 alpha-2 for a state, an organisation id otherwise

  bool operator==(const Donor&) const = default;
  auto operator<=>(const Donor&) const = default;
};

std::string_view to_string(DonorType type);
std::optional<DonorType> donor_type_from_string(std::string_view text);

// "state:FR" or "organisation:01J...": one text for keys, CSV and the CLI.
std::string donor_key(const Donor& donor);
// Reads donor_key()'s text; invalid_argument naming `field` otherwise.
Result<Donor> parse_donor_key(std::string_view text, std::string_view field = "donor");

// The donor the caller acts as: its state when it has one, else its organisation.
// permission_denied when it has neither (operators, observers without a home).
Result<Donor> donor_of(const access::Principal& principal);

// The system principal, named `what` in the audit trail, acting as `donor`: donor_of() of it
// gives `donor` back. For the CLI, which names the donor on its command line.
access::Principal system_principal_for(const Donor& donor, std::string what);

}  // namespace concord::assistance
