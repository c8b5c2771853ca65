// Metrics: how well a system's answers find the ground truth, over any selection of the
// queries. Scores are compared exactly: every system breaks ties the same way (by id), so two
// hits with equal scores are equally plausible and the metrics say how often that happens.
#pragma once

#include <cstddef>
#include <functional>
#include <vector>

#include "runner.h"
#include "workload.h"

namespace concord::bench {

struct Quality {
  std::size_t queries = 0;
  std::size_t failed = 0;        // errors and timeouts (counted as misses)
  double recall_at_1 = 0;        // the truth ranked first
  double recall_at_1_tied = 0;   // first, or scoring exactly as the first does
  double recall_at_10 = 0;       // the truth among the hits (at most ten)
  double recall_at_10_tied = 0;  // among them, or scoring exactly as the tenth does: only the
                                 // tie-break by id left it out
  double precision = 0;          // of the hits in the band, the share that are the truth or
                                 // score exactly as it does (NaN when the band is empty)
  double band_hits = 0;          // hits in the band per query
  double tied_with_truth = 0;    // other hits scoring exactly as the truth, when it is known
  double p50_ms = 0;
  double p99_ms = 0;
};

using Selection = std::function<bool(const BenchQuery&)>;

// Over the first answers.size() queries that `select` keeps. `truth_scores`: the score the system
// gives each query's truth, found or not (NaN or absent when unknown: then only a truth among the
// hits has a score). `band`: the lowest score that counts as a probable match.
Quality measure(const std::vector<BenchQuery>& queries, const std::vector<Answer>& answers,
                const std::vector<double>& truth_scores, const Selection& select, double band);

// The share of the selected queries (among the first oracle.size()) whose hits are the oracle's,
// record for record and in order.
double agreement(const std::vector<BenchQuery>& queries, const std::vector<Answer>& answers,
                 const std::vector<Answer>& oracle, const Selection& select);

}  // namespace concord::bench
