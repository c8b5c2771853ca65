// `concord plan | need | offer | region`: national plans, needs, offers and regions from the
// command line. Writes run as the system principal acting for `--state XX` (plans and needs) or
// `--donor state:XX|organisation:ID` (offers); reads run as the system principal, which sees
// restricted parts too. assistance/plan_service.h and offer_service.h do the work, with audit,
// the change feed and notifications as over the API.
#include <charconv>
#include <iostream>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "assistance/offer_service.h"
#include "assistance/plan_json.h"
#include "assistance/plan_service.h"
#include "cli/commands.h"
#include "cli/options.h"
#include "cli/runtime.h"

namespace concord::cli {
namespace {

using assistance::Need;
using assistance::Offer;
using assistance::Plan;

access::Principal acting_for_state(const std::string& state, const std::string& what) {
  access::Principal actor = access::Principal::system("concord " + what + " --state " + state);
  actor.state = state;
  return actor;
}

Result<access::Principal> acting_for_donor(const std::string& donor_text, const std::string& what) {
  CONCORD_ASSIGN_OR_RETURN(auto donor, assistance::parse_donor_key(donor_text, "--donor"));
  return assistance::system_principal_for(donor, "concord " + what + " --donor " + donor_text);
}

std::optional<std::string> given(const std::string& text) {
  return text.empty() ? std::nullopt : std::optional<std::string>(text);
}

// "YEAR:COST" or "YEAR:COST:NATIONAL", as --year takes it.
Result<assistance::NeedYearInput> parse_year(const std::string& text, std::size_t index) {
  const std::string field = "--year[" + std::to_string(index) + "]";
  const auto first = text.find(':');
  if (first == std::string::npos) {
    return Error::invalid(field,
                          "write a year as YEAR:COST or YEAR:COST:NATIONAL, got '" + text + "'");
  }
  assistance::NeedYearInput year;
  const auto* begin = text.data();
  const auto [end, error] = std::from_chars(begin, begin + first, year.year);
  if (error != std::errc() || end != begin + first) {
    return Error::invalid(field, "the year of '" + text + "' is not a whole number");
  }
  const auto second = text.find(':', first + 1);
  year.cost =
      text.substr(first + 1, second == std::string::npos ? std::string::npos : second - first - 1);
  if (second != std::string::npos) year.national = text.substr(second + 1);
  return year;
}

// Splits "LA,KH" into its codes.
std::vector<std::string> split_commas(const std::string& text) {
  std::vector<std::string> items;
  std::size_t start = 0;
  while (start <= text.size()) {
    auto end = text.find(',', start);
    if (end == std::string::npos) end = text.size();
    if (end > start) items.push_back(text.substr(start, end - start));
    start = end + 1;
  }
  return items;
}

void print_plan(const Plan& plan) {
  std::cout << plan.id << "  " << plan.state << "  " << plan.first_year << "-" << plan.last_year
            << "  " << assistance::to_string(plan.visibility) << "  " << plan.title << "\n";
}

void print_need(const Need& need, const ReferenceData& reference) {
  std::cout << need.id << "  " << need.state << "  " << assistance::to_string(need.theme) << "  "
            << assistance::decimal_amount(need.total_cost_minor(), need.currency, reference) << " "
            << need.currency << " (requested "
            << assistance::decimal_amount(need.requested_minor(), need.currency, reference) << ")"
            << "  " << need.description << "\n";
}

void print_offer(const Offer& offer, const ReferenceData& reference) {
  std::cout << offer.id << "  " << assistance::donor_key(offer.donor) << "  "
            << assistance::to_string(offer.status) << "  "
            << assistance::decimal_amount(offer.amount_minor, offer.currency, reference) << " "
            << offer.currency << "  " << offer.first_year << "-" << offer.last_year << "  "
            << offer.title << "\n";
}

// ---- plan

struct PlanOptions {
  SharedOptions shared;
  std::string state, title, summary, visibility = "public", id, filter_state;
  int first_year = 0, last_year = 0;
  bool json = false;
};

void add_plan_subcommands(CLI::App& plan, int& exit_code) {
  auto options = std::make_shared<PlanOptions>();
  auto* add = plan.add_subcommand("add", "Publish a plan of a state");
  options->shared.add_to(*add, /*all_settings=*/false);
  add->add_option("--state", options->state, "The state whose plan it is (alpha-2)")->required();
  add->add_option("--title", options->title, "The plan's title")->required();
  add->add_option("--summary", options->summary, "A summary");
  add->add_option("--first-year", options->first_year, "The first year it covers")->required();
  add->add_option("--last-year", options->last_year, "The last year it covers")->required();
  add->add_option("--visibility", options->visibility, "public (default) or restricted");
  add->add_flag("--json", options->json, "Print the plan as JSON");
  add->callback([options, &exit_code] {
    run_and_print(
        options->shared, "plan add", exit_code,
        [&](Runtime& runtime) {
          return runtime.plans->create_plan(acting_for_state(options->state, "plan add"),
                                            {options->title, options->summary, options->first_year,
                                             options->last_year, options->visibility});
        },
        [&](const Plan& created, const ReferenceData&) {
          if (options->json) {
            std::cout << assistance::plan_json(created).dump(2) << "\n";
          } else {
            print_plan(created);
          }
        });
  });

  auto* list = plan.add_subcommand("list", "List plans, newest first");
  options->shared.add_to(*list, /*all_settings=*/false);
  list->add_option("--state", options->filter_state, "Only this state's plans");
  list->add_flag("--json", options->json, "Print the plans as JSON");
  list->callback([options, &exit_code] {
    run_and_print(
        options->shared, "plan list", exit_code,
        [&](Runtime& runtime) {
          return runtime.plans->list_plans(access::Principal::system("concord plan list"),
                                           given(options->filter_state));
        },
        [&](const std::vector<Plan>& plans, const ReferenceData&) {
          if (options->json) {
            nlohmann::ordered_json out = nlohmann::ordered_json::array();
            for (const auto& one : plans)
              out.push_back(assistance::plan_json(one));
            std::cout << out.dump(2) << "\n";
            return;
          }
          for (const auto& one : plans)
            print_plan(one);
        });
  });

  auto* show = plan.add_subcommand("show", "Show a plan with its obligations and needs");
  options->shared.add_to(*show, /*all_settings=*/false);
  show->add_option("id", options->id, "The plan's id")->required();
  show->add_flag("--json", options->json, "Print the plan as JSON");
  show->callback([options, &exit_code] {
    run_and_print(
        options->shared, "plan show", exit_code,
        [&](Runtime& runtime) {
          return runtime.plans->get_plan(access::Principal::system("concord plan show"),
                                         options->id);
        },
        [&](const assistance::PlanView& view, const ReferenceData& reference) {
          if (options->json) {
            auto out = assistance::plan_json(view.plan);
            out["obligations"] = nlohmann::ordered_json::array();
            for (const auto& obligation : view.obligations) {
              out["obligations"].push_back(assistance::obligation_json(obligation));
            }
            out["needs"] = nlohmann::ordered_json::array();
            for (const auto& need : view.needs) {
              out["needs"].push_back(assistance::need_json(need, reference));
            }
            std::cout << out.dump(2) << "\n";
            return;
          }
          print_plan(view.plan);
          for (const auto& obligation : view.obligations) {
            std::cout << "obligation  " << obligation.id << "  "
                      << assistance::to_string(obligation.theme) << "  "
                      << obligation.target_quantity << " " << obligation.unit << " by "
                      << obligation.effective_deadline();
            if (obligation.latest_progress) {
              std::cout << "  (" << obligation.latest_progress->achieved_quantity << " on "
                        << obligation.latest_progress->as_of << ")";
            }
            std::cout << "  " << obligation.description << "\n";
          }
          for (const auto& need : view.needs) {
            std::cout << "need        ";
            print_need(need, reference);
          }
        });
  });
}

// ---- need

struct NeedOptions {
  SharedOptions shared;
  std::string state, plan, obligation, theme, description, kind = "funding", currency,
                                                           visibility = "public";
  std::vector<std::string> years;
  bool json = false;
};

void add_need_subcommands(CLI::App& need, int& exit_code) {
  auto options = std::make_shared<NeedOptions>();
  auto* add = need.add_subcommand("add", "Add a costed need to a state's plan");
  options->shared.add_to(*add, /*all_settings=*/false);
  add->add_option("--state", options->state, "The plan's state (alpha-2)")->required();
  add->add_option("--plan", options->plan, "The plan's id")->required();
  add->add_option("--obligation", options->obligation, "The obligation it serves");
  add->add_option("--theme", options->theme, "Its theme (default: the obligation's)");
  add->add_option("--description", options->description, "What is needed")->required();
  add->add_option("--kind", options->kind, "funding (default), equipment, expertise, training");
  add->add_option("--currency", options->currency, "ISO 4217 code of every year's cost")
      ->required();
  add->add_option("--visibility", options->visibility, "public (default) or restricted");
  add->add_option("--year", options->years,
                  "YEAR:COST[:NATIONAL], repeatable: 2027:150000.50:25000")
      ->required();
  add->add_flag("--json", options->json, "Print the need as JSON");
  add->callback([options, &exit_code] {
    run_and_print(
        options->shared, "need add", exit_code,
        [&](Runtime& runtime) -> Result<Need> {
          assistance::NeedInput input;
          input.obligation_id = given(options->obligation);
          input.theme = given(options->theme);
          input.description = options->description;
          input.kind = options->kind;
          input.currency = options->currency;
          input.visibility = options->visibility;
          for (std::size_t i = 0; i < options->years.size(); ++i) {
            CONCORD_ASSIGN_OR_RETURN(auto year, parse_year(options->years[i], i));
            input.years.push_back(std::move(year));
          }
          return runtime.plans->add_need(acting_for_state(options->state, "need add"),
                                         options->plan, input);
        },
        [&](const Need& added, const ReferenceData& reference) {
          if (options->json) {
            std::cout << assistance::need_json(added, reference).dump(2) << "\n";
          } else {
            print_need(added, reference);
          }
        });
  });

  auto* list = need.add_subcommand("list", "List needs, in creation order");
  options->shared.add_to(*list, /*all_settings=*/false);
  list->add_option("--state", options->state, "Only this state's needs");
  list->add_option("--theme", options->theme, "Only needs of this theme");
  list->add_option("--plan", options->plan, "Only needs of this plan");
  list->add_flag("--json", options->json, "Print the needs as JSON");
  list->callback([options, &exit_code] {
    run_and_print(
        options->shared, "need list", exit_code,
        [&](Runtime& runtime) {
          return runtime.plans->list_needs(
              access::Principal::system("concord need list"),
              {given(options->state), given(options->theme), given(options->plan)});
        },
        [&](const std::vector<Need>& needs, const ReferenceData& reference) {
          if (options->json) {
            nlohmann::ordered_json out = nlohmann::ordered_json::array();
            for (const auto& one : needs)
              out.push_back(assistance::need_json(one, reference));
            std::cout << out.dump(2) << "\n";
            return;
          }
          for (const auto& one : needs)
            print_need(one, reference);
        });
  });
}

// ---- offer

struct OfferOptions {
  SharedOptions shared;
  std::string donor, kind = "funding", title, amount, currency, modality = "grant", conditions,
                     theme;
  std::vector<std::string> themes, countries, regions, priorities;
  int first_year = 0, last_year = 0;
  bool open_only = false;
  bool json = false;
};

void add_offer_subcommands(CLI::App& offer, int& exit_code) {
  auto options = std::make_shared<OfferOptions>();
  auto* add = offer.add_subcommand(
      "add", "Publish a donor's offer; states whose open needs fit it are notified");
  options->shared.add_to(*add, /*all_settings=*/false);
  add->add_option("--donor", options->donor, "state:XX or organisation:<id>")->required();
  add->add_option("--kind", options->kind, "funding (default), equipment, expertise, training");
  add->add_option("--title", options->title, "The offer's title")->required();
  add->add_option("--theme", options->themes, "A theme (repeatable)")->required();
  add->add_option("--country", options->countries, "An eligible country (repeatable)");
  add->add_option("--region", options->regions, "An eligible region (repeatable)");
  add->add_option("--priority", options->priorities, "A priority country (repeatable)");
  add->add_option("--amount", options->amount, "The amount, a decimal: 2500000.50")->required();
  add->add_option("--currency", options->currency, "ISO 4217 code")->required();
  add->add_option("--first-year", options->first_year, "The first year")->required();
  add->add_option("--last-year", options->last_year, "The last year")->required();
  add->add_option("--modality", options->modality,
                  "grant (default), in_kind, technical_cooperation, loan");
  add->add_option("--conditions", options->conditions, "Conditions attached");
  add->add_flag("--json", options->json, "Print the offer as JSON");
  add->callback([options, &exit_code] {
    run_and_print(
        options->shared, "offer add", exit_code,
        [&](Runtime& runtime) -> Result<assistance::PublishedOffer> {
          CONCORD_ASSIGN_OR_RETURN(auto actor, acting_for_donor(options->donor, "offer add"));
          return runtime.offers->publish(
              actor,
              {options->kind, options->title, options->themes, options->countries, options->regions,
               options->priorities, options->amount, options->currency, options->first_year,
               options->last_year, options->modality, options->conditions});
        },
        [&](const assistance::PublishedOffer& published, const ReferenceData& reference) {
          if (options->json) {
            auto out = assistance::offer_json(published.offer, reference);
            out["notified_states"] = published.notified_states;
            std::cout << out.dump(2) << "\n";
            return;
          }
          print_offer(published.offer, reference);
          std::cout << "notified    ";
          for (const auto& state : published.notified_states)
            std::cout << state << " ";
          std::cout << (published.notified_states.empty() ? "no state" : "") << "\n";
        });
  });

  auto* list = offer.add_subcommand("list", "List offers, newest first");
  options->shared.add_to(*list, /*all_settings=*/false);
  list->add_option("--donor", options->donor, "Only this donor's: state:XX or organisation:<id>");
  list->add_option("--theme", options->theme, "Only offers for this theme");
  list->add_flag("--open", options->open_only, "Only open offers");
  list->add_flag("--json", options->json, "Print the offers as JSON");
  list->callback([options, &exit_code] {
    run_and_print(
        options->shared, "offer list", exit_code,
        [&](Runtime& runtime) {
          return runtime.offers->list(
              access::Principal::system("concord offer list"),
              {given(options->donor), given(options->theme), options->open_only});
        },
        [&](const std::vector<Offer>& offers, const ReferenceData& reference) {
          if (options->json) {
            nlohmann::ordered_json out = nlohmann::ordered_json::array();
            for (const auto& one : offers)
              out.push_back(assistance::offer_json(one, reference));
            std::cout << out.dump(2) << "\n";
            return;
          }
          for (const auto& one : offers)
            print_offer(one, reference);
        });
  });
}

// ---- region

struct RegionOptions {
  SharedOptions shared;
  std::string name, countries;
};

void add_region_subcommands(CLI::App& region, int& exit_code) {
  auto options = std::make_shared<RegionOptions>();
  auto* set = region.add_subcommand("set", "Make a region hold exactly these countries");
  options->shared.add_to(*set, /*all_settings=*/false);
  set->add_option("name", options->name, "The region's name")->required();
  set->add_option("countries", options->countries, "Its countries: LA,KH,VN")->required();
  set->callback([options, &exit_code] {
    run_and_print(
        options->shared, "region set", exit_code,
        [&](Runtime& runtime) {
          return runtime.plans->set_region(access::Principal::system("concord region set"),
                                           options->name, split_commas(options->countries));
        },
        [](const assistance::Region& done, const ReferenceData&) {
          std::cout << done.name << ":";
          for (const auto& country : done.countries)
            std::cout << " " << country;
          std::cout << "\n";
        });
  });
  auto* list = region.add_subcommand("list", "List regions");
  options->shared.add_to(*list, /*all_settings=*/false);
  list->callback([options, &exit_code] {
    run_and_print(
        options->shared, "region list", exit_code,
        [&](Runtime& runtime) {
          return runtime.plans->list_regions(access::Principal::system("concord region list"));
        },
        [](const std::vector<assistance::Region>& regions, const ReferenceData&) {
          for (const auto& one : regions) {
            std::cout << one.name << ":";
            for (const auto& country : one.countries)
              std::cout << " " << country;
            std::cout << "\n";
          }
        });
  });
}

}  // namespace

void add_plan_command(CLI::App& app, int& exit_code) {
  auto* plan = app.add_subcommand("plan", "National plans: add, list, show");
  plan->require_subcommand(1);
  add_plan_subcommands(*plan, exit_code);
  auto* need = app.add_subcommand("need", "Costed needs of national plans: add, list");
  need->require_subcommand(1);
  add_need_subcommands(*need, exit_code);
  auto* offer = app.add_subcommand("offer", "Donors' offers: add, list");
  offer->require_subcommand(1);
  add_offer_subcommands(*offer, exit_code);
  auto* region = app.add_subcommand("region", "Regions offers may be eligible for: set, list");
  region->require_subcommand(1);
  add_region_subcommands(*region, exit_code);
}

}  // namespace concord::cli
