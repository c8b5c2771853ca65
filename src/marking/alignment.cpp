#include "marking/alignment.h"

#include <algorithm>
#include <limits>

#include "marking/look_alikes.h"

namespace concord::marking {
namespace {

constexpr double kInfinity = std::numeric_limits<double>::infinity();

// How a cell of the table was reached, for the traceback.
enum class Move : unsigned char {
  none,
  diagonal,     // term i-1 against symbol j-1 (match, look-alike, substituted, unknown)
  skip_term,    // term i-1 against nothing (extra, or an empty *)
  skip_symbol,  // symbol j-1 against nothing (missing, or covered by the * at term i-1)
  transposed,   // terms i-2, i-1 against symbols j-1, j-2
};

}  // namespace

Alignment align(const MarkingQuery& query, const std::u32string& record,
                const AlignmentCosts& costs) {
  const auto& terms = query.terms;
  const size_t m = terms.size();
  const size_t n = record.size();
  const size_t width = n + 1;
  std::vector<double> cost((m + 1) * width, kInfinity);
  std::vector<Move> move((m + 1) * width, Move::none);
  auto at = [width](size_t i, size_t j) { return i * width + j; };

  // Before the first term, any prefix of the record may have been lost.
  for (size_t j = 0; j <= n; ++j)
    cost[at(0, j)] = static_cast<double>(j) * costs.lost_edge;

  // Strict `<` keeps the first candidate in a fixed order (diagonal, skip term, skip symbol,
  // transposition), so equal-cost alignments are always broken the same way.
  auto relax = [&](size_t i, size_t j, double candidate, Move how) {
    if (candidate < cost[at(i, j)]) {
      cost[at(i, j)] = candidate;
      move[at(i, j)] = how;
    }
  };

  for (size_t i = 1; i <= m; ++i) {
    const QueryTerm& term = terms[i - 1];
    for (size_t j = 0; j <= n; ++j) {
      if (term.kind == QueryTermKind::unknown_run) {
        relax(i, j, cost[at(i - 1, j)], Move::skip_term);               // an empty run
        if (j > 0) relax(i, j, cost[at(i, j - 1)], Move::skip_symbol);  // the run grows
        continue;
      }
      if (j > 0) {
        double step = 0;
        if (term.kind == QueryTermKind::symbol && term.symbol != record[j - 1]) {
          step =
              are_look_alikes(term.symbol, record[j - 1]) ? costs.look_alike : costs.substitution;
        }
        relax(i, j, cost[at(i - 1, j - 1)] + step, Move::diagonal);
      }
      relax(i, j, cost[at(i - 1, j)] + costs.extra, Move::skip_term);
      if (j > 0) relax(i, j, cost[at(i, j - 1)] + costs.missing, Move::skip_symbol);
      if (i >= 2 && j >= 2 && term.kind == QueryTermKind::symbol &&
          terms[i - 2].kind == QueryTermKind::symbol && term.symbol == record[j - 2] &&
          terms[i - 2].symbol == record[j - 1] && term.symbol != terms[i - 2].symbol) {
        relax(i, j, cost[at(i - 2, j - 2)] + costs.transposition, Move::transposed);
      }
    }
  }

  // After the last term, any suffix of the record may have been lost.
  size_t end = 0;
  double best = kInfinity;
  for (size_t j = 0; j <= n; ++j) {
    const double total = cost[at(m, j)] + static_cast<double>(n - j) * costs.lost_edge;
    if (total < best) {
      best = total;
      end = j;
    }
  }

  Alignment result;
  result.cost = best;
  for (size_t j = n; j > end; --j) {
    result.steps.push_back({StepKind::lost_edge, -1, static_cast<int>(j - 1)});
  }
  size_t i = m, j = end;
  while (i > 0) {
    const QueryTerm& term = terms[i - 1];
    const int t = static_cast<int>(i - 1);
    switch (move[at(i, j)]) {
      case Move::diagonal: {
        StepKind kind = StepKind::match;
        if (term.kind == QueryTermKind::unknown_one) {
          kind = StepKind::unknown;
        } else if (term.symbol != record[j - 1]) {
          kind = are_look_alikes(term.symbol, record[j - 1]) ? StepKind::look_alike
                                                             : StepKind::substituted;
        }
        result.steps.push_back({kind, t, static_cast<int>(j - 1)});
        --i;
        --j;
        break;
      }
      case Move::skip_term:
        // An empty * leaves no trace; anything else read but absent is extra.
        if (term.kind != QueryTermKind::unknown_run)
          result.steps.push_back({StepKind::extra, t, -1});
        --i;
        break;
      case Move::skip_symbol:
        result.steps.push_back(
            {term.kind == QueryTermKind::unknown_run ? StepKind::run : StepKind::missing,
             term.kind == QueryTermKind::unknown_run ? t : -1, static_cast<int>(j - 1)});
        --j;
        break;
      case Move::transposed:
        result.steps.push_back({StepKind::transposed, t, static_cast<int>(j - 2)});
        result.steps.push_back({StepKind::transposed, t - 1, static_cast<int>(j - 1)});
        i -= 2;
        j -= 2;
        break;
      case Move::none:
        i = 0;  // unreachable for a finite cost; stop rather than loop
        break;
    }
  }
  for (; j > 0; --j)
    result.steps.push_back({StepKind::lost_edge, -1, static_cast<int>(j - 1)});
  std::reverse(result.steps.begin(), result.steps.end());
  return result;
}

}  // namespace concord::marking
