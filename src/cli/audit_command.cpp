// `concord audit verify` and `concord audit export`: the operator's view of the hash-chained
// audit trail (access/audit_trail.h).
#include <spdlog/spdlog.h>

#include <iostream>
#include <nlohmann/json.hpp>

#include "cli/commands.h"
#include "cli/options.h"
#include "cli/runtime.h"
#include "core/clock.h"

namespace concord::cli {
namespace {

void add_verify(CLI::App& audit, int& exit_code) {
  auto* command = audit.add_subcommand(
      "verify",
      "Recompute the audit trail's hash chain; exit 0 when it holds, 1 naming the first entry "
      "that was edited, removed or reordered");
  auto options = std::make_shared<SharedOptions>();
  options->add_to(*command, /*all_settings=*/false);
  command->callback([options, &exit_code] {
    auto runtime = open_runtime_or_log(*options, exit_code);
    if (!runtime) return;
    auto verification = runtime->audit->verify(*runtime->db);
    if (!verification.ok()) {
      return report_failure("audit verify", verification.error(), exit_code);
    }
    if (verification->first_broken_sequence) {
      std::cout << "audit trail broken at entry " << *verification->first_broken_sequence << ": "
                << verification->problem << "\n";
      exit_code = kFailure;
      return;
    }
    std::cout << "audit trail intact: " << verification->entries_checked << " entries\n";
    exit_code = kSuccess;
  });
}

void add_export(CLI::App& audit, int& exit_code) {
  auto* command = audit.add_subcommand(
      "export",
      "Write the audit entries recorded at or after --since to standard output, one JSON object "
      "per line, oldest first");
  auto options = std::make_shared<SharedOptions>();
  options->add_to(*command, /*all_settings=*/false);
  auto since = std::make_shared<std::string>();
  auto state = std::make_shared<std::string>();
  command
      ->add_option("--since", *since,
                   "ISO 8601 date or time: 2026-01-31, 2026-01-31T12:00:00Z or with an offset")
      ->required();
  command->add_option("--state", *state,
                      "Only entries about records of this state (ISO 3166-1 alpha-2, e.g. KE)");
  command->callback([options, since, state, &exit_code] {
    // Checked before the database is opened, so that a typo costs nothing and exits as a usage
    // error naming the flag.
    if (!parse_iso8601(*since)) {
      std::cerr << "--since: '" << *since
                << "' is not an ISO 8601 date or time (2026-01-31, 2026-01-31T12:00:00Z, "
                   "2026-01-31T15:00:00+03:00)\n";
      exit_code = kUsage;
      return;
    }
    std::optional<std::string> target_state;
    if (!state->empty()) {
      std::string upper = *state;
      for (char& c : upper)
        c = (c >= 'a' && c <= 'z') ? static_cast<char>(c - 'a' + 'A') : c;
      if (upper.size() != 2 || upper[0] < 'A' || upper[0] > 'Z' || upper[1] < 'A' ||
          upper[1] > 'Z') {
        std::cerr << "--state: '" << *state << "' is not an ISO 3166-1 alpha-2 code such as KE\n";
        exit_code = kUsage;
        return;
      }
      target_state = std::move(upper);
    }
    auto runtime = open_runtime_or_log(*options, exit_code);
    if (!runtime) return;
    auto exported = runtime->audit->export_entries(
        *runtime->db, *since, target_state, [](const access::AuditEntry& entry) {
          std::cout << access::audit_entry_json(entry).dump(
                           -1, ' ', false, nlohmann::ordered_json::error_handler_t::replace)
                    << '\n';
        });
    std::cout.flush();
    if (!exported.ok()) {
      return report_failure("audit export", exported.error(), exit_code);
    }
    spdlog::info("audit export: {} entries", *exported);
    exit_code = kSuccess;
  });
}

}  // namespace

void add_audit_command(CLI::App& app, int& exit_code) {
  auto* audit = app.add_subcommand("audit", "Check or export the hash-chained audit trail");
  audit->require_subcommand(1);
  add_verify(*audit, exit_code);
  add_export(*audit, exit_code);
}

}  // namespace concord::cli
