// Cross-check rules: which pairs of weapon records are worth a hit, and how well a pair's markings
// agree. Pure functions, thread-safe.
//
// A pair is worth a hit when at least one record is a report (lost, stolen, seized, found or
// trafficked) and either the kinds differ or both are seizure-like reports (seized, found,
// trafficked) of different states; a record never pairs with itself, and a state's own lost or
// stolen report never pairs with its own registry entry (that is the weapon it reported). When
// both records name a make, the makes must agree (compared as canonical text, so case, spacing
// and punctuation do not count; aliases are not followed yet).
//
// The pair score reads each record's marking as a query against the other's (search::
// score_from_cost on the alignment cost, in whole hundredths as the index ranks) and keeps the
// weaker of the two readings, over the best pair of markings. It is therefore the same whichever
// record arrives first, which is what makes arrival order irrelevant: the later record's search
// finds the earlier one whenever the pair reaches the threshold.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "marking/alignment.h"
#include "marking/marking_query.h"
#include "search/indexed_record.h"

namespace concord::registry {

// Whether records of these kinds and states may make a hit (ids, kinds and states only).
bool pair_worth_a_hit(const search::IndexedRecord& a, const search::IndexedRecord& b);

struct PairScore {
  double score = 0;   // in [0, 1]: the weaker of the two readings
  int marking_a = 0;  // index into a.markings
  int marking_b = 0;  // index into b.markings
};

// A record's markings read once, both as queries and as canonical symbols, for comparing the
// record with many others.
struct ReadMarking {
  std::optional<marking::MarkingQuery> query;  // nullopt when nothing at all was read
  std::u32string symbols;
};
std::vector<ReadMarking> read_markings(const search::IndexedRecord& record);

// The best agreement between a marking of `a` and a marking of `b`, read both ways; nullopt when
// either record has no marking that reads as a query (no symbol read at all).
std::optional<PairScore> pair_score(const std::vector<ReadMarking>& a,
                                    const std::vector<ReadMarking>& b,
                                    const marking::AlignmentCosts& costs = {});
std::optional<PairScore> pair_score(const search::IndexedRecord& a, const search::IndexedRecord& b,
                                    const marking::AlignmentCosts& costs = {});

}  // namespace concord::registry
