// The score of one need against one offer, with its reasons (Vientiane Action Plan, Actions 34,
// 37, 38, 49). Pure: the caller loads the records, resolves regions, counts donors and converts
// every amount into one common currency first.
//
// Hard filters come first: an offer whose themes miss the need's theme, that may not go to the
// need's state, that is not open, or whose years miss all of the need's years is not a candidate,
// and every reason is given. A candidate's score is 0..100: 100 times the weighted mean of six
// factors, each a value in [0, 1] with a one-line explanation:
//   theme_fit        1 when the offer covers the need's theme; for SALW control with a capacity
//                    area, 1 when the offer's title names the area, else 0.5
//   amount_overlap   min(offer amount, remaining gap) / remaining gap (0 when nothing is left)
//   years_overlap    the share of the need's years that the offer's years cover
//   donor_priority   1 when the need's state is among the donor's priority countries
//   diversification  1 / (1 + other donors the need already has): fewer donors score higher,
//                    which counts against single-donor dependency
//   urgency          1 when the effective deadline is today or past, falling linearly to 0 at
//                    `urgency_horizon_days` away; 0 when the need has no deadline
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "assistance/offer.h"
#include "assistance/theme.h"
#include "core/result.h"

namespace concord::assistance {

// The weights of the factors. Data, not code: the defaults sum to 1, and any non-negative weights
// with a positive sum work (the score divides by the sum).
struct MatchWeights {
  double theme_fit = 0.20;
  double amount_overlap = 0.20;
  double years_overlap = 0.15;
  double donor_priority = 0.10;
  double diversification = 0.15;
  double urgency = 0.20;
  int urgency_horizon_days = 1825;  // five years: a deadline this far or further scores 0

  // invalid_argument naming the weight when one is negative or not finite, when they sum to 0,
  // or when the horizon is not positive.
  Result<void> validate() const;
};

// What the score needs to know of a need, amounts in the common currency.
struct NeedProfile {
  std::string state;  // alpha-2
  Theme theme = Theme::clearance;
  std::optional<CapacityArea> capacity_area;  // from its obligation, for SALW control
  std::vector<int> years;                     // the need's budget years
  std::int64_t requested_minor = 0;           // what it asks of others over all years
  std::int64_t gap_minor = 0;                 // what is still unfunded
  std::string effective_deadline;             // YYYY-MM-DD; "" when the need has none
  int other_donors = 0;  // distinct donors already funding or partnered, not the offer's donor
};

// What the score needs to know of an offer beyond the Offer itself.
struct OfferProfile {
  const Offer* offer = nullptr;
  bool eligible = false;          // may go to the need's state (countries and regions resolved)
  std::int64_t amount_minor = 0;  // the offer's amount in the common currency
};

struct ScoreFactor {
  std::string name;  // theme_fit, amount_overlap, years_overlap, donor_priority, ...
  double weight = 0;
  double value = 0;  // in [0, 1]
  std::string explanation;
};

struct MatchScore {
  std::vector<std::string> exclusions;  // the hard filters that failed; empty for a candidate
  double score = 0;                     // 0..100, 0 when excluded
  std::vector<ScoreFactor> factors;     // empty when excluded

  bool candidate() const { return exclusions.empty(); }
};

// Scores `need` against `offer` on `today` (YYYY-MM-DD). `weights` must validate.
MatchScore score_match(const NeedProfile& need, const OfferProfile& offer,
                       const MatchWeights& weights, const std::string& today);

// Days from `from` to `to` (both YYYY-MM-DD); nullopt when either is malformed.
std::optional<int> days_between(const std::string& from, const std::string& to);

}  // namespace concord::assistance
