// marking_search_bench: Concord's marking index raced against PostgreSQL pg_trgm and against the
// exhaustive oracle on the same damaged queries, at one corpus size per run. See bench/README.md
// for what each figure means; bench/marking_search/run runs it at 1M and 10M records.
#include <fmt/format.h>
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <iostream>

#include "concord_system.h"
#include "corpus.h"
#include "machine.h"
#include "metrics.h"
#include "pg_trgm_peer.h"
#include "report.h"
#include "runner.h"
#include "workload.h"

namespace concord::bench {
namespace {

struct Options {
  std::size_t records = 1'000'000;
  std::uint64_t seed = 1;
  std::size_t queries = 2000;
  std::optional<std::size_t> oracle_queries;  // default: all up to 1M records, then 500
  std::size_t batch_queries = 100'000;
  double batch_seconds = 60;
  // `concord search --batch` writes pairs at or above 0.8 (probable matches) unless told otherwise.
  double batch_min_score = 0.8;
  int threads = 2;
  double min_score = search::SearchRequest{}.min_score;
  std::string build = "rebuild";
  std::size_t batch_size = 100'000;
  bool no_pg = false;
  std::optional<std::size_t> pg_queries;
  std::size_t calibration_queries = 200;
  double pg_latency_cap_ms = 100;
  std::string pg_dir;
  std::string pg_cluster_script = CONCORD_SOURCE_DIR "/scripts/pg-test-cluster";
  std::string markdown;
};

using Clock = std::chrono::steady_clock;

double seconds_since(Clock::time_point start) {
  return std::chrono::duration<double>(Clock::now() - start).count();
}

void progress(const std::string& message) {
  std::cerr << "[marking_search] " << message << std::endl;
}

// Distinct random streams for the query sets, all fixed by --seed.
constexpr std::uint64_t kQueryStream = 0x51;
constexpr std::uint64_t kCalibrationStream = 0xca;
constexpr std::uint64_t kBatchStream = 0xba;

struct PgOutcome {
  std::optional<SystemRun> run;
  bool failed = false;
};

PgOutcome race_pg_trgm(const Options& options, const Corpus& corpus,
                       const std::vector<BenchQuery>& queries, Findings& findings) {
  PgOutcome outcome;
  const auto give_up = [&](const Error& error) {
    progress("pg_trgm: " + error.message);
    findings.pg_note = "pg_trgm failed: " + error.message;
    outcome.failed = true;
    return outcome;
  };
  const std::string directory =
      options.pg_dir.empty() ? "/tmp/concord-bench-pg-" + std::to_string(getpid()) : options.pg_dir;
  progress("pg_trgm: starting a cluster in " + directory);
  auto started = PgTrgmPeer::start(options.pg_cluster_script, directory);
  if (!started.ok()) return give_up(started.error());
  PgTrgmPeer& peer = **started;
  findings.pg_version = peer.version();

  progress("pg_trgm: loading and indexing");
  auto load = peer.load(corpus);
  if (!load.ok()) return give_up(load.error());
  findings.pg_load = *load;
  progress("pg_trgm: GIN built in " + std::to_string(load->gin_seconds) + " s");

  // The threshold is chosen on queries of its own, so that it is not tuned to the ones measured.
  WorkloadOptions calibration_workload{options.calibration_queries,
                                       options.seed ^ kCalibrationStream, 10, options.min_score};
  const auto calibration = damaged_queries(corpus, calibration_workload);
  findings.calibration_queries = calibration.size();
  findings.pg_latency_cap_ms = options.pg_latency_cap_ms;
  const int calibration_timeout_ms =
      static_cast<int>(std::max(1000.0, 10 * options.pg_latency_cap_ms));
  double chosen = 0.3;  // pg_trgm's default, when no threshold is fast enough
  double best_recall = -1;
  // From the fastest threshold down: once one is too slow, lower ones are slower still.
  for (const double threshold : {0.3, 0.2, 0.1}) {
    if (auto set = peer.set_workers(1, threshold, calibration_timeout_ms); !set.ok()) {
      return give_up(set.error());
    }
    const auto answers = run_one_by_one(peer.system(calibration), calibration.size());
    const Quality quality = measure(
        calibration, answers, {}, [](const BenchQuery&) { return true; }, threshold);
    findings.calibration.push_back(
        {threshold, quality.recall_at_10, quality.p50_ms, quality.p99_ms, quality.failed});
    progress("pg_trgm: threshold " + std::to_string(threshold) + " recall@10 " +
             std::to_string(quality.recall_at_10) + ", p50 " + std::to_string(quality.p50_ms) +
             " ms");
    if (quality.p50_ms > options.pg_latency_cap_ms) break;
    if (quality.recall_at_10 > best_recall) {
      best_recall = quality.recall_at_10;
      chosen = threshold;
    }
  }
  findings.pg_threshold = chosen;

  const std::size_t count = std::min(queries.size(), options.pg_queries.value_or(queries.size()));
  if (auto set = peer.set_workers(options.threads, chosen, 60'000); !set.ok()) {
    return give_up(set.error());
  }
  SystemRun run;
  run.name = "pg_trgm";
  run.band = chosen;  // every row `%` returns is at least the threshold
  progress("pg_trgm: " + std::to_string(count) + " queries on one thread");
  run.answers = run_one_by_one(peer.system(queries), count);
  progress("pg_trgm: the same on " + std::to_string(options.threads) + " threads");
  run.per_second = run_concurrently(peer.system(queries), count, options.threads).per_second();
  run.truth_scores = peer.truth_scores(corpus, queries, count);
  outcome.run = std::move(run);
  findings.pg_note = fmt::format(
      "PostgreSQL {}, similarity threshold {:.2f} (calibrated below). Each query: "
      "`serial_canon % $1` plus the filters on folded columns, `ORDER BY serial_canon <-> $1, id "
      "LIMIT 10`, through PQexecParams, on {} of the queries. The query is the canonical symbols "
      "read with `?` and `*` dropped: pg_trgm has no wildcards. The table is unlogged and holds "
      "the canonical serial (Concord's normaliser), so separators, case and scripts cost pg_trgm "
      "nothing. Cluster: the test cluster's settings (shared_buffers 32 MB, fsync off), "
      "maintenance_work_mem 2 GB for the index builds, database LC_CTYPE C.UTF-8. The server and "
      "this client share the machine's cores.",
      peer.version(), chosen, count);
  return outcome;
}

int run(const Options& options) {
  Findings findings;
  findings.machine = describe_machine();
  findings.load_at_start = load_average();
  findings.records = options.records;
  findings.seed = options.seed;
  findings.workers = options.threads;
  findings.min_score = options.min_score;
  findings.build_method = options.build;

  progress("generating " + std::to_string(options.records) + " records");
  auto start = Clock::now();
  const Corpus corpus = Corpus::generate(options.records, options.seed);
  findings.generate_seconds = seconds_since(start);

  progress("building the index (" + options.build + ")");
  search::MarkingIndex index;
  findings.build = build_index(
      index, corpus, options.build == "upsert" ? BuildMethod::upsert : BuildMethod::rebuild,
      options.batch_size);
  progress("built in " + std::to_string(findings.build.seconds) + " s");

  const auto queries = damaged_queries(
      corpus, {options.queries, options.seed ^ kQueryStream, 10, options.min_score});
  findings.queries = &queries;

  progress("Concord: " + std::to_string(queries.size()) + " queries on one thread");
  findings.concord.name = "Concord";
  findings.concord.answers = run_one_by_one(concord_system(index, queries, false), queries.size());
  findings.concord.truth_scores = truth_scores(corpus, queries);
  for (std::size_t query = 0; query < queries.size(); ++query) {
    for (const Hit& hit : findings.concord.answers[query].hits) {
      if (hit.record == queries[query].truth && hit.score != findings.concord.truth_scores[query])
        ++findings.truth_score_mismatches;
    }
  }
  findings.concord.per_second =
      run_concurrently(concord_system(index, queries, false), queries.size(), options.threads, 3)
          .per_second();

  const std::size_t oracle_count = std::min(
      queries.size(),
      options.oracle_queries.value_or(options.records <= 1'000'000 ? queries.size() : 500));
  progress("oracle: " + std::to_string(oracle_count) + " queries on " +
           std::to_string(options.threads) + " threads");
  findings.oracle.name = "oracle";
  auto oracle =
      run_concurrently(concord_system(index, queries, true), oracle_count, options.threads);
  findings.oracle.answers = std::move(oracle.answers);
  findings.oracle.wall_seconds = oracle.seconds;
  findings.oracle.truth_scores = findings.concord.truth_scores;

  if (options.batch_queries > 0) {
    progress("batch: up to " + std::to_string(options.batch_queries) + " exact readings in " +
             std::to_string(options.batch_seconds) + " s");
    const auto batch = exact_queries(
        corpus, {options.batch_queries, options.seed ^ kBatchStream, 10, options.batch_min_score});
    const auto run = run_concurrently(concord_system(index, batch, false), batch.size(),
                                      options.threads, 0, options.batch_seconds);
    findings.batch.queries = run.queries;
    findings.batch.seconds = run.seconds;
    findings.batch.found =
        measure(
            batch, run.answers, {},
            [&](const BenchQuery& query) {
              return run.answered[static_cast<std::size_t>(&query - batch.data())] != 0;
            },
            0)
            .recall_at_10;
  }

  bool pg_failed = false;
  if (options.no_pg) {
    findings.pg_note = "--no-pg was given.";
  } else {
    PgOutcome outcome = race_pg_trgm(options, corpus, queries, findings);
    findings.pg = std::move(outcome.run);
    pg_failed = outcome.failed;
  }
  findings.peak_resident = peak_resident_bytes();
  findings.load_at_end = load_average();

  const std::string report = render_markdown(findings);
  std::cout << report << std::flush;
  if (!options.markdown.empty()) {
    std::ofstream file(options.markdown);
    file << report;
    if (!file) {
      progress("could not write " + options.markdown);
      return 1;
    }
    progress("wrote " + options.markdown);
  }
  return pg_failed ? 1 : 0;
}

}  // namespace
}  // namespace concord::bench

int main(int argc, char** argv) {
  concord::bench::Options options;
  CLI::App app{"Concord's marking search raced against pg_trgm and a brute-force oracle"};
  app.add_option("--records", options.records, "records to generate and index")
      ->capture_default_str();
  app.add_option("--seed", options.seed, "seed of the records and the queries")
      ->capture_default_str();
  app.add_option("--queries", options.queries, "damaged queries put to every system")
      ->capture_default_str();
  app.add_option("--oracle-queries", options.oracle_queries,
                 "queries checked against the oracle (default: all up to 1M records, then 500)");
  app.add_option("--batch-queries", options.batch_queries,
                 "exact readings for the batch cross-check estimate (0: skip)")
      ->capture_default_str();
  app.add_option("--batch-min-score", options.batch_min_score,
                 "the threshold of the batch cross-check, as concord search --batch uses")
      ->capture_default_str();
  app.add_option("--batch-seconds", options.batch_seconds,
                 "stop the batch cross-check after this long (0: no limit)")
      ->capture_default_str();
  app.add_option("--threads", options.threads, "threads for throughput, the oracle and the batch")
      ->capture_default_str()
      ->check(CLI::Range(1, 256));
  app.add_option("--min-score", options.min_score, "the index's min_score for every query")
      ->capture_default_str()
      ->check(CLI::Range(0.0, 1.0));
  app.add_option("--build", options.build, "how to build the index")
      ->capture_default_str()
      ->check(CLI::IsMember({"rebuild", "upsert"}));
  app.add_option("--batch-size", options.batch_size, "records per upsert with --build upsert")
      ->capture_default_str()
      ->check(CLI::PositiveNumber);
  app.add_flag("--no-pg", options.no_pg, "skip the PostgreSQL pg_trgm peer");
  app.add_option("--pg-queries", options.pg_queries, "queries put to pg_trgm (default: all)");
  app.add_option("--calibration-queries", options.calibration_queries,
                 "queries for choosing pg_trgm's threshold")
      ->capture_default_str();
  app.add_option("--pg-latency-cap-ms", options.pg_latency_cap_ms,
                 "a pg_trgm threshold qualifies when its p50 is within this")
      ->capture_default_str();
  app.add_option(
      "--pg-dir", options.pg_dir,
      "directory for the throwaway cluster's state (default: /tmp/concord-bench-pg-PID)");
  app.add_option("--pg-cluster-script", options.pg_cluster_script, "scripts/pg-test-cluster")
      ->capture_default_str();
  app.add_option("--markdown", options.markdown, "also write the report to this file");
  CLI11_PARSE(app, argc, argv);
  if (options.records == 0 || options.queries == 0) {
    std::cerr << "--records and --queries must be positive\n";
    return 2;
  }
  return concord::bench::run(options);
}
