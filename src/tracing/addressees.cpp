#include "tracing/addressees.h"

#include <set>

namespace concord::tracing {

AddresseeSuggestion suggest_addressees(const marking::DecodedMarkings& decoded,
                                       const std::string& record_country_of_manufacture,
                                       const std::string& requesting_state) {
  AddresseeSuggestion suggestion;
  std::set<std::string> considered;
  auto add = [&](const std::string& state, const std::string& role, const std::string& reason) {
    if (state.empty() || !considered.insert(state).second) return;
    if (state == requesting_state) {
      suggestion.notes.push_back(state + " would be asked as " + role + " (" + reason +
                                 "), but it is the requesting state: trace that step nationally");
      return;
    }
    suggestion.addressees.push_back({state, role, reason});
  };

  std::string decoded_reason =
      "the markings name " + decoded.country_of_manufacture + " as the country of manufacture";
  if (!decoded.explanations.empty()) decoded_reason += " (" + decoded.explanations.front() + ")";
  add(decoded.country_of_manufacture, "state_of_manufacture", decoded_reason);
  add(record_country_of_manufacture, "state_of_manufacture",
      decoded.country_of_manufacture.empty()
          ? "the record gives " + record_country_of_manufacture + " as the country of manufacture"
          : "the record gives " + record_country_of_manufacture +
                " as the country of manufacture, where the markings read " +
                decoded.country_of_manufacture);
  if (const marking::DecodedImport* last = decoded.last_import()) {
    std::string reason = "the last import mark names " + last->country;
    if (last->year) reason += " in " + std::to_string(*last->year);
    if (!last->importer.empty()) reason += " (importer " + last->importer + ")";
    add(last->country, "state_of_last_import", reason);
  }
  if (suggestion.addressees.empty() && suggestion.notes.empty()) {
    suggestion.notes.push_back(
        "neither the markings nor the record name a country of manufacture or import: choose "
        "the addressees yourself");
  }
  return suggestion;
}

}  // namespace concord::tracing
