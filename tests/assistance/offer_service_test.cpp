// OfferService on both backends: a donor publishes, updates and withdraws its own offers only;
// bad fields are named and store nothing; publishing notifies exactly the states with open needs
// of the offer's themes for which the offer is eligible (by country or region), once each.
#include "assistance/plan_fixture.h"

namespace concord::assistance {
namespace {

class OfferServiceTest : public PlanTest {
 protected:
  void SetUp() override {
    PlanTest::SetUp();
    if (HasFatalFailure()) return;
    ASSERT_TRUE(plans_->set_region(access::Principal::system("cli"), "Mekong", {"LA", "KH"}).ok());
  }

  // A plan of `state` with one need of `theme`; `national` of the cost the state pays itself.
  std::string need_of(const std::string& state, const std::string& theme,
                      const std::string& national = "0") {
    auto plan = plans_->create_plan(contact(state), {"Plan of " + state, "", 2027, 2030, "public"});
    EXPECT_TRUE(plan.ok());
    NeedInput input;
    input.theme = theme;
    input.description = "need of " + state;
    input.currency = "USD";
    input.years = {{2027, "1000", national}};
    auto need = plans_->add_need(contact(state), plan->id, input);
    EXPECT_TRUE(need.ok()) << need.error().message;
    return need->id;
  }

  static OfferInput offer(std::vector<std::string> themes = {"clearance"}) {
    OfferInput input;
    input.title = "Clearance fund";
    input.themes = std::move(themes);
    input.amount = "2500000.50";
    input.currency = "EUR";
    input.first_year = 2027;
    input.last_year = 2029;
    input.modality = "grant";
    return input;
  }

  std::int64_t offer_notices(const std::string& state) {
    return read([&](store::Transaction& tx) -> Result<std::int64_t> {
      CONCORD_ASSIGN_OR_RETURN(
          auto rows, tx.query("SELECT COUNT(*) FROM notifications WHERE state = $1 AND topic = $2",
                              {state, std::string(kOfferTopic)}));
      return rows.rows.front().integer(0);
    });
  }
};

TEST_P(OfferServiceTest, PublishingNotifiesExactlyTheStatesWhoseNeedsFit) {
  need_of("LA", "clearance");
  need_of("LA", "clearance");  // two fitting needs, one notification
  need_of("KH", "clearance");
  need_of("TD", "clearance");          // not eligible: outside the offer's countries and regions
  need_of("VN", "victim_assistance");  // eligible country, theme does not fit
  need_of("BA", "clearance", "1000");  // fully covered by the state itself
  OfferInput input = offer();
  input.eligible_regions = {"Mekong"};
  input.eligible_countries = {"VN", "BA"};
  input.priority_countries = {"LA"};
  auto published = offers_->publish(officer("NO"), input);
  ASSERT_TRUE(published.ok()) << published.error().message;
  EXPECT_EQ(published->notified_states, (std::vector<std::string>{"KH", "LA"}));
  EXPECT_EQ(published->offer.donor, (Donor{DonorType::state, "NO"}));
  EXPECT_EQ(published->offer.amount_minor, 250000050);
  EXPECT_EQ(offer_notices("LA"), 1);
  EXPECT_EQ(offer_notices("KH"), 1);
  EXPECT_EQ(offer_notices("TD"), 0);
  EXPECT_EQ(offer_notices("VN"), 0);
  EXPECT_EQ(offer_notices("BA"), 0);
  auto summary = read([&](store::Transaction& tx) -> Result<std::string> {
    CONCORD_ASSIGN_OR_RETURN(auto rows,
                             tx.query("SELECT summary FROM notifications WHERE state = 'LA'"));
    return rows.rows.front().text(0);
  });
  EXPECT_NE(summary.find("Norway"), std::string::npos) << summary;
  EXPECT_NE(summary.find("Clearance fund"), std::string::npos) << summary;
  EXPECT_NE(summary.find("2500000.50 EUR"), std::string::npos) << summary;

  // An offer open to every country reaches every state with a fitting need.
  auto everywhere = offers_->publish(officer("JP"), offer({"clearance", "victim_assistance"}));
  ASSERT_TRUE(everywhere.ok());
  EXPECT_EQ(everywhere->notified_states, (std::vector<std::string>{"KH", "LA", "TD", "VN"}));
}

TEST_P(OfferServiceTest, BadFieldsAreNamedAndNothingIsStored) {
  auto field_of = [&](const OfferInput& candidate) {
    auto result = offers_->publish(officer("NO"), candidate);
    EXPECT_FALSE(result.ok());
    return result.ok() ? std::string("(stored)") : result.error().field;
  };
  OfferInput input = offer({});
  EXPECT_EQ(field_of(input), "themes");
  input = offer({"clearance", "demining"});
  EXPECT_EQ(field_of(input), "themes[1]");
  input = offer();
  input.eligible_countries = {"LA", "ZZ"};
  EXPECT_EQ(field_of(input), "eligible_countries[1]");
  input = offer();
  input.eligible_regions = {"Atlantis"};
  EXPECT_EQ(field_of(input), "eligible_regions[0]");
  input = offer();
  input.priority_countries = {"XX"};
  EXPECT_EQ(field_of(input), "priority_countries[0]");
  input = offer();
  input.amount = "10.001";
  EXPECT_EQ(field_of(input), "amount");
  input = offer();
  input.amount = "0";
  EXPECT_EQ(field_of(input), "amount");
  input = offer();
  input.currency = "EURO";
  EXPECT_EQ(field_of(input), "currency");
  input = offer();
  input.last_year = 2026;
  EXPECT_EQ(field_of(input), "last_year");
  input = offer();
  input.modality = "gift";
  EXPECT_EQ(field_of(input), "modality");
  input = offer();
  input.kind = "money";
  EXPECT_EQ(field_of(input), "kind");
  input = offer();
  input.title = "";
  EXPECT_EQ(field_of(input), "title");
  EXPECT_EQ(count_rows("assistance_offers"), 0);
}

TEST_P(OfferServiceTest, OnlyTheDonorChangesItsOffer) {
  auto published = offers_->publish(officer("NO"), offer());
  ASSERT_TRUE(published.ok());
  const std::string id = published->offer.id;
  OfferInput changed = offer();
  changed.title = "Bigger clearance fund";
  auto stranger = offers_->update(officer("JP"), id, changed);
  ASSERT_FALSE(stranger.ok());
  EXPECT_EQ(stranger.error().code, ErrorCode::permission_denied);
  auto contact_of_donor = offers_->update(contact("NO"), id, changed);
  ASSERT_FALSE(contact_of_donor.ok());
  EXPECT_EQ(contact_of_donor.error().code, ErrorCode::permission_denied);
  EXPECT_EQ(offers_->withdraw(officer("JP"), id).error().code, ErrorCode::permission_denied);

  auto updated = offers_->update(officer("NO"), id, changed);
  ASSERT_TRUE(updated.ok()) << updated.error().message;
  EXPECT_EQ(updated->title, "Bigger clearance fund");
  auto withdrawn = offers_->withdraw(officer("NO"), id);
  ASSERT_TRUE(withdrawn.ok());
  EXPECT_EQ(withdrawn->status, OfferStatus::withdrawn);
  EXPECT_EQ(offers_->withdraw(officer("NO"), id).error().code, ErrorCode::conflict);
  EXPECT_EQ(offers_->update(officer("NO"), id, changed).error().code, ErrorCode::conflict);

  // Offers are public, withdrawn ones too; the open filter leaves those out.
  auto anyone = offers_->get(access::Principal::anonymous(), id);
  ASSERT_TRUE(anyone.ok());
  EXPECT_EQ(anyone->status, OfferStatus::withdrawn);
  OfferQuery open;
  open.open_only = true;
  EXPECT_TRUE(offers_->list(access::Principal::anonymous(), open)->empty());
  OfferQuery by_donor;
  by_donor.donor = "state:NO";
  EXPECT_EQ(offers_->list(access::Principal::anonymous(), by_donor)->size(), 1u);
  by_donor.donor = "norway";
  EXPECT_EQ(offers_->list(access::Principal::anonymous(), by_donor).error().field, "donor");

  // The system principal acts for the donor it names, and must name one.
  EXPECT_EQ(offers_->publish(access::Principal::system("cli"), offer()).error().field, "donor");
  access::Principal cli = access::Principal::system("cli");
  cli.organisation_id = "01ORGANISATION";
  auto by_organisation = offers_->publish(cli, offer());
  ASSERT_TRUE(by_organisation.ok()) << by_organisation.error().message;
  EXPECT_EQ(donor_key(by_organisation->offer.donor), "organisation:01ORGANISATION");
}

INSTANTIATE_TEST_SUITE_P(Backends, OfferServiceTest,
                         ::testing::ValuesIn(concord::testing::all_backends()));

}  // namespace
}  // namespace concord::assistance
