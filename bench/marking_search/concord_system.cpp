#include "concord_system.h"

#include <malloc.h>

#include <chrono>
#include <cmath>

#include "machine.h"
#include "marking/alignment.h"
#include "marking/canonical_marking.h"

namespace concord::bench {

BuildFigures build_index(search::MarkingIndex& index, const Corpus& corpus, BuildMethod method,
                         std::size_t batch_size) {
  BuildFigures figures;
  // Freed memory goes back to the system first, so that the growth is what the index keeps.
  malloc_trim(0);
  const std::size_t resident_before = resident_bytes();
  std::chrono::steady_clock::duration spent{};
  if (method == BuildMethod::rebuild) {
    std::size_t next = 0;
    const auto start = std::chrono::steady_clock::now();
    index.rebuild([&](search::IndexedRecord& record) {
      if (next == corpus.size()) return false;
      record = corpus.indexed_record(next++);
      return true;
    });
    spent = std::chrono::steady_clock::now() - start;
  } else {
    // Only the upserts are timed: making the batches is the caller's work, not the index's.
    std::vector<search::IndexedRecord> batch;
    for (std::size_t first = 0; first < corpus.size(); first += batch_size) {
      batch.clear();
      for (std::size_t record = first; record < std::min(corpus.size(), first + batch_size);
           ++record) {
        batch.push_back(corpus.indexed_record(record));
      }
      const auto start = std::chrono::steady_clock::now();
      index.upsert(batch);
      spent += std::chrono::steady_clock::now() - start;
    }
  }
  figures.seconds = std::chrono::duration<double>(spent).count();
  figures.index_bytes = index.index_bytes();
  malloc_trim(0);
  const std::size_t resident_after = resident_bytes();
  figures.resident_delta = resident_after > resident_before ? resident_after - resident_before : 0;
  return figures;
}

std::vector<double> truth_scores(const Corpus& corpus, const std::vector<BenchQuery>& queries) {
  std::vector<double> scores;
  scores.reserve(queries.size());
  for (const BenchQuery& query : queries) {
    std::u32string symbols;
    for (const auto& symbol : marking::canonical_symbols(corpus.serial(query.truth)))
      symbols += symbol.symbol;
    const auto alignment = marking::align(query.request.query, symbols, query.request.costs);
    const double cost = std::round(alignment.cost * 100) / 100;
    scores.push_back(search::score_from_cost(cost, query.request.query));
  }
  return scores;
}

System concord_system(const search::MarkingIndex& index, const std::vector<BenchQuery>& queries,
                      bool exhaustively) {
  return [&index, &queries, exhaustively](int, std::size_t query) {
    const search::SearchRequest& request = queries[query].request;
    auto result = exhaustively ? index.search_exhaustively(request) : index.search(request);
    Answer answer;
    if (!result.ok()) {
      answer.failed = true;
      return answer;
    }
    answer.hits.reserve(result->hits.size());
    for (const auto& hit : result->hits) {
      if (const auto record = record_index(hit.id)) answer.hits.push_back({*record, hit.score});
    }
    return answer;
  };
}

}  // namespace concord::bench
