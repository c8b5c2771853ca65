// Workload: the queries every system answers, drawn once so that all see the same ones. Each is a
// damaged reading of one record's serial (the ground truth) with what an officer holding the
// weapon would add: most give the make, many the make, model and calibre, some nothing else.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "corpus.h"
#include "search/damaged_query.h"
#include "search/marking_index.h"

namespace concord::bench {

enum class Group {
  make,                // the marking and the make
  make_model_calibre,  // the marking, make, model and calibre
  marking_alone,       // the marking alone
};

std::string_view to_string(Group group);
const std::vector<Group>& all_groups();

struct BenchQuery {
  std::size_t truth = 0;  // the record the reading was made from
  search::Damage damage = search::Damage::none;
  Group group = Group::make;
  search::SearchRequest request;  // the parsed reading, its filters and the viewer
  std::string canonical;          // the symbols read, without ? and * (what pg_trgm is given)
};

struct WorkloadOptions {
  std::size_t count = 0;
  std::uint64_t seed = 1;
  int top = 10;
  double min_score = 0.5;
};

// `count` queries on distinct random records, their damage taken from all_damages() in turn and
// 60% with the make, 25% with make, model and calibre, 15% alone (interleaved, so every damage
// meets every group). A record too short for its damage gives way to another.
std::vector<BenchQuery> damaged_queries(const Corpus& corpus, const WorkloadOptions& options);

// `count` exact readings of random records with no filter: the load of a batch cross-check.
std::vector<BenchQuery> exact_queries(const Corpus& corpus, const WorkloadOptions& options);

}  // namespace concord::bench
