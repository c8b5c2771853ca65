#include "runner.h"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cmath>
#include <thread>

namespace concord::bench {
namespace {

using Clock = std::chrono::steady_clock;

double milliseconds_since(Clock::time_point start) {
  return std::chrono::duration<double, std::milli>(Clock::now() - start).count();
}

Answer timed(const System& system, int worker, std::size_t query) {
  const auto start = Clock::now();
  Answer answer = system(worker, query);
  answer.milliseconds = milliseconds_since(start);
  return answer;
}

}  // namespace

std::vector<Answer> run_one_by_one(const System& system, std::size_t count) {
  std::vector<Answer> answers;
  answers.reserve(count);
  for (std::size_t query = 0; query < count; ++query)
    answers.push_back(timed(system, 0, query));
  return answers;
}

Throughput run_concurrently(const System& system, std::size_t count, int workers,
                            double min_seconds, double max_seconds) {
  Throughput result;
  result.answers.resize(count);
  result.answered.assign(count, 0);
  const auto start = Clock::now();
  const auto out_of_time = [&] {
    return max_seconds > 0 && milliseconds_since(start) >= max_seconds * 1000;
  };
  for (bool first_pass = true; first_pass || milliseconds_since(start) < min_seconds * 1000;
       first_pass = false) {
    std::atomic<std::size_t> next{0};
    std::atomic<std::size_t> answered{0};
    std::vector<std::thread> threads;
    threads.reserve(static_cast<std::size_t>(workers));
    for (int worker = 0; worker < workers; ++worker) {
      threads.emplace_back([&, worker, first_pass] {
        for (std::size_t query = next++; query < count && !out_of_time(); query = next++) {
          Answer answer = timed(system, worker, query);
          ++answered;
          if (first_pass) {
            result.answers[query] = std::move(answer);
            result.answered[query] = 1;
          }
        }
      });
    }
    for (auto& thread : threads)
      thread.join();
    result.queries += answered;
    if (out_of_time()) break;
  }
  result.seconds = milliseconds_since(start) / 1000;
  return result;
}

double percentile_ms(const std::vector<Answer>& answers, double percentile) {
  if (answers.empty()) return 0;
  std::vector<double> latencies;
  latencies.reserve(answers.size());
  for (const auto& answer : answers)
    latencies.push_back(answer.milliseconds);
  std::sort(latencies.begin(), latencies.end());
  const auto rank =
      static_cast<std::size_t>(std::ceil(percentile / 100 * static_cast<double>(latencies.size())));
  return latencies[std::clamp<std::size_t>(rank, 1, latencies.size()) - 1];
}

}  // namespace concord::bench
