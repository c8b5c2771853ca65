// What a tracing request says and what an answer says: the content rules (urgent needs a
// justification), the answer's outcome, restriction reason and chain of custody, and the
// addressees suggested from decoded markings.
#include <gtest/gtest.h>

#include "tracing/addressees.h"
#include "tracing/answer.h"
#include "tracing/request_content.h"

namespace concord::tracing {
namespace {

const ReferenceData& reference() {
  static const auto loaded = ReferenceData::load("/usr/share/iso-codes/json");
  return **loaded;
}

RequestContent valid_content() {
  RequestContent content;
  content.illicit_nature = "seized from a trafficking network";
  content.legal_basis = "Code pénal, art. 222-52; ITI §14";
  content.circumstances = "found in a car at the Port of Marseille on 2027-01-03";
  content.intended_use = "criminal investigation and prosecution";
  return content;
}

TEST(TracingContents, AValidRoutineRequestPasses) {
  EXPECT_TRUE(validate_content(valid_content()).ok());
}

TEST(TracingContents, RequiredFieldsAreNamed) {
  for (auto [field, clear] : std::vector<std::pair<std::string, void (*)(RequestContent&)>>{
           {"illicit_nature", [](RequestContent& c) { c.illicit_nature = "  "; }},
           {"legal_basis", [](RequestContent& c) { c.legal_basis.clear(); }},
           {"circumstances", [](RequestContent& c) { c.circumstances.clear(); }},
           {"intended_use", [](RequestContent& c) { c.intended_use = "\x01 bad"; }},
           {"confidentiality",
            [](RequestContent& c) { c.confidentiality = std::string(4001, 'x'); }},
           {"hit_id", [](RequestContent& c) { c.hit_id = ""; }},
       }) {
    RequestContent content = valid_content();
    clear(content);
    auto checked = validate_content(content);
    ASSERT_FALSE(checked.ok()) << field;
    EXPECT_EQ(checked.error().field, field);
    EXPECT_EQ(checked.error().code, ErrorCode::invalid_argument);
  }
}

TEST(TracingContents, UrgentNeedsAJustificationAndOnlyUrgentHasOne) {
  RequestContent urgent = valid_content();
  urgent.priority = Priority::urgent;
  auto missing = validate_content(urgent);
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.error().field, "urgency_justification");
  urgent.urgency_justification = "the suspects are due in court in three days";
  EXPECT_TRUE(validate_content(urgent).ok());
  RequestContent routine = valid_content();
  routine.urgency_justification = "because";
  auto stray = validate_content(routine);
  ASSERT_FALSE(stray.ok());
  EXPECT_EQ(stray.error().field, "urgency_justification");
}

Answer full_answer() {
  Answer answer;
  answer.chain_of_custody = {
      {CustodyEventKind::manufacture, "2004", {{"FN Herstal", "BE"}}, {}, ""},
      {CustodyEventKind::export_,
       "2004-06-12",
       {{"FN Herstal", "BE"}, {"Import GmbH", "DE"}},
       {{"", "export licence BE-2004-1234"}},
       "licensed export"},
      {CustodyEventKind::last_legal_holder, "2019-02", {{"Schützenverein Köln", "DE"}}, {}, ""},
  };
  return answer;
}

TEST(TracingContents, AFullAnswerWithAChainOfCustodyPasses) {
  EXPECT_TRUE(validate_answer(full_answer(), reference(), {}).ok());
}

TEST(TracingContents, RestrictedAnswersCarryTheirItiReason) {
  Answer restricted;
  restricted.outcome = AnswerOutcome::restricted;
  auto missing = validate_answer(restricted, reference(), {});
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.error().field, "restriction_reason");
  restricted.restriction_reason = RestrictionReason::ongoing_criminal_investigation;
  EXPECT_TRUE(validate_answer(restricted, reference(), {}).ok());

  Answer full = full_answer();
  full.restriction_reason = RestrictionReason::national_security;
  auto stray = validate_answer(full, reference(), {});
  ASSERT_FALSE(stray.ok());
  EXPECT_EQ(stray.error().field, "restriction_reason");
}

TEST(TracingContents, FullAndPartialAnswersNeedEventsUntraceableDoesNot) {
  Answer empty;
  for (AnswerOutcome outcome : {AnswerOutcome::full, AnswerOutcome::partial}) {
    empty.outcome = outcome;
    auto checked = validate_answer(empty, reference(), {});
    ASSERT_FALSE(checked.ok());
    EXPECT_EQ(checked.error().field, "chain_of_custody");
  }
  empty.outcome = AnswerOutcome::untraceable;
  empty.note = "no record of this serial in the national register";
  EXPECT_TRUE(validate_answer(empty, reference(), {}).ok());
}

TEST(TracingContents, CustodyEventsAreCheckedFieldByField) {
  Answer bad_date = full_answer();
  bad_date.chain_of_custody[1].date = "2004-13";
  auto date = validate_answer(bad_date, reference(), {});
  ASSERT_FALSE(date.ok());
  EXPECT_EQ(date.error().field, "chain_of_custody[1].date");

  Answer bad_country = full_answer();
  bad_country.chain_of_custody[1].parties[1].country = "XX";
  auto country = validate_answer(bad_country, reference(), {});
  ASSERT_FALSE(country.ok());
  EXPECT_EQ(country.error().field, "chain_of_custody[1].parties[1].country");

  Answer both = full_answer();
  both.chain_of_custody[1].documents[0].attachment_id = "01J0000000000000000000000A";
  auto document = validate_answer(both, reference(), {});
  ASSERT_FALSE(document.ok());
  EXPECT_EQ(document.error().field, "chain_of_custody[1].documents[0]");

  Answer foreign = full_answer();
  foreign.chain_of_custody[0].documents = {{"01J0000000000000000000000A", ""}};
  auto unknown = validate_answer(foreign, reference(), {"01J0000000000000000000000B"});
  ASSERT_FALSE(unknown.ok());
  EXPECT_EQ(unknown.error().field, "chain_of_custody[0].documents[0].attachment_id");
  EXPECT_TRUE(validate_answer(foreign, reference(), {"01J0000000000000000000000A"}).ok());

  Answer nameless = full_answer();
  nameless.chain_of_custody[2].parties[0].name = "";
  auto name = validate_answer(nameless, reference(), {});
  ASSERT_FALSE(name.ok());
  EXPECT_EQ(name.error().field, "chain_of_custody[2].parties[0].name");
}

TEST(TracingContents, PartialIsoDates) {
  for (const char* good : {"2004", "2004-06", "2004-06-12", "2024-02-29"}) {
    EXPECT_TRUE(is_partial_iso_date(good)) << good;
  }
  for (const char* bad : {"", "04", "2004-6", "2004-06-1", "2023-02-29", "2004/06/12", "1700",
                          "2004-00", "2004-06-12T10:00:00Z", "abcd"}) {
    EXPECT_FALSE(is_partial_iso_date(bad)) << bad;
  }
}

TEST(TracingAddressees, ManufactureFirstThenLastImportWithReasons) {
  marking::DecodedMarkings decoded;
  decoded.country_of_manufacture = "BE";
  decoded.explanations = {"\"FN HERSTAL\" is FN Herstal in Belgium's marking system"};
  decoded.imports = {{"NL", 2001, "Wapenhandel BV"}, {"DE", 2009, "Import GmbH"}};
  auto suggestion = suggest_addressees(decoded, "BE", "FR");
  ASSERT_EQ(suggestion.addressees.size(), 2u);
  EXPECT_EQ(suggestion.addressees[0].state, "BE");
  EXPECT_EQ(suggestion.addressees[0].role, "state_of_manufacture");
  EXPECT_NE(suggestion.addressees[0].reason.find("FN Herstal"), std::string::npos);
  EXPECT_EQ(suggestion.addressees[1].state, "DE");
  EXPECT_EQ(suggestion.addressees[1].role, "state_of_last_import");
  EXPECT_NE(suggestion.addressees[1].reason.find("2009"), std::string::npos);
  EXPECT_NE(suggestion.addressees[1].reason.find("Import GmbH"), std::string::npos);
  EXPECT_TRUE(suggestion.notes.empty());
}

TEST(TracingAddressees, TheRecordFieldFillsInAndDisagreementsAreShown) {
  marking::DecodedMarkings nothing;
  auto from_record = suggest_addressees(nothing, "AT", "FR");
  ASSERT_EQ(from_record.addressees.size(), 1u);
  EXPECT_EQ(from_record.addressees[0].state, "AT");
  EXPECT_NE(from_record.addressees[0].reason.find("the record gives AT"), std::string::npos);

  marking::DecodedMarkings decoded;
  decoded.country_of_manufacture = "CZ";
  auto both = suggest_addressees(decoded, "SK", "FR");
  ASSERT_EQ(both.addressees.size(), 2u);
  EXPECT_EQ(both.addressees[0].state, "CZ");
  EXPECT_EQ(both.addressees[1].state, "SK");
  EXPECT_NE(both.addressees[1].reason.find("where the markings read CZ"), std::string::npos);
}

TEST(TracingAddressees, TheRequestingStateIsLeftOutWithANote) {
  marking::DecodedMarkings decoded;
  decoded.country_of_manufacture = "FR";
  decoded.imports = {{"FR", std::nullopt, ""}};
  auto own = suggest_addressees(decoded, "FR", "FR");
  EXPECT_TRUE(own.addressees.empty());
  ASSERT_EQ(own.notes.size(), 1u);  // one note per state, at its first role
  EXPECT_NE(own.notes[0].find("requesting state"), std::string::npos);

  auto unknown = suggest_addressees(marking::DecodedMarkings{}, "", "FR");
  EXPECT_TRUE(unknown.addressees.empty());
  ASSERT_EQ(unknown.notes.size(), 1u);
  EXPECT_NE(unknown.notes[0].find("choose the addressees yourself"), std::string::npos);
}

}  // namespace
}  // namespace concord::tracing
