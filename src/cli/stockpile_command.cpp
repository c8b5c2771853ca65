// `concord stockpile declare | destroy | retain | list | progress | deadline set | deadline list`:
// a state's stockpile records and treaty deadlines from the command line. Writes run as the
// system principal acting for `--state XX`; the flags are read by the same strict readers as the
// API's bodies (operations/stockpile_json.h), and an error names the flag at fault.
#include <algorithm>
#include <iostream>
#include <memory>
#include <optional>
#include <string>

#include "cli/commands.h"
#include "cli/options.h"
#include "cli/runtime.h"
#include "operations/stockpile_json.h"
#include "operations/stockpile_service.h"

namespace concord::cli {
namespace {

using nlohmann::json;
using operations::StockpileRecords;

access::Principal acting_for_state(const std::string& state, const std::string& what) {
  access::Principal actor = access::Principal::system("concord " + what + " --state " + state);
  actor.state = state;
  return actor;
}

// The readers name JSON fields ("as_of"); here they are flags ("--as-of").
Error as_flag(Error error) {
  if (error.field.empty() || error.field == "body") return error;
  std::string flag = "--" + error.field;
  std::replace(flag.begin(), flag.end(), '_', '-');
  error.field = flag;
  return error;
}

template <typename T>
Result<T> flagged(Result<T> result) {
  if (!result.ok()) return as_flag(result.error());
  return result;
}

struct StockpileOptions {
  SharedOptions shared;
  std::string state, category, ammunition_type, as_of, date, method, site, verified_by, purpose, on,
      instrument, obligation, deadline, extended_to;
  std::int64_t quantity = 0;
  int year = 0;
  bool json = false;
};

// The fields the flags gave, as a request body; an empty flag is left out.
json body_of(std::initializer_list<std::pair<const char*, const std::string*>> texts) {
  json body = json::object();
  for (const auto& [key, value] : texts) {
    if (!value->empty()) body[key] = *value;
  }
  return body;
}

void print_declaration(const operations::StockpileDeclaration& one) {
  std::cout << one.id << "  declared  " << one.as_of << "  " << operations::to_string(one.category)
            << (one.ammunition_type.empty() ? "" : " " + one.ammunition_type) << "  "
            << one.quantity << "\n";
}

void print_destruction(const operations::DestructionEvent& one) {
  std::cout << one.id << "  destroyed " << one.date << "  " << operations::to_string(one.category)
            << (one.ammunition_type.empty() ? "" : " " + one.ammunition_type) << "  "
            << one.quantity << "  " << operations::to_string(one.method) << " at " << one.site
            << ", verified by " << one.verified_by << "\n";
}

void print_retained(const operations::RetainedQuantity& one) {
  std::cout << one.id << "  retained  " << one.as_of << "  " << operations::to_string(one.category)
            << (one.ammunition_type.empty() ? "" : " " + one.ammunition_type) << "  "
            << one.quantity << "  for " << operations::to_string(one.purpose) << "\n";
}

void print_deadline(const operations::TreatyDeadline& one) {
  std::cout << one.state << "  " << operations::to_string(one.instrument) << "  "
            << operations::to_string(one.obligation)
            << (one.category ? std::string("  ") + std::string(operations::to_string(*one.category))
                             : std::string())
            << "  " << one.deadline.date;
  if (one.deadline.extended_to) std::cout << " extended to " << *one.deadline.extended_to;
  std::cout << "\n";
}

void add_category_flags(CLI::App& command, StockpileOptions& options) {
  command
      .add_option("--category", options.category,
                  "The category: " + operations::stockpile_categories_list())
      ->required();
  command.add_option("--ammunition-type", options.ammunition_type,
                     "For ammunition only: its type (\"7.62x39mm\")");
}

void add_record_subcommands(CLI::App& stockpile, int& exit_code,
                            const std::shared_ptr<StockpileOptions>& options) {
  auto* declare = stockpile.add_subcommand(
      "declare", "Declare what a state holds of one category on a day (replaces earlier ones)");
  options->shared.add_to(*declare, /*all_settings=*/false);
  declare->add_option("--state", options->state, "The state (alpha-2)")->required();
  add_category_flags(*declare, *options);
  declare->add_option("--quantity", options->quantity, "How many items")->required();
  declare->add_option("--as-of", options->as_of, "The day it stood so (YYYY-MM-DD)")->required();
  declare->add_flag("--json", options->json, "Print the declaration as JSON");
  declare->callback([options, &exit_code] {
    run_and_print(
        options->shared, "stockpile declare", exit_code,
        [&](Runtime& runtime) -> Result<operations::StockpileDeclaration> {
          json body = body_of({{"category", &options->category},
                               {"ammunition_type", &options->ammunition_type},
                               {"as_of", &options->as_of}});
          body["quantity"] = options->quantity;
          CONCORD_ASSIGN_OR_RETURN(
              auto declaration, flagged(operations::declaration_from_json(body, options->state)));
          return flagged(runtime.stockpiles->declare(
              acting_for_state(options->state, "stockpile declare"), std::move(declaration)));
        },
        [&](const operations::StockpileDeclaration& stored, const ReferenceData&) {
          if (options->json) {
            std::cout << operations::declaration_json(stored).dump(2) << "\n";
          } else {
            print_declaration(stored);
          }
        });
  });

  auto* destroy = stockpile.add_subcommand("destroy", "Record a destruction event");
  options->shared.add_to(*destroy, /*all_settings=*/false);
  destroy->add_option("--state", options->state, "The state (alpha-2)")->required();
  destroy->add_option("--date", options->date, "The day (YYYY-MM-DD)")->required();
  add_category_flags(*destroy, *options);
  destroy->add_option("--quantity", options->quantity, "How many items")->required();
  destroy->add_option("--method", options->method, "How: " + operations::destruction_methods_list())
      ->required();
  destroy->add_option("--site", options->site, "Where: the depot or demolition range")->required();
  destroy->add_option("--verified-by", options->verified_by, "Who verified it")->required();
  destroy->add_flag("--json", options->json, "Print the event as JSON");
  destroy->callback([options, &exit_code] {
    run_and_print(
        options->shared, "stockpile destroy", exit_code,
        [&](Runtime& runtime) -> Result<operations::DestructionEvent> {
          json body = body_of({{"date", &options->date},
                               {"category", &options->category},
                               {"ammunition_type", &options->ammunition_type},
                               {"method", &options->method},
                               {"site", &options->site},
                               {"verified_by", &options->verified_by}});
          body["quantity"] = options->quantity;
          CONCORD_ASSIGN_OR_RETURN(
              auto event, flagged(operations::destruction_from_json(body, options->state)));
          return flagged(runtime.stockpiles->record_destruction(
              acting_for_state(options->state, "stockpile destroy"), std::move(event)));
        },
        [&](const operations::DestructionEvent& stored, const ReferenceData&) {
          if (options->json) {
            std::cout << operations::destruction_json(stored).dump(2) << "\n";
          } else {
            print_destruction(stored);
          }
        });
  });

  auto* retain = stockpile.add_subcommand(
      "retain", "Record what a state retains under CCM Article 3(6) (replaces earlier figures)");
  options->shared.add_to(*retain, /*all_settings=*/false);
  retain->add_option("--state", options->state, "The state (alpha-2)")->required();
  add_category_flags(*retain, *options);
  retain->add_option("--quantity", options->quantity, "How many items")->required();
  retain->add_option("--as-of", options->as_of, "The day it stood so (YYYY-MM-DD)")->required();
  retain
      ->add_option("--purpose", options->purpose,
                   "What for: " + operations::retention_purposes_list())
      ->required();
  retain->add_flag("--json", options->json, "Print the retained quantity as JSON");
  retain->callback([options, &exit_code] {
    run_and_print(
        options->shared, "stockpile retain", exit_code,
        [&](Runtime& runtime) -> Result<operations::RetainedQuantity> {
          json body = body_of({{"category", &options->category},
                               {"ammunition_type", &options->ammunition_type},
                               {"as_of", &options->as_of},
                               {"purpose", &options->purpose}});
          body["quantity"] = options->quantity;
          CONCORD_ASSIGN_OR_RETURN(auto retained,
                                   flagged(operations::retained_from_json(body, options->state)));
          return flagged(runtime.stockpiles->record_retained(
              acting_for_state(options->state, "stockpile retain"), std::move(retained)));
        },
        [&](const operations::RetainedQuantity& stored, const ReferenceData&) {
          if (options->json) {
            std::cout << operations::retained_json(stored).dump(2) << "\n";
          } else {
            print_retained(stored);
          }
        });
  });
}

void add_read_subcommands(CLI::App& stockpile, int& exit_code,
                          const std::shared_ptr<StockpileOptions>& options) {
  auto* list = stockpile.add_subcommand("list", "List a state's stockpile records, oldest first");
  options->shared.add_to(*list, /*all_settings=*/false);
  list->add_option("--state", options->state, "The state (alpha-2)")->required();
  list->add_option("--year", options->year, "Only the destruction events of this year");
  list->add_flag("--json", options->json, "Print the records as JSON");
  list->callback([options, &exit_code] {
    run_and_print(
        options->shared, "stockpile list", exit_code,
        [&](Runtime& runtime) -> Result<StockpileRecords> {
          CONCORD_ASSIGN_OR_RETURN(
              auto records,
              flagged(runtime.stockpiles->records(
                  access::Principal::system("concord stockpile list"), options->state)));
          if (options->year != 0) {
            const std::string prefix = std::to_string(options->year) + "-";
            std::erase_if(records.events, [&](const operations::DestructionEvent& event) {
              return !event.date.starts_with(prefix);
            });
          }
          return records;
        },
        [&](const StockpileRecords& records, const ReferenceData&) {
          if (options->json) {
            std::cout << operations::stockpile_records_json(records).dump(2) << "\n";
            return;
          }
          for (const auto& one : records.declarations)
            print_declaration(one);
          for (const auto& one : records.events)
            print_destruction(one);
          for (const auto& one : records.retained)
            print_retained(one);
        });
  });

  auto* progress = stockpile.add_subcommand(
      "progress", "Destruction progress of one category against the stored deadline");
  options->shared.add_to(*progress, /*all_settings=*/false);
  progress->add_option("--state", options->state, "The state (alpha-2)")->required();
  add_category_flags(*progress, *options);
  progress->add_option("--on", options->on, "The day (YYYY-MM-DD; default today)");
  progress->add_flag("--json", options->json, "Print the figures as JSON");
  progress->callback([options, &exit_code] {
    auto query = std::make_shared<operations::ProgressQuery>();
    run_and_print(
        options->shared, "stockpile progress", exit_code,
        [&](Runtime& runtime) -> Result<operations::DestructionProgress> {
          query->state = options->state;
          CONCORD_ASSIGN_OR_RETURN(query->category, operations::parse_stockpile_category(
                                                        options->category, "--category"));
          query->ammunition_type = options->ammunition_type;
          query->on = options->on.empty() ? runtime.stockpiles->today() : options->on;
          return flagged(runtime.stockpiles->progress(
              access::Principal::system("concord stockpile progress"), *query));
        },
        [&](const operations::DestructionProgress& figures, const ReferenceData&) {
          if (options->json) {
            std::cout << operations::progress_json(*query, figures).dump(2) << "\n";
            return;
          }
          std::cout << query->state << "  " << operations::to_string(query->category) << " on "
                    << query->on << "\n"
                    << "declared   " << figures.declared << " (" << figures.declared_as_of << ")\n"
                    << "destroyed  " << figures.destroyed << "\n"
                    << "retained   " << figures.retained << "\n"
                    << "remaining  " << figures.remaining
                    << (figures.inconsistent ? "  (the records disagree: check them)" : "") << "\n"
                    << "done       " << figures.percent_done << " %\n"
                    << "projected  " << figures.projected_completion.value_or("no trend") << "\n"
                    << "deadline   " << figures.deadline.value_or("none") << "\n"
                    << "status     " << operations::to_string(figures.status) << "\n";
        });
  });
}

void add_deadline_subcommands(CLI::App& stockpile, int& exit_code,
                              const std::shared_ptr<StockpileOptions>& options) {
  auto* deadline = stockpile.add_subcommand("deadline", "A state's treaty deadlines");
  deadline->require_subcommand(1);
  auto* set = deadline->add_subcommand(
      "set", "Set one deadline, replacing the one of the same instrument, obligation and category");
  options->shared.add_to(*set, /*all_settings=*/false);
  set->add_option("--state", options->state, "The state (alpha-2)")->required();
  set->add_option("--instrument", options->instrument, "ccm or apmbc")->required();
  set->add_option("--obligation", options->obligation, "stockpile_destruction or clearance")
      ->required();
  set->add_option("--category", options->category,
                  "For stockpile_destruction: the category it binds");
  set->add_option("--deadline", options->deadline, "The day (YYYY-MM-DD)")->required();
  set->add_option("--extended-to", options->extended_to, "An extension granted (YYYY-MM-DD)");
  set->add_flag("--json", options->json, "Print the deadline as JSON");
  set->callback([options, &exit_code] {
    run_and_print(
        options->shared, "stockpile deadline set", exit_code,
        [&](Runtime& runtime) -> Result<operations::TreatyDeadline> {
          json body = body_of({{"instrument", &options->instrument},
                               {"obligation", &options->obligation},
                               {"category", &options->category},
                               {"deadline", &options->deadline},
                               {"extended_to", &options->extended_to}});
          CONCORD_ASSIGN_OR_RETURN(auto one,
                                   flagged(operations::deadline_from_json(body, options->state)));
          return flagged(runtime.stockpiles->set_deadline(
              acting_for_state(options->state, "stockpile deadline set"), std::move(one)));
        },
        [&](const operations::TreatyDeadline& stored, const ReferenceData&) {
          if (options->json) {
            std::cout << operations::deadline_json(stored).dump(2) << "\n";
          } else {
            print_deadline(stored);
          }
        });
  });

  auto* list = deadline->add_subcommand("list", "List a state's deadlines");
  options->shared.add_to(*list, /*all_settings=*/false);
  list->add_option("--state", options->state, "The state (alpha-2)")->required();
  list->add_flag("--json", options->json, "Print the deadlines as JSON");
  list->callback([options, &exit_code] {
    run_and_print(
        options->shared, "stockpile deadline list", exit_code,
        [&](Runtime& runtime) {
          return flagged(runtime.stockpiles->deadlines(
              access::Principal::system("concord stockpile deadline list"), options->state));
        },
        [&](const std::vector<operations::TreatyDeadline>& deadlines, const ReferenceData&) {
          if (options->json) {
            std::cout << operations::deadlines_json(deadlines).dump(2) << "\n";
            return;
          }
          for (const auto& one : deadlines)
            print_deadline(one);
        });
  });
}

}  // namespace

void add_stockpile_command(CLI::App& app, int& exit_code) {
  auto* stockpile = app.add_subcommand(
      "stockpile",
      "Stockpiles: declarations, destruction events, quantities retained, deadlines, progress");
  stockpile->require_subcommand(1);
  auto options = std::make_shared<StockpileOptions>();
  add_record_subcommands(*stockpile, exit_code, options);
  add_read_subcommands(*stockpile, exit_code, options);
  add_deadline_subcommands(*stockpile, exit_code, options);
}

}  // namespace concord::cli
