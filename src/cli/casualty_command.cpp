// `concord casualty import | list | summary | service add | service list`: casualty statistics
// and victim assistance services from the command line. Writes run as the system principal
// acting for `--state XX`. `import` reads a JSON array of rows or a CSV with the same columns
// through the readers the API uses (operations/casualty_json.h), and stores the file whole or
// not at all; an error names the row and field ("rows[3].sex").
#include <algorithm>
#include <iostream>
#include <memory>
#include <optional>
#include <string>

#include "cli/commands.h"
#include "cli/options.h"
#include "cli/runtime.h"
#include "core/json_text.h"
#include "operations/casualty_json.h"
#include "operations/casualty_service.h"

namespace concord::cli {
namespace {

using nlohmann::json;
using operations::CasualtyCount;
using operations::VictimService;

access::Principal acting_for_state(const std::string& state, const std::string& what) {
  access::Principal actor = access::Principal::system("concord " + what + " --state " + state);
  actor.state = state;
  return actor;
}

// The readers name JSON fields ("people_reached"); here they are flags ("--people-reached").
template <typename T>
Result<T> flagged(Result<T> result) {
  if (result.ok() || result.error().field.empty()) return result;
  Error error = result.error();
  std::string flag = "--" + error.field;
  std::replace(flag.begin(), flag.end(), '_', '-');
  error.field = flag;
  return error;
}

// A JSON array of rows when the file starts with '[', CSV otherwise.
Result<std::vector<CasualtyCount>> read_rows(const std::string& text) {
  const auto first = text.find_first_not_of(" \t\r\n\xEF\xBB\xBF");
  if (first != std::string::npos && text[first] == '[') {
    auto parsed = json::parse(text, nullptr, /*allow_exceptions=*/false);
    if (parsed.is_discarded()) return Error::invalid("FILE", "the file is not well-formed JSON");
    return operations::casualty_rows_from_json_array(parsed);
  }
  return operations::casualty_rows_from_csv(text);
}

void print_row(const CasualtyCount& row) {
  std::cout << row.id << "  " << row.year << "  " << row.area << "  "
            << operations::to_string(row.device_type) << "  " << operations::to_string(row.outcome)
            << "  " << operations::to_string(row.sex) << "  "
            << operations::to_string(row.age_group) << "  " << operations::to_string(row.status)
            << "  " << row.count << "\n";
}

void print_service(const VictimService& service) {
  std::cout << service.id << "  " << service.year << "  " << operations::to_string(service.service)
            << "  " << service.area << "  " << service.provider << "  " << service.people_reached
            << " of " << service.people_in_need << " (" << service.coverage() * 100 << " %)\n";
}

void print_counts(const std::string& title, const std::map<std::string, std::int64_t>& counts) {
  std::cout << title << "\n";
  for (const auto& [name, count] : counts)
    std::cout << "  " << name << "  " << count << "\n";
}

struct CasualtyOptions {
  SharedOptions shared;
  std::string state, file, service, area, provider;
  int year = 0;
  std::int64_t people_reached = 0, people_in_need = 0;
  bool json = false;
};

void add_statistics_subcommands(CLI::App& casualty, int& exit_code,
                                const std::shared_ptr<CasualtyOptions>& options) {
  auto* import = casualty.add_subcommand(
      "import",
      "Record casualty statistics from FILE (a JSON array of rows, or CSV with the columns year, "
      "area, device_type, outcome, sex, age_group, status, count), all or nothing");
  options->shared.add_to(*import, /*all_settings=*/false);
  import->add_option("FILE", options->file, "The file, or - for standard input")->required();
  import->add_option("--state", options->state, "The state (alpha-2)")->required();
  import->add_flag("--json", options->json, "Print the stored rows as JSON");
  import->callback([options, &exit_code] {
    run_and_print(
        options->shared, "casualty import", exit_code,
        [&](Runtime& runtime) -> Result<std::vector<CasualtyCount>> {
          CONCORD_ASSIGN_OR_RETURN(const auto text, read_file_or_stdin(options->file));
  CONCORD_ASSIGN_OR_RETURN(auto rows, read_rows(text));
  return runtime.casualties->record_casualties(acting_for_state(options->state, "casualty import"),
                                               options->state, std::move(rows));
},
        [&](const std::vector<CasualtyCount>& stored, const ReferenceData&) {
  if (options->json) {
    std::cout << operations::casualties_json(stored).dump(2) << "\n";
  } else {
    std::cout << "stored " << stored.size() << " casualty rows for " << options->state << "\n";
  }
        });
}  // namespace
);

auto* list = casualty.add_subcommand("list", "List a state's casualty rows, by year");
options->shared.add_to(*list, /*all_settings=*/false);
list->add_option("--state", options->state, "The state (alpha-2)")->required();
list->add_option("--year", options->year, "Only this year");
list->add_flag("--json", options->json, "Print the rows as JSON");
list->callback([options, &exit_code] {
  run_and_print(
      options->shared, "casualty list", exit_code,
      [&](Runtime& runtime) {
        return flagged(runtime.casualties->casualties(
            access::Principal::system("concord casualty list"), options->state,
            options->year == 0 ? std::nullopt : std::optional<int>(options->year)));
      },
      [&](const std::vector<CasualtyCount>& rows, const ReferenceData&) {
        if (options->json) {
          std::cout << operations::casualties_json(rows).dump(2) << "\n";
          return;
        }
        for (const auto& row : rows)
          print_row(row);
      });
});

auto* summary = casualty.add_subcommand("summary", "The totals of one year, broken down");
options->shared.add_to(*summary, /*all_settings=*/false);
summary->add_option("--state", options->state, "The state (alpha-2)")->required();
summary->add_option("--year", options->year, "The year")->required();
summary->add_flag("--json", options->json, "Print the summary as JSON");
summary->callback([options, &exit_code] {
  run_and_print(
      options->shared, "casualty summary", exit_code,
      [&](Runtime& runtime) {
        return flagged(runtime.casualties->summary(
            access::Principal::system("concord casualty summary"), options->state, options->year));
      },
      [&](const operations::CasualtySummary& totals, const ReferenceData&) {
        if (options->json) {
          std::cout << operations::casualty_summary_json(options->state, totals).dump(2) << "\n";
          return;
        }
        std::cout << options->state << " " << totals.year << ": " << totals.total
                  << " casualties\n";
        print_counts("by outcome", totals.by_outcome);
        print_counts("by sex", totals.by_sex);
        print_counts("by age group", totals.by_age_group);
        print_counts("by status", totals.by_status);
        print_counts("by device type", totals.by_device_type);
        print_counts("by area", totals.by_area);
      });
});
}  // namespace concord::cli

void add_service_subcommands(CLI::App& casualty, int& exit_code,
                             const std::shared_ptr<CasualtyOptions>& options) {
  auto* service = casualty.add_subcommand("service", "Victim assistance services");
  service->require_subcommand(1);
  auto* add = service->add_subcommand("add", "Record a victim assistance service of one year");
  options->shared.add_to(*add, /*all_settings=*/false);
  add->add_option("--state", options->state, "The state (alpha-2)")->required();
  add->add_option("--year", options->year, "The year")->required();
  add->add_option("--service", options->service,
                  "The service: " + operations::victim_service_types_list())
      ->required();
  add->add_option("--area", options->area, "The administrative region")->required();
  add->add_option("--provider", options->provider, "Who provides it")->required();
  add->add_option("--people-reached", options->people_reached, "People it reached")->required();
  add->add_option("--people-in-need", options->people_in_need, "People who need it (above 0)")
      ->required();
  add->add_flag("--json", options->json, "Print the service as JSON");
  add->callback([options, &exit_code] {
    run_and_print(
        options->shared, "casualty service add", exit_code,
        [&](Runtime& runtime) -> Result<VictimService> {
          const json body = {{"year", options->year},
                             {"service", options->service},
                             {"area", options->area},
                             {"provider", options->provider},
                             {"people_reached", options->people_reached},
                             {"people_in_need", options->people_in_need}};
          CONCORD_ASSIGN_OR_RETURN(
              auto one, flagged(operations::victim_service_from_json(body, options->state)));
          return flagged(runtime.casualties->record_victim_service(
              acting_for_state(options->state, "casualty service add"), std::move(one)));
        },
        [&](const VictimService& stored, const ReferenceData&) {
          if (options->json) {
            std::cout << operations::victim_service_json(stored).dump(2) << "\n";
          } else {
            print_service(stored);
          }
        });
  });

  auto* list = service->add_subcommand("list", "List a state's victim assistance services");
  options->shared.add_to(*list, /*all_settings=*/false);
  list->add_option("--state", options->state, "The state (alpha-2)")->required();
  list->add_option("--year", options->year, "Only this year");
  list->add_flag("--json", options->json, "Print the services as JSON");
  list->callback([options, &exit_code] {
    run_and_print(
        options->shared, "casualty service list", exit_code,
        [&](Runtime& runtime) {
          return flagged(runtime.casualties->victim_services(
              access::Principal::system("concord casualty service list"), options->state,
              options->year == 0 ? std::nullopt : std::optional<int>(options->year)));
        },
        [&](const std::vector<VictimService>& services, const ReferenceData&) {
          if (options->json) {
            std::cout << operations::victim_services_json(services).dump(2) << "\n";
            return;
          }
          for (const auto& one : services)
            print_service(one);
        });
  });
}

}  // namespace

void add_casualty_command(CLI::App& app, int& exit_code) {
  auto* casualty = app.add_subcommand(
      "casualty", "Casualty statistics (counts, never people) and victim assistance services");
  casualty->require_subcommand(1);
  auto options = std::make_shared<CasualtyOptions>();
  add_statistics_subcommands(*casualty, exit_code, options);
  add_service_subcommands(*casualty, exit_code, options);
}

}  // namespace concord::cli
