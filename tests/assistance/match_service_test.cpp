// MatchService on both backends: candidates with scores and reasons (and a missing exchange rate
// named in the candidate, not failing the list), proposals and decisions by the right side only,
// partnerships, the gap they leave for further matching, the allocation advice and coalitions.
// Plans, needs, offers, rates and flows are written straight through the stores.
#include "assistance/match_service.h"

#include <gtest/gtest.h>

#include "access/audit_trail.h"
#include "assistance/flow_store.h"
#include "assistance/plan_store.h"
#include "directory/directory_service.h"
#include "store/migrations.h"
#include "support/test_database.h"

namespace concord::assistance {
namespace {

using store::Transaction;
using store::TransactionMode;

const ReferenceData& reference() {
  static const auto loaded = ReferenceData::load("/usr/share/iso-codes/json");
  return **loaded;
}

class MatchServiceTest : public ::testing::TestWithParam<store::Backend> {
 protected:
  void SetUp() override {
    db_ = concord::testing::open_fresh_database(GetParam());
    ASSERT_TRUE(store::migrate(*db_).ok());
    directory::DirectoryService directory(*db_, reference(), clock_, ids_, audit_);
    ASSERT_TRUE(directory.sync_states().ok());
    service_ = std::make_unique<MatchService>(*db_, reference(), clock_, ids_, audit_);
    seed();
  }

  static access::Principal user(const std::string& state, access::Role role) {
    access::Principal principal;
    principal.user_id = "user-" + state + "-" + std::string(access::to_string(role));
    principal.username = std::string(access::to_string(role)) + "." + state;
    principal.state = state;
    principal.roles = {role};
    principal.credential = access::Credential::session;
    principal.second_factor = true;
    return principal;
  }
  static access::Principal contact(const std::string& state) {
    return user(state, access::Role::national_contact);
  }
  static access::Principal officer(const std::string& state) {
    return user(state, access::Role::assistance_officer);
  }
  static access::Principal analyst() { return user("FR", access::Role::analyst); }
  static access::Principal operator_user() {
    access::Principal principal = user("CH", access::Role::operator_);
    principal.state.reset();
    return principal;
  }

  template <typename Work>
  void write(Work&& work) {
    auto result = store::in_transaction(*db_, TransactionMode::read_write,
                                        [&](Transaction& tx) -> Result<bool> {
                                          CONCORD_TRY(work(tx));
                                          return true;
                                        });
    ASSERT_TRUE(result.ok()) << result.error().message;
  }

  Offer offer(const std::string& donor_state, std::vector<Theme> themes, std::int64_t amount,
              const std::string& currency) {
    Offer offer;
    offer.id = ids_.next();
    offer.donor = {DonorType::state, donor_state};
    offer.title = "Support from " + donor_state;
    offer.themes = std::move(themes);
    offer.eligible_countries = {"LA", "KH"};
    offer.priority_countries = {"LA"};
    offer.amount_minor = amount;
    offer.currency = currency;
    offer.first_year = 2027;
    offer.last_year = 2029;
    offer.created_at = offer.updated_at = "2027-01-15T09:00:00.000Z";
    return offer;
  }

  // Laos' plan with an urgent clearance need (deadline in 365 days) and a need with no deadline;
  // Norway's EUR offer; Japan's offer for another theme; Germany's offer in GBP, which no rate
  // converts; and EUR 1 = USD 1.1.
  void seed() {
    plan_.id = ids_.next();
    plan_.state = "LA";
    plan_.title = "Laos national plan";
    plan_.first_year = 2027;
    plan_.last_year = 2030;
    plan_.created_at = plan_.updated_at = "2027-01-15T09:00:00.000Z";
    Obligation obligation;
    obligation.id = ids_.next();
    obligation.plan_id = plan_.id;
    obligation.theme = Theme::clearance;
    obligation.treaty_basis = TreatyBasis::ccm;
    obligation.description = "clear contaminated land";
    obligation.unit = "km2";
    obligation.target_quantity = 100;
    obligation.deadline = "2027-06-30";
    obligation.extended_deadline = "2028-01-15";
    obligation.created_at = obligation.updated_at = plan_.created_at;
    urgent_.id = ids_.next();
    urgent_.plan_id = plan_.id;
    urgent_.obligation_id = obligation.id;
    urgent_.state = "LA";
    urgent_.theme = Theme::clearance;
    urgent_.description = "survey and clearance teams";
    urgent_.currency = "USD";
    urgent_.years = {{2027, 60'000'000, 10'000'000}, {2028, 60'000'000, 10'000'000}};
    urgent_.created_at = urgent_.updated_at = plan_.created_at;
    calm_ = urgent_;
    calm_.id = ids_.next();
    calm_.obligation_id.reset();
    calm_.description = "equipment";
    calm_.years = {{2028, 30'000'000, 0}};
    norway_ = offer("NO", {Theme::clearance}, 50'000'000, "EUR");
    japan_ = offer("JP", {Theme::victim_assistance}, 10'000'000, "USD");
    germany_ = offer("DE", {Theme::clearance}, 10'000'000, "GBP");
    write([&](Transaction& tx) -> Result<void> {
      CONCORD_TRY(insert_plan(tx, plan_));
      CONCORD_TRY(insert_obligation(tx, obligation));
      CONCORD_TRY(insert_need(tx, urgent_));
      CONCORD_TRY(insert_need(tx, calm_));
      CONCORD_TRY(insert_offer(tx, norway_));
      CONCORD_TRY(insert_offer(tx, japan_));
      CONCORD_TRY(insert_offer(tx, germany_));
      CONCORD_ASSIGN_OR_RETURN(auto rate, parse_rate("1.1"));
      return upsert_exchange_rate(tx, {"2027-01-01", "EUR", "USD", "1.1", rate, "test"},
                                  "2027-01-15T09:00:00.000Z");
    });
  }

  const MatchCandidate& candidate(const CandidateList& list, const std::string& offer_id) {
    for (const auto& c : list.candidates) {
      if (c.offer.id == offer_id) return c;
    }
    ADD_FAILURE() << "no candidate for " << offer_id;
    return list.candidates.front();
  }

  double factor(const MatchCandidate& c, const std::string& name) {
    for (const auto& f : c.score.factors) {
      if (f.name == name) return f.value;
    }
    ADD_FAILURE() << "no factor " << name;
    return -1;
  }

  std::int64_t notifications(const std::string& state, const std::string& topic) {
    auto count = store::in_transaction(
        *db_, TransactionMode::read_only, [&](Transaction& tx) -> Result<std::int64_t> {
          CONCORD_ASSIGN_OR_RETURN(
              auto rows,
              tx.query("SELECT COUNT(*) FROM notifications WHERE state = $1 AND topic = $2",
                       {state, topic}));
          return rows.rows.front().integer(0);
        });
    EXPECT_TRUE(count.ok());
    return count.ok() ? *count : -1;
  }

  int audits(const std::string& kind, const std::string& id, const std::string& action,
             const std::string& outcome) {
    auto entries = audit_.entries_for_target(*db_, kind, id, 100);
    EXPECT_TRUE(entries.ok());
    int count = 0;
    for (const auto& entry : *entries) {
      if (entry.action == action && entry.outcome == outcome) ++count;
    }
    return count;
  }

  ManualClock clock_{*parse_iso8601("2027-01-15T09:00:00Z")};
  IdGenerator ids_{clock_};
  access::AuditTrail audit_{clock_};
  std::unique_ptr<store::Database> db_;
  std::unique_ptr<MatchService> service_;
  Plan plan_;
  Need urgent_;
  Need calm_;
  Offer norway_;
  Offer japan_;
  Offer germany_;
};

TEST_P(MatchServiceTest, CandidatesForANeedAreScoredWithReasons) {
  auto list = service_->candidates_for_need(contact("LA"), urgent_.id, "USD");
  ASSERT_TRUE(list.ok()) << list.error().message;
  EXPECT_EQ(list->currency, "USD");
  EXPECT_EQ(list->rates_on, "2027-01-15");
  ASSERT_EQ(list->candidates.size(), 3u);
  const MatchCandidate& best = list->candidates.front();
  EXPECT_EQ(best.offer.id, norway_.id);
  ASSERT_TRUE(best.candidate());
  EXPECT_EQ(best.need_gap_minor, 100'000'000);
  EXPECT_EQ(best.offer_capacity_minor, 55'000'000);  // EUR 500,000.00 at 1.1
  EXPECT_EQ(best.rate_date, "2027-01-01");
  EXPECT_DOUBLE_EQ(factor(best, "amount_overlap"), 0.55);
  EXPECT_DOUBLE_EQ(factor(best, "urgency"), 0.8);
  // 100 * (0.2 + 0.2*0.55 + 0.15 + 0.1 + 0.15 + 0.2*0.8) = 87
  EXPECT_NEAR(best.score.score, 87.0, 1e-9);

  const MatchCandidate& japan = candidate(*list, japan_.id);
  EXPECT_FALSE(japan.candidate());
  EXPECT_EQ(japan.score.exclusions,
            (std::vector<std::string>{
                "the offer does not cover clearance (it covers victim_assistance)"}));
  const MatchCandidate& germany = candidate(*list, germany_.id);
  EXPECT_FALSE(germany.candidate());
  ASSERT_TRUE(germany.conversion_problem.has_value());
  EXPECT_NE(germany.conversion_problem->find("GBP"), std::string::npos);

  auto for_offer = service_->candidates_for_offer(officer("NO"), norway_.id, "EUR");
  ASSERT_TRUE(for_offer.ok()) << for_offer.error().message;
  ASSERT_EQ(for_offer->candidates.size(), 2u);
  EXPECT_EQ(for_offer->candidates.front().need.id, urgent_.id);  // the deadline makes it first
  EXPECT_EQ(for_offer->candidates.front().need_gap_minor, 90'909'091);  // USD 1M / 1.1

  auto unknown = service_->candidates_for_need(contact("LA"), urgent_.id, "XYZ");
  ASSERT_FALSE(unknown.ok());
  EXPECT_EQ(unknown.error().field, "currency");
  auto missing = service_->candidates_for_need(contact("LA"), "nope", "USD");
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.error().code, ErrorCode::not_found);
}

TEST_P(MatchServiceTest, ReadingIsForTheAssistanceCommunity) {
  EXPECT_EQ(
      service_->candidates_for_need(access::Principal::anonymous(), urgent_.id, "USD").error().code,
      ErrorCode::unauthenticated);
  EXPECT_EQ(
      service_->candidates_for_need(user("LA", access::Role::civil_society), urgent_.id, "USD")
          .error()
          .code,
      ErrorCode::permission_denied);
  EXPECT_TRUE(service_->list(user("FR", access::Role::analyst), {}).ok());
}

TEST_P(MatchServiceTest, TheStateProposesAndTheDonorAcceptsIntoAPartnership) {
  auto proposed = service_->propose(contact("LA"), urgent_.id, norway_.id, "");
  ASSERT_TRUE(proposed.ok()) << proposed.error().message;
  EXPECT_EQ(proposed->status, MatchStatus::proposed);
  EXPECT_EQ(proposed->state_decision, MatchDecision::accepted);
  EXPECT_EQ(proposed->donor_decision, MatchDecision::pending);
  EXPECT_EQ(proposed->amount_minor, 50'000'000);  // all the offer has, below the gap
  EXPECT_EQ(proposed->currency, "EUR");
  EXPECT_EQ(proposed->donor, (Donor{DonorType::state, "NO"}));
  EXPECT_GT(proposed->score, 0);
  EXPECT_NE(proposed->explanation.find("urgency"), std::string::npos);
  EXPECT_EQ(notifications("NO", "match.proposed"), 1);
  EXPECT_EQ(notifications("LA", "match.proposed"), 0);
  EXPECT_EQ(audits("match", proposed->id, "matches.propose", "success"), 1);

  auto again = service_->propose(officer("NO"), urgent_.id, norway_.id, "");
  ASSERT_FALSE(again.ok());
  EXPECT_EQ(again.error().code, ErrorCode::already_exists);

  // Only the offer's donor decides the donor side.
  for (const auto& wrong : {officer("LA"), contact("KH"), officer("JP")}) {
    auto refused = service_->decide(wrong, proposed->id, MatchDecision::accepted, "");
    ASSERT_FALSE(refused.ok()) << wrong.username;
    EXPECT_EQ(refused.error().code, ErrorCode::permission_denied) << wrong.username;
  }
  EXPECT_EQ(audits("match", proposed->id, "matches.decide", "denied"), 3);
  EXPECT_EQ(
      service_->decide(access::Principal::anonymous(), proposed->id, MatchDecision::accepted, "")
          .error()
          .code,
      ErrorCode::unauthenticated);
  // An observer has no decision to make.
  EXPECT_EQ(service_
                ->decide(user("LA", access::Role::civil_society), proposed->id,
                         MatchDecision::accepted, "")
                .error()
                .code,
            ErrorCode::permission_denied);
  EXPECT_EQ(
      service_->decide(user("NO", access::Role::analyst), proposed->id, MatchDecision::accepted, "")
          .error()
          .code,
      ErrorCode::permission_denied);
  // The state has decided already.
  EXPECT_EQ(service_->decide(contact("LA"), proposed->id, MatchDecision::declined, "").error().code,
            ErrorCode::conflict);

  auto accepted = service_->decide(officer("NO"), proposed->id, MatchDecision::accepted, "agreed");
  ASSERT_TRUE(accepted.ok()) << accepted.error().message;
  EXPECT_EQ(accepted->status, MatchStatus::partnership);
  EXPECT_EQ(accepted->partnership_at, "2027-01-15T09:00:00.000Z");
  EXPECT_EQ(accepted->decision_note, "agreed");
  EXPECT_EQ(notifications("LA", "match.partnership"), 1);
  EXPECT_EQ(notifications("NO", "match.partnership"), 1);
  EXPECT_EQ(audits("match", proposed->id, "matches.decide", "success"), 1);
  EXPECT_EQ(service_->decide(officer("NO"), proposed->id, MatchDecision::declined, "").error().code,
            ErrorCode::conflict);

  auto stored = service_->get(analyst(), proposed->id);
  ASSERT_TRUE(stored.ok());
  EXPECT_EQ(stored->status, MatchStatus::partnership);
  MatchFilter partnerships;
  partnerships.status = MatchStatus::partnership;
  EXPECT_EQ(service_->list(analyst(), partnerships)->size(), 1u);

  // The partnership promises USD 550,000 of the gap; a commitment of EUR 200,000 against it is
  // not counted twice. The offer has nothing left.
  write([&](Transaction& tx) -> Result<void> {
    FundingFlow flow;
    flow.flow_id = ids_.next();
    flow.kind = FlowKind::commitment;
    flow.donor = {DonorType::state, "NO"};
    flow.recipient_state = "LA";
    flow.activity = "NO-1-LA";
    flow.plan_id = plan_.id;
    flow.need_id = urgent_.id;
    flow.match_id = proposed->id;
    flow.sector = "15250";
    flow.budget_year = 2027;
    flow.amount_minor = 20'000'000;
    flow.currency = "EUR";
    flow.value_date = "2027-01-15";
    flow.recorded_at = "2027-01-15T09:00:00.000Z";
    return insert_flow_version(tx, flow);
  });
  auto after = service_->candidates_for_need(contact("LA"), urgent_.id, "USD");
  ASSERT_TRUE(after.ok()) << after.error().message;
  const MatchCandidate& norway = candidate(*after, norway_.id);
  EXPECT_EQ(norway.need_gap_minor, 45'000'000);
  EXPECT_EQ(norway.offer_capacity_minor, 0);
  EXPECT_EQ(norway.open_match_id, proposed->id);
  // Norway funds the need already, but is not counted against itself.
  EXPECT_DOUBLE_EQ(factor(norway, "diversification"), 1.0);
}

TEST_P(MatchServiceTest, OnlyTheRightPeopleProposeAndADeclineFreesThePair) {
  for (const auto& wrong : {contact("KH"), officer("LA"), officer("JP")}) {
    auto refused = service_->propose(wrong, urgent_.id, norway_.id, "");
    ASSERT_FALSE(refused.ok()) << wrong.username;
    EXPECT_EQ(refused.error().code, ErrorCode::permission_denied) << wrong.username;
  }
  EXPECT_EQ(audits("need", urgent_.id, "matches.propose", "denied"), 3);
  EXPECT_EQ(service_->propose(user("LA", access::Role::civil_society), urgent_.id, norway_.id, "")
                .error()
                .code,
            ErrorCode::permission_denied);
  EXPECT_EQ(
      service_->propose(user("LA", access::Role::analyst), urgent_.id, norway_.id, "").error().code,
      ErrorCode::permission_denied);
  EXPECT_EQ(
      service_->propose(access::Principal::anonymous(), urgent_.id, norway_.id, "").error().code,
      ErrorCode::unauthenticated);

  auto not_candidate = service_->propose(officer("JP"), urgent_.id, japan_.id, "");
  ASSERT_FALSE(not_candidate.ok());
  EXPECT_EQ(not_candidate.error().field, "offer_id");
  EXPECT_NE(not_candidate.error().message.find("does not cover clearance"), std::string::npos);
  auto too_much = service_->propose(officer("NO"), urgent_.id, norway_.id, "500000.01");
  ASSERT_FALSE(too_much.ok());
  EXPECT_EQ(too_much.error().field, "amount");
  EXPECT_EQ(service_->propose(officer("NO"), urgent_.id, norway_.id, "0").error().field, "amount");
  EXPECT_EQ(service_->propose(officer("NO"), urgent_.id, norway_.id, "1.001").error().field,
            "amount");

  auto by_donor = service_->propose(officer("NO"), calm_.id, norway_.id, "1000");
  ASSERT_TRUE(by_donor.ok()) << by_donor.error().message;
  EXPECT_EQ(by_donor->amount_minor, 100'000);
  EXPECT_EQ(by_donor->donor_decision, MatchDecision::accepted);
  EXPECT_EQ(by_donor->state_decision, MatchDecision::pending);
  EXPECT_EQ(notifications("LA", "match.proposed"), 1);
  EXPECT_EQ(service_->decide(contact("KH"), by_donor->id, MatchDecision::declined, "").error().code,
            ErrorCode::permission_denied);
  auto declined = service_->decide(contact("LA"), by_donor->id, MatchDecision::declined, "no");
  ASSERT_TRUE(declined.ok()) << declined.error().message;
  EXPECT_EQ(declined->status, MatchStatus::declined);
  EXPECT_EQ(notifications("NO", "match.declined"), 1);

  // The pair is free again; an operator proposes for both sides to decide.
  auto by_operator = service_->propose(operator_user(), calm_.id, norway_.id, "");
  ASSERT_TRUE(by_operator.ok()) << by_operator.error().message;
  EXPECT_EQ(by_operator->state_decision, MatchDecision::pending);
  EXPECT_EQ(by_operator->donor_decision, MatchDecision::pending);
  EXPECT_EQ(by_operator->amount_minor, 27'272'727);  // the USD 300,000 gap in EUR
  EXPECT_EQ(notifications("LA", "match.proposed"), 2);
  EXPECT_EQ(notifications("NO", "match.proposed"), 1);
  EXPECT_EQ(
      service_->decide(operator_user(), by_operator->id, MatchDecision::accepted, "").error().code,
      ErrorCode::permission_denied);
  auto state_yes = service_->decide(contact("LA"), by_operator->id, MatchDecision::accepted, "");
  ASSERT_TRUE(state_yes.ok());
  EXPECT_EQ(state_yes->status, MatchStatus::proposed);
  auto donor_yes = service_->decide(officer("NO"), by_operator->id, MatchDecision::accepted, "");
  ASSERT_TRUE(donor_yes.ok());
  EXPECT_EQ(donor_yes->status, MatchStatus::partnership);
}

TEST_P(MatchServiceTest, CoalitionListsTheDonorsAroundAPlan) {
  Offer sweden = offer("SE", {Theme::clearance}, 20'000'000, "USD");
  write([&](Transaction& tx) { return insert_offer(tx, sweden); });
  for (const auto& [need, offer, donor] : {std::tuple{urgent_.id, norway_.id, std::string("NO")},
                                           std::tuple{calm_.id, norway_.id, std::string("NO")},
                                           std::tuple{urgent_.id, sweden.id, std::string("SE")}}) {
    auto proposed = service_->propose(contact("LA"), need, offer, "100");
    ASSERT_TRUE(proposed.ok()) << proposed.error().message;
    ASSERT_TRUE(service_->decide(officer(donor), proposed->id, MatchDecision::accepted, "").ok());
  }
  ASSERT_TRUE(service_->propose(contact("LA"), calm_.id, sweden.id, "100").ok());  // not yet

  auto coalition = service_->coalition(officer("SE"), plan_.id);
  ASSERT_TRUE(coalition.ok()) << coalition.error().message;
  EXPECT_EQ(coalition->plan.state, "LA");
  ASSERT_EQ(coalition->members.size(), 2u);
  EXPECT_EQ(coalition->members[0].donor, (Donor{DonorType::state, "NO"}));
  EXPECT_EQ(coalition->members[0].partnerships.size(), 2u);
  EXPECT_EQ(coalition->members[1].donor, (Donor{DonorType::state, "SE"}));
  EXPECT_EQ(coalition->members[1].partnerships.size(), 1u);
  EXPECT_EQ(service_->coalition(officer("SE"), "nope").error().code, ErrorCode::not_found);
}

TEST_P(MatchServiceTest, AllocationAdvisesTheUrgentNeedFirst) {
  auto advice = service_->allocation(analyst(), "USD", {});
  ASSERT_TRUE(advice.ok()) << advice.error().message;
  EXPECT_EQ(advice->rates_on, "2027-01-15");
  ASSERT_EQ(advice->lines.size(), 1u);
  EXPECT_EQ(advice->lines[0].need_id, urgent_.id);
  EXPECT_EQ(advice->lines[0].offer_id, norway_.id);
  EXPECT_EQ(advice->lines[0].amount_minor, 55'000'000);
  ASSERT_EQ(advice->needs.size(), 2u);
  ASSERT_EQ(advice->left_out.size(), 1u);
  EXPECT_NE(advice->left_out[0].find(germany_.id), std::string::npos);

  // With more capacity than the urgent gap, the rest goes to the calm need.
  Offer sweden = offer("SE", {Theme::clearance}, 60'000'000, "USD");
  write([&](Transaction& tx) { return insert_offer(tx, sweden); });
  auto more = service_->allocation(analyst(), "USD", {});
  ASSERT_TRUE(more.ok());
  std::int64_t urgent = 0;
  std::int64_t calm = 0;
  for (const auto& line : more->lines)
    (line.need_id == urgent_.id ? urgent : calm) += line.amount_minor;
  EXPECT_EQ(urgent, 100'000'000);
  EXPECT_EQ(calm, 15'000'000);

  AllocationFilter only_japan;
  only_japan.donor = Donor{DonorType::state, "JP"};
  auto none = service_->allocation(analyst(), "USD", only_japan);
  ASSERT_TRUE(none.ok());
  EXPECT_TRUE(none->lines.empty());
}

INSTANTIATE_TEST_SUITE_P(Backends, MatchServiceTest,
                         ::testing::ValuesIn(concord::testing::all_backends()));

}  // namespace
}  // namespace concord::assistance
