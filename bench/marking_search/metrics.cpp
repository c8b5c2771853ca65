#include "metrics.h"

#include <cmath>
#include <limits>
#include <optional>

namespace concord::bench {

Quality measure(const std::vector<BenchQuery>& queries, const std::vector<Answer>& answers,
                const std::vector<double>& truth_scores, const Selection& select, double band) {
  Quality quality;
  std::vector<Answer> selected;
  std::size_t first = 0, first_tied = 0, found = 0, found_tied = 0;
  std::size_t known = 0, tied = 0, in_band = 0, right_in_band = 0;
  for (std::size_t query = 0; query < answers.size() && query < queries.size(); ++query) {
    if (!select(queries[query])) continue;
    const Answer& answer = answers[query];
    selected.push_back(answer);
    ++quality.queries;
    if (answer.failed) {
      ++quality.failed;
      continue;
    }
    const std::vector<Hit>& hits = answer.hits;
    const std::size_t truth = queries[query].truth;
    std::optional<double> truth_score;
    if (query < truth_scores.size() && !std::isnan(truth_scores[query])) {
      truth_score = truth_scores[query];
    }
    bool truth_found = false;
    for (std::size_t rank = 0; rank < hits.size(); ++rank) {
      if (hits[rank].record != truth) continue;
      truth_found = true;
      truth_score = hits[rank].score;
      if (rank == 0) ++first;
      break;
    }
    const std::size_t top = static_cast<std::size_t>(queries[query].request.top);
    if (truth_found) ++found;
    if (truth_score && !hits.empty()) {
      if (*truth_score == hits.front().score) ++first_tied;
      if (truth_found || (hits.size() == top && *truth_score == hits.back().score)) ++found_tied;
    }
    if (truth_score) ++known;
    for (const Hit& hit : hits) {
      if (truth_score && hit.record != truth && hit.score == *truth_score) ++tied;
      if (hit.score < band) continue;
      ++in_band;
      if (hit.record == truth || (truth_score && hit.score == *truth_score)) ++right_in_band;
    }
  }
  if (quality.queries == 0) return quality;
  const auto share = [&](std::size_t count) {
    return static_cast<double>(count) / static_cast<double>(quality.queries);
  };
  quality.recall_at_1 = share(first);
  quality.recall_at_1_tied = share(first_tied);
  quality.recall_at_10 = share(found);
  quality.recall_at_10_tied = share(found_tied);
  quality.band_hits = share(in_band);
  quality.precision = in_band == 0
                          ? std::numeric_limits<double>::quiet_NaN()
                          : static_cast<double>(right_in_band) / static_cast<double>(in_band);
  quality.tied_with_truth = known == 0 ? 0 : static_cast<double>(tied) / static_cast<double>(known);
  quality.p50_ms = percentile_ms(selected, 50);
  quality.p99_ms = percentile_ms(selected, 99);
  return quality;
}

double agreement(const std::vector<BenchQuery>& queries, const std::vector<Answer>& answers,
                 const std::vector<Answer>& oracle, const Selection& select) {
  std::size_t compared = 0, same = 0;
  for (std::size_t query = 0; query < oracle.size() && query < answers.size(); ++query) {
    if (!select(queries[query])) continue;
    ++compared;
    const auto& ours = answers[query].hits;
    const auto& theirs = oracle[query].hits;
    bool equal = !answers[query].failed && !oracle[query].failed && ours.size() == theirs.size();
    for (std::size_t rank = 0; equal && rank < ours.size(); ++rank)
      equal = ours[rank].record == theirs[rank].record;
    if (equal) ++same;
  }
  return compared == 0 ? std::numeric_limits<double>::quiet_NaN()
                       : static_cast<double>(same) / static_cast<double>(compared);
}

}  // namespace concord::bench
