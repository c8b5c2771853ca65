// Who may read which audit entries: operators all of them, a state's national contact those about
// its own records. Decided here with the policy, so the API only passes the request through.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "access/audit_trail.h"
#include "access/principal.h"
#include "store/database.h"

namespace concord::access {

// Entries recorded at or after `since`, about `state`'s records when given, oldest first, at most
// `limit`. An operator may ask for any state or none; anyone else allowed "audit.read" must name
// their own state (and gets it by default). Refusals come from authorize().
Result<std::vector<AuditEntry>> read_audit_entries(const AuditTrail& trail, store::Database& db,
                                                   const Principal& reader,
                                                   const std::string& since,
                                                   std::optional<std::string> state, int limit);

}  // namespace concord::access
