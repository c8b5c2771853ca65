// Report: everything one run measured, rendered as Markdown (printed, and written to a file with
// --markdown). Figures are reported, never judged, except against the targets, which are
// listed with the rule each is checked by.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "concord_system.h"
#include "machine.h"
#include "pg_trgm_peer.h"
#include "runner.h"
#include "workload.h"

namespace concord::bench {

struct SystemRun {
  std::string name;
  std::vector<Answer> answers;       // one-thread answers, for the first answers.size() queries
  std::vector<double> truth_scores;  // the score this system gives each query's truth
  double band = 0.8;                 // the lowest score counted as a probable match
  double per_second = 0;             // on all workers; 0 when not measured
  double wall_seconds = 0;           // for the oracle: the time it took on all workers
};

struct CalibrationRow {
  double threshold = 0;
  double recall_at_10 = 0;
  double p50_ms = 0;
  double p99_ms = 0;
  std::size_t failed = 0;
};

struct BatchFigures {
  std::size_t queries = 0;
  double seconds = 0;
  double found = 0;  // share whose own record is among the hits
};

struct Findings {
  Machine machine;
  std::string load_at_start;  // load_average() when the run began and when it ended
  std::string load_at_end;
  std::size_t records = 0;
  std::uint64_t seed = 0;
  int workers = 2;
  double min_score = 0;
  std::string build_method;
  double generate_seconds = 0;
  BuildFigures build;
  std::size_t peak_resident = 0;
  const std::vector<BenchQuery>* queries = nullptr;
  SystemRun concord;
  SystemRun oracle;
  std::optional<SystemRun> pg;
  std::string pg_note;  // why pg_trgm is missing, or how it was set up
  std::string pg_version;
  std::optional<PgLoadFigures> pg_load;
  std::vector<CalibrationRow> calibration;
  std::size_t calibration_queries = 0;
  double pg_threshold = 0;
  double pg_latency_cap_ms = 0;
  BatchFigures batch;
  // Queries whose truth Concord returned with another score than truth_scores() computed: a check
  // on the tie-aware figures, which rest on that computation. Expected 0.
  std::size_t truth_score_mismatches = 0;
};

std::string render_markdown(const Findings& findings);

}  // namespace concord::bench
