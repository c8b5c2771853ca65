// RecordDistance: how far a record's canonical symbols are from a prepared query.
//  - unit_bound(): a lower bound of the weighted cost, by bit-parallel search (Hyyrö's
//    restricted Damerau variant of Myers' algorithm) on folded symbols with free prefix and
//    suffix: look-alikes, `?` and lost edges cost nothing, every other edit 1. Each `*` splits the
//    query into parts that are bounded separately; the bound is the largest. Without `*`, a record
//    longer than the query also pays at least its lost edges.
//  - weighted_cost(): the exact cost of marking::align() in hundredths, without the traceback,
//    giving up (returning limit + 1) as soon as the cost must exceed `limit`.
#pragma once

#include <cstddef>

#include "search/prepared_query.h"

namespace concord::search {

// In hundredths of an edit, like weighted_cost().
int unit_bound(const PreparedQuery& query, const char32_t* record, std::size_t length);
// The same for a record whose canonical symbols are all ASCII, read from its bytes undecoded.
int unit_bound(const PreparedQuery& query, const unsigned char* ascii, std::size_t length);

// The bound of a record of `length` symbols whose worst part needs `edits` unit edits: those edits
// at their cheapest and, without `*`, the record's uncovered symbols as lost edges.
int bound_from_edits(const PreparedQuery& query, int edits, std::size_t length);

int weighted_cost(const PreparedQuery& query, const char32_t* record, std::size_t length,
                  int limit);

}  // namespace concord::search
