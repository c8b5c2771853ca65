// `concord hazard add|classify|release|list|show` and `concord hazard bands show|set`: hazardous
// areas, their classification over time, land release and the severity bands from the command
// line. add and release read the same JSON documents as the API (operations/hazard_json.h), from
// a file or standard input ("-"). Writes run as the system principal acting for the area's state;
// operations::HazardService does the work, with audit and the change feed as over the API.
#include <iostream>
#include <memory>
#include <string>
#include <vector>

#include "cli/commands.h"
#include "cli/options.h"
#include "cli/runtime.h"
#include "core/json_text.h"
#include "operations/hazard_json.h"
#include "operations/hazard_service.h"

namespace concord::cli {
namespace {

using operations::HazardousAreaView;

// GeoJSON coordinates nest four deep in a MultiPolygon, inside the document's object.
constexpr int kMaxDocumentNesting = 8;

access::Principal system_for(const std::string& what) {
  return access::Principal::system("concord hazard " + what);
}

access::Principal acting_for_state(const std::string& state, const std::string& what) {
  access::Principal actor = system_for(what + " --state " + state);
  actor.state = state;
  return actor;
}

Result<nlohmann::json> read_document(const std::string& path) {
  CONCORD_ASSIGN_OR_RETURN(auto text, read_file_or_stdin(path));
  return parse_json_object(text, "the file", kMaxDocumentNesting);
}

std::string km2(double value) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.4f", value);
  return buffer;
}

void print_view(const HazardousAreaView& view) {
  const auto& area = view.area;
  std::cout << area.id << "  " << area.state << "  " << operations::to_string(area.contamination)
            << "  "
            << (view.classification ? operations::to_string(*view.classification) : "unclassified")
            << "  " << km2(area.area_km2) << " km2, released " << km2(view.figures.released_km2)
            << ", remaining " << km2(view.figures.remaining_km2) << "  " << area.name;
  if (!area.region.empty()) std::cout << " (" << area.region << ")";
  std::cout << "\n";
}

void print_release(const operations::LandReleaseRecord& release) {
  std::cout << "  release " << release.id << "  " << release.date << "  "
            << operations::to_string(release.method);
  if (release.depth_cm) std::cout << "  depth " << *release.depth_cm << " cm";
  if (!release.operator_name.empty()) std::cout << "  by " << release.operator_name;
  for (const auto& item : release.items) {
    std::cout << "  " << operations::to_string(item.device_type) << " " << item.found << " found, "
              << item.destroyed << " destroyed";
  }
  std::cout << "\n";
}

struct HazardOptions {
  SharedOptions shared;
  std::string state, file, id, on, classification, as_of, note;
  bool json = false;
};

void add_area_subcommands(CLI::App& hazard, int& exit_code) {
  auto options = std::make_shared<HazardOptions>();

  auto* add = hazard.add_subcommand(
      "add",
      "Record a hazardous area from a JSON file: {name, region, contamination, "
      "classification, recorded_on, geometry} (geometry: a GeoJSON Polygon or "
      "MultiPolygon); its area in km2 is computed");
  options->shared.add_to(*add, /*all_settings=*/false);
  add->add_option("--state", options->state, "The state the area lies in (alpha-2)")->required();
  add->add_option("FILE", options->file, "The JSON document, or - for standard input")->required();
  add->add_flag("--json", options->json, "Print the area as JSON");
  add->callback([options, &exit_code] {
    run_and_print(
        options->shared, "hazard add", exit_code,
        [&](Runtime& runtime) -> Result<operations::HazardousArea> {
          CONCORD_ASSIGN_OR_RETURN(auto document, read_document(options->file));
          CONCORD_ASSIGN_OR_RETURN(
              auto input, operations::hazardous_area_input_from_json(document, options->state));
          return runtime.hazards->record_area(acting_for_state(options->state, "add"),
                                              std::move(input));
        },
        [&](const operations::HazardousArea& area, const ReferenceData&) {
          if (options->json) {
            std::cout << operations::hazardous_area_json(area).dump(2) << "\n";
          } else {
            std::cout << area.id << "  " << area.state << "  " << km2(area.area_km2) << " km2  "
                      << area.name << "\n";
          }
        });
  });

  auto* classify = hazard.add_subcommand(
      "classify", "Record a later classification of an area (suspected or confirmed)");
  options->shared.add_to(*classify, /*all_settings=*/false);
  classify->add_option("id", options->id, "The area's id")->required();
  classify->add_option("--classification", options->classification, "suspected or confirmed")
      ->required();
  classify->add_option("--as-of", options->as_of, "From this day on (YYYY-MM-DD)")->required();
  classify->add_option("--note", options->note, "Why (the survey that confirmed it, ...)");
  classify->add_flag("--json", options->json, "Print the classification as JSON");
  classify->callback([options, &exit_code] {
    run_and_print(
        options->shared, "hazard classify", exit_code,
        [&](Runtime& runtime) -> Result<operations::ClassificationChange> {
          nlohmann::json document = {{"classification", options->classification},
                                     {"as_of", options->as_of},
                                     {"note", options->note}};
          CONCORD_ASSIGN_OR_RETURN(auto change, operations::classification_from_json(document));
          return runtime.hazards->classify(system_for("classify"), options->id, std::move(change));
        },
        [&](const operations::ClassificationChange& change, const ReferenceData&) {
          if (options->json) {
            std::cout << operations::classification_json(change).dump(2) << "\n";
          } else {
            std::cout << change.id << "  " << change.area_id << "  "
                      << operations::to_string(change.classification) << " from " << change.as_of
                      << "\n";
          }
        });
  });

  auto* release = hazard.add_subcommand(
      "release",
      "Record a land release from a JSON file: {method, date, geometry, depth_cm, "
      "operator_name, items: [{device_type, found, destroyed}]}");
  options->shared.add_to(*release, /*all_settings=*/false);
  release->add_option("id", options->id, "The area's id")->required();
  release->add_option("FILE", options->file, "The JSON document, or - for standard input")
      ->required();
  release->add_flag("--json", options->json, "Print the release as JSON");
  release->callback([options, &exit_code] {
    run_and_print(
        options->shared, "hazard release", exit_code,
        [&](Runtime& runtime) -> Result<operations::LandReleaseRecord> {
          CONCORD_ASSIGN_OR_RETURN(auto document, read_document(options->file));
          CONCORD_ASSIGN_OR_RETURN(auto input, operations::land_release_from_json(document));
          return runtime.hazards->record_release(system_for("release"), options->id,
                                                 std::move(input));
        },
        [&](const operations::LandReleaseRecord& recorded, const ReferenceData&) {
          if (options->json) {
            std::cout << operations::land_release_json(recorded).dump(2) << "\n";
          } else {
            std::cout << recorded.area_id << "\n";
            print_release(recorded);
          }
        });
  });

  auto* list = hazard.add_subcommand(
      "list", "List hazardous areas with their figures on a day (today by default)");
  options->shared.add_to(*list, /*all_settings=*/false);
  list->add_option("--state", options->state, "Only this state's areas");
  list->add_option("--on", options->on, "The day (YYYY-MM-DD)");
  list->add_flag("--json", options->json, "Print the areas as JSON");
  list->callback([options, &exit_code] {
    run_and_print(
        options->shared, "hazard list", exit_code,
        [&](Runtime& runtime) {
          return runtime.hazards->areas(
              system_for("list"),
              options->state.empty() ? std::nullopt : std::optional<std::string>(options->state),
              options->on);
        },
        [&](const std::vector<HazardousAreaView>& views, const ReferenceData&) {
          if (options->json) {
            nlohmann::ordered_json out = nlohmann::ordered_json::array();
            for (const auto& view : views) {
              out.push_back(operations::hazardous_area_view_json(view));
            }
            std::cout << out.dump(2) << "\n";
            return;
          }
          for (const auto& view : views)
            print_view(view);
        });
  });

  auto* show = hazard.add_subcommand("show", "Show one area with its releases on a day");
  options->shared.add_to(*show, /*all_settings=*/false);
  show->add_option("id", options->id, "The area's id")->required();
  show->add_option("--on", options->on, "The day (YYYY-MM-DD)");
  show->add_flag("--json", options->json, "Print the area as JSON");
  show->callback([options, &exit_code] {
    run_and_print(
        options->shared, "hazard show", exit_code,
        [&](Runtime& runtime) {
          return runtime.hazards->area(system_for("show"), options->id, options->on);
        },
        [&](const HazardousAreaView& view, const ReferenceData&) {
          if (options->json) {
            std::cout << operations::hazardous_area_view_json(view).dump(2) << "\n";
            return;
          }
          print_view(view);
          for (const auto& recorded : view.releases)
            print_release(recorded);
        });
  });
}

void add_bands_subcommands(CLI::App& hazard, int& exit_code) {
  auto options = std::make_shared<HazardOptions>();
  auto* bands = hazard.add_subcommand("bands", "The severity bands of contamination");
  bands->require_subcommand(1);

  auto* show = bands->add_subcommand("show", "Print the configured bands (or the defaults)");
  options->shared.add_to(*show, /*all_settings=*/false);
  show->callback([options, &exit_code] {
    run_and_print(
        options->shared, "hazard bands show", exit_code,
        [&](Runtime& runtime) { return runtime.hazards->severity_bands(system_for("bands show")); },
        [&](const operations::SeverityBandConfig& config, const ReferenceData&) {
          std::cout << operations::severity_bands_json(config).dump(2) << "\n";
        });
  });

  auto* set = bands->add_subcommand(
      "set", "Replace the bands with a JSON document {measure, bands: [{name, min}], by_type}");
  options->shared.add_to(*set, /*all_settings=*/false);
  set->add_option("FILE", options->file, "The JSON document, or - for standard input")->required();
  set->callback([options, &exit_code] {
    run_and_print(
        options->shared, "hazard bands set", exit_code,
        [&](Runtime& runtime) -> Result<operations::SeverityBandConfig> {
          CONCORD_ASSIGN_OR_RETURN(auto text, read_file_or_stdin(options->file));
          return runtime.hazards->set_severity_bands(system_for("bands set"), text);
        },
        [&](const operations::SeverityBandConfig& config, const ReferenceData&) {
          std::cout << operations::severity_bands_json(config).dump(2) << "\n";
        });
  });
}

}  // namespace

void add_hazard_command(CLI::App& app, int& exit_code) {
  auto* hazard = app.add_subcommand(
      "hazard", "Hazardous areas, land release and severity bands (see docs/mine-action.md)");
  hazard->require_subcommand(1);
  add_area_subcommands(*hazard, exit_code);
  add_bands_subcommands(*hazard, exit_code);
}

}  // namespace concord::cli
