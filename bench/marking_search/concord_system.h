// Concord under test: building its marking index from the corpus (timed, with the memory it
// takes) and answering the benchmark's queries with the index or with the exhaustive oracle.
#pragma once

#include <cstddef>
#include <vector>

#include "corpus.h"
#include "runner.h"
#include "search/marking_index.h"
#include "workload.h"

namespace concord::bench {

enum class BuildMethod {
  rebuild,  // MarkingIndex::rebuild, the start-up path
  upsert,   // MarkingIndex::upsert in batches, the path of live updates
};

struct BuildFigures {
  double seconds = 0;              // the index calls alone, not generating the records
  std::size_t index_bytes = 0;     // MarkingIndex::index_bytes(): beyond the strings
  std::size_t resident_delta = 0;  // VmRSS after minus before: the strings and everything else
};

BuildFigures build_index(search::MarkingIndex& index, const Corpus& corpus, BuildMethod method,
                         std::size_t batch_size);

// The score the index gives each query's truth, returned or not: the weighted alignment of the
// reading with the truth's serial, its cost in whole hundredths as the index ranks it.
std::vector<double> truth_scores(const Corpus& corpus, const std::vector<BenchQuery>& queries);

// `queries` answered by index.search() or, when `exhaustively`, index.search_exhaustively().
System concord_system(const search::MarkingIndex& index, const std::vector<BenchQuery>& queries,
                      bool exhaustively);

}  // namespace concord::bench
