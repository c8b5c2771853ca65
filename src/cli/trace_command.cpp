// `concord trace send | answer | forward | list`: tracing requests from the command line, run as
// the system principal acting for a state (--from for the requesting state, --state for the
// others). tracing/tracing_service.h does the work, with audit and notifications as over the API.
#include <fstream>
#include <iostream>
#include <iterator>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include "cli/commands.h"
#include "cli/options.h"
#include "cli/runtime.h"
#include "tracing/answer_json.h"
#include "tracing/tracing_service.h"

namespace concord::cli {
namespace {

using tracing::TracingRequest;

access::Principal acting_for(const std::string& state, const std::string& what) {
  access::Principal principal =
      access::Principal::system("concord trace " + what + " --state " + state);
  principal.state = state;
  return principal;
}

std::string or_dash(const std::string& text) {
  return text.empty() ? "-" : text;
}

void print_request(const tracing::TracingService& service, const TracingRequest& request) {
  std::cout << "request      " << request.id << "\n"
            << "from         " << request.requesting_state << "\n"
            << "record       " << request.record_id << "\n"
            << "status       " << tracing::to_string(request.status) << "\n"
            << "priority     " << tracing::to_string(request.content.priority) << "\n";
  for (const auto& leg : request.legs) {
    const auto overdue = service.overdue(leg);
    std::cout << "leg          " << leg.from_state << " -> " << leg.to_state << "  "
              << tracing::to_string(leg.status) << "  acknowledge by "
              << or_dash(leg.acknowledge_due_at) << ", answer by " << or_dash(leg.answer_due_at)
              << (overdue ? "  OVERDUE (" + std::string(tracing::to_string(*overdue)) + ")" : "")
              << "  [" << leg.role << ": " << leg.reason << "]\n";
  }
}

void print_json(const TracingRequest& request) {
  nlohmann::json legs = nlohmann::json::array();
  for (const auto& leg : request.legs) {
    legs.push_back(
        {{"from_state", leg.from_state},
         {"to_state", leg.to_state},
         {"status", tracing::to_string(leg.status)},
         {"acknowledge_due_at", leg.acknowledge_due_at},
         {"answer_due_at", leg.answer_due_at},
         {"answer", leg.answer ? tracing::answer_to_json(*leg.answer) : nlohmann::json()}});
  }
  std::cout << nlohmann::json{{"id", request.id},
                              {"requesting_state", request.requesting_state},
                              {"record_id", request.record_id},
                              {"status", tracing::to_string(request.status)},
                              {"priority", tracing::to_string(request.content.priority)},
                              {"legs", legs}}
                   .dump(2)
            << "\n";
}

// Runs `work(runtime)`; prints its request, or reports its failure.
template <typename Work>
void run(const SharedOptions& shared, const std::string& command, bool json, int& exit_code,
         Work&& work) {
  auto runtime = open_runtime_or_log(shared, exit_code);
  if (!runtime) return;
  Result<TracingRequest> done = work(*runtime);
  if (!done.ok()) {
    report_failure(command, done.error(), exit_code);
    return;
  }
  if (json) {
    print_json(*done);
  } else {
    print_request(*runtime->tracing, *done);
  }
  exit_code = kSuccess;
}

struct SendOptions {
  SharedOptions shared;
  std::string from, record;
  std::vector<std::string> to;
  std::string illicit_nature, legal_basis, circumstances, intended_use;
  std::string priority = "routine", justification, confidentiality, hit;
  bool draft_only = false;
  bool json = false;
};

void add_send(CLI::App& parent, int& exit_code) {
  auto* command = parent.add_subcommand(
      "send", "Draft and send a tracing request about one of a state's weapon records");
  auto options = std::make_shared<SendOptions>();
  options->shared.add_to(*command, /*all_settings=*/false);
  command->add_option("--from", options->from, "The requesting state (alpha-2)")->required();
  command->add_option("--record", options->record, "The weapon record's id")->required();
  command->add_option("--to", options->to,
                      "An addressed state (repeatable); without it, the states suggested from "
                      "the decoded markings");
  command
      ->add_option("--illicit-nature", options->illicit_nature,
                   "Why the weapon is considered illicit")
      ->required();
  command->add_option("--legal-basis", options->legal_basis, "The legal basis of the request")
      ->required();
  command
      ->add_option("--circumstances", options->circumstances,
                   "Where, when and how the weapon was found")
      ->required();
  command
      ->add_option("--intended-use", options->intended_use, "What the information will be used for")
      ->required();
  command->add_option("--priority", options->priority, "routine (default) or urgent");
  command->add_option("--justification", options->justification, "Why urgent (required then)");
  command->add_option("--confidentiality", options->confidentiality,
                      "Conditions on the use of the answer");
  command->add_option("--hit", options->hit, "The cross-check hit the request comes from");
  command->add_flag("--draft", options->draft_only, "Only draft it; send later");
  command->add_flag("--json", options->json, "Print the request as JSON");
  command->callback([options, &exit_code] {
    auto priority = tracing::priority_from_string(options->priority);
    if (!priority) {
      report_failure("trace send", Error::invalid("priority", "priority must be routine or urgent"),
                     exit_code);
      exit_code = kUsage;
      return;
    }
    tracing::NewRequest input;
    input.record_id = options->record;
    input.content = {
        options->illicit_nature,
        options->legal_basis,
        options->circumstances,
        options->intended_use,
        *priority,
        options->justification,
        options->confidentiality,
        options->hit.empty() ? std::nullopt : std::optional<std::string>(options->hit)};
    if (!options->to.empty()) input.addressees = options->to;
    run(options->shared, "trace send", options->json, exit_code,
        [&](Runtime& runtime) -> Result<TracingRequest> {
          const auto actor = acting_for(options->from, "send");
          CONCORD_ASSIGN_OR_RETURN(TracingRequest draft,
                                   runtime.tracing->create_draft(actor, input));
          if (options->draft_only) return draft;
          return runtime.tracing->send(actor, draft.id, std::nullopt);
        });
  });
}

struct AnswerOptions {
  SharedOptions shared;
  std::string id, state, outcome, reason, chain_file, note;
  bool json = false;
};

Result<nlohmann::json> read_chain(const std::string& path) {
  CONCORD_ASSIGN_OR_RETURN(const std::string text, read_file_or_stdin(path, "chain"));
  auto parsed = nlohmann::json::parse(text, nullptr, false);
  if (parsed.is_discarded() || !parsed.is_array()) {
    return Error::invalid("chain", path + " must hold a JSON array of custody events");
  }
  return parsed;
}

void add_answer(CLI::App& parent, int& exit_code) {
  auto* command = parent.add_subcommand(
      "answer", "Answer a tracing request addressed to a state (acknowledging it first if needed)");
  auto options = std::make_shared<AnswerOptions>();
  options->shared.add_to(*command, /*all_settings=*/false);
  command->add_option("id", options->id, "The request's id")->required();
  command->add_option("--state", options->state, "The answering state (alpha-2)")->required();
  command->add_option("--outcome", options->outcome, "full, partial, restricted or untraceable")
      ->required();
  command->add_option("--reason", options->reason,
                      "For a restricted answer: ongoing_criminal_investigation, "
                      "legal_confidentiality or national_security");
  command->add_option("--chain", options->chain_file,
                      "A JSON file (or - for standard input) with the chain of custody: "
                      "[{\"kind\": \"manufacture\", \"date\": \"2004\", \"parties\": "
                      "[{\"name\": \"...\", \"country\": \"BE\"}]}, ...]");
  command->add_option("--note", options->note, "A note to the requesting state");
  command->add_flag("--json", options->json, "Print the request as JSON");
  command->callback([options, &exit_code] {
    nlohmann::json given = {{"outcome", options->outcome}};
    if (!options->reason.empty()) given["restriction_reason"] = options->reason;
    if (!options->note.empty()) given["note"] = options->note;
    if (!options->chain_file.empty()) {
      auto chain = read_chain(options->chain_file);
      if (!chain.ok()) {
        report_failure("trace answer", chain.error(), exit_code);
        exit_code = kUsage;
        return;
      }
      given["chain_of_custody"] = *chain;
    }
    auto answer = tracing::answer_from_json(given);
    if (!answer.ok()) {
      report_failure("trace answer", answer.error(), exit_code);
      exit_code = kUsage;
      return;
    }
    run(options->shared, "trace answer", options->json, exit_code,
        [&](Runtime& runtime) -> Result<TracingRequest> {
          const auto actor = acting_for(options->state, "answer");
          CONCORD_ASSIGN_OR_RETURN(TracingRequest request,
                                   runtime.tracing->get(actor, options->id));
          const tracing::Leg* leg = request.leg_to(options->state);
          if (leg != nullptr && leg->status == tracing::LegStatus::sent) {
            CONCORD_TRY(runtime.tracing->acknowledge(actor, options->id));
          }
          return runtime.tracing->answer(actor, options->id, *answer);
        });
  });
}

struct ForwardOptions {
  SharedOptions shared;
  std::string id, state, to, note;
  bool json = false;
};

void add_forward(CLI::App& parent, int& exit_code) {
  auto* command =
      parent.add_subcommand("forward", "Forward a request addressed to a state to the next state");
  auto options = std::make_shared<ForwardOptions>();
  options->shared.add_to(*command, /*all_settings=*/false);
  command->add_option("id", options->id, "The request's id")->required();
  command->add_option("--state", options->state, "The forwarding state (alpha-2)")->required();
  command->add_option("--to", options->to, "The next state in the chain (alpha-2)")->required();
  command->add_option("--note", options->note, "Why this state (\"exported to ... in 2004\")");
  command->add_flag("--json", options->json, "Print the request as JSON");
  command->callback([options, &exit_code] {
    run(options->shared, "trace forward", options->json, exit_code, [&](Runtime& runtime) {
      return runtime.tracing->forward(acting_for(options->state, "forward"), options->id,
                                      options->to, options->note);
    });
  });
}

struct ListOptions {
  SharedOptions shared;
  std::string state, box, status;
  bool overdue = false;
  int limit = 50;
  bool json = false;
};

void add_list(CLI::App& parent, int& exit_code) {
  auto* command = parent.add_subcommand(
      "list", "List tracing requests: a state's sent and received ones, or every state's");
  auto options = std::make_shared<ListOptions>();
  options->shared.add_to(*command, /*all_settings=*/false);
  command->add_option("--state", options->state, "The state whose requests to list");
  command->add_option("--box", options->box, "sent or received (default: both)");
  command->add_option("--status", options->status, "Only with a leg in this status");
  command->add_flag("--overdue", options->overdue, "Only with an overdue leg");
  command->add_option("--limit", options->limit, "At most this many per box (1..200)");
  command->add_flag("--json", options->json, "Print JSON");
  command->callback([options, &exit_code] {
    std::vector<tracing::Box> boxes;
    if (options->state.empty()) {
      if (!options->box.empty()) {
        report_failure("trace list", Error::invalid("box", "--box needs --state"), exit_code);
        exit_code = kUsage;
        return;
      }
      boxes = {tracing::Box::all};
    } else if (options->box.empty()) {
      boxes = {tracing::Box::sent, tracing::Box::received};
    } else if (options->box == "sent" || options->box == "received") {
      boxes = {options->box == "sent" ? tracing::Box::sent : tracing::Box::received};
    } else {
      report_failure("trace list", Error::invalid("box", "--box must be sent or received"),
                     exit_code);
      exit_code = kUsage;
      return;
    }
    auto runtime = open_runtime_or_log(options->shared, exit_code);
    if (!runtime) return;
    access::Principal actor = access::Principal::system("concord trace list");
    if (!options->state.empty()) actor = acting_for(options->state, "list");
    nlohmann::json all = nlohmann::json::array();
    for (tracing::Box box : boxes) {
      tracing::ListQuery query;
      query.box = box;
      if (!options->status.empty()) query.status = options->status;
      query.overdue_only = options->overdue;
      query.limit = options->limit;
      auto page = runtime->tracing->list(actor, query);
      if (!page.ok()) {
        report_failure("trace list", page.error(), exit_code);
        return;
      }
      const std::string name = box == tracing::Box::sent       ? "sent"
                               : box == tracing::Box::received ? "received"
                                                               : "all";
      for (const auto& request : page->requests) {
        if (options->json) {
          all.push_back({{"box", name}, {"id", request.id}});
          continue;
        }
        std::cout << "[" << name << "] ";
        print_request(*runtime->tracing, request);
        std::cout << "\n";
      }
      if (!options->json && page->requests.empty()) std::cout << "[" << name << "] none\n";
    }
    if (options->json) std::cout << all.dump(2) << "\n";
    exit_code = kSuccess;
  });
}

}  // namespace

void add_trace_command(CLI::App& app, int& exit_code) {
  auto* trace = app.add_subcommand("trace", "Tracing requests between states");
  trace->require_subcommand(1);
  add_send(*trace, exit_code);
  add_answer(*trace, exit_code);
  add_forward(*trace, exit_code);
  add_list(*trace, exit_code);
}

}  // namespace concord::cli
