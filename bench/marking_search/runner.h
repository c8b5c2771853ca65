// Runner: puts the same queries to any system, one thread for latency or several for throughput,
// and keeps what each answered. A system is a function of (worker, query) so that a peer can give
// each worker its own connection.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <vector>

namespace concord::bench {

struct Hit {
  std::size_t record = 0;
  double score = 0;
};

struct Answer {
  std::vector<Hit> hits;  // best first
  double milliseconds = 0;
  bool failed = false;  // an error or a timeout: counted as a miss
};

// Answers query `query` on worker `worker` (0 .. workers - 1). Called concurrently for different
// workers, never for the same worker.
using System = std::function<Answer(int worker, std::size_t query)>;

// Each of `count` queries in order on one thread, timed one by one.
std::vector<Answer> run_one_by_one(const System& system, std::size_t count);

struct Throughput {
  std::vector<Answer> answers;  // from the first pass, each timed
  std::vector<char> answered;   // 1 for those answered before max_seconds (not vector<bool>:
                                // threads write neighbouring elements)
  double seconds = 0;           // wall time of all passes
  std::size_t queries = 0;      // answered in all passes
  double per_second() const { return seconds > 0 ? static_cast<double>(queries) / seconds : 0; }
};

// The queries on `workers` threads, each taking the next query from a shared counter, repeated
// until at least `min_seconds` have passed (at least once). With `max_seconds` > 0 no query starts
// after that long, so a pass may end early: `queries` says how many were answered.
Throughput run_concurrently(const System& system, std::size_t count, int workers,
                            double min_seconds = 0, double max_seconds = 0);

// The given percentile (0..100) of the answers' latencies, nearest rank.
double percentile_ms(const std::vector<Answer>& answers, double percentile);

}  // namespace concord::bench
