// `concord export iati [--out FILE] [--state XX] [--donor state:XX]`: the funding flows as an
// IATI 2.03 activity file (assistance/iati_service.h), on standard output unless --out names a
// file; what was written is said on standard error. Runs as the system principal.
#include <spdlog/spdlog.h>

#include <fstream>
#include <iostream>
#include <memory>
#include <string>

#include "cli/commands.h"
#include "cli/options.h"
#include "cli/runtime.h"

namespace concord::cli {
namespace {

void add_iati(CLI::App& parent, int& exit_code) {
  auto* command = parent.add_subcommand(
      "iati",
      "Write the current funding flows as IATI 2.03 activities (one iati-activity per flow "
      "activity, with budgets and transactions; see docs/assistance.md)");
  auto options = std::make_shared<SharedOptions>();
  options->add_to(*command, /*all_settings=*/false);
  auto out = std::make_shared<std::string>();
  auto state = std::make_shared<std::string>();
  auto donor = std::make_shared<std::string>();
  command->add_option("--out", *out, "The file to write (default: standard output)");
  command->add_option("--state", *state,
                      "Only flows to this recipient state (ISO 3166-1 alpha-2, such as LA)");
  command->add_option("--donor", *donor, "Only this donor's flows: state:XX or organisation:<id>");
  command->callback([=, &exit_code] {
    assistance::IatiExportFilter filter;
    if (!state->empty()) filter.recipient_state = *state;
    if (!donor->empty()) {
      auto parsed = assistance::parse_donor_key(*donor, "--donor");
      if (!parsed.ok()) {
        report_failure("export iati", parsed.error(), exit_code);
        exit_code = kUsage;
        return;
      }
      filter.donor = *parsed;
    }
    auto runtime = open_runtime_or_log(*options, exit_code);
    if (!runtime) return;
    auto xml =
        runtime->iati->export_activities(access::Principal::system("concord export iati"), filter);
    if (!xml.ok()) {
      report_failure("export iati", xml.error(), exit_code);
      if (xml.error().code == ErrorCode::invalid_argument) exit_code = kUsage;
      return;
    }
    if (out->empty()) {
      std::cout << *xml << std::flush;
    } else {
      std::ofstream file(*out, std::ios::binary | std::ios::trunc);
      file << *xml;
      file.close();
      if (!file) {
        spdlog::error("export iati: {}: cannot write the file", *out);
        exit_code = kFailure;
        return;
      }
    }
    std::cerr << "export iati: wrote " << xml->size() << " bytes of IATI 2.03 activities to "
              << (out->empty() ? std::string("standard output") : *out) << "\n";
    exit_code = kSuccess;
  });
}

}  // namespace

void add_export_command(CLI::App& app, int& exit_code) {
  auto* command = app.add_subcommand("export", "Export data in standard formats");
  command->require_subcommand(1);
  add_iati(*command, exit_code);
}

}  // namespace concord::cli
