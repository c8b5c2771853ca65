// MatchService: match candidates with explained scores, the allocation advice, matches and
// partnerships, and country coalitions (Vientiane Action Plan, Actions 34, 37, 38 and 49).
//
// Candidates and the allocation convert every amount into the currency asked for with the rates
// in force today (the date is stated); a pair whose currencies no rate connects is listed with
// that reason instead of failing the rest. A need's remaining gap is what it asks of others minus
// the funding counted for it (counting.h) minus what its partnerships promise beyond the funding
// already counted against them; an offer's capacity is its amount minus its partnerships.
//
// Reading takes matches.read (the assistance community). A proposal (matches.propose) by the
// need's state's national contact counts as the state's acceptance, one by the offer's donor as
// the donor's; an operator proposes for both sides to decide. A side decides only for itself
// (matches.decide): the state side is the need's state's national contact, the donor side the
// offer's donor (donor_of). When both accepted, the match is a partnership; when either declined,
// it is declined. The other side is told in its state's inbox (organisations have no inbox yet),
// every change is audited and goes on the change feed. Thread-safe: holds no mutable state.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "access/audit_trail.h"
#include "access/principal.h"
#include "assistance/match_score.h"
#include "assistance/match_store.h"
#include "assistance/offer.h"
#include "assistance/plan.h"
#include "core/clock.h"
#include "core/id.h"
#include "core/reference_data.h"
#include "core/result.h"
#include "store/database.h"

namespace concord::assistance {

// One need against one offer, amounts in the currency asked for.
struct MatchCandidate {
  Need need;
  Offer offer;
  std::string currency;
  std::int64_t need_gap_minor = 0;                // remaining gap
  std::int64_t offer_capacity_minor = 0;          // amount left after partnerships
  std::string rate_date;                          // oldest rate used; "" when none was needed
  std::optional<std::string> conversion_problem;  // set when no rate connects the currencies
  MatchScore score;                               // excluded or scored
  std::optional<std::string> open_match_id;       // the pair's match that is not declined

  bool candidate() const { return !conversion_problem && score.candidate(); }
};

struct CandidateList {
  std::string currency;
  std::string rates_on;                    // today
  std::vector<MatchCandidate> candidates;  // scored best first, then the excluded
};

struct AllocationFilter {
  std::optional<std::string> state;  // needs of this state only
  std::optional<Theme> theme;
  std::optional<Donor> donor;  // offers of this donor only
};

struct AllocationAdviceLine {
  std::string need_id;
  std::string state;
  std::string offer_id;
  Donor donor;
  std::int64_t amount_minor = 0;  // in the advice's currency
  double score = 0;
};

struct AllocationNeedSummary {
  std::string need_id;
  std::string state;
  std::int64_t gap_minor = 0;
  std::int64_t advised_minor = 0;
  double urgency = 0;
};

struct AllocationOfferSummary {
  std::string offer_id;
  Donor donor;
  std::int64_t capacity_minor = 0;
  std::int64_t advised_minor = 0;
};

// Advice only: states and donors accept or decline each match.
struct AllocationAdvice {
  std::string currency;
  std::string rates_on;
  std::vector<AllocationAdviceLine> lines;  // largest first
  std::vector<AllocationNeedSummary> needs;
  std::vector<AllocationOfferSummary> offers;
  std::vector<std::string> left_out;  // needs and offers no rate converts, with the reason
};

struct CoalitionMember {
  Donor donor;
  std::vector<Match> partnerships;  // oldest first
};

// The donors around one state's plan.
struct Coalition {
  Plan plan;
  std::vector<CoalitionMember> members;  // by donor key
};

class MatchService {
 public:
  // All references must outlive the service.
  MatchService(store::Database& db, const ReferenceData& reference, const Clock& clock,
               IdGenerator& ids, const access::AuditTrail& audit)
      : db_(db), reference_(reference), clock_(clock), ids_(ids), audit_(audit) {}

  // Every offer against the need, candidates scored best first, the others with their reasons.
  // not_found (field "need_id"); invalid_argument (field "currency") for an unknown currency.
  Result<CandidateList> candidates_for_need(const access::Principal& actor,
                                            const std::string& need_id,
                                            const std::string& currency);
  // Every need against the offer, likewise. not_found (field "offer_id").
  Result<CandidateList> candidates_for_offer(const access::Principal& actor,
                                             const std::string& offer_id,
                                             const std::string& currency);
  // The optimiser's advice over every open offer and every need with a gap (allocation.h).
  Result<AllocationAdvice> allocation(const access::Principal& actor, const std::string& currency,
                                      const AllocationFilter& filter);

  // Proposes the pair for `amount` (decimal text in the offer's currency; empty: the most the
  // offer can give towards the gap). invalid_argument (field "offer_id") when the offer is not a
  // candidate for the need, with the reasons; (field "amount") when the amount is not above 0 or
  // beyond the offer's capacity; already_exists (field "offer_id") when the pair has an open
  // match; permission_denied for a caller who is on neither side and not an operator.
  Result<Match> propose(const access::Principal& actor, const std::string& need_id,
                        const std::string& offer_id, const std::string& amount);
  // Accepts or declines the caller's side. conflict when the match is no longer proposed or the
  // side has decided already; permission_denied for a caller on neither side.
  Result<Match> decide(const access::Principal& actor, const std::string& match_id,
                       MatchDecision decision, const std::string& note);

  Result<Match> get(const access::Principal& actor, const std::string& match_id);
  Result<std::vector<Match>> list(const access::Principal& actor, const MatchFilter& filter);
  // not_found (field "plan_id").
  Result<Coalition> coalition(const access::Principal& actor, const std::string& plan_id);

  const MatchWeights& weights() const { return weights_; }
  // For encoders that write amounts as decimal text.
  const ReferenceData& reference() const { return reference_; }

 private:
  Result<void> audit_refusal(const access::Principal& actor, std::string_view action,
                             const std::string& target_kind, const std::string& target_id,
                             const std::string& target_state, const Error& error) const;

  store::Database& db_;
  const ReferenceData& reference_;
  const Clock& clock_;
  IdGenerator& ids_;
  const access::AuditTrail& audit_;
  MatchWeights weights_;
};

}  // namespace concord::assistance
