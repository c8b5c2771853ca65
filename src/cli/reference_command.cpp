// `concord reference export [FILE] | import FILE | suggest ... | fill`: the weapon reference table
// (registry/weapon_reference_service.h) from the command line, acting as Principal::system, so
// every change is audited as made by the machine's administrator. Export writes the CSV to a file
// or standard output; import is all or nothing and lists each bad row on standard error; suggest
// prints one candidate per line, best first, with its reasons; fill adds the generator's makes,
// models and calibres that the table lacks.
#include <spdlog/spdlog.h>

#include <cstdio>
#include <fstream>
#include <iostream>
#include <memory>
#include <string>
#include <vector>

#include "cli/commands.h"
#include "cli/options.h"
#include "cli/runtime.h"

namespace concord::cli {
namespace {

const access::Principal& cli_actor() {
  static const access::Principal actor = access::Principal::system("concord reference");
  return actor;
}

void add_export(CLI::App& parent, int& exit_code) {
  auto* command = parent.add_subcommand(
      "export", "Write the reference table as CSV (docs/reference-table.md) to FILE or stdout");
  auto options = std::make_shared<SharedOptions>();
  options->add_to(*command, /*all_settings=*/false);
  auto file = std::make_shared<std::string>("-");
  command->add_option("FILE", *file, "The CSV file to write, or - (the default) for stdout");
  command->callback([=, &exit_code] {
    auto runtime = open_runtime_or_log(*options, exit_code);
    if (!runtime) return;
    auto csv = runtime->reference_table->export_csv(cli_actor());
    if (!csv.ok()) return report_failure("reference export", csv.error(), exit_code);
    if (*file == "-") {
      std::cout << *csv << std::flush;
    } else {
      std::ofstream out(*file, std::ios::binary | std::ios::trunc);
      out << *csv;
      out.close();
      if (!out) {
        spdlog::error("reference export: {}: cannot write the file", *file);
        exit_code = kFailure;
        return;
      }
    }
    exit_code = kSuccess;
  });
}

void add_import(CLI::App& parent, int& exit_code) {
  auto* command = parent.add_subcommand(
      "import",
      "Upsert the reference table from CSV (docs/reference-table.md): all rows or none. Exits 5 "
      "and names each bad row's line and column when any row is bad");
  auto options = std::make_shared<SharedOptions>();
  options->add_to(*command, /*all_settings=*/false);
  auto file = std::make_shared<std::string>();
  command->add_option("FILE", *file, "The CSV file, or - for standard input")->required();
  command->callback([=, &exit_code] {
    std::ifstream opened;
    std::istream* input = &std::cin;
    if (*file != "-") {
      opened.open(*file, std::ios::binary);
      if (!opened) {
        spdlog::error("reference import: {}: cannot open the file", *file);
        exit_code = kUsage;
        return;
      }
      input = &opened;
    }
    auto runtime = open_runtime_or_log(*options, exit_code);
    if (!runtime) return;
    std::vector<registry::CsvProblem> problems;
    auto summary = runtime->reference_table->import_csv(cli_actor(), *input, &problems);
    if (!summary.ok() && !problems.empty()) {
      for (const auto& problem : problems)
        std::cerr << registry::describe(problem) << "\n";
      spdlog::error("reference import: {} bad rows or fields: nothing was imported",
                    problems.size());
      exit_code = kInvalidInput;
      return;
    }
    if (!summary.ok()) {
      report_failure("reference import", summary.error(), exit_code);
      if (summary.error().code == ErrorCode::invalid_argument) exit_code = kInvalidInput;
      return;
    }
    std::cout << "imported " << summary->rows << " rows: " << summary->counts.created
              << " created, " << summary->counts.updated << " updated, "
              << summary->counts.unchanged << " unchanged\n";
    exit_code = kSuccess;
  });
}

void add_suggest(CLI::App& parent, int& exit_code) {
  auto* command = parent.add_subcommand(
      "suggest", "Suggest makes, models and calibres that fit a partial description");
  auto options = std::make_shared<SharedOptions>();
  options->add_to(*command, /*all_settings=*/false);
  auto query = std::make_shared<registry::SuggestQuery>();
  command->add_option("--make", query->make, "The make, or part of it, as read");
  command->add_option("--model", query->model, "The model, or part of it");
  command->add_option("--calibre", query->calibre, "The calibre, in any usual spelling");
  command->add_option("--type", query->weapon_type, "The weapon type: pistol, rifle, ...");
  command->add_option("--country", query->country, "The country of manufacture (alpha-2)");
  command->add_option("--markings", query->markings, "Other markings as read");
  command->add_option("--limit", query->limit, "How many candidates (1-100, default 10)");
  command->callback([=, &exit_code] {
    auto runtime = open_runtime_or_log(*options, exit_code);
    if (!runtime) return;
    auto found = runtime->reference_table->suggest(cli_actor(), *query);
    if (!found.ok()) {
      report_failure("reference suggest", found.error(), exit_code);
      if (found.error().code == ErrorCode::invalid_argument) exit_code = kUsage;
      return;
    }
    for (const auto& suggestion : *found) {
      const auto& identity = suggestion.identity;
      char score[16];
      std::snprintf(score, sizeof score, "%.2f", suggestion.score);
      std::cout << score << "  " << identity.make;
      if (!identity.model.empty()) std::cout << " " << identity.model;
      if (!identity.calibre.empty()) std::cout << ", " << identity.calibre;
      if (!identity.weapon_type.empty()) std::cout << ", " << identity.weapon_type;
      std::cout << "\n";
      for (const auto& reason : suggestion.reasons)
        std::cout << "      " << reason << "\n";
      for (const auto& alike : suggestion.lookalikes)
        std::cout << "      looks like " << alike.make << " " << alike.model << "\n";
    }
    if (found->empty()) std::cout << "nothing in the reference table fits\n";
    exit_code = kSuccess;
  });
}

void add_fill(CLI::App& parent, int& exit_code) {
  auto* command = parent.add_subcommand(
      "fill",
      "Add the synthetic generator's makes, models, calibres and a few look-alikes that the "
      "table lacks (entries already present are left as they are; running it twice is safe)");
  auto options = std::make_shared<SharedOptions>();
  options->add_to(*command, /*all_settings=*/false);
  command->callback([=, &exit_code] {
    auto runtime = open_runtime_or_log(*options, exit_code);
    if (!runtime) return;
    auto counts = runtime->reference_table->fill_from_generator(cli_actor());
    if (!counts.ok()) return report_failure("reference fill", counts.error(), exit_code);
    std::cout << "reference table: " << counts->created << " entries added, " << counts->unchanged
              << " already present\n";
    exit_code = kSuccess;
  });
}

}  // namespace

void add_reference_command(CLI::App& app, int& exit_code) {
  auto* reference = app.add_subcommand(
      "reference", "The weapon reference table: makes, models, calibres and look-alikes");
  reference->require_subcommand(1);
  add_export(*reference, exit_code);
  add_import(*reference, exit_code);
  add_suggest(*reference, exit_code);
  add_fill(*reference, exit_code);
}

}  // namespace concord::cli
