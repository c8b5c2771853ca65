// LaneBound: the unit-cost bound of record_distance.h for eight ASCII records at once, one per
// 64-bit lane of an AVX-512 register, so that a scan of many records costs a fraction of one
// search per record. Falls back to the one-record bound where the CPU lacks AVX-512.
#pragma once

#include <cstddef>
#include <cstdint>

#include "search/prepared_query.h"

namespace concord::search {

inline constexpr std::size_t kLanes = 8;

// Whether bound_eight() runs eight records at once on this CPU.
bool lanes_available();

// For a query with one part (no `*`), the unit bound (as unit_bound() gives it, in hundredths)
// of each of `count` <= kLanes ASCII records.
void bound_eight(const PreparedQuery& query, const unsigned char* const* records,
                 const std::size_t* lengths, std::size_t count, int* bounds);

}  // namespace concord::search
