// ReportService: drafts a state's transparency reports (transparency_report.h) for a year from
// its country profile and the other areas' figures: the risk education obligations of its
// assistance plans and their progress (PlanService), its published marking system
// (MarkingSystemService), counts of its weapon records (RecordService), the tracing timeliness of
// the year (TracingService) and the funding it gave as a donor (ProfileService).
//
// Drafting needs `reports.draft`: a national contact of the state itself (the system principal,
// for the CLI, drafts for any state); another state's contact is refused (permission_denied).
// Nothing is stored: a draft is computed each time from the records.
#pragma once

#include <string>

#include "access/principal.h"
#include "assistance/plan_service.h"
#include "core/clock.h"
#include "core/result.h"
#include "marking/marking_system_store.h"
#include "operations/profile_service.h"
#include "operations/transparency_report.h"
#include "registry/record_service.h"
#include "tracing/tracing_service.h"

namespace concord::operations {

inline constexpr std::string_view kDraftAction = "reports.draft";

class ReportService {
 public:
  // All references must outlive the service.
  ReportService(ProfileService& profiles, assistance::PlanService& plans,
                marking::MarkingSystemService& marking, registry::RecordService& records,
                tracing::TracingService& tracing, const Clock& clock)
      : profiles_(profiles),
        plans_(plans),
        marking_(marking),
        records_(records),
        tracing_(tracing),
        clock_(clock) {}

  // invalid_argument "state" or "year" as ProfileService::profile; permission_denied (or
  // unauthenticated) unless `actor` may draft for `state`.
  Result<TransparencyReport> draft(const access::Principal& actor, ReportKind kind,
                                   const std::string& state, int year);

 private:
  Result<std::vector<RiskEducationLine>> risk_education(const access::Principal& actor,
                                                        const std::string& state,
                                                        const std::string& year_end);
  Result<PoaInputs> poa_inputs(const access::Principal& actor, const std::string& state, int year);

  ProfileService& profiles_;
  assistance::PlanService& plans_;
  marking::MarkingSystemService& marking_;
  registry::RecordService& records_;
  tracing::TracingService& tracing_;
  const Clock& clock_;
};

}  // namespace concord::operations
