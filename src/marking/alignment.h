// Alignment: the cheapest way to read a record's marking as the query, and what each step was.
// It is the exact, weighted comparison that ranks candidates (and the brute-force oracle the index
// is measured against): a dynamic program over query terms and record symbols, with look-alikes
// cheaper than other substitutions, `?` and `*` free, adjacent swaps as one edit, and a lost
// prefix or suffix of the record cheaper than edits inside it.
#pragma once

#include <string>
#include <vector>

#include "marking/marking_query.h"

namespace concord::marking {

// What each kind of difference costs. Defaults are documented in docs/search.md.
struct AlignmentCosts {
  double look_alike = 0.4;     // a symbol read as one of its look-alikes (0 for O)
  double substitution = 1.0;   // any other symbol read in place of the record's
  double extra = 1.0;          // a symbol (or ?) in the query that the record lacks
  double missing = 1.0;        // a record symbol the query lacks, inside the marking
  double transposition = 1.0;  // two adjacent symbols read in swapped order
  double lost_edge = 0.25;     // each record symbol before or after what the query covers
};

enum class StepKind {
  match,        // the same symbol
  look_alike,   // read as a look-alike
  substituted,  // read as another symbol
  unknown,      // covered by ?
  run,          // covered by *
  missing,      // in the record, not in the query
  extra,        // in the query, not in the record
  transposed,   // one of a swapped adjacent pair
  lost_edge,    // in the record's lost prefix or suffix
};

struct AlignmentStep {
  StepKind kind = StepKind::match;
  int query_term = -1;     // index into MarkingQuery::terms, -1 when none
  int record_symbol = -1;  // index into the record's symbols, -1 when none
};

struct Alignment {
  double cost = 0;
  std::vector<AlignmentStep> steps;  // in order along both strings
};

// The cheapest alignment of `query` with `record` (canonical symbols). Ties between alignments of
// equal cost are broken the same way every time. O(terms × symbols); both are at most 64 long in
// practice.
Alignment align(const MarkingQuery& query, const std::u32string& record,
                const AlignmentCosts& costs = {});

}  // namespace concord::marking
