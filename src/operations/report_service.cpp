#include "operations/report_service.h"

#include <map>
#include <tuple>

#include "access/policy.h"
#include "core/error.h"
#include "operations/operations_writes.h"
#include "registry/weapon_record.h"

namespace concord::operations {
namespace {

// Pages through the registry: this many records a page (the store's largest page).
constexpr int kRecordPage = 1000;

}  // namespace

Result<std::vector<RiskEducationLine>> ReportService::risk_education(const access::Principal& actor,
                                                                     const std::string& state,
                                                                     const std::string& year_end) {
  std::vector<RiskEducationLine> lines;
  CONCORD_ASSIGN_OR_RETURN(const auto plans, plans_.list_plans(actor, state));
  for (const auto& plan : plans) {
    CONCORD_ASSIGN_OR_RETURN(const auto view, plans_.get_plan(actor, plan.id));
    for (const auto& obligation : view.obligations) {
      if (obligation.theme != assistance::Theme::risk_education) continue;
      RiskEducationLine line{obligation.id,
                             plan.id,
                             obligation.description,
                             obligation.unit,
                             obligation.baseline_quantity,
                             obligation.target_quantity,
                             obligation.effective_deadline(),
                             std::nullopt,
                             ""};
      CONCORD_ASSIGN_OR_RETURN(const auto reports,
                               plans_.list_progress_reports(actor, obligation.id));
      for (const auto& report : reports) {  // oldest as_of first: the last one in time wins
        if (report.as_of <= year_end) {
          line.achieved = report.achieved_quantity;
          line.achieved_as_of = report.as_of;
        }
      }
      lines.push_back(std::move(line));
    }
  }
  return lines;
}

Result<PoaInputs> ReportService::poa_inputs(const access::Principal& actor,
                                            const std::string& state, int year) {
  PoaInputs poa;
  auto system = marking_.get(actor, state);
  if (system.ok()) {
    poa.marking.published = true;
    poa.marking.version = system->version;
    poa.marking.published_at = system->published_at;
    poa.marking.description = system->description;
    poa.marking.manufacturer_codes = static_cast<int>(system->manufacturer_codes.size());
    poa.marking.country_marks = static_cast<int>(system->country_marks.size());
    poa.marking.proof_marks = static_cast<int>(system->proof_marks.size());
    poa.marking.year_codes = static_cast<int>(system->year_codes.size());
    poa.marking.importers = static_cast<int>(system->importers.size());
    poa.marking.import_mark_formats = static_cast<int>(system->import_mark_formats.size());
    poa.marking.serial_formats = static_cast<int>(system->serial_formats.size());
  } else if (system.error().code != ErrorCode::not_found) {
    return system.error();
  }

  std::map<std::pair<std::string, std::string>, std::int64_t> counts;
  registry::RecordFilter filter;
  filter.state = state;
  filter.limit = kRecordPage;
  for (;;) {
    CONCORD_ASSIGN_OR_RETURN(const auto page, records_.list(actor, filter));
    for (const auto& record : page.records) {
      if (record.state != state) continue;
      ++counts[{std::string(registry::to_string(record.kind)),
                std::string(registry::to_string(record.status))}];
    }
    if (!page.next_after) break;
    filter.after = *page.next_after;
  }
  for (const auto& [key, count] : counts)
    poa.records.push_back({key.first, key.second, count});

  poa.tracing.from = std::to_string(year) + "-01-01T00:00:00Z";
  poa.tracing.to = std::to_string(year + 1) + "-01-01T00:00:00Z";
  CONCORD_ASSIGN_OR_RETURN(const auto timeliness,
                           tracing_.timeliness(actor, poa.tracing.from, poa.tracing.to));
  for (const auto& figures : timeliness.states) {
    if (figures.state != state) continue;
    poa.tracing.received = figures.received;
    poa.tracing.acknowledged = figures.acknowledged;
    poa.tracing.answered = figures.answered;
    poa.tracing.median_hours_to_acknowledge = figures.median_hours_to_acknowledge;
    poa.tracing.median_hours_to_answer = figures.median_hours_to_answer;
    poa.tracing.share_answered_by_due_date = figures.share_answered_by_due_date;
    poa.tracing.overdue_now = figures.overdue_now;
  }
  CONCORD_ASSIGN_OR_RETURN(poa.given, profiles_.funding_given(actor, state, year));
  return poa;
}

Result<TransparencyReport> ReportService::draft(const access::Principal& actor, ReportKind kind,
                                                const std::string& state, int year) {
  CONCORD_TRY(check_known_state(profiles_.reference(), state));
  const access::RecordAccess owned{state, access::Sharing::private_, {}};
  if (auto allowed = access::authorize(actor, kDraftAction, &owned); !allowed.ok()) {
    if (allowed.error().code == ErrorCode::permission_denied) {
      return Error{ErrorCode::permission_denied,
                   "only the national contacts of " + state + " can draft its reports",
                   {}};
    }
    return allowed.error();
  }
  CONCORD_ASSIGN_OR_RETURN(const auto profile, profiles_.profile(actor, state, year));
  const std::string generated_at = format_iso8601(clock_.now());
  if (kind == ReportKind::ccm_article_7) {
    CONCORD_ASSIGN_OR_RETURN(const auto risk, risk_education(actor, state, profile.year_end));
    return ccm_article_7_report(profile, risk, profiles_.reference(), generated_at);
  }
  CONCORD_ASSIGN_OR_RETURN(const auto poa, poa_inputs(actor, state, year));
  return poa_national_report(profile, poa, profiles_.reference(), generated_at);
}

}  // namespace concord::operations
