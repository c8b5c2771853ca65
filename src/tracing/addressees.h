// Who a tracing request should go to, worked out from the weapon's decoded markings (ITI §§16-17):
// the state of manufacture first, then the state of last import, each with the reason in words.
// The sender confirms or changes the list. Pure; thread-safe.
#pragma once

#include <string>
#include <vector>

#include "marking/marking_system.h"

namespace concord::tracing {

struct SuggestedAddressee {
  std::string state;   // ISO 3166-1 alpha-2
  std::string role;    // "state_of_manufacture", "state_of_last_import"
  std::string reason;  // "the markings name Belgium as the country of manufacture (FN system)"
};

struct AddresseeSuggestion {
  std::vector<SuggestedAddressee> addressees;  // in the order to ask them
  std::vector<std::string> notes;              // what was left out, and why
};

// From the decoded markings and the record's own country_of_manufacture field: the decoded
// country of manufacture (else the record's), the record's when it differs from the decoded one,
// then the country of the last import. Each state appears once, at its first role; the
// requesting state is left out with a note (a state traces its own weapons nationally).
AddresseeSuggestion suggest_addressees(const marking::DecodedMarkings& decoded,
                                       const std::string& record_country_of_manufacture,
                                       const std::string& requesting_state);

}  // namespace concord::tracing
