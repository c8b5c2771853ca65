// IatiService: IATI 2.03 activity export and IATI 2.x activity import into funding flows.
// (Being built for issue 6; the contract is written as the methods land.)
#pragma once

#include "access/audit_trail.h"
#include "access/principal.h"
#include "core/clock.h"
#include "core/id.h"
#include "core/reference_data.h"
#include "core/result.h"
#include "store/database.h"

namespace concord::assistance {

class IatiService {
 public:
  // All references must outlive the service.
  IatiService(store::Database& db, const ReferenceData& reference, const Clock& clock,
              IdGenerator& ids, const access::AuditTrail& audit)
      : db_(db), reference_(reference), clock_(clock), ids_(ids), audit_(audit) {}

 private:
  store::Database& db_;
  const ReferenceData& reference_;
  const Clock& clock_;
  IdGenerator& ids_;
  const access::AuditTrail& audit_;
};

}  // namespace concord::assistance
