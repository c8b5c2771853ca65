// DirectoryService: the domain rules for states and organisations. Every write commits (and
// appends to the change feed) before the call returns. Thread-safe: holds no mutable state of its
// own; the Database serialises as needed.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "access/audit_trail.h"
#include "access/principal.h"
#include "core/clock.h"
#include "core/id.h"
#include "core/reference_data.h"
#include "core/result.h"
#include "directory/organisation.h"
#include "directory/state.h"
#include "store/database.h"

namespace concord::directory {

struct OrganisationPage {
  std::vector<Organisation> organisations;
  std::optional<std::string> next_after;  // pass as `after` for the next page; nullopt at the end
};

class DirectoryService {
 public:
  // All references must outlive the service.
  DirectoryService(store::Database& db, const ReferenceData& reference, const Clock& clock,
                   IdGenerator& ids, const access::AuditTrail& audit);

  // Makes the states table match ISO 3166-1 from iso-codes: inserts new entries and updates
  // changed names. Returns how many rows changed (0 when already in sync).
  Result<int> sync_states();

  Result<std::vector<State>> list_states();
  // `alpha2` is matched case-insensitively; not_found (field "alpha2") when unknown.
  Result<State> get_state(const std::string& alpha2);

  // Organisations in creation order, `limit` at a time, starting after the id `after`.
  Result<OrganisationPage> list_organisations(int limit, const std::optional<std::string>& after);
  Result<Organisation> get_organisation(const std::string& id);

  // Validates and stores a new organisation, with its audit entry, when the policy lets `actor`
  // create organisations. Errors name the field: invalid_argument for bad values, already_exists
  // (field "name") when the name is taken, case-insensitively.
  Result<Organisation> create_organisation(const access::Principal& actor,
                                           const NewOrganisation& input);

 private:
  store::Database& db_;
  const ReferenceData& reference_;
  const Clock& clock_;
  IdGenerator& ids_;
  const access::AuditTrail& audit_;
};

}  // namespace concord::directory
