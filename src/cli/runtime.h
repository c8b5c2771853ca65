// Runtime: the composition root that serve, migrate and demo share. It loads reference data,
// opens the database, applies migrations, builds the services and brings the states table in
// line with ISO 3166-1.
#pragma once

#include <memory>
#include <optional>
#include <string>

#include "access/audit_trail.h"
#include "access/identity_service.h"
#include "assistance/funding_service.h"
#include "assistance/iati_service.h"
#include "assistance/match_service.h"
#include "assistance/offer_service.h"
#include "assistance/plan_service.h"
#include "cli/options.h"
#include "core/clock.h"
#include "core/config.h"
#include "core/id.h"
#include "core/reference_data.h"
#include "directory/directory_service.h"
#include "marking/marking_system_store.h"
#include "notification/notification_services.h"
#include "operations/casualty_service.h"
#include "operations/hazard_service.h"
#include "operations/profile_service.h"
#include "operations/report_service.h"
#include "operations/stockpile_service.h"
#include "registry/cross_checker.h"
#include "registry/hit_service.h"
#include "registry/marking_index_feed.h"
#include "registry/record_service.h"
#include "registry/weapon_reference_service.h"
#include "search/marking_index.h"
#include "search/marking_search.h"
#include "store/database.h"
#include "tracing/tracing_service.h"

namespace concord::cli {

// Services hold references to what is declared before them; each lives behind a unique_ptr so
// that moving the Runtime keeps those references valid.
struct Runtime {
  Config config;
  std::shared_ptr<const ReferenceData> reference;
  std::unique_ptr<Clock> clock;
  std::unique_ptr<IdGenerator> ids;
  std::unique_ptr<store::Database> db;
  int schema_version = 0;
  std::unique_ptr<access::AuditTrail> audit;
  std::unique_ptr<access::IdentityService> identity;
  std::unique_ptr<directory::DirectoryService> directory;
  // Empty until load_marking_index(): only the commands that search need it.
  std::unique_ptr<search::MarkingIndex> marking_index;
  std::unique_ptr<search::MarkingSearch> marking_search;
  std::unique_ptr<registry::MarkingIndexFeed> marking_feed;
  // Weapon records: enter, modify, locate, clear, cancel, confirm, read, attachments.
  std::unique_ptr<registry::RecordService> records;
  std::unique_ptr<registry::HitService> hits;
  // Checks new and changed records against the index; serve starts it once the index is loaded.
  std::unique_ptr<registry::CrossChecker> cross_checker;
  // Inboxes and webhook subscriptions (serve also runs the webhook dispatcher).
  std::unique_ptr<notification::NotificationServices> notifications;
  // National marking systems: publish, read, decode.
  std::unique_ptr<marking::MarkingSystemService> marking_systems;
  // The weapon reference table: makes, models, calibres, look-alikes; suggestions; CSV.
  std::unique_ptr<registry::ReferenceService> reference_table;
  // Tracing requests between states (serve also runs their reminder sweep).
  std::unique_ptr<tracing::TracingService> tracing;
  // Assistance: plans and needs, offers, matching, funding flows and views, IATI.
  std::unique_ptr<assistance::PlanService> plans;
  std::unique_ptr<assistance::OfferService> offers;
  std::unique_ptr<assistance::MatchService> matches;
  std::unique_ptr<assistance::FundingService> funding;
  std::unique_ptr<assistance::IatiService> iati;
  // Operations: stockpiles and deadlines, hazardous areas and land release, casualties and
  // victim assistance.
  std::unique_ptr<operations::StockpileService> stockpiles;
  std::unique_ptr<operations::HazardService> hazards;
  std::unique_ptr<operations::CasualtyService> casualties;
  // Country profiles and draft transparency reports, built from the services above.
  std::unique_ptr<operations::ProfileService> profiles;
  std::unique_ptr<operations::ReportService> reports;
};

// Reports progress on standard error. On failure prints the reason and returns the exit code to
// use (kUsage for reference data, kDatabase for the store).
Result<Runtime> open_runtime(const Config& config, int& exit_code);

// Builds the marking index from the store, reporting progress on standard error.
Result<void> load_marking_index(Runtime& runtime);

// Loads the configuration from `options`, then open_runtime(); logs any failure and returns
// nullopt with `exit_code` set.
std::optional<Runtime> open_runtime_or_log(const SharedOptions& options, int& exit_code);

// Opens the runtime, runs `work(runtime)` and hands what it returns to `print(value, reference)`,
// or reports its failure under `command` (report_failure); sets `exit_code` either way.
template <typename Work, typename Print>
void run_and_print(const SharedOptions& shared, const std::string& command, int& exit_code,
                   Work&& work, Print&& print) {
  auto runtime = open_runtime_or_log(shared, exit_code);
  if (!runtime) return;
  auto done = work(*runtime);
  if (!done.ok()) {
    report_failure(command, done.error(), exit_code);
    return;
  }
  print(*done, *runtime->reference);
  exit_code = kSuccess;
}

}  // namespace concord::cli
