#include "assistance/match_json.h"

#include "assistance/plan_json.h"

namespace concord::assistance {
namespace {

using ordered_json = nlohmann::ordered_json;

ordered_json money_json(std::int64_t minor, const std::string& currency,
                        const ReferenceData& reference) {
  return {{"amount", decimal_amount(minor, currency, reference)},
          {"currency", currency},
          {"minor_units", minor}};
}

ordered_json text_or_null(const std::string& text) {
  return text.empty() ? ordered_json(nullptr) : ordered_json(text);
}

ordered_json decision_json(MatchDecision decision) {
  return decision == MatchDecision::pending ? ordered_json(nullptr)
                                            : ordered_json(to_string(decision));
}

ordered_json need_summary(const Need& need) {
  return {{"id", need.id},
          {"plan_id", need.plan_id},
          {"state", need.state},
          {"theme", to_string(need.theme)},
          {"description", need.description}};
}

ordered_json offer_summary(const Offer& offer, const ReferenceData& reference) {
  return {{"id", offer.id},
          {"donor", donor_key(offer.donor)},
          {"title", offer.title},
          {"status", to_string(offer.status)},
          {"amount", money_json(offer.amount_minor, offer.currency, reference)}};
}

}  // namespace

ordered_json score_json(const MatchScore& score) {
  ordered_json factors = ordered_json::array();
  for (const auto& factor : score.factors) {
    factors.push_back({{"name", factor.name},
                       {"weight", factor.weight},
                       {"value", factor.value},
                       {"explanation", factor.explanation}});
  }
  return factors;
}

ordered_json match_json(const Match& match, const ReferenceData& reference) {
  auto explanation = ordered_json::parse(match.explanation, nullptr, false);
  if (explanation.is_discarded()) explanation = match.explanation;
  return {{"id", match.id},
          {"need_id", match.need_id},
          {"offer_id", match.offer_id},
          {"state", match.state},
          {"donor", donor_key(match.donor)},
          {"amount", money_json(match.amount_minor, match.currency, reference)},
          {"score", match.score},
          {"explanation", explanation},
          {"status", to_string(match.status)},
          {"state_decision", decision_json(match.state_decision)},
          {"donor_decision", decision_json(match.donor_decision)},
          {"decision_note", match.decision_note},
          {"proposed_by", match.proposed_by},
          {"created_at", match.created_at},
          {"updated_at", match.updated_at},
          {"partnership_at", text_or_null(match.partnership_at)}};
}

ordered_json candidate_list_json(const CandidateList& list, const ReferenceData& reference) {
  ordered_json candidates = ordered_json::array();
  for (const auto& c : list.candidates) {
    ordered_json exclusions = ordered_json::array();
    for (const auto& reason : c.score.exclusions)
      exclusions.push_back(reason);
    candidates.push_back(
        {{"need", need_summary(c.need)},
         {"offer", offer_summary(c.offer, reference)},
         {"candidate", c.candidate()},
         {"score", c.score.score},
         {"factors", score_json(c.score)},
         {"exclusions", exclusions},
         {"conversion_problem",
          c.conversion_problem ? ordered_json(*c.conversion_problem) : ordered_json(nullptr)},
         {"need_gap", c.conversion_problem
                          ? ordered_json(nullptr)
                          : money_json(c.need_gap_minor, list.currency, reference)},
         {"offer_capacity", c.conversion_problem
                                ? ordered_json(nullptr)
                                : money_json(c.offer_capacity_minor, list.currency, reference)},
         {"rate_date", text_or_null(c.rate_date)},
         {"open_match_id", c.open_match_id ? ordered_json(*c.open_match_id) : ordered_json()}});
  }
  return {{"currency", list.currency}, {"rates_on", list.rates_on}, {"candidates", candidates}};
}

ordered_json allocation_advice_json(const AllocationAdvice& advice,
                                    const ReferenceData& reference) {
  ordered_json lines = ordered_json::array();
  for (const auto& line : advice.lines) {
    lines.push_back({{"need_id", line.need_id},
                     {"state", line.state},
                     {"offer_id", line.offer_id},
                     {"donor", donor_key(line.donor)},
                     {"amount", money_json(line.amount_minor, advice.currency, reference)},
                     {"score", line.score}});
  }
  ordered_json needs = ordered_json::array();
  for (const auto& need : advice.needs) {
    needs.push_back({{"need_id", need.need_id},
                     {"state", need.state},
                     {"urgency", need.urgency},
                     {"gap", money_json(need.gap_minor, advice.currency, reference)},
                     {"advised", money_json(need.advised_minor, advice.currency, reference)}});
  }
  ordered_json offers = ordered_json::array();
  for (const auto& offer : advice.offers) {
    offers.push_back({{"offer_id", offer.offer_id},
                      {"donor", donor_key(offer.donor)},
                      {"capacity", money_json(offer.capacity_minor, advice.currency, reference)},
                      {"advised", money_json(offer.advised_minor, advice.currency, reference)}});
  }
  ordered_json left_out = ordered_json::array();
  for (const auto& reason : advice.left_out)
    left_out.push_back(reason);
  return {{"advice", true},
          {"note", "advice only: the state and the donor each accept or decline every match"},
          {"currency", advice.currency},
          {"rates_on", advice.rates_on},
          {"lines", lines},
          {"needs", needs},
          {"offers", offers},
          {"left_out", left_out}};
}

ordered_json coalition_json(const Coalition& coalition, const ReferenceData& reference) {
  ordered_json members = ordered_json::array();
  for (const auto& member : coalition.members) {
    ordered_json partnerships = ordered_json::array();
    for (const auto& match : member.partnerships)
      partnerships.push_back(match_json(match, reference));
    members.push_back({{"donor", donor_key(member.donor)}, {"partnerships", partnerships}});
  }
  return {{"plan", plan_json(coalition.plan)}, {"members", members}};
}

}  // namespace concord::assistance
