// Organisation: an international, regional or non-governmental body that takes part in Concord
// (a UN office, a police body, a regional centre, a donor agency, a civil-society group).
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace concord::directory {

enum class OrganisationKind {
  united_nations,
  intergovernmental,
  regional,
  law_enforcement,
  donor_agency,
  non_governmental,
  academic,
  industry,
};

std::string_view to_string(OrganisationKind kind);
std::optional<OrganisationKind> organisation_kind_from_string(std::string_view text);
// "united_nations, intergovernmental, ..." for error messages and help.
std::string organisation_kinds_list();

struct Organisation {
  std::string id;
  std::string name;
  std::optional<std::string> acronym;
  OrganisationKind kind = OrganisationKind::intergovernmental;
  std::optional<std::string> headquarters;  // ISO 3166-1 alpha-2 of the seat
  std::optional<std::string> website;       // http(s) URL
  std::string created_at;                   // ISO 8601 UTC
};

// What a caller supplies to create an organisation; the service validates it.
struct NewOrganisation {
  std::string name;
  std::optional<std::string> acronym;
  std::string kind;
  std::optional<std::string> headquarters;
  std::optional<std::string> website;
};

}  // namespace concord::directory
