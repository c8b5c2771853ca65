// IatiService: IATI 2.03 activity export of the funding flows, and import of a donor's own IATI
// 2.x activity file into funding flows.
//
// Export needs `assistance.read` (anyone). Flows are public, but a flow tied to a restricted plan,
// obligation or need is left out for callers who may not see that part (plan_service.h
// sees_restricted_parts). Titles come from the need (or plan) a flow funds.
//
// Import needs `flows.record`. Every flow is the caller's donor's (donor_of: a donor imports the
// file it publishes itself), with source "iati" and activity = the iati-identifier. A broken file
// is invalid_argument naming line and element, and nothing is stored; otherwise all its flows are
// stored in one transaction with one audit entry and a change-feed entry per flow. Re-importing
// is idempotent: a transaction equal to a flow the donor already has in that activity (same kind,
// value date, amount, currency, recipient, sector and budget year, withdrawn flows included) is
// skipped and counted as a duplicate, each existing flow matching at most one transaction.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "access/audit_trail.h"
#include "access/principal.h"
#include "assistance/donor.h"
#include "assistance/iati_import.h"
#include "core/clock.h"
#include "core/id.h"
#include "core/reference_data.h"
#include "core/result.h"
#include "store/database.h"

namespace concord::assistance {

struct IatiExportFilter {
  std::optional<std::string> recipient_state;  // alpha-2
  std::optional<Donor> donor;
};

struct IatiImportReport {
  std::string version;  // of the file
  int activities = 0;   // iati-activity elements read
  int flows_created = 0;
  int duplicates = 0;  // transactions already imported (left alone)
  std::vector<IatiSkip> skipped;
  std::vector<std::string> notes;
  std::vector<std::string> flow_ids;  // of the flows created
};

class IatiService {
 public:
  // All references must outlive the service.
  IatiService(store::Database& db, const ReferenceData& reference, const Clock& clock,
              IdGenerator& ids, const access::AuditTrail& audit)
      : db_(db), reference_(reference), clock_(clock), ids_(ids), audit_(audit) {}

  // The IATI 2.03 document of the current, non-withdrawn flows that match `filter`.
  // invalid_argument (field "recipient_state") for a code that is not ISO 3166-1 alpha-2.
  Result<std::string> export_activities(const access::Principal& actor,
                                        const IatiExportFilter& filter);

  Result<IatiImportReport> import_activities(const access::Principal& actor,
                                             std::string_view xml_text);

 private:
  store::Database& db_;
  const ReferenceData& reference_;
  const Clock& clock_;
  IdGenerator& ids_;
  const access::AuditTrail& audit_;
};

}  // namespace concord::assistance
