// `concord match candidates | allocate | propose | decide | list`: match candidates, allocation
// advice, matches and partnerships from the command line. It runs as the system principal, acting
// for the state named with --state or the organisation named with --organisation (a state's
// proposal counts as its acceptance, a donor's as the donor's; with neither, a proposal is the
// operator's, for both sides to decide). assistance::MatchService does the work, with audit and
// notifications as over the API.
#include <iostream>
#include <memory>
#include <string>

#include "assistance/match_json.h"
#include "assistance/match_service.h"
#include "cli/commands.h"
#include "cli/options.h"
#include "cli/runtime.h"

namespace concord::cli {
namespace {

using assistance::Match;

struct Acting {
  std::string state;
  std::string organisation;
};

void add_acting_options(CLI::App& command, Acting& acting) {
  command.add_option("--state", acting.state, "Act for this state (alpha-2)");
  command.add_option("--organisation", acting.organisation, "Act for this organisation (its id)");
}

access::Principal acting_for(const Acting& acting, const std::string& what) {
  std::string name = "concord match " + what;
  if (!acting.state.empty()) name += " --state " + acting.state;
  if (!acting.organisation.empty()) name += " --organisation " + acting.organisation;
  access::Principal principal = access::Principal::system(name);
  if (!acting.state.empty()) principal.state = acting.state;
  if (!acting.organisation.empty()) principal.organisation_id = acting.organisation;
  return principal;
}

std::string amount_text(std::int64_t minor, const std::string& currency,
                        const ReferenceData& reference) {
  return Money{minor, currency}.to_decimal(reference) + " " + currency;
}

void print_match(const Match& match, const ReferenceData& reference) {
  const auto decision = [](assistance::MatchDecision d) {
    return d == assistance::MatchDecision::pending ? std::string("pending")
                                                   : std::string(assistance::to_string(d));
  };
  std::cout << "match        " << match.id << "\n"
            << "need         " << match.need_id << " (" << match.state << ")\n"
            << "offer        " << match.offer_id << " (" << assistance::donor_key(match.donor)
            << ")\n"
            << "amount       " << amount_text(match.amount_minor, match.currency, reference) << "\n"
            << "score        " << match.score << "\n"
            << "status       " << assistance::to_string(match.status) << "  (state "
            << decision(match.state_decision) << ", donor " << decision(match.donor_decision)
            << ")\n";
  if (!match.partnership_at.empty()) std::cout << "partnership  " << match.partnership_at << "\n";
}

// Runs `work(runtime)`; prints its match, or reports its failure.
template <typename Work>
void run_match(const SharedOptions& shared, const std::string& command, bool json, int& exit_code,
               Work&& work) {
  auto runtime = open_runtime_or_log(shared, exit_code);
  if (!runtime) return;
  Result<Match> done = work(*runtime);
  if (!done.ok()) {
    report_failure(command, done.error(), exit_code);
    return;
  }
  if (json) {
    std::cout << assistance::match_json(*done, *runtime->reference).dump(2) << "\n";
  } else {
    print_match(*done, *runtime->reference);
  }
  exit_code = kSuccess;
}

struct CandidatesOptions {
  SharedOptions shared;
  std::string need, offer, currency = "USD";
  bool all = false;
  bool json = false;
};

void add_candidates(CLI::App& parent, int& exit_code) {
  auto* command = parent.add_subcommand(
      "candidates",
      "Score every offer against a need (--need) or every need against an offer "
      "(--offer), with each factor's explanation");
  auto options = std::make_shared<CandidatesOptions>();
  options->shared.add_to(*command, /*all_settings=*/false);
  auto* need = command->add_option("--need", options->need, "The need's id");
  auto* offer = command->add_option("--offer", options->offer, "The offer's id");
  need->excludes(offer);
  command->add_option("--currency", options->currency, "Convert amounts into (default USD)");
  command->add_flag("--all", options->all, "Also list the pairs excluded, with their reasons");
  command->add_flag("--json", options->json, "Print JSON");
  command->callback([options, &exit_code] {
    if (options->need.empty() == options->offer.empty()) {
      report_failure("match candidates", Error::invalid("need", "give --need or --offer"),
                     exit_code);
      exit_code = kUsage;
      return;
    }
    auto runtime = open_runtime_or_log(options->shared, exit_code);
    if (!runtime) return;
    const auto actor = access::Principal::system("concord match candidates");
    auto list =
        options->need.empty()
            ? runtime->matches->candidates_for_offer(actor, options->offer, options->currency)
            : runtime->matches->candidates_for_need(actor, options->need, options->currency);
    if (!list.ok()) {
      report_failure("match candidates", list.error(), exit_code);
      return;
    }
    const ReferenceData& reference = *runtime->reference;
    if (options->json) {
      std::cout << assistance::candidate_list_json(*list, reference).dump(2) << "\n";
      exit_code = kSuccess;
      return;
    }
    std::cout << "amounts in " << list->currency << " at the rates of " << list->rates_on << "\n";
    for (const auto& c : list->candidates) {
      if (!c.candidate() && !options->all) continue;
      std::cout << "\nneed " << c.need.id << " (" << c.need.state << ", "
                << assistance::to_string(c.need.theme) << ")  offer " << c.offer.id << " ("
                << assistance::donor_key(c.offer.donor) << ")\n";
      if (c.conversion_problem) {
        std::cout << "  not scored: " << *c.conversion_problem << "\n";
        continue;
      }
      if (!c.score.candidate()) {
        for (const auto& reason : c.score.exclusions)
          std::cout << "  not a candidate: " << reason << "\n";
        continue;
      }
      std::cout << "  score " << c.score.score << "  gap "
                << amount_text(c.need_gap_minor, list->currency, reference) << "  offer has "
                << amount_text(c.offer_capacity_minor, list->currency, reference)
                << (c.open_match_id ? "  open match " + *c.open_match_id : "") << "\n";
      for (const auto& factor : c.score.factors) {
        std::cout << "    " << factor.name << " " << factor.value << " x " << factor.weight << ": "
                  << factor.explanation << "\n";
      }
    }
    exit_code = kSuccess;
  });
}

struct AllocateOptions {
  SharedOptions shared;
  std::string currency = "USD", state, theme, donor;
  bool json = false;
};

void add_allocate(CLI::App& parent, int& exit_code) {
  auto* command = parent.add_subcommand(
      "allocate",
      "Advise how to spread open offers across needs, most urgent first (advice "
      "only: each match is still accepted or declined by both sides)");
  auto options = std::make_shared<AllocateOptions>();
  options->shared.add_to(*command, /*all_settings=*/false);
  command->add_option("--currency", options->currency, "Plan in this currency (default USD)");
  command->add_option("--state", options->state, "Only needs of this state");
  command->add_option("--theme", options->theme, "Only this theme");
  command->add_option("--donor", options->donor, "Only offers of this donor (state:XX, ...)");
  command->add_flag("--json", options->json, "Print JSON");
  command->callback([options, &exit_code] {
    assistance::AllocationFilter filter;
    if (!options->state.empty()) filter.state = options->state;
    if (!options->theme.empty()) {
      filter.theme = assistance::theme_from_string(options->theme);
      if (!filter.theme) {
        report_failure("match allocate",
                       Error::invalid("theme", "theme must be one of " + assistance::themes_list()),
                       exit_code);
        exit_code = kUsage;
        return;
      }
    }
    if (!options->donor.empty()) {
      auto donor = assistance::parse_donor_key(options->donor);
      if (!donor.ok()) {
        report_failure("match allocate", donor.error(), exit_code);
        exit_code = kUsage;
        return;
      }
      filter.donor = *donor;
    }
    auto runtime = open_runtime_or_log(options->shared, exit_code);
    if (!runtime) return;
    auto advice = runtime->matches->allocation(access::Principal::system("concord match allocate"),
                                               options->currency, filter);
    if (!advice.ok()) {
      report_failure("match allocate", advice.error(), exit_code);
      return;
    }
    const ReferenceData& reference = *runtime->reference;
    if (options->json) {
      std::cout << assistance::allocation_advice_json(*advice, reference).dump(2) << "\n";
      exit_code = kSuccess;
      return;
    }
    std::cout << "advice in " << advice->currency << " at the rates of " << advice->rates_on
              << " (each match is still for the state and the donor to accept)\n";
    for (const auto& line : advice->lines) {
      std::cout << amount_text(line.amount_minor, advice->currency, reference) << "  need "
                << line.need_id << " (" << line.state << ")  <- offer " << line.offer_id << " ("
                << assistance::donor_key(line.donor) << ")  score " << line.score << "\n";
    }
    if (advice->lines.empty()) std::cout << "nothing to allocate\n";
    for (const auto& reason : advice->left_out)
      std::cout << "left out: " << reason << "\n";
    exit_code = kSuccess;
  });
}

struct ProposeOptions {
  SharedOptions shared;
  Acting acting;
  std::string need, offer, amount;
  bool json = false;
};

void add_propose(CLI::App& parent, int& exit_code) {
  auto* command = parent.add_subcommand(
      "propose",
      "Propose a match between a need and an offer; as the need's state or the "
      "offer's donor it counts as that side's acceptance");
  auto options = std::make_shared<ProposeOptions>();
  options->shared.add_to(*command, /*all_settings=*/false);
  add_acting_options(*command, options->acting);
  command->add_option("--need", options->need, "The need's id")->required();
  command->add_option("--offer", options->offer, "The offer's id")->required();
  command->add_option("--amount", options->amount,
                      "In the offer's currency (default: the most the offer can give)");
  command->add_flag("--json", options->json, "Print the match as JSON");
  command->callback([options, &exit_code] {
    run_match(options->shared, "match propose", options->json, exit_code, [&](Runtime& runtime) {
      return runtime.matches->propose(acting_for(options->acting, "propose"), options->need,
                                      options->offer, options->amount);
    });
  });
}

struct DecideOptions {
  SharedOptions shared;
  Acting acting;
  std::string id, note;
  bool accept = false;
  bool decline = false;
  bool json = false;
};

void add_decide(CLI::App& parent, int& exit_code) {
  auto* command =
      parent.add_subcommand("decide",
                            "Accept or decline one side of a match: the need's state "
                            "(--state) or the offer's donor (--state or --organisation)");
  auto options = std::make_shared<DecideOptions>();
  options->shared.add_to(*command, /*all_settings=*/false);
  add_acting_options(*command, options->acting);
  command->add_option("id", options->id, "The match's id")->required();
  auto* accept = command->add_flag("--accept", options->accept, "Accept");
  auto* decline = command->add_flag("--decline", options->decline, "Decline");
  accept->excludes(decline);
  command->add_option("--note", options->note, "Why");
  command->add_flag("--json", options->json, "Print the match as JSON");
  command->callback([options, &exit_code] {
    if (options->accept == options->decline) {
      report_failure("match decide", Error::invalid("decision", "give --accept or --decline"),
                     exit_code);
      exit_code = kUsage;
      return;
    }
    run_match(options->shared, "match decide", options->json, exit_code, [&](Runtime& runtime) {
      return runtime.matches->decide(acting_for(options->acting, "decide"), options->id,
                                     options->accept ? assistance::MatchDecision::accepted
                                                     : assistance::MatchDecision::declined,
                                     options->note);
    });
  });
}

struct ListOptions {
  SharedOptions shared;
  std::string state, donor, need, offer, status;
  bool json = false;
};

void add_list(CLI::App& parent, int& exit_code) {
  auto* command = parent.add_subcommand("list", "List matches and partnerships");
  auto options = std::make_shared<ListOptions>();
  options->shared.add_to(*command, /*all_settings=*/false);
  command->add_option("--state", options->state, "Of this need's state");
  command->add_option("--donor", options->donor, "Of this donor (state:XX, organisation:<id>)");
  command->add_option("--need", options->need, "Of this need");
  command->add_option("--offer", options->offer, "Of this offer");
  command->add_option("--status", options->status, "proposed, partnership or declined");
  command->add_flag("--json", options->json, "Print JSON");
  command->callback([options, &exit_code] {
    assistance::MatchFilter filter;
    if (!options->state.empty()) filter.state = options->state;
    if (!options->need.empty()) filter.need_id = options->need;
    if (!options->offer.empty()) filter.offer_id = options->offer;
    if (!options->donor.empty()) {
      auto donor = assistance::parse_donor_key(options->donor);
      if (!donor.ok()) {
        report_failure("match list", donor.error(), exit_code);
        exit_code = kUsage;
        return;
      }
      filter.donor = *donor;
    }
    if (!options->status.empty()) {
      filter.status = assistance::match_status_from_string(options->status);
      if (!filter.status) {
        report_failure(
            "match list",
            Error::invalid("status", "status must be one of " + assistance::match_statuses_list()),
            exit_code);
        exit_code = kUsage;
        return;
      }
    }
    auto runtime = open_runtime_or_log(options->shared, exit_code);
    if (!runtime) return;
    auto matches = runtime->matches->list(access::Principal::system("concord match list"), filter);
    if (!matches.ok()) {
      report_failure("match list", matches.error(), exit_code);
      return;
    }
    if (options->json) {
      nlohmann::ordered_json all = nlohmann::ordered_json::array();
      for (const auto& match : *matches)
        all.push_back(assistance::match_json(match, *runtime->reference));
      std::cout << all.dump(2) << "\n";
    } else {
      for (const auto& match : *matches) {
        print_match(match, *runtime->reference);
        std::cout << "\n";
      }
      if (matches->empty()) std::cout << "no matches\n";
    }
    exit_code = kSuccess;
  });
}

}  // namespace

void add_match_command(CLI::App& app, int& exit_code) {
  auto* match = app.add_subcommand("match",
                                   "Match candidates, allocation advice, matches and "
                                   "partnerships between needs and offers");
  match->require_subcommand(1);
  add_candidates(*match, exit_code);
  add_allocate(*match, exit_code);
  add_propose(*match, exit_code);
  add_decide(*match, exit_code);
  add_list(*match, exit_code);
}

}  // namespace concord::cli
