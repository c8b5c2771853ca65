#include "search/lane_bound.h"

// GCC 12 warns inside its own AVX-512 headers (an uninitialised "undefined" vector it then
// overwrites); the warning is about the header, not this code.
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"
#include <immintrin.h>

#include <algorithm>

#include "search/record_distance.h"

namespace concord::search {
namespace {

// Hyyrö's restricted-Damerau step (record_distance.cpp) on eight lanes; lanes past the end of
// their record keep stepping on padding but no longer count.
__attribute__((target("avx512f"))) void edits_eight(const BoundPart& part,
                                                    const unsigned char* const* records,
                                                    const std::size_t* lengths, std::size_t count,
                                                    int* edits) {
  const auto m = static_cast<long long>(part.length);
  const __m512i ones = _mm512_set1_epi64(-1);
  const __m512i one = _mm512_set1_epi64(1);
  const __m512i last = _mm512_set1_epi64(static_cast<long long>(std::uint64_t{1} << (m - 1)));
  __m512i vp = ones;
  __m512i vn = _mm512_setzero_si512();
  __m512i previous_d0 = _mm512_setzero_si512();
  __m512i previous_pm = _mm512_setzero_si512();
  __m512i score = _mm512_set1_epi64(m);
  __m512i best = score;
  std::size_t longest = 0;
  for (std::size_t lane = 0; lane < count; ++lane)
    longest = std::max(longest, lengths[lane]);
  alignas(64) long long symbols[kLanes];
  for (std::size_t j = 0; j < longest; ++j) {
    __mmask8 active = 0;
    for (std::size_t lane = 0; lane < kLanes; ++lane) {
      const bool inside = lane < count && j < lengths[lane];
      symbols[lane] = inside ? records[lane][j] : 0;
      if (inside) active = static_cast<__mmask8>(active | (1u << lane));
    }
    const __m512i pm =
        _mm512_i64gather_epi64(_mm512_load_si512(symbols), part.ascii_masks.data(), 8);
    const __m512i transposed =
        _mm512_and_si512(_mm512_slli_epi64(_mm512_andnot_si512(previous_d0, pm), 1), previous_pm);
    const __m512i pm_vp = _mm512_and_si512(pm, vp);
    const __m512i d0 =
        _mm512_or_si512(_mm512_or_si512(_mm512_xor_si512(_mm512_add_epi64(pm_vp, vp), vp), pm),
                        _mm512_or_si512(vn, transposed));
    const __m512i hp = _mm512_or_si512(vn, _mm512_andnot_si512(_mm512_or_si512(d0, vp), ones));
    const __m512i hn = _mm512_and_si512(d0, vp);
    const __mmask8 up = _mm512_test_epi64_mask(hp, last) & active;
    const __mmask8 down = _mm512_test_epi64_mask(hn, last) & active & static_cast<__mmask8>(~up);
    score = _mm512_mask_add_epi64(score, up, score, one);
    score = _mm512_mask_sub_epi64(score, down, score, one);
    const __m512i x = _mm512_slli_epi64(hp, 1);
    vn = _mm512_and_si512(x, d0);
    vp = _mm512_or_si512(_mm512_slli_epi64(hn, 1),
                         _mm512_andnot_si512(_mm512_or_si512(x, d0), ones));
    best = _mm512_mask_min_epi64(best, active, best, score);
    previous_d0 = d0;
    previous_pm = pm;
  }
  alignas(64) long long out[kLanes];
  _mm512_store_si512(out, best);
  for (std::size_t lane = 0; lane < count; ++lane)
    edits[lane] = static_cast<int>(out[lane]);
}

}  // namespace

#pragma GCC diagnostic pop

bool lanes_available() {
  static const bool available = __builtin_cpu_supports("avx512f");
  return available;
}

void bound_eight(const PreparedQuery& query, const unsigned char* const* records,
                 const std::size_t* lengths, std::size_t count, int* bounds) {
  if (!lanes_available() || query.parts.size() != 1) {
    for (std::size_t lane = 0; lane < count; ++lane)
      bounds[lane] = unit_bound(query, records[lane], lengths[lane]);
    return;
  }
  int edits[kLanes];
  edits_eight(query.parts[0], records, lengths, count, edits);
  for (std::size_t lane = 0; lane < count; ++lane)
    bounds[lane] = bound_from_edits(query, edits[lane], lengths[lane]);
}

}  // namespace concord::search
