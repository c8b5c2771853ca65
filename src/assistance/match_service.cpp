#include "assistance/match_service.h"

#include <algorithm>
#include <map>
#include <nlohmann/json.hpp>
#include <set>

#include "access/policy.h"
#include "assistance/allocation.h"
#include "assistance/counting.h"
#include "assistance/exchange_rates.h"
#include "assistance/flow_store.h"
#include "assistance/match_json.h"
#include "assistance/plan_store.h"
#include "notification/notification.h"
#include "store/change_feed.h"

namespace concord::assistance {
namespace {

using store::Transaction;
using store::TransactionMode;

bool is_conversion_problem(const Error& error) {
  return error.code == ErrorCode::not_found && error.field == "currency";
}

void keep_oldest(std::string& oldest, const std::string& date) {
  if (!date.empty() && (oldest.empty() || date < oldest)) oldest = date;
}

// What a need's score and gap depend on, loaded once.
struct NeedFacts {
  Need need;
  std::optional<Obligation> obligation;
  std::vector<FundingFlow> flows;   // current flows for the need
  std::vector<Match> partnerships;  // of the need
};

struct OfferFacts {
  Offer offer;
  std::int64_t partnered_minor = 0;  // in the offer's currency
};

Result<NeedFacts> load_need_facts(Transaction& tx, Need need) {
  NeedFacts facts;
  if (need.obligation_id) {
    CONCORD_ASSIGN_OR_RETURN(auto obligation, get_obligation(tx, *need.obligation_id));
    facts.obligation = std::move(obligation);
  }
  FlowFilter flows;
  flows.need_id = need.id;
  CONCORD_ASSIGN_OR_RETURN(facts.flows, list_current_flows(tx, flows));
  MatchFilter partnerships;
  partnerships.need_id = need.id;
  partnerships.status = MatchStatus::partnership;
  CONCORD_ASSIGN_OR_RETURN(facts.partnerships, list_matches(tx, partnerships));
  facts.need = std::move(need);
  return facts;
}

Result<OfferFacts> load_offer_facts(Transaction& tx, Offer offer) {
  OfferFacts facts;
  MatchFilter partnerships;
  partnerships.offer_id = offer.id;
  partnerships.status = MatchStatus::partnership;
  CONCORD_ASSIGN_OR_RETURN(auto matches, list_matches(tx, partnerships));
  for (const auto& match : matches)
    facts.partnered_minor += match.amount_minor;
  facts.offer = std::move(offer);
  return facts;
}

// Converts amounts into one currency on one date, remembering the oldest rate used.
class Valuation {
 public:
  Valuation(const ExchangeRateTable& rates, const ReferenceData& reference, std::string currency,
            std::string today)
      : rates_(rates),
        reference_(reference),
        currency_(std::move(currency)),
        today_(std::move(today)) {}

  Result<std::int64_t> convert(std::int64_t minor, const std::string& from,
                               std::string& rate_date) const {
    CONCORD_ASSIGN_OR_RETURN(auto conversion,
                             rates_.convert(Money{minor, from}, currency_, today_, reference_));
    keep_oldest(rate_date, conversion.rate_date);
    return conversion.amount.minor_units;
  }

  Result<std::int64_t> counted(const std::vector<FundingFlow>& flows,
                               std::string& rate_date) const {
    CONCORD_ASSIGN_OR_RETURN(auto totals,
                             count_funding(flows, currency_, today_, rates_, reference_));
    keep_oldest(rate_date, totals.oldest_rate_date);
    return totals.counted_minor;
  }

  // requested - counted - what partnerships promise beyond the funding counted against them.
  Result<std::int64_t> gap(const NeedFacts& facts, std::string& rate_date) const {
    CONCORD_ASSIGN_OR_RETURN(const std::int64_t requested,
                             convert(facts.need.requested_minor(), facts.need.currency, rate_date));
    CONCORD_ASSIGN_OR_RETURN(const std::int64_t funded, counted(facts.flows, rate_date));
    std::int64_t promised = 0;
    for (const auto& partnership : facts.partnerships) {
      CONCORD_ASSIGN_OR_RETURN(const std::int64_t amount,
                               convert(partnership.amount_minor, partnership.currency, rate_date));
      std::vector<FundingFlow> against;
      for (const auto& flow : facts.flows) {
        if (flow.match_id == partnership.id) against.push_back(flow);
      }
      CONCORD_ASSIGN_OR_RETURN(const std::int64_t paid, counted(against, rate_date));
      promised += std::max<std::int64_t>(amount - paid, 0);
    }
    return std::max<std::int64_t>(requested - funded - promised, 0);
  }

  Result<std::int64_t> capacity(const OfferFacts& facts, std::string& rate_date) const {
    return convert(std::max<std::int64_t>(facts.offer.amount_minor - facts.partnered_minor, 0),
                   facts.offer.currency, rate_date);
  }

  const std::string& currency() const { return currency_; }
  const std::string& today() const { return today_; }

 private:
  const ExchangeRateTable& rates_;
  const ReferenceData& reference_;
  std::string currency_;
  std::string today_;
};

// Distinct donors already funding or partnered with the need, other than `donor`.
int other_donors(const NeedFacts& facts, const Valuation& valuation, const Donor& donor,
                 const ExchangeRateTable& rates, const ReferenceData& reference) {
  std::set<Donor> donors;
  for (const auto& partnership : facts.partnerships)
    donors.insert(partnership.donor);
  // Counted in the flows' own currencies: who funds does not depend on a rate.
  std::map<std::string, std::vector<FundingFlow>> by_currency;
  for (const auto& flow : facts.flows)
    by_currency[flow.currency].push_back(flow);
  for (const auto& [currency, flows] : by_currency) {
    auto totals = count_funding(flows, currency, valuation.today(), rates, reference);
    if (totals.ok()) donors.insert(totals->donors.begin(), totals->donors.end());
  }
  donors.erase(donor);
  return static_cast<int>(donors.size());
}

NeedProfile profile_of(const NeedFacts& facts, std::int64_t gap, int donors) {
  NeedProfile profile;
  profile.state = facts.need.state;
  profile.theme = facts.need.theme;
  if (facts.obligation) {
    profile.capacity_area = facts.obligation->capacity_area;
    profile.effective_deadline = facts.obligation->effective_deadline();
  }
  for (const auto& year : facts.need.years)
    profile.years.push_back(year.year);
  profile.requested_minor = facts.need.requested_minor();
  profile.gap_minor = gap;
  profile.other_donors = donors;
  return profile;
}

struct Scoring {
  const ExchangeRateTable& rates;
  const ReferenceData& reference;
  const Valuation& valuation;
  const MatchWeights& weights;
};

// Scores one pair; a missing rate becomes the candidate's conversion problem.
Result<MatchCandidate> score_pair(Transaction& tx, const Scoring& scoring, const NeedFacts& need,
                                  const OfferFacts& offer) {
  MatchCandidate candidate;
  candidate.need = need.need;
  candidate.offer = offer.offer;
  candidate.currency = scoring.valuation.currency();
  auto gap = scoring.valuation.gap(need, candidate.rate_date);
  auto capacity = scoring.valuation.capacity(offer, candidate.rate_date);
  for (const auto* result : {&gap, &capacity}) {
    if (!result->ok()) {
      if (!is_conversion_problem(result->error())) return result->error();
      if (!candidate.conversion_problem) candidate.conversion_problem = result->error().message;
    }
  }
  CONCORD_ASSIGN_OR_RETURN(const bool eligible,
                           offer_eligible_for(tx, offer.offer, need.need.state));
  const NeedProfile profile = profile_of(
      need, gap.ok() ? *gap : 0,
      other_donors(need, scoring.valuation, offer.offer.donor, scoring.rates, scoring.reference));
  candidate.need_gap_minor = profile.gap_minor;
  candidate.offer_capacity_minor = capacity.ok() ? *capacity : 0;
  candidate.score = score_match(profile, {&offer.offer, eligible, candidate.offer_capacity_minor},
                                scoring.weights, scoring.valuation.today());
  if (candidate.conversion_problem) {
    candidate.score.score = 0;
    candidate.score.factors.clear();
  }
  CONCORD_ASSIGN_OR_RETURN(auto open, open_match_for_pair(tx, need.need.id, offer.offer.id));
  if (open) candidate.open_match_id = open->id;
  return candidate;
}

void sort_candidates(std::vector<MatchCandidate>& candidates) {
  std::stable_sort(candidates.begin(), candidates.end(),
                   [](const MatchCandidate& a, const MatchCandidate& b) {
                     if (a.candidate() != b.candidate()) return a.candidate();
                     return a.score.score > b.score.score;
                   });
}

nlohmann::json feed_payload(const Match& match) {
  return {{"id", match.id},
          {"need_id", match.need_id},
          {"offer_id", match.offer_id},
          {"state", match.state},
          {"donor", donor_key(match.donor)},
          {"status", to_string(match.status)},
          {"state_decision", to_string(match.state_decision)},
          {"donor_decision", to_string(match.donor_decision)}};
}

bool is_system(const access::Principal& actor) {
  return actor.credential == access::Credential::system;
}

// The caller speaks for the need's state: its national contact (or the system acting for it).
bool on_state_side(const access::Principal& actor, const std::string& state) {
  return actor.state && *actor.state == state &&
         (actor.has(access::Role::national_contact) || is_system(actor));
}

// The caller speaks for the offer's donor.
bool on_donor_side(const access::Principal& actor, const Donor& donor) {
  auto acting = donor_of(actor);
  return acting.ok() && *acting == donor;
}

std::string today_of(const Clock& clock) {
  return format_iso8601(clock.now()).substr(0, 10);
}

Result<void> check_currency(const ReferenceData& reference, const std::string& currency) {
  if (!reference.currency(currency)) {
    return Error::invalid("currency", "'" + currency + "' is not an ISO 4217 currency code");
  }
  return {};
}

}  // namespace

Result<CandidateList> MatchService::candidates_for_need(const access::Principal& actor,
                                                        const std::string& need_id,
                                                        const std::string& currency) {
  CONCORD_TRY(access::authorize(actor, "matches.read"));
  CONCORD_TRY(check_currency(reference_, currency));
  return store::in_transaction(
      db_, TransactionMode::read_only, [&](Transaction& tx) -> Result<CandidateList> {
        CONCORD_ASSIGN_OR_RETURN(auto need, get_need(tx, need_id));
        CONCORD_ASSIGN_OR_RETURN(auto rates, load_exchange_rates(tx));
        const Valuation valuation(rates, reference_, currency, today_of(clock_));
        const Scoring scoring{rates, reference_, valuation, weights_};
        CONCORD_ASSIGN_OR_RETURN(auto facts, load_need_facts(tx, std::move(need)));
        CONCORD_ASSIGN_OR_RETURN(auto offers, list_offers(tx, {}));
        CandidateList list{currency, valuation.today(), {}};
        for (auto& offer : offers) {
          CONCORD_ASSIGN_OR_RETURN(auto offer_facts, load_offer_facts(tx, std::move(offer)));
          CONCORD_ASSIGN_OR_RETURN(auto candidate, score_pair(tx, scoring, facts, offer_facts));
          list.candidates.push_back(std::move(candidate));
        }
        sort_candidates(list.candidates);
        return list;
      });
}

Result<CandidateList> MatchService::candidates_for_offer(const access::Principal& actor,
                                                         const std::string& offer_id,
                                                         const std::string& currency) {
  CONCORD_TRY(access::authorize(actor, "matches.read"));
  CONCORD_TRY(check_currency(reference_, currency));
  return store::in_transaction(
      db_, TransactionMode::read_only, [&](Transaction& tx) -> Result<CandidateList> {
        CONCORD_ASSIGN_OR_RETURN(auto offer, get_offer(tx, offer_id));
        CONCORD_ASSIGN_OR_RETURN(auto rates, load_exchange_rates(tx));
        const Valuation valuation(rates, reference_, currency, today_of(clock_));
        const Scoring scoring{rates, reference_, valuation, weights_};
        CONCORD_ASSIGN_OR_RETURN(auto offer_facts, load_offer_facts(tx, std::move(offer)));
        CONCORD_ASSIGN_OR_RETURN(auto needs, list_needs(tx, {}));
        CandidateList list{currency, valuation.today(), {}};
        for (auto& need : needs) {
          CONCORD_ASSIGN_OR_RETURN(auto facts, load_need_facts(tx, std::move(need)));
          CONCORD_ASSIGN_OR_RETURN(auto candidate, score_pair(tx, scoring, facts, offer_facts));
          list.candidates.push_back(std::move(candidate));
        }
        sort_candidates(list.candidates);
        return list;
      });
}

Result<AllocationAdvice> MatchService::allocation(const access::Principal& actor,
                                                  const std::string& currency,
                                                  const AllocationFilter& filter) {
  CONCORD_TRY(access::authorize(actor, "matches.read"));
  CONCORD_TRY(check_currency(reference_, currency));
  return store::in_transaction(
      db_, TransactionMode::read_only, [&](Transaction& tx) -> Result<AllocationAdvice> {
        CONCORD_ASSIGN_OR_RETURN(auto rates, load_exchange_rates(tx));
        const Valuation valuation(rates, reference_, currency, today_of(clock_));
        const Scoring scoring{rates, reference_, valuation, weights_};
        AllocationAdvice advice{currency, valuation.today(), {}, {}, {}, {}};

        NeedFilter need_filter;
        need_filter.state = filter.state;
        need_filter.theme = filter.theme;
        CONCORD_ASSIGN_OR_RETURN(auto needs, list_needs(tx, need_filter));
        OfferFilter offer_filter;
        offer_filter.donor = filter.donor;
        offer_filter.theme = filter.theme;
        offer_filter.open_only = true;
        CONCORD_ASSIGN_OR_RETURN(auto offers, list_offers(tx, offer_filter));

        std::vector<OfferFacts> offer_facts;
        AllocationProblem problem;
        for (auto& offer : offers) {
          CONCORD_ASSIGN_OR_RETURN(auto facts, load_offer_facts(tx, std::move(offer)));
          std::string rate_date;
          auto capacity = valuation.capacity(facts, rate_date);
          if (!capacity.ok()) {
            if (!is_conversion_problem(capacity.error())) return capacity.error();
            advice.left_out.push_back("offer " + facts.offer.id + ": " + capacity.error().message);
            continue;
          }
          problem.offers.push_back({facts.offer.id, *capacity});
          advice.offers.push_back({facts.offer.id, facts.offer.donor, *capacity, 0});
          offer_facts.push_back(std::move(facts));
        }
        for (auto& need : needs) {
          CONCORD_ASSIGN_OR_RETURN(auto facts, load_need_facts(tx, std::move(need)));
          std::string rate_date;
          auto gap = valuation.gap(facts, rate_date);
          if (!gap.ok()) {
            if (!is_conversion_problem(gap.error())) return gap.error();
            advice.left_out.push_back("need " + facts.need.id + ": " + gap.error().message);
            continue;
          }
          if (*gap == 0) continue;
          const std::size_t need_index = problem.needs.size();
          double urgency = 0;
          for (std::size_t j = 0; j < offer_facts.size(); ++j) {
            CONCORD_ASSIGN_OR_RETURN(auto candidate,
                                     score_pair(tx, scoring, facts, offer_facts[j]));
            if (!candidate.candidate()) continue;
            for (const auto& factor : candidate.score.factors) {
              if (factor.name == "urgency") urgency = factor.value;
            }
            problem.pairs.push_back({need_index, j, candidate.score.score});
          }
          problem.needs.push_back({facts.need.id, *gap, urgency});
          advice.needs.push_back({facts.need.id, facts.need.state, *gap, 0, urgency});
        }
        CONCORD_ASSIGN_OR_RETURN(auto solved, allocate(problem));
        for (const auto& assignment : solved.assignments) {
          double score = 0;
          for (const auto& pair : problem.pairs) {
            if (pair.need == assignment.need && pair.offer == assignment.offer) score = pair.score;
          }
          advice.lines.push_back(
              {advice.needs[assignment.need].need_id, advice.needs[assignment.need].state,
               advice.offers[assignment.offer].offer_id, advice.offers[assignment.offer].donor,
               assignment.amount_minor, score});
        }
        for (std::size_t i = 0; i < advice.needs.size(); ++i)
          advice.needs[i].advised_minor = solved.need_covered_minor[i];
        for (std::size_t j = 0; j < advice.offers.size(); ++j)
          advice.offers[j].advised_minor = solved.offer_used_minor[j];
        std::stable_sort(
            advice.lines.begin(), advice.lines.end(),
            [](const auto& a, const auto& b) { return a.amount_minor > b.amount_minor; });
        return advice;
      });
}

Result<Match> MatchService::propose(const access::Principal& actor, const std::string& need_id,
                                    const std::string& offer_id, const std::string& amount) {
  CONCORD_TRY(access::authorize(actor, "matches.propose"));
  std::optional<Error> refused;
  std::string refused_state;
  auto result = store::in_transaction(
      db_, TransactionMode::read_write, [&](Transaction& tx) -> Result<Match> {
        CONCORD_ASSIGN_OR_RETURN(auto need, get_need(tx, need_id));
        CONCORD_ASSIGN_OR_RETURN(auto offer, get_offer(tx, offer_id));
        const bool state_side = on_state_side(actor, need.state);
        const bool donor_side = on_donor_side(actor, offer.donor);
        const bool operator_side = actor.has(access::Role::operator_) || is_system(actor);
        if (!state_side && !donor_side && !operator_side) {
          refused = Error{ErrorCode::permission_denied,
                          "only the need's state's national contact, the offer's donor or an "
                          "operator may propose this match",
                          {}};
          refused_state = need.state;
          return *refused;
        }
        if (auto open = open_match_for_pair(tx, need.id, offer.id); !open.ok()) {
          return open.error();
        } else if (*open) {
          return Error{ErrorCode::already_exists,
                       "the need and the offer already have an open match: " + (*open)->id,
                       "offer_id"};
        }
        CONCORD_ASSIGN_OR_RETURN(auto rates, load_exchange_rates(tx));
        const Valuation valuation(rates, reference_, offer.currency, today_of(clock_));
        const Scoring scoring{rates, reference_, valuation, weights_};
        CONCORD_ASSIGN_OR_RETURN(auto need_facts, load_need_facts(tx, need));
        CONCORD_ASSIGN_OR_RETURN(auto offer_facts, load_offer_facts(tx, offer));
        CONCORD_ASSIGN_OR_RETURN(auto candidate, score_pair(tx, scoring, need_facts, offer_facts));
        if (candidate.conversion_problem) {
          return Error::invalid("offer_id", *candidate.conversion_problem);
        }
        if (!candidate.score.candidate()) {
          std::string reasons;
          for (const auto& reason : candidate.score.exclusions)
            reasons += (reasons.empty() ? "" : "; ") + reason;
          return Error::invalid("offer_id",
                                "the offer is not a candidate for the need: " + reasons);
        }
        std::int64_t amount_minor =
            std::min(candidate.offer_capacity_minor, candidate.need_gap_minor);
        if (!amount.empty()) {
          CONCORD_ASSIGN_OR_RETURN(auto parsed,
                                   Money::parse(amount, offer.currency, reference_, "amount"));
          amount_minor = parsed.minor_units;
        }
        if (amount_minor <= 0) {
          return Error::invalid("amount", !amount.empty() ? "the amount must be above 0"
                                          : candidate.need_gap_minor <= 0
                                              ? "the need has no remaining gap"
                                              : "the offer has nothing left");
        }
        if (amount_minor > candidate.offer_capacity_minor) {
          return Error::invalid(
              "amount",
              "the amount is more than the offer has left (" +
                  Money{candidate.offer_capacity_minor, offer.currency}.to_decimal(reference_) +
                  " " + offer.currency + ")");
        }
        const std::string now = format_iso8601(clock_.now());
        Match match;
        match.id = ids_.next();
        match.need_id = need.id;
        match.offer_id = offer.id;
        match.state = need.state;
        match.donor = offer.donor;
        match.amount_minor = amount_minor;
        match.currency = offer.currency;
        match.score = candidate.score.score;
        match.explanation = score_json(candidate.score).dump();
        match.state_decision = state_side ? MatchDecision::accepted : MatchDecision::pending;
        match.donor_decision = donor_side ? MatchDecision::accepted : MatchDecision::pending;
        match.status = state_side && donor_side ? MatchStatus::partnership : MatchStatus::proposed;
        if (match.status == MatchStatus::partnership) match.partnership_at = now;
        match.proposed_by = actor.username;
        match.created_at = now;
        match.updated_at = now;
        CONCORD_TRY(insert_match(tx, match));
        CONCORD_TRY(audit_.record(
            tx, actor,
            {"matches.propose", "match", match.id, match.state, access::Outcome::success,
             nlohmann::json{{"need_id", match.need_id},
                            {"offer_id", match.offer_id},
                            {"donor", donor_key(match.donor)},
                            {"amount_minor", match.amount_minor},
                            {"currency", match.currency},
                            {"score", match.score},
                            {"as", state_side ? (donor_side ? "both" : "state")
                                              : (donor_side ? "donor" : "operator")}}
                 .dump()}));
        const std::string summary = "A match was proposed between need " + need.id +
                                    " and offer '" + offer.title + "' for " +
                                    Money{amount_minor, offer.currency}.to_decimal(reference_) +
                                    " " + offer.currency;
        std::set<std::string> told;
        if (!state_side) told.insert(need.state);
        if (!donor_side && offer.donor.type == DonorType::state) told.insert(offer.donor.ref);
        for (const auto& state : told) {
          CONCORD_TRY(notification::notify(
              tx, ids_, clock_,
              {state, "", "match.proposed", "match", match.id, summary, feed_payload(match)}));
        }
        CONCORD_TRY(store::append_change(
            tx, {0, now, "assistance", "match", match.id, "proposed", feed_payload(match).dump()}));
        return match;
      });
  if (!result.ok() && refused) {
    (void)audit_refusal(actor, "matches.propose", "need", need_id, refused_state, *refused);
  }
  return result;
}

Result<Match> MatchService::decide(const access::Principal& actor, const std::string& match_id,
                                   MatchDecision decision, const std::string& note) {
  CONCORD_TRY(access::authorize(actor, "matches.decide"));
  if (decision == MatchDecision::pending) {
    return Error::invalid("decision", "the decision must be accepted or declined");
  }
  if (note.size() > 2000) return Error::invalid("note", "the note must be at most 2000 bytes");
  std::optional<Error> refused;
  std::string refused_state;
  auto result = store::in_transaction(
      db_, TransactionMode::read_write, [&](Transaction& tx) -> Result<Match> {
        CONCORD_ASSIGN_OR_RETURN(Match match, get_match(tx, match_id));
        const bool state_side = on_state_side(actor, match.state);
        const bool donor_side = on_donor_side(actor, match.donor);
        if (!state_side && !donor_side) {
          refused = Error{ErrorCode::permission_denied,
                          "only the need's state's national contact or the offer's donor may "
                          "decide on this match",
                          {}};
          refused_state = match.state;
          return *refused;
        }
        if (match.status != MatchStatus::proposed) {
          return Error{ErrorCode::conflict,
                       "the match is " + std::string(to_string(match.status)) +
                           " and can no longer be decided",
                       "match_id"};
        }
        const bool state_open = state_side && match.state_decision == MatchDecision::pending;
        const bool donor_open = donor_side && match.donor_decision == MatchDecision::pending;
        if (!state_open && !donor_open) {
          return Error{ErrorCode::conflict, "your side has decided on this match already",
                       "match_id"};
        }
        if (state_open) match.state_decision = decision;
        if (donor_open) match.donor_decision = decision;
        const std::string now = format_iso8601(clock_.now());
        match.decision_note = note;
        match.updated_at = now;
        std::string topic = "match.accepted";
        if (decision == MatchDecision::declined) {
          match.status = MatchStatus::declined;
          topic = "match.declined";
        } else if (match.state_decision == MatchDecision::accepted &&
                   match.donor_decision == MatchDecision::accepted) {
          match.status = MatchStatus::partnership;
          match.partnership_at = now;
          topic = "match.partnership";
        }
        CONCORD_TRY(update_match(tx, match));
        CONCORD_TRY(audit_.record(
            tx, actor,
            {"matches.decide", "match", match.id, match.state, access::Outcome::success,
             nlohmann::json{{"decision", to_string(decision)},
                            {"as", state_open ? (donor_open ? "both" : "state") : "donor"},
                            {"status", to_string(match.status)},
                            {"note", note}}
                 .dump()}));
        std::set<std::string> told;
        if (!state_open || topic == "match.partnership") told.insert(match.state);
        if ((!donor_open || topic == "match.partnership") && match.donor.type == DonorType::state) {
          told.insert(match.donor.ref);
        }
        const std::string summary = topic == "match.partnership"
                                        ? "Match " + match.id + " is now a partnership"
                                        : "The " + std::string(state_open ? "state" : "donor") +
                                              " " + std::string(to_string(decision)) + " match " +
                                              match.id;
        for (const auto& state : told) {
          CONCORD_TRY(notification::notify(
              tx, ids_, clock_,
              {state, "", topic, "match", match.id, summary, feed_payload(match)}));
        }
        CONCORD_TRY(store::append_change(
            tx, {0, now, "assistance", "match", match.id, std::string(to_string(match.status)),
                 feed_payload(match).dump()}));
        return match;
      });
  if (!result.ok() && refused) {
    (void)audit_refusal(actor, "matches.decide", "match", match_id, refused_state, *refused);
  }
  return result;
}

Result<Match> MatchService::get(const access::Principal& actor, const std::string& match_id) {
  CONCORD_TRY(access::authorize(actor, "matches.read"));
  return store::in_transaction(db_, TransactionMode::read_only,
                               [&](Transaction& tx) { return get_match(tx, match_id); });
}

Result<std::vector<Match>> MatchService::list(const access::Principal& actor,
                                              const MatchFilter& filter) {
  CONCORD_TRY(access::authorize(actor, "matches.read"));
  return store::in_transaction(db_, TransactionMode::read_only,
                               [&](Transaction& tx) { return list_matches(tx, filter); });
}

Result<Coalition> MatchService::coalition(const access::Principal& actor,
                                          const std::string& plan_id) {
  CONCORD_TRY(access::authorize(actor, "matches.read"));
  return store::in_transaction(
      db_, TransactionMode::read_only, [&](Transaction& tx) -> Result<Coalition> {
        Coalition coalition;
        CONCORD_ASSIGN_OR_RETURN(coalition.plan, get_plan(tx, plan_id));
        NeedFilter needs_of_plan;
        needs_of_plan.plan_id = plan_id;
        CONCORD_ASSIGN_OR_RETURN(auto needs, list_needs(tx, needs_of_plan));
        std::set<std::string> need_ids;
        for (const auto& need : needs)
          need_ids.insert(need.id);
        MatchFilter partnerships;
        partnerships.state = coalition.plan.state;
        partnerships.status = MatchStatus::partnership;
        CONCORD_ASSIGN_OR_RETURN(auto matches, list_matches(tx, partnerships));
        std::map<std::string, CoalitionMember> members;
        for (auto& match : matches) {
          if (!need_ids.contains(match.need_id)) continue;
          auto& member = members[donor_key(match.donor)];
          member.donor = match.donor;
          member.partnerships.push_back(std::move(match));
        }
        for (auto& [key, member] : members)
          coalition.members.push_back(std::move(member));
        return coalition;
      });
}

Result<void> MatchService::audit_refusal(const access::Principal& actor, std::string_view action,
                                         const std::string& target_kind,
                                         const std::string& target_id,
                                         const std::string& target_state,
                                         const Error& error) const {
  return audit_.record(db_, actor,
                       {std::string(action), target_kind, target_id, target_state,
                        access::Outcome::denied, nlohmann::json{{"reason", error.message}}.dump()});
}

}  // namespace concord::assistance
