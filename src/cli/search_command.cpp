// `concord search`: the marking search from the command line, as the system (it sees every
// record). One query as a table or JSON, or `--batch FILE`: one query per line (marking text or a
// JSON object), answered on every core, one JSON line per query in input order — the batch
// cross-check of a list of seized items against the whole index.
#include <spdlog/spdlog.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cstdio>
#include <fstream>
#include <iomanip>
#include <iostream>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "cli/commands.h"
#include "cli/options.h"
#include "cli/runtime.h"
#include "search/marking_search.h"

namespace concord::cli {
namespace {

constexpr double kBatchMinScore = 0.8;

struct SearchOptions {
  SharedOptions shared;
  std::string query;
  std::string batch;
  int top = 10;
  double min_score = 0.5;
  bool json = false;
  search::SearchFilters filters;
};

const access::Principal& system_principal() {
  static const access::Principal principal = access::Principal::system("concord search");
  return principal;
}

// One batch line: marking text, or {"q": ..., "make": ..., ...}. Errors name the field.
Result<search::MarkingSearchInput> decode_line(const std::string& line,
                                               const SearchOptions& options) {
  search::MarkingSearchInput input;
  input.top = options.top;
  input.min_score = options.min_score;
  input.filters = options.filters;
  const auto first = line.find_first_not_of(" \t");
  if (first == std::string::npos || line[first] != '{') {
    input.q = line;
    return input;
  }
  auto object = nlohmann::json::parse(line, nullptr, false);
  if (object.is_discarded() || !object.is_object())
    return Error::invalid("line", "a line starting with { must be one JSON object");
  for (const auto& [name, value] : object.items()) {
    if (!value.is_string()) return Error::invalid(name, name + " must be a string");
    if (name == "q") {
      input.q = value.get<std::string>();
      continue;
    }
    std::string* filter = search::filter_named(input.filters, name);
    if (filter == nullptr) return Error::invalid(name, "unknown field \"" + name + "\"");
    *filter = value.get<std::string>();
  }
  if (input.q.empty()) return Error::invalid("q", "q is required: the marking as read");
  return input;
}

std::string batch_answer(const search::MarkingSearch& markings, const std::string& line,
                         const SearchOptions& options, bool& failed) {
  auto input = decode_line(line, options);
  auto found = input.ok() ? markings.search(system_principal(), *input)
                          : Result<search::SearchResult>(input.error());
  nlohmann::ordered_json answer = {{"query", input.ok() ? input->q : line}};
  if (!found.ok()) {
    failed = true;
    answer["error"] = {{"field", found.error().field}, {"message", found.error().message}};
    return answer.dump();
  }
  nlohmann::ordered_json hits = nlohmann::ordered_json::array();
  for (const auto& hit : found->hits) {
    hits.push_back({{"id", hit.id},
                    {"external_id", hit.external_id},
                    {"score", std::round(hit.score * 10000) / 10000}});
  }
  answer["hits"] = hits;
  return answer.dump();
}

int run_batch(const search::MarkingSearch& markings, const SearchOptions& options) {
  std::ifstream file;
  if (options.batch != "-") {
    file.open(options.batch);
    if (!file) {
      spdlog::error("search: cannot read {}", options.batch);
      return kUsage;
    }
  }
  std::istream& in = options.batch == "-" ? std::cin : file;
  const unsigned threads = std::max(1u, std::thread::hardware_concurrency());
  const bool progress = isatty(STDERR_FILENO) != 0;
  constexpr std::size_t kChunk = 20000;
  std::atomic<bool> failed{false};
  std::size_t answered = 0;
  std::vector<std::string> lines;
  std::vector<std::string> answers;
  const auto started = std::chrono::steady_clock::now();
  for (bool more = true; more;) {
    lines.clear();
    std::string line;
    while (lines.size() < kChunk && (more = static_cast<bool>(std::getline(in, line)))) {
      if (!line.empty() && line.back() == '\r') line.pop_back();
      lines.push_back(line);
    }
    answers.assign(lines.size(), {});
    std::atomic<std::size_t> next{0};
    std::vector<std::thread> workers;
    for (unsigned t = 0; t < threads; ++t) {
      workers.emplace_back([&] {
        bool any_failed = false;
        for (std::size_t i; (i = next++) < lines.size();)
          answers[i] = batch_answer(markings, lines[i], options, any_failed);
        if (any_failed) failed = true;
      });
    }
    for (auto& worker : workers)
      worker.join();
    for (const auto& answer : answers)
      std::cout << answer << '\n';
    answered += lines.size();
    if (progress) std::cerr << "\r" << answered << " queries answered" << std::flush;
  }
  std::cout << std::flush;
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  if (progress) std::cerr << "\r\x1b[K";
  std::cerr << "answered " << answered << " queries in " << std::fixed << std::setprecision(2)
            << seconds << " s on " << threads << " threads"
            << (failed ? "; some lines were refused (see their \"error\")" : "") << std::endl;
  return failed ? kInvalidInput : kSuccess;
}

int run_one(const search::MarkingSearch& markings, const SearchOptions& options) {
  search::MarkingSearchInput input;
  input.q = options.query;
  input.top = options.top;
  input.min_score = options.min_score;
  input.filters = options.filters;
  auto found = markings.search(system_principal(), input);
  if (!found.ok()) {
    int exit_code = kFailure;
    report_failure("search", found.error(), exit_code);
    return found.error().code == ErrorCode::invalid_argument ? kUsage : exit_code;
  }
  if (options.json) {
    nlohmann::ordered_json hits = nlohmann::ordered_json::array();
    for (const auto& hit : found->hits)
      hits.push_back(search::hit_json(hit, found->query));
    std::cout << nlohmann::ordered_json{{"query", options.query}, {"hits", hits}}.dump(2) << '\n';
    return kSuccess;
  }
  if (found->hits.empty()) {
    std::cout << "no record reads as \"" << options.query << "\" with a score of at least "
              << options.min_score << '\n';
    return kSuccess;
  }
  std::printf("%-4s %-6s %-26s %-14s %-3s %-10s %-16s %s\n", "rank", "score", "id", "external_id",
              "st", "kind", "make", "marking as read");
  int rank = 0;
  for (const auto& hit : found->hits) {
    const auto& record = hit.record;
    const auto marking = static_cast<std::size_t>(hit.marking);
    std::printf("%-4d %-6.3f %-26s %-14s %-3s %-10s %-16s %s\n", ++rank, hit.score, hit.id.c_str(),
                hit.external_id.c_str(), record.state.c_str(), record.kind.c_str(),
                record.make.c_str(),
                marking < record.markings.size() ? record.markings[marking].c_str() : "");
  }
  return kSuccess;
}

}  // namespace

void add_search_command(CLI::App& app, int& exit_code) {
  auto* command = app.add_subcommand(
      "search",
      "Find weapon records from a damaged marking: ? is one unreadable character, * an "
      "unreadable run; case, separators, scripts and look-alikes never matter");
  auto options = std::make_shared<SearchOptions>();
  options->shared.add_to(*command, /*all_settings=*/false);
  command->add_option("QUERY", options->query, "The marking as read, e.g. \"4?B7 1?2\"");
  command
      ->add_option("--batch", options->batch,
                   "Answer one query per line of FILE (- for standard input): marking text or "
                   "a JSON object {\"q\", \"make\", \"model\", \"calibre\", \"type\", \"kind\"}; "
                   "writes one JSON line per query, in input order, using every core")
      ->type_name("FILE");
  command->add_option("--top", options->top, "How many records to return (1-1000)")
      ->capture_default_str();
  auto* min_score =
      command->add_option("--min-score", options->min_score,
                          "Leave out records scoring below this (0-1); 0.5 for one query, 0.8 "
                          "(probable matches only) for --batch");
  command->add_flag("--json", options->json, "Print JSON with the alignment of each hit");
  command->add_option("--make", options->filters.make, "Only records of this make");
  command->add_option("--model", options->filters.model, "Only records of this model");
  command->add_option("--calibre", options->filters.calibre, "Only records of this calibre");
  command->add_option("--type", options->filters.weapon_type, "Only this weapon type");
  command->add_option("--kind", options->filters.kind,
                      "Only this kind of record (registry, lost, stolen, seized, ...)");
  command->add_option("--state", options->filters.state, "Only records of this state (alpha-2)");
  command->add_option("--country", options->filters.country_of_manufacture,
                      "Only weapons made in this country (alpha-2)");
  command->callback([options, min_score, &exit_code] {
    if (options->query.empty() == options->batch.empty()) {
      spdlog::error("search: give either a QUERY or --batch FILE");
      exit_code = kUsage;
      return;
    }
    // A batch cross-check writes the pairs worth a tracing request, not every neighbour.
    if (!options->batch.empty() && min_score->count() == 0) options->min_score = kBatchMinScore;
    auto runtime = open_runtime_or_log(options->shared, exit_code);
    if (!runtime) return;
    if (auto loaded = load_marking_index(*runtime); !loaded.ok()) {
      report_failure("search", loaded.error(), exit_code);
      return;
    }
    exit_code = options->batch.empty() ? run_one(*runtime->marking_search, *options)
                                       : run_batch(*runtime->marking_search, *options);
  });
}

}  // namespace concord::cli
