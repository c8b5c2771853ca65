// MarkingIndex: the in-memory, damage-tolerant index of weapon markings. It finds the records
// whose markings best explain a damaged query (look-alikes, unknown characters, unmarked
// deletions, lost prefixes and suffixes, swaps), filtered by make, model, calibre, weapon type,
// kind, state and country of manufacture, and ranks them by a score in [0, 1].
//
// Concurrency: any number of threads may search while one thread at a time writes (upsert,
// erase); readers never wait on writers, because a write publishes a new immutable snapshot.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/result.h"
#include "marking/alignment.h"
#include "marking/marking_query.h"
#include "search/indexed_record.h"

namespace concord::search {

// Each given filter keeps only records whose field equals it, ignoring case, spacing and
// punctuation ("7.62 x 39" equals "7.62x39"). Empty strings are no filter.
struct SearchFilters {
  std::string make;
  std::string model;
  std::string calibre;
  std::string weapon_type;
  std::string kind;
  std::string state;
  std::string country_of_manufacture;
};

// Whose records a search may return: the owning state's own, those shared with it by name, those
// shared with law enforcement (for law-enforcement users) and public ones. The system (CLI
// operator commands, cross-checks) sees everything.
struct Viewer {
  bool sees_everything = false;
  std::string state;  // the caller's state, alpha-2; empty for none
  bool law_enforcement = false;
};

struct SearchRequest {
  marking::MarkingQuery query;
  SearchFilters filters;
  Viewer viewer;
  int top = 10;            // 1..1000
  double min_score = 0.5;  // weaker readings are not results at all; in [0, 1]
  marking::AlignmentCosts costs;
};

struct SearchHit {
  std::string id;
  std::string external_id;
  double score = 0;      // in [0, 1]; see docs/search.md
  int marking = 0;       // which of the record's markings matched (0: the serial)
  IndexedRecord record;  // the record as indexed
  marking::Alignment alignment;
  std::u32string record_symbols;  // the canonical symbols the alignment indexes
};

struct SearchStatistics {
  std::size_t candidates = 0;  // records whose bound was computed
  std::size_t verified = 0;    // records aligned exactly
  bool scanned = false;        // the plan fell back to scanning the filtered records
};

struct SearchResult {
  marking::MarkingQuery query;  // as searched: what the hits' alignments index
  std::vector<SearchHit> hits;  // best first; equal scores by record id
  SearchStatistics statistics;
};

class MarkingIndex {
 public:
  MarkingIndex();
  ~MarkingIndex();
  MarkingIndex(const MarkingIndex&) = delete;
  MarkingIndex& operator=(const MarkingIndex&) = delete;

  // Adds records, replacing any with the same id. One writer at a time.
  void upsert(const std::vector<IndexedRecord>& records);
  // Removes records by id; unknown ids are ignored. One writer at a time.
  void erase(const std::vector<std::string>& ids);
  // Replaces the whole content with the records `next` yields until it returns false: the fast
  // way to build the index at start. One writer at a time; searches see the old content until
  // the new one is complete.
  void rebuild(const std::function<bool(IndexedRecord& record)>& next);

  // The top records for `request`. invalid_argument naming the field when top or min_score is
  // out of range.
  Result<SearchResult> search(const SearchRequest& request) const;

  // The same ranking computed by aligning every record: the oracle the index is measured against.
  Result<SearchResult> search_exhaustively(const SearchRequest& request) const;

  std::size_t size() const;
  // Bytes held beyond the marking and attribute strings themselves.
  std::size_t index_bytes() const;

  struct Snapshot;

 private:
  std::shared_ptr<const Snapshot> snapshot() const;
  struct Writer;
  std::unique_ptr<Writer> writer_;
};

// The score of an alignment cost for a query: 1 for a perfect reading, falling by 1/n for each
// unit of cost, where n is the number of symbols the query reads; never below 0.
double score_from_cost(double cost, const marking::MarkingQuery& query);

}  // namespace concord::search
