// `concord gen weapons`: writes a synthetic weapon registry as CSV (registry/weapon_generator.h),
// the same for the same seed, for demos, tests and benchmarks. Needs no database.
#include <spdlog/spdlog.h>

#include <fstream>
#include <iostream>
#include <memory>
#include <string>

#include "cli/commands.h"
#include "cli/options.h"
#include "registry/weapon_csv.h"
#include "registry/weapon_generator.h"

namespace concord::cli {
namespace {

void add_weapons(CLI::App& parent, int& exit_code) {
  auto* command = parent.add_subcommand(
      "weapons",
      "Write N generated weapon records as CSV, in the format `concord import weapons` reads: "
      "many makers with their own serial formats, Cyrillic and Chinese markings, every record "
      "kind");
  auto options = std::make_shared<registry::WeaponGeneratorOptions>();
  auto out = std::make_shared<std::string>();
  command->add_option("-n,--n,--count", options->count, "How many records")->capture_default_str();
  command->add_option("--seed", options->seed, "The same seed gives the same records")
      ->capture_default_str();
  command->add_option("--out", *out, "Write to this file instead of standard output");
  command->callback([=, &exit_code] {
    std::ofstream file;
    if (!out->empty()) {
      file.open(*out, std::ios::binary | std::ios::trunc);
      if (!file) {
        spdlog::error("gen weapons: {}: cannot create the file", *out);
        exit_code = kUsage;
        return;
      }
    }
    std::ostream& stream = out->empty() ? std::cout : file;
    {
      registry::WeaponCsvWriter writer(stream);
      writer.write_header();
      registry::generate_weapons(
          *options, [&writer](const registry::WeaponRecord& record) { writer.write(record); });
    }
    stream.flush();
    if (!stream) {
      spdlog::error("gen weapons: {}: write failed", out->empty() ? "standard output" : *out);
      exit_code = kFailure;
      return;
    }
    exit_code = kSuccess;
  });
}

}  // namespace

void add_gen_command(CLI::App& app, int& exit_code) {
  auto* gen = app.add_subcommand("gen", "Generate synthetic data");
  gen->require_subcommand(1);
  add_weapons(*gen, exit_code);
}

}  // namespace concord::cli
