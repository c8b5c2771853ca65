// `concord report timeliness [--from --to] [--json]`: how promptly each state acknowledges and
// answers tracing requests (tracing/timeliness.h has the definitions);
// `concord report country XX --year Y [--json]`: the country profile
// (operations/country_profile.h); `concord report draft KIND XX --year Y --out DIR`: a draft
// transparency report, index.html plus one CSV per table. All run as the system principal.
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <memory>
#include <string>

#include "cli/commands.h"
#include "cli/options.h"
#include "cli/runtime.h"
#include "operations/profile_json.h"
#include "operations/profile_text.h"
#include "operations/report_service.h"
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

struct CountryOptions {
  SharedOptions shared;
  std::string state;
  int year = 0;
  std::string currency = "USD";
  bool json = false;
};

void add_country(CLI::App& parent, int& exit_code) {
  auto* command = parent.add_subcommand(
      "country",
      "The country profile for a year: contamination, destruction, deadlines, casualties, "
      "victim assistance and funding received");
  auto options = std::make_shared<CountryOptions>();
  options->shared.add_to(*command, /*all_settings=*/false);
  command->add_option("state", options->state, "ISO 3166-1 alpha-2 code")->required();
  command->add_option("--year", options->year, "The year")->required();
  command->add_option("--currency", options->currency, "Funding in this currency (default USD)");
  command->add_flag("--json", options->json, "Print JSON");
  command->callback([options, &exit_code] {
    auto runtime = open_runtime_or_log(options->shared, exit_code);
    if (!runtime) return;
    auto profile = runtime->profiles->profile(access::Principal::system("concord report"),
                                              options->state, options->year, options->currency);
    if (!profile.ok()) {
      report_failure("report country", profile.error(), exit_code);
      return;
    }
    if (options->json) {
      std::cout << operations::country_profile_json(*profile, *runtime->reference).dump(2) << "\n";
    } else {
      std::cout << operations::country_profile_text(*profile, *runtime->reference);
    }
    exit_code = kSuccess;
  });
}

struct DraftOptions {
  SharedOptions shared;
  std::string kind;
  std::string state;
  int year = 0;
  std::string out;
};

Result<void> write_file(const std::filesystem::path& path, const std::string& text) {
  std::ofstream file(path, std::ios::binary | std::ios::trunc);
  file << text;
  file.close();
  if (!file) return Error::invalid("--out", "cannot write " + path.string());
  return ok();
}

Result<int> write_draft(const operations::TransparencyReport& report,
                        const std::filesystem::path& directory) {
  std::error_code error;
  std::filesystem::create_directories(directory, error);
  if (error) {
    return Error::invalid("--out", "cannot create " + directory.string() + ": " + error.message());
  }
  CONCORD_TRY(write_file(directory / "index.html", operations::render_report_html(report)));
  int files = 1;
  for (const auto& section : report.sections) {
    for (const auto& table : section.tables) {
      CONCORD_TRY(write_file(directory / (table.id + ".csv"), operations::render_table_csv(table)));
      ++files;
    }
  }
  return files;
}

void add_draft(CLI::App& parent, int& exit_code) {
  auto* command = parent.add_subcommand(
      "draft",
      "Draft a transparency report for review: index.html (printable, marked DRAFT) plus one "
      "CSV per table in --out");
  auto options = std::make_shared<DraftOptions>();
  options->shared.add_to(*command, /*all_settings=*/false);
  command->add_option("kind", options->kind, "ccm-article-7 or poa-national-report")->required();
  command->add_option("state", options->state, "ISO 3166-1 alpha-2 code")->required();
  command->add_option("--year", options->year, "The reporting year")->required();
  command->add_option("--out", options->out, "The directory to write to")->required();
  command->callback([options, &exit_code] {
    const auto kind = operations::report_kind_from_string(options->kind);
    if (!kind) {
      report_failure("report draft",
                     Error::invalid("kind", "unknown report '" + options->kind + "' (one of " +
                                                operations::report_kinds_list() + ")"),
                     exit_code);
      return;
    }
    auto runtime = open_runtime_or_log(options->shared, exit_code);
    if (!runtime) return;
    auto report = runtime->reports->draft(access::Principal::system("concord report"), *kind,
                                          options->state, options->year);
    if (!report.ok()) {
      report_failure("report draft", report.error(), exit_code);
      return;
    }
    auto written = write_draft(*report, options->out);
    if (!written.ok()) {
      report_failure("report draft", written.error(), exit_code);
      return;
    }
    std::cout << "wrote " << *written << " files to " << options->out
              << " (index.html and one CSV per table): review the DRAFT before submitting\n";
    exit_code = kSuccess;
  });
}

}  // namespace

void add_report_command(CLI::App& app, int& exit_code) {
  auto* report = app.add_subcommand("report", "Reports");
  report->require_subcommand(1);
  add_timeliness(*report, exit_code);
  add_country(*report, exit_code);
  add_draft(*report, exit_code);
}

}  // namespace concord::cli
