// PlanService on both backends: plans, obligations, needs and progress are published by their own
// state only; bad fields are named and store nothing; restricted parts are hidden from anonymous
// callers and civil society but shown to the assistance community; progress reads oldest first.
#include "assistance/plan_fixture.h"

namespace concord::assistance {
namespace {

const access::Principal kAnonymous = access::Principal::anonymous();

class PlanServiceTest : public PlanTest {
 protected:
  Plan plan_of(const std::string& state, const std::string& visibility = "public") {
    auto plan = plans_->create_plan(contact(state),
                                    {"Mine action plan of " + state, "", 2027, 2030, visibility});
    EXPECT_TRUE(plan.ok()) << plan.error().message;
    return *plan;
  }
  static ObligationInput clearance(const std::string& visibility = "public") {
    ObligationInput input;
    input.theme = "clearance";
    input.treaty_basis = "ccm";
    input.description = "clear contaminated land";
    input.unit = "km2";
    input.target_quantity = 42.5;
    input.baseline_quantity = 0;
    input.deadline = "2029-08-01";
    input.visibility = visibility;
    return input;
  }
  static NeedInput need(const std::string& visibility = "public") {
    NeedInput input;
    input.theme = "clearance";
    input.description = "survey and clearance teams";
    input.currency = "USD";
    input.visibility = visibility;
    input.years = {{2027, "100000.50", "20000"}, {2028, "250000", "0"}};
    return input;
  }
};

TEST_P(PlanServiceTest, AStatePublishesAPlanWithObligationsNeedsAndProgress) {
  Plan plan = plan_of("LA");
  EXPECT_EQ(plan.state, "LA");
  auto obligation = plans_->add_obligation(contact("LA"), plan.id, clearance());
  ASSERT_TRUE(obligation.ok()) << obligation.error().message;
  NeedInput input = need();
  input.theme.reset();  // defaults to the obligation's
  input.obligation_id = obligation->id;
  auto added = plans_->add_need(contact("LA"), plan.id, input);
  ASSERT_TRUE(added.ok()) << added.error().message;
  EXPECT_EQ(added->theme, Theme::clearance);
  EXPECT_EQ(added->state, "LA");
  EXPECT_EQ(added->total_cost_minor(), 35000050);
  EXPECT_EQ(added->requested_minor(), 33000050);

  clock_.set(*parse_iso8601("2028-06-01T00:00:00Z"));
  ASSERT_TRUE(
      plans_->add_progress_report(contact("LA"), obligation->id, {"2028-05-01", 20, "b"}).ok());
  ASSERT_TRUE(
      plans_->add_progress_report(contact("LA"), obligation->id, {"2027-12-31", 10, "a"}).ok());
  auto reports = plans_->list_progress_reports(kAnonymous, obligation->id);
  ASSERT_TRUE(reports.ok());
  ASSERT_EQ(reports->size(), 2u);
  EXPECT_EQ((*reports)[0].as_of, "2027-12-31");
  EXPECT_EQ((*reports)[1].as_of, "2028-05-01");

  auto view = plans_->get_plan(kAnonymous, plan.id);
  ASSERT_TRUE(view.ok());
  ASSERT_EQ(view->obligations.size(), 1u);
  ASSERT_TRUE(view->obligations[0].latest_progress.has_value());
  EXPECT_EQ(view->obligations[0].latest_progress->note, "b");
  ASSERT_EQ(view->needs.size(), 1u);

  // An extension moves the deadline in force.
  ObligationInput extended = clearance();
  extended.extended_deadline = "2031-08-01";
  auto updated = plans_->update_obligation(contact("LA"), obligation->id, extended);
  ASSERT_TRUE(updated.ok()) << updated.error().message;
  EXPECT_EQ(updated->effective_deadline(), "2031-08-01");

  // Every write was audited and went on the change feed.
  EXPECT_EQ(read([&](store::Transaction& tx) -> Result<std::int64_t> {
              CONCORD_ASSIGN_OR_RETURN(
                  auto rows,
                  tx.query("SELECT COUNT(*) FROM change_feed WHERE area = 'assistance'"));
              return rows.rows.front().integer(0);
            }),
            6);
  EXPECT_EQ(read([&](store::Transaction& tx) -> Result<std::int64_t> {
              CONCORD_ASSIGN_OR_RETURN(auto rows,
                                       tx.query("SELECT COUNT(*) FROM audit_log WHERE action = "
                                                "'plans.publish' AND outcome = 'success'"));
              return rows.rows.front().integer(0);
            }),
            6);
}

TEST_P(PlanServiceTest, BadFieldsAreNamedAndNothingIsStored) {
  auto no_title = plans_->create_plan(contact("LA"), {"", "", 2027, 2030, "public"});
  ASSERT_FALSE(no_title.ok());
  EXPECT_EQ(no_title.error().field, "title");
  auto backwards = plans_->create_plan(contact("LA"), {"Plan", "", 2030, 2027, "public"});
  ASSERT_FALSE(backwards.ok());
  EXPECT_EQ(backwards.error().field, "last_year");
  auto hidden = plans_->create_plan(contact("LA"), {"Plan", "", 2027, 2030, "secret"});
  ASSERT_FALSE(hidden.ok());
  EXPECT_EQ(hidden.error().field, "visibility");
  EXPECT_EQ(count_rows("assistance_plans"), 0);

  Plan plan = plan_of("LA");
  auto field_of = [&](const ObligationInput& candidate) {
    auto result = plans_->add_obligation(contact("LA"), plan.id, candidate);
    EXPECT_FALSE(result.ok());
    return result.ok() ? std::string("(stored)") : result.error().field;
  };
  ObligationInput input = clearance();
  input.theme = "demining";
  EXPECT_EQ(field_of(input), "theme");
  input = clearance();
  input.capacity_area = "tracing";
  EXPECT_EQ(field_of(input), "capacity_area");
  input = clearance();
  input.theme = "salw_control";
  EXPECT_EQ(field_of(input), "capacity_area");
  input = clearance();
  input.treaty_basis = "ottawa";
  EXPECT_EQ(field_of(input), "treaty_basis");
  input = clearance();
  input.target_quantity = -1;
  EXPECT_EQ(field_of(input), "target_quantity");
  input = clearance();
  input.deadline = "2029-02-30";
  EXPECT_EQ(field_of(input), "deadline");
  input = clearance();
  input.extended_deadline = "2029-08-01";
  EXPECT_EQ(field_of(input), "extended_deadline");
  EXPECT_EQ(count_rows("assistance_obligations"), 0);

  auto need_field = [&](const NeedInput& candidate) {
    auto result = plans_->add_need(contact("LA"), plan.id, candidate);
    EXPECT_FALSE(result.ok());
    return result.ok() ? std::string("(stored)") : result.error().field;
  };
  NeedInput bad = need();
  bad.years[1].cost = "12.345";  // USD has two decimals
  EXPECT_EQ(need_field(bad), "years[1].cost");
  bad = need();
  bad.years[0].national = "100000.51";  // more than the cost
  EXPECT_EQ(need_field(bad), "years[0].national");
  bad = need();
  bad.years[1].year = 2031;  // outside the plan
  EXPECT_EQ(need_field(bad), "years[1].year");
  bad = need();
  bad.years[1].year = 2027;
  EXPECT_EQ(need_field(bad), "years[1].year");
  bad = need();
  bad.currency = "XYZ";
  EXPECT_EQ(need_field(bad), "currency");
  bad = need();
  bad.years.clear();
  EXPECT_EQ(need_field(bad), "years");
  bad = need();
  bad.theme.reset();
  EXPECT_EQ(need_field(bad), "theme");
  Plan other = plan_of("KH");
  auto foreign = plans_->add_obligation(contact("KH"), other.id, clearance());
  ASSERT_TRUE(foreign.ok());
  bad = need();
  bad.obligation_id = foreign->id;
  EXPECT_EQ(need_field(bad), "obligation_id");
  EXPECT_EQ(count_rows("assistance_needs"), 0);
  EXPECT_EQ(count_rows("assistance_need_years"), 0);

  auto obligation = plans_->add_obligation(contact("LA"), plan.id, clearance());
  ASSERT_TRUE(obligation.ok());
  auto negative =
      plans_->add_progress_report(contact("LA"), obligation->id, {"2027-01-01", -3, ""});
  ASSERT_FALSE(negative.ok());
  EXPECT_EQ(negative.error().field, "achieved_quantity");
  auto future = plans_->add_progress_report(contact("LA"), obligation->id, {"2027-02-01", 3, ""});
  ASSERT_FALSE(future.ok());
  EXPECT_EQ(future.error().field, "as_of");
  EXPECT_EQ(count_rows("assistance_progress_reports"), 0);

  // A plan cannot shrink away from its needs' years.
  ASSERT_TRUE(plans_->add_need(contact("LA"), plan.id, need()).ok());
  auto shrunk = plans_->update_plan(contact("LA"), plan.id, {"Plan", "", 2028, 2030, "public"});
  ASSERT_FALSE(shrunk.ok());
  EXPECT_EQ(shrunk.error().field, "first_year");
}

TEST_P(PlanServiceTest, OnlyThePlansOwnStateChangesIt) {
  Plan plan = plan_of("LA");
  auto other_contact =
      plans_->update_plan(contact("KH"), plan.id, {"Taken", "", 2027, 2030, "public"});
  ASSERT_FALSE(other_contact.ok());
  EXPECT_EQ(other_contact.error().code, ErrorCode::permission_denied);
  auto other_need = plans_->add_need(contact("KH"), plan.id, need());
  ASSERT_FALSE(other_need.ok());
  EXPECT_EQ(other_need.error().code, ErrorCode::permission_denied);
  // The refusals are in the audit trail, and nothing changed.
  EXPECT_EQ(read([&](store::Transaction& tx) -> Result<std::int64_t> {
              CONCORD_ASSIGN_OR_RETURN(
                  auto rows, tx.query("SELECT COUNT(*) FROM audit_log WHERE action = "
                                      "'plans.publish' AND outcome = 'denied' AND target_id = $1",
                                      {plan.id}));
              return rows.rows.front().integer(0);
            }),
            2);
  EXPECT_EQ(count_rows("assistance_needs"), 0);
  auto analyst =
      plans_->create_plan(user("LA", access::Role::analyst), {"Plan", "", 2027, 2030, "public"});
  ASSERT_FALSE(analyst.ok());
  EXPECT_EQ(analyst.error().code, ErrorCode::permission_denied);
  auto anonymous = plans_->create_plan(kAnonymous, {"Plan", "", 2027, 2030, "public"});
  ASSERT_FALSE(anonymous.ok());
  EXPECT_EQ(anonymous.error().code, ErrorCode::unauthenticated);
  // The system principal acts for the state it names, and must name one.
  auto unbound =
      plans_->create_plan(access::Principal::system("cli"), {"Plan", "", 2027, 2030, "public"});
  ASSERT_FALSE(unbound.ok());
  EXPECT_EQ(unbound.error().field, "state");
  access::Principal cli = access::Principal::system("cli");
  cli.state = "LA";
  EXPECT_TRUE(plans_->update_plan(cli, plan.id, {"Revised", "", 2027, 2030, "public"}).ok());
  EXPECT_EQ(read([&](store::Transaction& tx) { return get_plan(tx, plan.id); }).title, "Revised");
}

TEST_P(PlanServiceTest, RestrictedPartsAreForTheAssistanceCommunityAndTheOwningState) {
  Plan open = plan_of("LA");
  Plan closed = plan_of("KH", "restricted");
  auto hidden_obligation = plans_->add_obligation(contact("LA"), open.id, clearance("restricted"));
  ASSERT_TRUE(hidden_obligation.ok());
  ASSERT_TRUE(plans_->add_obligation(contact("LA"), open.id, clearance()).ok());
  auto hidden_need = plans_->add_need(contact("LA"), open.id, need("restricted"));
  ASSERT_TRUE(hidden_need.ok());
  auto shown_need = plans_->add_need(contact("LA"), open.id, need());
  ASSERT_TRUE(shown_need.ok());
  NeedInput tied = need();
  tied.obligation_id = hidden_obligation->id;
  auto tied_need =
      plans_->add_need(contact("LA"), open.id, tied);  // restricted with its obligation
  ASSERT_TRUE(tied_need.ok());
  ASSERT_TRUE(plans_->add_need(contact("KH"), closed.id, need()).ok());

  const access::Principal civil = user("DE", access::Role::civil_society);
  const access::Principal laos_analyst = user("LA", access::Role::analyst);
  access::Principal laos_tracer = user("LA", access::Role::tracing_officer);
  for (const auto& outsider : {kAnonymous, civil}) {
    auto plans = plans_->list_plans(outsider, std::nullopt);
    ASSERT_TRUE(plans.ok());
    ASSERT_EQ(plans->size(), 1u);
    EXPECT_EQ((*plans)[0].id, open.id);
    auto hidden = plans_->get_plan(outsider, closed.id);
    ASSERT_FALSE(hidden.ok());
    EXPECT_EQ(hidden.error().code, ErrorCode::not_found);
    auto view = plans_->get_plan(outsider, open.id);
    ASSERT_TRUE(view.ok());
    EXPECT_EQ(view->obligations.size(), 1u);
    ASSERT_EQ(view->needs.size(), 1u);
    EXPECT_EQ(view->needs[0].id, shown_need->id);
    auto needs = plans_->list_needs(outsider, {});
    ASSERT_TRUE(needs.ok());
    ASSERT_EQ(needs->size(), 1u);
    EXPECT_EQ(plans_->get_need(outsider, hidden_need->id).error().code, ErrorCode::not_found);
    EXPECT_EQ(plans_->get_need(outsider, tied_need->id).error().code, ErrorCode::not_found);
    EXPECT_EQ(plans_->get_obligation(outsider, hidden_obligation->id).error().code,
              ErrorCode::not_found);
    EXPECT_EQ(plans_->list_progress_reports(outsider, hidden_obligation->id).error().code,
              ErrorCode::not_found);
  }
  // The assistance community sees everything.
  for (const auto& member : {contact("TD"), officer("NO"), laos_analyst}) {
    auto plans = plans_->list_plans(member, std::nullopt);
    ASSERT_TRUE(plans.ok());
    EXPECT_EQ(plans->size(), 2u);
    auto needs = plans_->list_needs(member, {});
    ASSERT_TRUE(needs.ok());
    EXPECT_EQ(needs->size(), 4u);
    auto view = plans_->get_plan(member, open.id);
    ASSERT_TRUE(view.ok());
    EXPECT_EQ(view->obligations.size(), 2u);
    EXPECT_EQ(view->needs.size(), 3u);
  }
  // A user of the owning state outside the community sees its own state's restricted parts only.
  auto own = plans_->list_needs(laos_tracer, {});
  ASSERT_TRUE(own.ok());
  EXPECT_EQ(own->size(), 3u);
  NeedQuery of_cambodia;
  of_cambodia.state = "KH";
  auto foreign = plans_->list_needs(laos_tracer, of_cambodia);
  ASSERT_TRUE(foreign.ok());
  EXPECT_TRUE(foreign->empty());
  NeedQuery bad_theme;
  bad_theme.theme = "demining";
  EXPECT_EQ(plans_->list_needs(kAnonymous, bad_theme).error().field, "theme");
}

TEST_P(PlanServiceTest, RegionsAreSetByOperators) {
  const access::Principal operator_user = user("FR", access::Role::operator_);
  auto bad = plans_->set_region(operator_user, "Mekong", {"LA", "XX"});
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.error().field, "countries[1]");
  auto denied = plans_->set_region(contact("LA"), "Mekong", {"LA"});
  ASSERT_FALSE(denied.ok());
  EXPECT_EQ(denied.error().code, ErrorCode::permission_denied);
  auto slash = plans_->set_region(operator_user, "Mekong/North", {"LA"});
  ASSERT_FALSE(slash.ok());
  EXPECT_EQ(slash.error().field, "name");
  auto region = plans_->set_region(operator_user, "Mekong", {"LA", "KH", "LA"});
  ASSERT_TRUE(region.ok()) << region.error().message;
  EXPECT_EQ(region->countries, (std::vector<std::string>{"KH", "LA"}));
  auto regions = plans_->list_regions(kAnonymous);
  ASSERT_TRUE(regions.ok());
  ASSERT_EQ(regions->size(), 1u);
  EXPECT_EQ((*regions)[0].name, "Mekong");
}

INSTANTIATE_TEST_SUITE_P(Backends, PlanServiceTest,
                         ::testing::ValuesIn(concord::testing::all_backends()));

}  // namespace
}  // namespace concord::assistance
