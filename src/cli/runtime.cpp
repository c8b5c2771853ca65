#include "cli/runtime.h"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <chrono>

#include "cli/options.h"
#include "store/migrations.h"

namespace concord::cli {

Result<Runtime> open_runtime(const Config& config, int& exit_code) {
  Runtime runtime;
  runtime.config = config;
  auto reference = ReferenceData::load(config.iso_codes_dir);
  if (!reference.ok()) {
    exit_code = kUsage;
    return std::move(reference).error();
  }
  runtime.reference = std::move(reference).value();

  exit_code = kDatabase;
  store::DatabaseOptions options;
  options.pool_size = config.db_pool_size;
  CONCORD_ASSIGN_OR_RETURN(runtime.db, store::open_database(config.db, options));
  CONCORD_ASSIGN_OR_RETURN(
      runtime.schema_version, store::migrate(*runtime.db, [](const store::Migration& migration) {
        spdlog::info("applying migration {:04d} {}", migration.version, migration.name);
      }));
  runtime.clock = std::make_unique<SystemClock>();
  runtime.ids = std::make_unique<IdGenerator>(*runtime.clock);
  runtime.audit = std::make_unique<access::AuditTrail>(*runtime.clock);
  runtime.identity = std::make_unique<access::IdentityService>(
      *runtime.db, *runtime.reference, *runtime.clock, *runtime.ids, *runtime.audit);
  runtime.directory = std::make_unique<directory::DirectoryService>(
      *runtime.db, *runtime.reference, *runtime.clock, *runtime.ids, *runtime.audit);
  runtime.marking_index = std::make_unique<search::MarkingIndex>();
  runtime.marking_search = std::make_unique<search::MarkingSearch>(*runtime.marking_index);
  runtime.marking_feed =
      std::make_unique<registry::MarkingIndexFeed>(*runtime.db, *runtime.marking_index);
  {
    registry::RecordServiceOptions record_options;
    // Over the API an attachment is one request body, so the smaller limit applies.
    record_options.max_attachment_bytes =
        std::min(store::kMaxAttachmentBytes, config.body_limit_bytes);
    runtime.records =
        std::make_unique<registry::RecordService>(*runtime.db, *runtime.reference, *runtime.clock,
                                                  *runtime.ids, *runtime.audit, record_options);
  }
  runtime.hits =
      std::make_unique<registry::HitService>(*runtime.db, *runtime.clock, *runtime.audit);
  registry::CrossCheckOptions cross_check;
  cross_check.threshold = config.cross_check_threshold_percent / 100.0;
  runtime.cross_checker = std::make_unique<registry::CrossChecker>(
      *runtime.db, *runtime.marking_index,
      [feed = runtime.marking_feed.get()] { return feed->position(); }, *runtime.ids,
      *runtime.clock, *runtime.audit, cross_check);
  runtime.notifications = std::make_unique<notification::NotificationServices>(
      *runtime.db, *runtime.clock, *runtime.ids, *runtime.audit);
  runtime.marking_systems = std::make_unique<marking::MarkingSystemService>(
      *runtime.db, *runtime.reference, *runtime.clock, *runtime.audit);
  runtime.reference_table = std::make_unique<registry::ReferenceService>(
      *runtime.db, *runtime.reference, *runtime.clock, *runtime.ids, *runtime.audit);
  {
    tracing::TracingServiceOptions tracing_options;
    // Over the API an attachment is one request body, so the smaller limit applies.
    tracing_options.max_attachment_bytes =
        std::min(store::kMaxAttachmentBytes, config.body_limit_bytes);
    runtime.tracing =
        std::make_unique<tracing::TracingService>(*runtime.db, *runtime.reference, *runtime.clock,
                                                  *runtime.ids, *runtime.audit, tracing_options);
  }
  runtime.plans = std::make_unique<assistance::PlanService>(
      *runtime.db, *runtime.reference, *runtime.clock, *runtime.ids, *runtime.audit);
  runtime.offers = std::make_unique<assistance::OfferService>(
      *runtime.db, *runtime.reference, *runtime.clock, *runtime.ids, *runtime.audit);
  runtime.matches = std::make_unique<assistance::MatchService>(
      *runtime.db, *runtime.reference, *runtime.clock, *runtime.ids, *runtime.audit);
  runtime.funding = std::make_unique<assistance::FundingService>(
      *runtime.db, *runtime.reference, *runtime.clock, *runtime.ids, *runtime.audit);
  runtime.iati = std::make_unique<assistance::IatiService>(
      *runtime.db, *runtime.reference, *runtime.clock, *runtime.ids, *runtime.audit);
  runtime.stockpiles = std::make_unique<operations::StockpileService>(
      *runtime.db, *runtime.reference, *runtime.clock, *runtime.ids, *runtime.audit);
  runtime.hazards = std::make_unique<operations::HazardService>(
      *runtime.db, *runtime.reference, *runtime.clock, *runtime.ids, *runtime.audit);
  runtime.casualties = std::make_unique<operations::CasualtyService>(
      *runtime.db, *runtime.reference, *runtime.clock, *runtime.ids, *runtime.audit);
  runtime.profiles = std::make_unique<operations::ProfileService>(
      *runtime.stockpiles, *runtime.hazards, *runtime.casualties, *runtime.funding,
      *runtime.reference, *runtime.clock);
  runtime.reports = std::make_unique<operations::ReportService>(
      *runtime.profiles, *runtime.plans, *runtime.marking_systems, *runtime.records,
      *runtime.tracing, *runtime.clock);
  CONCORD_ASSIGN_OR_RETURN(const int changed, runtime.directory->sync_states());
  if (changed > 0)
    spdlog::info("reference data: {} states added or updated from ISO 3166-1", changed);
  exit_code = kSuccess;
  return runtime;
}

Result<void> load_marking_index(Runtime& runtime) {
  const auto started = std::chrono::steady_clock::now();
  auto last_report = started;
  CONCORD_ASSIGN_OR_RETURN(const std::size_t count,
                           runtime.marking_feed->load([&](std::size_t so_far) {
                             const auto now = std::chrono::steady_clock::now();
                             if (now - last_report < std::chrono::seconds(2)) return;
                             last_report = now;
                             spdlog::info("marking index: {} records read", so_far);
                           }));
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  spdlog::info(
      "marking index: {} records in {:.1f} s ({:.0f} bytes of index per record)", count, seconds,
      count > 0
          ? static_cast<double>(runtime.marking_index->index_bytes()) / static_cast<double>(count)
          : 0.0);
  return {};
}

std::optional<Runtime> open_runtime_or_log(const SharedOptions& options, int& exit_code) {
  auto config = options.load();
  if (!config.ok()) {
    spdlog::error("{}", config.error().message);
    exit_code = kUsage;
    return std::nullopt;
  }
  auto runtime = open_runtime(*config, exit_code);
  if (!runtime.ok()) {
    spdlog::error("{}", runtime.error().message);
    return std::nullopt;
  }
  return std::move(runtime).value();
}

}  // namespace concord::cli
