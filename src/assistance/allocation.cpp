#include "assistance/allocation.h"

#include <glpk.h>

#include <algorithm>
#include <cmath>
#include <memory>
#include <set>
#include <utility>

namespace concord::assistance {
namespace {

struct ProblemDeleter {
  void operator()(glp_prob* lp) const { glp_delete_prob(lp); }
};

Result<void> validate(const AllocationProblem& problem) {
  for (const auto& need : problem.needs) {
    if (need.gap_minor < 0) {
      return Error::invalid("gap_minor", "the gap of need " + need.id + " is negative");
    }
    if (!(need.urgency >= 0 && need.urgency <= 1)) {
      return Error::invalid("urgency", "the urgency of need " + need.id + " must be in [0, 1]");
    }
  }
  for (const auto& offer : problem.offers) {
    if (offer.capacity_minor < 0) {
      return Error::invalid("capacity_minor", "the capacity of offer " + offer.id + " is negative");
    }
  }
  if (!(problem.score_epsilon >= 0 && std::isfinite(problem.score_epsilon))) {
    return Error::invalid("score_epsilon", "the score epsilon must be a finite number >= 0");
  }
  std::set<std::pair<std::size_t, std::size_t>> seen;
  for (const auto& pair : problem.pairs) {
    if (pair.need >= problem.needs.size() || pair.offer >= problem.offers.size()) {
      return Error::invalid("pairs", "a pair names a need or an offer that is not in the problem");
    }
    if (!(pair.score >= 0 && pair.score <= 100)) {
      return Error::invalid("pairs", "a pair's score must be in [0, 100]");
    }
    if (!seen.emplace(pair.need, pair.offer).second) {
      return Error::invalid("pairs", "need " + problem.needs[pair.need].id + " and offer " +
                                         problem.offers[pair.offer].id + " are paired twice");
    }
  }
  return {};
}

double coefficient(const AllocationProblem& problem, const AllocationPair& pair) {
  return 1.0 + problem.needs[pair.need].urgency + problem.score_epsilon * pair.score;
}

// Solves the relaxation; returns x per pair.
Result<std::vector<double>> solve(const AllocationProblem& problem) {
  const int offers = static_cast<int>(problem.offers.size());
  const int needs = static_cast<int>(problem.needs.size());
  const int columns = static_cast<int>(problem.pairs.size());
  std::unique_ptr<glp_prob, ProblemDeleter> lp(glp_create_prob());
  glp_set_obj_dir(lp.get(), GLP_MAX);
  // Rows 1..offers are the offers' capacities, then one row per need for its gap.
  glp_add_rows(lp.get(), offers + needs);
  for (int j = 0; j < offers; ++j) {
    glp_set_row_bnds(lp.get(), 1 + j, GLP_UP, 0.0,
                     static_cast<double>(problem.offers[j].capacity_minor));
  }
  for (int i = 0; i < needs; ++i) {
    glp_set_row_bnds(lp.get(), 1 + offers + i, GLP_UP, 0.0,
                     static_cast<double>(problem.needs[i].gap_minor));
  }
  glp_add_cols(lp.get(), columns);
  // GLPK's arrays are 1-based: index 0 is unused.
  std::vector<int> row_index(1 + 2 * columns);
  std::vector<int> column_index(1 + 2 * columns);
  std::vector<double> values(1 + 2 * columns, 1.0);
  for (int k = 0; k < columns; ++k) {
    const AllocationPair& pair = problem.pairs[k];
    const double bound = static_cast<double>(
        std::min(problem.offers[pair.offer].capacity_minor, problem.needs[pair.need].gap_minor));
    if (bound > 0) {
      glp_set_col_bnds(lp.get(), 1 + k, GLP_DB, 0.0, bound);
    } else {
      glp_set_col_bnds(lp.get(), 1 + k, GLP_FX, 0.0, 0.0);
    }
    glp_set_obj_coef(lp.get(), 1 + k, coefficient(problem, pair));
    row_index[1 + 2 * k] = 1 + static_cast<int>(pair.offer);
    column_index[1 + 2 * k] = 1 + k;
    row_index[2 + 2 * k] = 1 + offers + static_cast<int>(pair.need);
    column_index[2 + 2 * k] = 1 + k;
  }
  glp_load_matrix(lp.get(), 2 * columns, row_index.data(), column_index.data(), values.data());

  glp_smcp parameters;
  glp_init_smcp(&parameters);
  parameters.msg_lev = GLP_MSG_OFF;
  parameters.presolve = GLP_ON;  // builds its own basis and scales
  const int failure = glp_simplex(lp.get(), &parameters);
  if (failure != 0) {
    return Error::internal("GLPK's simplex failed (code " + std::to_string(failure) + ")");
  }
  const int status = glp_get_status(lp.get());
  if (status != GLP_OPT) {
    return Error::internal("GLPK found no optimal allocation (status " + std::to_string(status) +
                           ")");
  }
  std::vector<double> x(columns);
  for (int k = 0; k < columns; ++k)
    x[k] = glp_get_col_prim(lp.get(), 1 + k);
  return x;
}

// Takes `excess` off the largest of `members` (indices into amounts) first.
void trim(std::vector<std::int64_t>& amounts, std::vector<std::size_t> members,
          std::int64_t excess) {
  std::sort(members.begin(), members.end(),
            [&](std::size_t a, std::size_t b) { return amounts[a] > amounts[b]; });
  for (std::size_t k : members) {
    if (excess <= 0) break;
    const std::int64_t taken = std::min(excess, amounts[k]);
    amounts[k] -= taken;
    excess -= taken;
  }
}

}  // namespace

Result<Allocation> allocate(const AllocationProblem& problem) {
  CONCORD_TRY(validate(problem));
  Allocation allocation;
  allocation.need_covered_minor.assign(problem.needs.size(), 0);
  allocation.offer_used_minor.assign(problem.offers.size(), 0);
  if (problem.pairs.empty()) return allocation;

  CONCORD_ASSIGN_OR_RETURN(auto x, solve(problem));

  // Whole minor units, within each pair's own bound.
  std::vector<std::int64_t> amounts(x.size());
  std::vector<std::vector<std::size_t>> by_offer(problem.offers.size());
  std::vector<std::vector<std::size_t>> by_need(problem.needs.size());
  for (std::size_t k = 0; k < x.size(); ++k) {
    const AllocationPair& pair = problem.pairs[k];
    const std::int64_t bound =
        std::min(problem.offers[pair.offer].capacity_minor, problem.needs[pair.need].gap_minor);
    amounts[k] = std::clamp<std::int64_t>(std::llround(std::max(x[k], 0.0)), 0, bound);
    by_offer[pair.offer].push_back(k);
    by_need[pair.need].push_back(k);
  }
  // Rounding may overshoot a capacity or a gap by a unit or so; trimming only lowers amounts, so
  // the offers stay within capacity while the needs are trimmed.
  const auto sum = [&](const std::vector<std::size_t>& members) {
    std::int64_t total = 0;
    for (std::size_t k : members)
      total += amounts[k];
    return total;
  };
  for (std::size_t j = 0; j < by_offer.size(); ++j) {
    trim(amounts, by_offer[j], sum(by_offer[j]) - problem.offers[j].capacity_minor);
  }
  for (std::size_t i = 0; i < by_need.size(); ++i) {
    trim(amounts, by_need[i], sum(by_need[i]) - problem.needs[i].gap_minor);
  }

  for (std::size_t k = 0; k < amounts.size(); ++k) {
    if (amounts[k] <= 0) continue;
    const AllocationPair& pair = problem.pairs[k];
    allocation.assignments.push_back({pair.need, pair.offer, amounts[k]});
    allocation.need_covered_minor[pair.need] += amounts[k];
    allocation.offer_used_minor[pair.offer] += amounts[k];
    allocation.objective += coefficient(problem, pair) * static_cast<double>(amounts[k]);
  }
  return allocation;
}

}  // namespace concord::assistance
