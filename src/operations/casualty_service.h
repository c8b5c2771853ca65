// CasualtyService: casualty statistics (counts, never people) and victim assistance services
// with their coverage.
//
// Writes need `operations.record`, for the caller's own state only (operations_writes.h); a batch
// of casualty rows is stored all or nothing, and a bad row is refused naming it ("rows[3].sex").
// Reads need `operations.read` (anyone).
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
#include "operations/casualties.h"
#include "operations/victim_assistance.h"
#include "store/database.h"

namespace concord::operations {

class CasualtyService {
 public:
  // All references must outlive the service.
  CasualtyService(store::Database& db, const ReferenceData& reference, const Clock& clock,
                  IdGenerator& ids, const access::AuditTrail& audit)
      : db_(db), reference_(reference), clock_(clock), ids_(ids), audit_(audit) {}

  // Stores every row for `state` (each row's own state and id are set here), or none. A year
  // after the current one is refused.
  Result<std::vector<CasualtyCount>> record_casualties(const access::Principal& actor,
                                                       const std::string& state,
                                                       std::vector<CasualtyCount> rows);
  Result<std::vector<CasualtyCount>> casualties(const access::Principal& reader,
                                                const std::string& state, std::optional<int> year);
  // summarise() of the state's rows of `year`.
  Result<CasualtySummary> summary(const access::Principal& reader, const std::string& state,
                                  int year);

  // invalid_argument naming the field: year, service, area and provider (1 to 200 characters),
  // people_reached (>= 0), people_in_need (> 0).
  Result<VictimService> record_victim_service(const access::Principal& actor,
                                              VictimService service);
  Result<std::vector<VictimService>> victim_services(const access::Principal& reader,
                                                     const std::string& state,
                                                     std::optional<int> year);

 private:
  store::Database& db_;
  const ReferenceData& reference_;
  const Clock& clock_;
  IdGenerator& ids_;
  const access::AuditTrail& audit_;
};

}  // namespace concord::operations
