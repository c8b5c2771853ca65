// `concord flow add | amend | withdraw | history | list | view`: funding flows and the funding
// views from the command line. Writes run as the system principal acting for `--as` (a donor
// for pledges, commitments and disbursements; the recipient state for expenditures); reads run
// as the system principal. assistance/funding_service.h does the work, with audit as over the API.
#include <cstdio>
#include <iomanip>
#include <iostream>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "assistance/funding_json.h"
#include "assistance/funding_service.h"
#include "cli/commands.h"
#include "cli/options.h"
#include "cli/runtime.h"
#include "core/money.h"

namespace concord::cli {
namespace {

using assistance::FundingFlow;

// The system principal acting for the donor or state `as` names ("state:NO").
Result<access::Principal> acting_as(const std::string& as, const std::string& what) {
  CONCORD_ASSIGN_OR_RETURN(auto donor, assistance::parse_donor_key(as, "--as"));
  return assistance::system_principal_for(donor, "concord flow " + what + " --as " + as);
}

std::optional<std::string> given(const std::string& text) {
  return text.empty() ? std::nullopt : std::optional<std::string>(text);
}

void print_flow(const FundingFlow& flow, const ReferenceData& reference) {
  std::cout << flow.flow_id << "  v" << flow.version << "  " << assistance::to_string(flow.kind)
            << (flow.status == assistance::FlowStatus::withdrawn ? " (withdrawn)" : "") << "  "
            << assistance::donor_key(flow.donor) << " -> " << flow.recipient_state << "  "
            << Money{flow.amount_minor, flow.currency}.to_decimal(reference) << " " << flow.currency
            << "  " << flow.budget_year << "  " << flow.activity << "\n";
}

void print_flows(const std::vector<FundingFlow>& flows, const ReferenceData& reference, bool json) {
  if (json) {
    nlohmann::ordered_json list = nlohmann::ordered_json::array();
    for (const auto& flow : flows)
      list.push_back(assistance::flow_json(flow, reference));
    std::cout << list.dump(2) << "\n";
    return;
  }
  for (const auto& flow : flows)
    print_flow(flow, reference);
}

struct AddOptions {
  SharedOptions shared;
  std::string as, kind, to, amount, currency, date, donor, theme, sector, plan, obligation, need,
      match, activity, description;
  int year = 0;
  bool json = false;
};

void add_add(CLI::App& parent, int& exit_code) {
  auto* command = parent.add_subcommand(
      "add",
      "Record a pledge, commitment or disbursement as a donor, or an expenditure as the "
      "recipient state. A pledge is recorded but not counted until it is committed");
  auto o = std::make_shared<AddOptions>();
  o->shared.add_to(*command, /*all_settings=*/false);
  command->add_option("--as", o->as, "Who records it: state:XX or organisation:<id>")->required();
  command->add_option("--kind", o->kind, "pledge, commitment, disbursement or expenditure")
      ->required();
  command->add_option("--to", o->to, "The recipient state (alpha-2)")->required();
  command->add_option("--amount", o->amount, "Decimal amount: 125000.50")->required();
  command->add_option("--currency", o->currency, "ISO 4217 code")->required();
  command->add_option("--date", o->date, "Value date, YYYY-MM-DD")->required();
  command->add_option("--year", o->year, "Budget year")->required();
  command->add_option("--donor", o->donor, "For an expenditure: whose funds were spent");
  command->add_option("--need", o->need, "The need it funds");
  command->add_option("--obligation", o->obligation, "The obligation it funds");
  command->add_option("--plan", o->plan, "The plan it funds");
  command->add_option("--match", o->match, "The partnership it funds");
  command->add_option("--theme", o->theme, "Defaults to the need's or obligation's");
  command->add_option("--sector", o->sector, "DAC purpose code; defaults from the theme");
  command->add_option("--activity", o->activity, "IATI activity identifier");
  command->add_option("--description", o->description, "Free text");
  command->add_flag("--json", o->json, "Print the flow as JSON");
  command->callback([o, &exit_code] {
    auto actor = acting_as(o->as, "add");
    if (!actor.ok()) {
      report_failure("flow add", actor.error(), exit_code);
      exit_code = kUsage;
      return;
    }
    assistance::NewFlow input;
    input.kind = o->kind;
    input.donor = given(o->donor);
    input.recipient_state = o->to;
    input.amount = o->amount;
    input.currency = o->currency;
    input.value_date = o->date;
    input.budget_year = o->year;
    input.theme = given(o->theme);
    input.sector = given(o->sector);
    input.plan_id = given(o->plan);
    input.obligation_id = given(o->obligation);
    input.need_id = given(o->need);
    input.match_id = given(o->match);
    input.activity = given(o->activity);
    input.description = o->description;
    run_and_print(
        o->shared, "flow add", exit_code,
        [&](Runtime& runtime) { return runtime.funding->record(*actor, input); },
        [&](const FundingFlow& flow, const ReferenceData& reference) {
          print_flows({flow}, reference, o->json);
        });
  });
}

struct ChangeOptions {
  SharedOptions shared;
  std::string flow, as, kind, amount, currency, date, description;
  std::optional<int> year;
  int expected_version = 0;
  bool json = false;
};

void add_amend_or_withdraw(CLI::App& parent, int& exit_code, bool withdrawal) {
  auto* command = parent.add_subcommand(
      withdrawal ? "withdraw" : "amend",
      withdrawal ? "Withdraw a flow: a new version that counts for nothing"
                 : "Amend a flow: a new version; every earlier version is kept");
  auto o = std::make_shared<ChangeOptions>();
  o->shared.add_to(*command, /*all_settings=*/false);
  command->add_option("FLOW", o->flow, "The flow's id")->required();
  command->add_option("--as", o->as, "Its donor (or, for an expenditure, the recipient state)")
      ->required();
  command
      ->add_option("--expected-version", o->expected_version,
                   "The version you read; refused if the flow changed since")
      ->required();
  if (!withdrawal) {
    command->add_option("--kind", o->kind, "pledge, commitment or disbursement");
    command->add_option("--amount", o->amount, "New amount");
    command->add_option("--currency", o->currency, "New currency (with --amount)");
    command->add_option("--date", o->date, "New value date");
    command->add_option("--year", o->year, "New budget year");
    command->add_option("--description", o->description, "New description");
  }
  command->add_flag("--json", o->json, "Print the new version as JSON");
  command->callback([o, withdrawal, &exit_code] {
    const std::string name = withdrawal ? "flow withdraw" : "flow amend";
    auto actor = acting_as(o->as, withdrawal ? "withdraw" : "amend");
    if (!actor.ok()) {
      report_failure(name, actor.error(), exit_code);
      exit_code = kUsage;
      return;
    }
    assistance::FlowChanges changes;
    changes.kind = given(o->kind);
    changes.amount = given(o->amount);
    changes.currency = given(o->currency);
    changes.value_date = given(o->date);
    changes.budget_year = o->year;
    changes.description = given(o->description);
    run_and_print(
        o->shared, name, exit_code,
        [&](Runtime& runtime) {
          return withdrawal ? runtime.funding->withdraw(*actor, o->flow, o->expected_version)
                            : runtime.funding->amend(*actor, o->flow, changes, o->expected_version);
        },
        [&](const FundingFlow& flow, const ReferenceData& reference) {
          print_flows({flow}, reference, o->json);
        });
  });
}

void add_history(CLI::App& parent, int& exit_code) {
  auto* command = parent.add_subcommand("history", "Every version of a flow, oldest first");
  auto shared = std::make_shared<SharedOptions>();
  shared->add_to(*command, /*all_settings=*/false);
  auto flow = std::make_shared<std::string>();
  auto json = std::make_shared<bool>(false);
  command->add_option("FLOW", *flow, "The flow's id")->required();
  command->add_flag("--json", *json, "Print JSON");
  command->callback([=, &exit_code] {
    run_and_print(
        *shared, "flow history", exit_code,
        [&](Runtime& runtime) {
          return runtime.funding->history(access::Principal::system("concord flow history"), *flow);
        },
        [&](const std::vector<FundingFlow>& versions, const ReferenceData& reference) {
          print_flows(versions, reference, *json);
        });
  });
}

struct ListOptions {
  SharedOptions shared;
  std::string to, donor, plan, need, theme;
  std::optional<int> year;
  bool all = false;
  bool json = false;
};

void add_list(CLI::App& parent, int& exit_code) {
  auto* command = parent.add_subcommand("list", "Funding flows, current versions");
  auto o = std::make_shared<ListOptions>();
  o->shared.add_to(*command, /*all_settings=*/false);
  command->add_option("--to", o->to, "Only to this recipient state");
  command->add_option("--donor", o->donor, "Only from this donor: state:XX or organisation:<id>");
  command->add_option("--plan", o->plan, "Only for this plan");
  command->add_option("--need", o->need, "Only for this need");
  command->add_option("--theme", o->theme, "Only of this theme");
  command->add_option("--year", o->year, "Only of this budget year");
  command->add_flag("--all", o->all, "Include withdrawn flows");
  command->add_flag("--json", o->json, "Print JSON");
  command->callback([o, &exit_code] {
    assistance::FlowQuery query;
    query.recipient_state = given(o->to);
    query.donor = given(o->donor);
    query.plan_id = given(o->plan);
    query.need_id = given(o->need);
    query.theme = given(o->theme);
    query.budget_year = o->year;
    query.include_withdrawn = o->all;
    run_and_print(
        o->shared, "flow list", exit_code,
        [&](Runtime& runtime) {
          return runtime.funding->list(access::Principal::system("concord flow list"), query);
        },
        [&](const std::vector<FundingFlow>& flows, const ReferenceData& reference) {
          print_flows(flows, reference, o->json);
        });
  });
}

struct ViewOptions {
  SharedOptions shared;
  std::string by = "plan", currency = "USD", rates_on, state, plan;
  bool continuity = false;
  bool concentration = false;
  bool json = false;
};

std::string amount(std::int64_t minor, const std::string& currency,
                   const ReferenceData& reference) {
  return Money{minor, currency}.to_decimal(reference);
}

std::string percent(const std::optional<double>& value) {
  if (!value) return "-";
  char text[32];
  std::snprintf(text, sizeof text, "%.2f %%", *value);
  return text;
}

void print_view(const assistance::FundingView& view, const ReferenceData& reference) {
  std::cout << "Funding by " << assistance::to_string(view.by) << " in " << view.currency
            << ", rates of " << view.rates_on << " (oldest rate used: "
            << (view.oldest_rate_date.empty() ? "none needed" : view.oldest_rate_date) << ")\n"
            << "Pledges are shown but not counted until committed.\n";
  auto row = [&](const assistance::FundingGroup& group, const std::string& label) {
    std::cout << std::left << std::setw(28) << label << " requested "
              << amount(group.requested_minor, view.currency, reference) << "  counted "
              << amount(group.counted_minor, view.currency, reference) << "  pledged "
              << amount(group.pledged_minor, view.currency, reference) << "  "
              << (group.surplus_minor > 0
                      ? "surplus " + amount(group.surplus_minor, view.currency, reference)
                      : "gap " + amount(group.gap_minor, view.currency, reference))
              << "  coverage " << percent(group.coverage_percent)
              << (group.single_donor_dependency ? "  SINGLE-DONOR (" + group.largest_donor + ")"
                                                : "")
              << "\n";
  };
  for (const auto& group : view.groups)
    row(group, group.key.empty() ? "(none)" : group.key);
  row(view.total, "TOTAL");
}

void add_view(CLI::App& parent, int& exit_code) {
  auto* command = parent.add_subcommand(
      "view",
      "Coverage and gap, continuity over future years, or donor concentration, in one "
      "currency with the rates of one date");
  auto o = std::make_shared<ViewOptions>();
  o->shared.add_to(*command, /*all_settings=*/false);
  command->add_option("--by", o->by, "plan, obligation, country, theme, donor or year");
  command->add_option("--currency", o->currency, "ISO 4217 code (default USD)");
  command->add_option("--rates-on", o->rates_on, "Conversion date, YYYY-MM-DD (default today)");
  command->add_option("--state", o->state, "Only this recipient state");
  command->add_option("--plan", o->plan, "Only this plan");
  command->add_flag("--continuity", o->continuity, "Future years: counted funding against need");
  command->add_flag("--concentration", o->concentration, "Donor shares and dependency");
  command->add_flag("--json", o->json, "Print JSON (continuity and concentration always do)");
  command->callback([o, &exit_code] {
    assistance::FundingQuery query;
    query.currency = o->currency;
    query.rates_on = given(o->rates_on);
    query.state = given(o->state);
    query.plan_id = given(o->plan);
    const auto reader = access::Principal::system("concord flow view");
    if (o->continuity || o->concentration) {
      run_and_print(
          o->shared, "flow view", exit_code,
          [&](Runtime& runtime) -> Result<nlohmann::ordered_json> {
            if (o->continuity) {
              CONCORD_ASSIGN_OR_RETURN(auto view, runtime.funding->continuity(reader, query));
              return assistance::continuity_json(view, *runtime.reference);
            }
            CONCORD_ASSIGN_OR_RETURN(auto view, runtime.funding->concentration(reader, query));
            return assistance::concentration_json(view, *runtime.reference);
          },
          [](const nlohmann::ordered_json& json, const ReferenceData&) {
            std::cout << json.dump(2) << "\n";
          });
      return;
    }
    auto by = assistance::funding_grouping_from_string(o->by);
    if (!by) {
      report_failure(
          "flow view",
          Error::invalid("--by", "must be one of " + assistance::funding_groupings_list()),
          exit_code);
      exit_code = kUsage;
      return;
    }
    run_and_print(
        o->shared, "flow view", exit_code,
        [&](Runtime& runtime) { return runtime.funding->view(reader, query, *by); },
        [&](const assistance::FundingView& view, const ReferenceData& reference) {
          if (o->json) {
            std::cout << assistance::funding_view_json(view, reference).dump(2) << "\n";
          } else {
            print_view(view, reference);
          }
        });
  });
}

}  // namespace

void add_flow_command(CLI::App& app, int& exit_code) {
  auto* flow = app.add_subcommand("flow", "Funding flows and the funding views");
  flow->require_subcommand(1);
  add_add(*flow, exit_code);
  add_amend_or_withdraw(*flow, exit_code, /*withdrawal=*/false);
  add_amend_or_withdraw(*flow, exit_code, /*withdrawal=*/true);
  add_history(*flow, exit_code);
  add_list(*flow, exit_code);
  add_view(*flow, exit_code);
}

}  // namespace concord::cli
