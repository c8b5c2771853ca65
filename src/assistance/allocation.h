// The allocation optimiser: advice on how to spread offers' capacity across needs so that the
// most urgent unmet need is covered first (Vientiane Action Plan, Actions 37 and 49). It is a
// transportation linear programme solved with GLPK's simplex, never a hand-written one:
//
//   variables    x_ij >= 0 for each candidate pair (need i, offer j), in minor units of one
//                currency
//   constraints  sum_i x_ij <= capacity of offer j;  sum_j x_ij <= gap of need i
//   objective    maximise sum (1 + urgency_i + epsilon * score_ij) * x_ij
//
// The 1 makes every unit of gap covered worth something, urgency_i (in [0, 1], from the match
// score's urgency factor) puts the closest deadlines first, and epsilon * score_ij (score 0..100,
// epsilon 1e-5 by default, so at most 0.001) breaks ties towards the better-fitting offer. The
// constraint matrix is totally unimodular, so the optimum is whole minor units up to floating
// point; results are rounded to whole minor units and trimmed so that no offer gives more than
// its capacity and no need gets more than its gap. Pure and thread-safe (GLPK keeps its state per
// thread); states and donors still accept or decline each match.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "core/result.h"

namespace concord::assistance {

struct AllocationNeed {
  std::string id;
  std::int64_t gap_minor = 0;  // >= 0
  double urgency = 0;          // in [0, 1]
};

struct AllocationOffer {
  std::string id;
  std::int64_t capacity_minor = 0;  // >= 0
};

// A candidate pair: indices into the problem's needs and offers.
struct AllocationPair {
  std::size_t need = 0;
  std::size_t offer = 0;
  double score = 0;  // 0..100
};

struct AllocationProblem {
  std::vector<AllocationNeed> needs;
  std::vector<AllocationOffer> offers;
  std::vector<AllocationPair> pairs;  // each (need, offer) at most once
  double score_epsilon = 1e-5;
};

struct AllocationAssignment {
  std::size_t need = 0;
  std::size_t offer = 0;
  std::int64_t amount_minor = 0;  // > 0
};

struct Allocation {
  std::vector<AllocationAssignment> assignments;  // in pair order, only amounts above 0
  std::vector<std::int64_t> need_covered_minor;   // per need
  std::vector<std::int64_t> offer_used_minor;     // per offer
  double objective = 0;                           // of the rounded assignments
};

// Solves `problem`. invalid_argument for a negative gap or capacity (field "gap_minor" /
// "capacity_minor"), an urgency outside [0, 1] ("urgency"), a score outside [0, 100] or a pair
// naming no need or offer or repeating one ("pairs"), a negative epsilon ("score_epsilon");
// internal when GLPK fails.
Result<Allocation> allocate(const AllocationProblem& problem);

}  // namespace concord::assistance
