// `concord export iati [--out FILE] [--state XX] [--donor state:XX]`: the funding flows as an
// IATI 2.03 activity file (assistance/iati_service.h), on standard output unless --out names a
// file; what was written is said on standard error. `concord export geojson` and `export gpkg`:
// the hazardous areas and land releases as map layers (operations/hazard_service.h,
// geopackage_writer.h). All run as the system principal.
#include <spdlog/spdlog.h>

#include <fstream>
#include <iostream>
#include <memory>
#include <string>

#include "cli/commands.h"
#include "cli/options.h"
#include "cli/runtime.h"
#include "operations/geopackage_writer.h"

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

// The hazardous areas as a FeatureCollection: every state's, or --state's.
Result<nlohmann::json> hazard_features(Runtime& runtime, const std::string& state,
                                       const std::string& on, bool with_releases,
                                       const std::string& what) {
  return runtime.hazards->feature_collection(
      access::Principal::system("concord export " + what),
      state.empty() ? std::nullopt : std::optional<std::string>(state), on, with_releases);
}

void add_geojson(CLI::App& parent, int& exit_code) {
  auto* command = parent.add_subcommand(
      "geojson",
      "Write the hazardous areas as RFC 7946 GeoJSON: each area's remaining part on a day, with "
      "--releases each land release too (see docs/mine-action.md)");
  auto options = std::make_shared<SharedOptions>();
  options->add_to(*command, /*all_settings=*/false);
  auto out = std::make_shared<std::string>();
  auto state = std::make_shared<std::string>();
  auto on = std::make_shared<std::string>();
  auto releases = std::make_shared<bool>(false);
  command->add_option("--out", *out, "The file to write (default: standard output)");
  command->add_option("--state", *state, "Only this state's areas (ISO 3166-1 alpha-2)");
  command->add_option("--on", *on, "The day the map is of (YYYY-MM-DD, default today)");
  command->add_flag("--releases", *releases, "Add one feature per land release");
  command->callback([=, &exit_code] {
    auto runtime = open_runtime_or_log(*options, exit_code);
    if (!runtime) return;
    auto collection = hazard_features(*runtime, *state, *on, *releases, "geojson");
    if (!collection.ok()) {
      report_failure("export geojson", collection.error(), exit_code);
      if (collection.error().code == ErrorCode::invalid_argument) exit_code = kUsage;
      return;
    }
    const std::string text = collection->dump() + "\n";
    if (out->empty()) {
      std::cout << text << std::flush;
    } else {
      std::ofstream file(*out, std::ios::binary | std::ios::trunc);
      file << text;
      file.close();
      if (!file) {
        spdlog::error("export geojson: {}: cannot write the file", *out);
        exit_code = kFailure;
        return;
      }
    }
    std::cerr << "export geojson: wrote " << collection->at("features").size() << " features to "
              << (out->empty() ? std::string("standard output") : *out) << "\n";
    exit_code = kSuccess;
  });
}

void add_gpkg(CLI::App& parent, int& exit_code) {
  auto* command = parent.add_subcommand(
      "gpkg",
      "Write the hazardous areas and land releases as a GeoPackage for QGIS (layers "
      "hazardous_areas and land_releases; needs a build with GDAL)");
  auto options = std::make_shared<SharedOptions>();
  options->add_to(*command, /*all_settings=*/false);
  auto out = std::make_shared<std::string>();
  auto state = std::make_shared<std::string>();
  auto on = std::make_shared<std::string>();
  command->add_option("--out", *out, "The .gpkg file to write (replaced if it exists)")->required();
  command->add_option("--state", *state, "Only this state's areas (ISO 3166-1 alpha-2)");
  command->add_option("--on", *on, "The day the map is of (YYYY-MM-DD, default today)");
  command->callback([=, &exit_code] {
    if (!operations::geopackage_available()) {
      spdlog::error("export gpkg: {}", operations::geopackage_unavailable_message());
      exit_code = kFailure;
      return;
    }
    auto runtime = open_runtime_or_log(*options, exit_code);
    if (!runtime) return;
    auto collection = hazard_features(*runtime, *state, *on, /*with_releases=*/true, "gpkg");
    if (!collection.ok()) {
      report_failure("export gpkg", collection.error(), exit_code);
      if (collection.error().code == ErrorCode::invalid_argument) exit_code = kUsage;
      return;
    }
    auto counts = operations::write_geopackage(*out, *collection);
    if (!counts.ok()) {
      report_failure("export gpkg", counts.error(), exit_code);
      return;
    }
    std::cerr << "export gpkg: wrote " << counts->areas << " hazardous areas and "
              << counts->releases << " land releases to " << *out << "\n";
    exit_code = kSuccess;
  });
}

}  // namespace

void add_export_command(CLI::App& app, int& exit_code) {
  auto* command = app.add_subcommand("export", "Export data in standard formats");
  command->require_subcommand(1);
  add_iati(*command, exit_code);
  add_geojson(*command, exit_code);
  add_gpkg(*command, exit_code);
}

}  // namespace concord::cli
