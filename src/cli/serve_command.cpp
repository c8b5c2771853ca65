#include <spdlog/spdlog.h>

#include <chrono>
#include <iostream>

#include "api/api.h"
#include "cli/commands.h"
#include "cli/options.h"
#include "cli/runtime.h"
#include "core/periodic_task.h"
#include "http/server.h"
#include "notification/webhook_dispatcher.h"

namespace concord::cli {
namespace {

// Composition: configuration -> store -> services -> routes -> server.
int serve(const Config& config) {
  int exit_code = kSuccess;
  auto runtime = open_runtime(config, exit_code);
  if (!runtime.ok()) {
    spdlog::error("{}", runtime.error().message);
    return exit_code;
  }
  if (auto loaded = load_marking_index(*runtime); !loaded.ok()) {
    spdlog::error("{}", loaded.error().message);
    return kDatabase;
  }
  // Follow writes made through any node, so each is searchable here within about this long.
  runtime->marking_feed->start(std::chrono::milliseconds(250));
  // Check every record the index holds that the shared cursor has not reached (records imported
  // while no server ran first), then each new or changed one as the index takes it in.
  runtime->cross_checker->start(std::chrono::milliseconds(250));
  http::Metrics metrics;
  api::Services services{*runtime->db,         metrics,
                         *runtime->audit,      *runtime->identity,
                         *runtime->directory,  *runtime->marking_search,
                         config.secure_cookies};
  services.hits = runtime->hits.get();
  services.records = runtime->records.get();
  services.notifications = runtime->notifications.get();
  services.marking_systems = runtime->marking_systems.get();
  services.reference_table = runtime->reference_table.get();
  services.tracing = runtime->tracing.get();
  services.plans = runtime->plans.get();
  services.offers = runtime->offers.get();
  services.matches = runtime->matches.get();
  services.funding = runtime->funding.get();
  services.iati = runtime->iati.get();
  services.stockpiles = runtime->stockpiles.get();
  services.hazards = runtime->hazards.get();
  services.casualties = runtime->casualties.get();
  services.profiles = runtime->profiles.get();
  services.reports = runtime->reports.get();
  // Remind addressed states before due dates and flag overdue legs, once each, every minute.
  PeriodicTask tracing_reminders([&runtime] {
    auto sweep = runtime->tracing->send_reminders(runtime->clock->now());
    if (!sweep.ok()) {
      spdlog::warn("tracing reminders: {}", sweep.error().message);
    } else if (sweep->reminders + sweep->overdue > 0) {
      spdlog::info("tracing reminders: {} reminders, {} overdue notices", sweep->reminders,
                   sweep->overdue);
    }
  });
  tracing_reminders.start(std::chrono::minutes(1));
  // Remind each state, at most once per validation period, of records not confirmed within it.
  PeriodicTask validation_reminders([&runtime] {
    auto reminded = runtime->records->send_validation_reminders();
    if (!reminded.ok()) {
      spdlog::warn("validation reminders: {}", reminded.error().message);
    } else if (*reminded > 0) {
      spdlog::info("validation reminders: {} states reminded", *reminded);
    }
  });
  validation_reminders.start(std::chrono::hours(1));
  // Deliver queued webhooks from the shared outbox; safe with several nodes on one database.
  auto webhook_sender = notification::make_http_sender();
  notification::WebhookDispatcher webhook_dispatcher(*runtime->db, *runtime->clock,
                                                     *webhook_sender);
  webhook_dispatcher.start(std::chrono::seconds(1));
  const http::Router router = api::build_router(services);

  auto address = parse_host_port(config.listen);
  if (!address.ok()) {
    spdlog::error("{}", address.error().message);
    return kUsage;
  }
  http::ServerOptions options;
  options.host = address->host;
  options.port = address->port;
  options.workers = config.workers;
  options.body_limit_bytes = static_cast<std::uint64_t>(config.body_limit_bytes);
  options.header_limit_bytes = static_cast<std::uint32_t>(config.header_limit_bytes);
  options.request_timeout_seconds = config.request_timeout_seconds;
  options.shutdown_grace_seconds = config.shutdown_grace_seconds;
  options.access_log = config.access_log;
  http::Server server(options, router, metrics);
  if (auto listening = server.listen(); !listening.ok()) {
    spdlog::error("{}", listening.error().message);
    return kListen;
  }
  const std::string host =
      address->host.find(':') != std::string::npos ? "[" + address->host + "]" : address->host;
  // Scripts and tests read this line to learn the port when --listen asks for port 0.
  std::cerr << "Concord is serving on http://" << host << ":" << server.port() << "  (database "
            << redact_credentials(config.db) << ", schema " << runtime->schema_version
            << "). Stop with Ctrl-C." << std::endl;
  server.run();
  tracing_reminders.stop();
  validation_reminders.stop();
  webhook_dispatcher.stop();
  runtime->cross_checker->stop();
  runtime->marking_feed->stop();
  spdlog::info("stopped; closing the database");
  return kSuccess;
}

}  // namespace

void add_serve_command(CLI::App& app, int& exit_code) {
  auto* command = app.add_subcommand(
      "serve", "Apply migrations, then serve the HTTP API until SIGTERM or SIGINT");
  auto options = std::make_shared<SharedOptions>();
  options->add_to(*command, /*all_settings=*/true);
  auto print_config = std::make_shared<bool>(false);
  command->add_flag("--print-config", *print_config,
                    "Print the effective configuration as TOML, with where each value came from, "
                    "and exit");
  command->callback([options, print_config, &exit_code] {
    auto config = options->load();
    if (!config.ok()) {
      spdlog::error("{}", config.error().message);
      exit_code = kUsage;
      return;
    }
    if (*print_config) {
      std::cout << to_toml(*config);
      exit_code = kSuccess;
      return;
    }
    spdlog::set_level(spdlog::level::from_str(config->log_level));
    exit_code = serve(*config);
  });
}

}  // namespace concord::cli
