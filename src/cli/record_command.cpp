// `concord record add | show | locate`: weapon records from the command line, run as the system
// principal for the state named with --state (registry/record_service.h does the work, with
// history and audit as over the API).
#include <spdlog/spdlog.h>

#include <iostream>
#include <memory>
#include <string>
#include <vector>

#include "cli/commands.h"
#include "cli/options.h"
#include "cli/runtime.h"
#include "registry/record_service.h"

namespace concord::cli {
namespace {

struct AddOptions {
  SharedOptions shared;
  std::string state;
  std::string external_id;
  std::string kind;
  std::string weapon_type, make, model, calibre, serial, other_markings, country, reported_at;
  std::string sharing;
  std::vector<std::string> shared_with;
  int year = 0;
  std::vector<std::string> markings;
  bool json = false;
};

struct ShowOptions {
  SharedOptions shared;
  std::string id;
  bool json = false;
};

struct LocateOptions {
  SharedOptions shared;
  std::string id;
  std::string place;
  std::string date;
  std::string by;
  bool json = false;
};

std::optional<std::string> given(const std::string& value) {
  return value.empty() ? std::nullopt : std::optional<std::string>(value);
}

void print_record(const registry::WeaponRecord& record, bool json) {
  if (json) {
    std::cout << registry::weapon_record_json(record).dump(2) << "\n";
    return;
  }
  std::cout << "id           " << record.id << "\n"
            << "external_id  " << record.external_id << "\n"
            << "state        " << record.state << "\n"
            << "kind         " << registry::to_string(record.kind) << "\n"
            << "status       " << registry::to_string(record.status) << "\n";
  auto identity = [](const std::string& entered, const std::string& normalised) {
    if (normalised.empty() || normalised == entered) return entered;
    return entered + " (" + normalised + ")";
  };
  std::cout << "type         " << record.weapon_type << "\n"
            << "make         " << identity(record.make, record.make_normalised) << "\n"
            << "model        " << identity(record.model, record.model_normalised) << "\n"
            << "calibre      " << identity(record.calibre, record.calibre_normalised) << "\n"
            << "sharing      " << access::to_string(record.sharing) << "\n";
  for (const auto& marking : record.markings) {
    std::cout << "marking      " << marking::to_string(marking.kind) << " on "
              << marking::to_string(marking.component) << ": " << marking.text << " ("
              << marking::to_string(marking.condition)
              << (marking.restoration_method.empty() ? "" : ", " + marking.restoration_method)
              << ")\n";
  }
  if (!record.other_markings.empty()) std::cout << "other        " << record.other_markings << "\n";
  if (!record.located_place.empty()) {
    std::cout << "located      " << record.located_place << " on " << record.located_on << " by "
              << record.located_by << "\n";
  }
  if (!record.status_reason.empty()) std::cout << "reason       " << record.status_reason << "\n";
  std::cout << "confirmed_at " << (record.confirmed_at.empty() ? "never" : record.confirmed_at)
            << "\n"
            << "updated_at   " << record.updated_at << "\n";
}

void add_add(CLI::App& parent, int& exit_code) {
  auto* command = parent.add_subcommand("add", "Enter a weapon record for a state");
  auto options = std::make_shared<AddOptions>();
  options->shared.add_to(*command, /*all_settings=*/false);
  command->add_option("--state", options->state, "The owning state (alpha-2)")->required();
  command->add_option("--kind", options->kind, "registry, lost, stolen, seized, found, ...")
      ->required();
  command->add_option("--external-id", options->external_id,
                      "The state's own reference (generated when absent)");
  command->add_option("--type", options->weapon_type, "Weapon type (pistol, rifle, ...)");
  command->add_option("--make", options->make, "Make as entered");
  command->add_option("--model", options->model, "Model as entered");
  command->add_option("--calibre", options->calibre, "Calibre as entered");
  command->add_option("--serial", options->serial, "The serial as read");
  command->add_option("--marking", options->markings,
                      "A typed marking kind:component:text:condition[:method], such as "
                      "serial:frame:ABC123:intact (repeatable)");
  command->add_option("--other-markings", options->other_markings, "Other markings, free text");
  command->add_option("--country", options->country, "Country of manufacture (alpha-2)");
  command->add_option("--year", options->year, "Year of manufacture");
  command->add_option("--reported-at", options->reported_at, "When reported (ISO 8601)");
  command->add_option("--sharing", options->sharing,
                      "private, named_states, law_enforcement or public (default by kind)");
  command->add_option("--share-with", options->shared_with,
                      "A state to share with, for named_states (repeatable)");
  command->add_flag("--json", options->json, "Print the record as JSON");
  command->callback([options, &exit_code] {
    registry::NewRecord input;
    input.state = options->state;
    input.external_id = given(options->external_id);
    auto& fields = input.fields;
    fields.kind = options->kind;
    fields.weapon_type = given(options->weapon_type);
    fields.make = given(options->make);
    fields.model = given(options->model);
    fields.calibre = given(options->calibre);
    fields.serial = given(options->serial);
    fields.other_markings = given(options->other_markings);
    fields.country_of_manufacture = given(options->country);
    if (options->year != 0) fields.year_of_manufacture = std::optional<int>(options->year);
    fields.reported_at = given(options->reported_at);
    fields.sharing = given(options->sharing);
    if (!options->shared_with.empty()) fields.shared_with = options->shared_with;
    if (!options->markings.empty()) {
      std::vector<registry::MarkingInput> markings;
      for (std::size_t i = 0; i < options->markings.size(); ++i) {
        auto marking = registry::parse_marking_spec(options->markings[i],
                                                    "markings[" + std::to_string(i) + "]");
        if (!marking.ok()) {
          report_failure("record add", marking.error(), exit_code);
          exit_code = kUsage;
          return;
        }
        markings.push_back(*marking);
      }
      fields.markings = std::move(markings);
    }
    auto runtime = open_runtime_or_log(options->shared, exit_code);
    if (!runtime) return;
    auto entered = runtime->records->enter(
        access::Principal::system("concord record add --state " + options->state), input);
    if (!entered.ok()) {
      report_failure("record add", entered.error(), exit_code);
      return;
    }
    print_record(*entered, options->json);
    exit_code = kSuccess;
  });
}

void add_show(CLI::App& parent, int& exit_code) {
  auto* command = parent.add_subcommand("show", "Show one weapon record");
  auto options = std::make_shared<ShowOptions>();
  options->shared.add_to(*command, /*all_settings=*/false);
  command->add_option("ID", options->id, "The record's id")->required();
  command->add_flag("--json", options->json, "Print the record as JSON");
  command->callback([options, &exit_code] {
    auto runtime = open_runtime_or_log(options->shared, exit_code);
    if (!runtime) return;
    auto record =
        runtime->records->get(access::Principal::system("concord record show"), options->id);
    if (!record.ok()) {
      report_failure("record show", record.error(), exit_code);
      return;
    }
    print_record(*record, options->json);
    exit_code = kSuccess;
  });
}

void add_locate(CLI::App& parent, int& exit_code) {
  auto* command =
      parent.add_subcommand("locate", "Record that a lost or stolen weapon has been found");
  auto options = std::make_shared<LocateOptions>();
  options->shared.add_to(*command, /*all_settings=*/false);
  command->add_option("ID", options->id, "The record's id")->required();
  command->add_option("--place", options->place, "Where it was found")->required();
  command->add_option("--date", options->date, "When (ISO 8601 date or date-time)")->required();
  command->add_option("--by", options->by, "The agency or officer that found it");
  command->add_flag("--json", options->json, "Print the record as JSON");
  command->callback([options, &exit_code] {
    auto runtime = open_runtime_or_log(options->shared, exit_code);
    if (!runtime) return;
    auto located =
        runtime->records->locate(access::Principal::system("concord record locate"), options->id,
                                 {options->place, options->date, options->by});
    if (!located.ok()) {
      report_failure("record locate", located.error(), exit_code);
      return;
    }
    print_record(*located, options->json);
    exit_code = kSuccess;
  });
}

}  // namespace

void add_record_command(CLI::App& app, int& exit_code) {
  auto* command = app.add_subcommand("record", "Enter, show and locate weapon records");
  command->require_subcommand(1);
  add_add(*command, exit_code);
  add_show(*command, exit_code);
  add_locate(*command, exit_code);
}

}  // namespace concord::cli
