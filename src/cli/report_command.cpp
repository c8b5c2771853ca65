// `concord report timeliness [--from --to] [--json]`: how promptly each state acknowledges and
// answers tracing requests (tracing/timeliness.h has the definitions), run as the system
// principal.
#include <cstdio>
#include <iostream>
#include <memory>
#include <string>

#include "cli/commands.h"
#include "cli/options.h"
#include "cli/runtime.h"
#include "tracing/timeliness_json.h"
#include "tracing/tracing_service.h"

namespace concord::cli {
namespace {

struct TimelinessOptions {
  SharedOptions shared;
  std::string from, to;
  bool json = false;
};

std::string figure(const std::optional<double>& value, const char* format) {
  if (!value) return "-";
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, format, *value);
  return buffer;
}

void print_table(const tracing::TimelinessReport& report) {
  std::cout << "Tracing requests sent from " << report.from << " to " << report.to << "\n";
  std::printf("%-5s %8s %12s %8s %16s %16s %10s %11s\n", "state", "received", "acknowledged",
              "answered", "median_ack_hours", "median_ans_hours", "on_time", "overdue_now");
  for (const auto& state : report.states) {
    const std::string on_time = state.share_answered_by_due_date
                                    ? figure(*state.share_answered_by_due_date * 100.0, "%.0f%%") +
                                          " of " + std::to_string(state.answer_settled)
                                    : "-";
    std::printf("%-5s %8d %12d %8d %16s %16s %10s %11d\n", state.state.c_str(), state.received,
                state.acknowledged, state.answered,
                figure(state.median_hours_to_acknowledge, "%.1f").c_str(),
                figure(state.median_hours_to_answer, "%.1f").c_str(), on_time.c_str(),
                state.overdue_now);
  }
  if (report.states.empty()) std::cout << "no tracing requests were sent in this range\n";
}

void add_timeliness(CLI::App& parent, int& exit_code) {
  auto* command = parent.add_subcommand(
      "timeliness",
      "Per addressed state: median times to acknowledge and answer tracing "
      "requests, the share answered by the due date, and how many are overdue now");
  auto options = std::make_shared<TimelinessOptions>();
  options->shared.add_to(*command, /*all_settings=*/false);
  command->add_option("--from", options->from, "Requests sent from this date (ISO 8601)");
  command->add_option("--to", options->to, "Requests sent before this date (ISO 8601)");
  command->add_flag("--json", options->json, "Print JSON");
  command->callback([options, &exit_code] {
    auto runtime = open_runtime_or_log(options->shared, exit_code);
    if (!runtime) return;
    const auto given = [](const std::string& text) {
      return text.empty() ? std::nullopt : std::optional<std::string>(text);
    };
    auto report = runtime->tracing->timeliness(access::Principal::system("concord report"),
                                               given(options->from), given(options->to));
    if (!report.ok()) {
      report_failure("report timeliness", report.error(), exit_code);
      return;
    }
    if (options->json) {
      std::cout << tracing::timeliness_report_json(*report).dump(2) << "\n";
    } else {
      print_table(*report);
    }
    exit_code = kSuccess;
  });
}

}  // namespace

void add_report_command(CLI::App& app, int& exit_code) {
  auto* report = app.add_subcommand("report", "Reports");
  report->require_subcommand(1);
  add_timeliness(*report, exit_code);
}

}  // namespace concord::cli
