#include <spdlog/spdlog.h>

#include <iomanip>
#include <iostream>

#include "cli/commands.h"
#include "cli/options.h"
#include "cli/runtime.h"
#include "demo/demo_assistance.h"
#include "demo/demo_data.h"
#include "demo/demo_operations.h"
#include "demo/demo_tracing.h"
#include "demo/demo_weapons.h"

namespace concord::cli {

void add_demo_command(CLI::App& app, int& exit_code) {
  auto* command = app.add_subcommand(
      "demo", "Migrate a database and fill it with generated demo data (does not serve it)");
  auto options = std::make_shared<SharedOptions>();
  options->add_to(*command, /*all_settings=*/false);
  auto demo_options = std::make_shared<demo::DemoOptions>();
  command
      ->add_option("--seed", demo_options->seed,
                   "Seed of the generators; the same seed gives the same data")
      ->capture_default_str();
  auto weapons = std::make_shared<std::size_t>(20000);
  command
      ->add_option("--weapons", *weapons,
                   "How many synthetic weapon records to add for the marking search")
      ->capture_default_str();
  command->callback([options, demo_options, weapons, &exit_code] {
    auto runtime = open_runtime_or_log(*options, exit_code);
    if (!runtime) return;
    auto summary = demo::fill_demo_data(*runtime->directory, *runtime->identity,
                                        *runtime->reference, *demo_options,
                                        [](const std::string& line) { std::cerr << line << "\n"; });
    if (!summary.ok()) {
      spdlog::error("demo data: {}", summary.error().message);
      exit_code = kFailure;
      return;
    }
    auto weapons_added = demo::fill_demo_weapons(
        *runtime->db, *runtime->ids, *runtime->clock, *weapons, demo_options->seed,
        [](const std::string& line) { std::cerr << line << "\n"; });
    if (!weapons_added.ok()) {
      spdlog::error("demo weapons: {}", weapons_added.error().message);
      exit_code = kFailure;
      return;
    }
    demo::DemoTracingOptions tracing_options;
    tracing_options.seed = demo_options->seed;
    tracing_options.now = runtime->clock->now();
    auto tracing_added = demo::fill_demo_tracing(
        *runtime->db, *runtime->reference, *runtime->audit, *runtime->marking_systems,
        *runtime->reference_table, tracing_options,
        [](const std::string& line) { std::cerr << line << "\n"; });
    if (!tracing_added.ok()) {
      spdlog::error("demo tracing: {}", tracing_added.error().message);
      exit_code = kFailure;
      return;
    }
    demo::DemoAssistanceOptions assistance_options;
    assistance_options.seed = demo_options->seed;
    assistance_options.today = format_iso8601(runtime->clock->now()).substr(0, 10);
    auto assistance_added = demo::fill_demo_assistance(
        {*runtime->plans, *runtime->offers, *runtime->matches, *runtime->funding},
        *runtime->reference, assistance_options,
        [](const std::string& line) { std::cerr << line << "\n"; });
    if (!assistance_added.ok()) {
      spdlog::error("demo assistance: {}", assistance_added.error().message);
      exit_code = kFailure;
      return;
    }
    demo::DemoOperationsOptions operations_options;
    operations_options.seed = demo_options->seed;
    operations_options.today = assistance_options.today;
    auto operations_added = demo::fill_demo_operations(
        {*runtime->stockpiles, *runtime->hazards, *runtime->casualties}, operations_options,
        [](const std::string& line) { std::cerr << line << "\n"; });
    if (!operations_added.ok()) {
      spdlog::error("demo operations: {}", operations_added.error().message);
      exit_code = kFailure;
      return;
    }
    // Cross-check what was added, as serve would at its start, so the hits are there at once.
    if (auto loaded = load_marking_index(*runtime); !loaded.ok()) {
      spdlog::error("demo cross-check: {}", loaded.error().message);
      exit_code = kFailure;
      return;
    }
    std::size_t hits_created = 0;
    for (;;) {
      auto checked = runtime->cross_checker->check_pending();
      if (!checked.ok()) {
        spdlog::error("demo cross-check: {}", checked.error().message);
        exit_code = kFailure;
        return;
      }
      hits_created += checked->hits_created;
      if (checked->records_checked == 0) break;
    }
    std::cout << "demo data in " << redact_credentials(runtime->config.db) << ": "
              << summary->organisations_created << " organisations created, "
              << summary->organisations_existing << " already there; " << summary->users_created
              << " users created; " << weapons_added->created << " weapon records created, "
              << weapons_added->existing << " already there; " << tracing_added->records_created
              << " records with typed markings, " << tracing_added->requests_created
              << " tracing requests, " << hits_created << " cross-check hits; "
              << assistance_added->plans << " national plans, " << assistance_added->offers
              << " offers, " << assistance_added->partnerships << " partnerships, "
              << assistance_added->flows << " funding flows; " << operations_added->destructions
              << " destruction events, " << operations_added->areas << " hazardous areas, "
              << operations_added->releases << " land releases, " << operations_added->casualty_rows
              << " casualty rows, " << operations_added->victim_services
              << " victim assistance services\n\nDemo sign-ins (roles that read confidential "
                 "records enrol a TOTP second factor at first sign-in):\n";
    for (const auto& sign_in : summary->sign_ins) {
      std::cout << "  " << std::left << std::setw(15) << sign_in.username << " " << std::setw(24)
                << sign_in.password << " " << sign_in.home << " (" << sign_in.roles << ")\n";
    }
    exit_code = kSuccess;
  });
}

}  // namespace concord::cli
