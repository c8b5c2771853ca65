// StockpileService: a state's declared stockpiles, destruction events, quantities retained under
// CCM Article 3(6), its treaty deadlines, and destruction progress against them.
//
// Writes need `operations.record` and are made only for the caller's own state (the system
// principal names the state); see operations_writes.h. Each write validates in full first
// (invalid_argument naming the field, nothing stored), then stores, audits and appends to the
// change feed (area "operations") in one transaction. Records are only ever appended; a deadline
// is replaced. Reads need `operations.read` (anyone: these are the figures states publish).
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
#include "operations/destruction_progress.h"
#include "operations/treaty_deadline.h"
#include "store/database.h"

namespace concord::operations {

class StockpileService {
 public:
  // All references must outlive the service.
  StockpileService(store::Database& db, const ReferenceData& reference, const Clock& clock,
                   IdGenerator& ids, const access::AuditTrail& audit)
      : db_(db), reference_(reference), clock_(clock), ids_(ids), audit_(audit) {}

  // Each returns the stored record with its id. Dates in the future are refused.
  Result<StockpileDeclaration> declare(const access::Principal& actor,
                                       StockpileDeclaration declaration);
  Result<DestructionEvent> record_destruction(const access::Principal& actor,
                                              DestructionEvent event);
  Result<RetainedQuantity> record_retained(const access::Principal& actor,
                                           RetainedQuantity retained);
  // Every stockpile record of the state.
  Result<StockpileRecords> records(const access::Principal& reader, const std::string& state);

  // Sets (or replaces) a deadline: the category is required exactly for stockpile_destruction;
  // extended_to, when given, must fall after the date.
  Result<TreatyDeadline> set_deadline(const access::Principal& actor, TreatyDeadline deadline);
  Result<std::vector<TreatyDeadline>> deadlines(const access::Principal& reader,
                                                const std::string& state);

  // destruction_progress() of the state's records for `query` (query.deadline, when absent, is
  // filled from the state's stockpile_destruction deadline for the category, CCM before APMBC;
  // query.on, when empty, is today).
  Result<DestructionProgress> progress(const access::Principal& reader, ProgressQuery query);

  // Today by the service's clock, YYYY-MM-DD: the day progress() reads when none is given.
  std::string today() const;

 private:
  store::Database& db_;
  const ReferenceData& reference_;
  const Clock& clock_;
  IdGenerator& ids_;
  const access::AuditTrail& audit_;
};

}  // namespace concord::operations
