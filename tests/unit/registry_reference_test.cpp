// The weapon reference table without a database: matching keys, normalisation through names,
// codes and aliases, suggestion ranking with typos and look-alikes, the edit rules, the CSV format
// (round trip, and bad rows named by line and column) and the fill from the generator.
#include <gtest/gtest.h>

#include <sstream>

#include "core/clock.h"
#include "core/id.h"
#include "core/reference_data.h"
#include "registry/weapon_generator.h"
#include "registry/weapon_reference_csv.h"
#include "registry/weapon_reference_edit.h"
#include "registry/weapon_reference_fill.h"
#include "registry/weapon_reference_suggest.h"
#include "registry/weapon_reference_table.h"

namespace concord::registry {
namespace {

const ReferenceData& countries() {
  static const auto loaded = ReferenceData::load("/usr/share/iso-codes/json");
  return **loaded;
}

class ReferenceTableTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(edit_calibre(contents_, {"", "7.62x39mm", {"7.62 Soviet"}}, ids_, kCreate).ok());
    ASSERT_TRUE(
        edit_calibre(contents_, {"", "9x19mm", {"9mm Parabellum", "9mm Luger"}}, ids_, kCreate)
            .ok());
    ASSERT_TRUE(edit_calibre(contents_, {"", "7.62x54mmR", {"7.62x54R"}}, ids_, kCreate).ok());
    ASSERT_TRUE(edit_make(contents_, {"", "Kalashnikov Concern", "KC", "RU", {"Kalash", "Izhmash"}},
                          countries(), ids_, kCreate)
                    .ok());
    ASSERT_TRUE(edit_make(contents_, {"", "Norinco", "NOR", "cn", {"China North Industries"}},
                          countries(), ids_, kCreate)
                    .ok());
    ASSERT_TRUE(
        edit_make(contents_, {"", "Glock", "GL", "AT", {}}, countries(), ids_, kCreate).ok());
    const ReferenceTable makes(contents_);
    auto model = [&](std::string make, std::string name, std::string type, std::string calibre,
                     std::vector<std::string> aliases) {
      auto id =
          edit_model(contents_, makes, {"", make, name, type, calibre, aliases}, ids_, kCreate);
      EXPECT_TRUE(id.ok()) << id.error().message;
      return id.ok() ? *id : "";
    };
    ak47_ =
        model("Kalashnikov Concern", "AK-47", "assault rifle", "7.62x39mm", {"Kalashnikov rifle"});
    model("KC", "AKM", "assault rifle", "7.62 × 39", {});
    type56_ = model("Norinco", "Type 56", "assault rifle", "7.62x39mm", {"T56"});
    model("Glock", "Glock 17", "pistol", "9mm Parabellum", {"G17"});
    model("Glock", "Glock 19", "pistol", "9x19mm", {"G19"});
    ASSERT_TRUE(add_lookalike_ids(contents_, ak47_, type56_).ok());
  }

  static constexpr EditMode kCreate = EditMode::create;
  ManualClock clock_{TimePoint(std::chrono::milliseconds(1'700'000'000'000))};
  IdGenerator ids_{clock_};
  ReferenceContents contents_;
  std::string ak47_, type56_;
};

TEST(ReferenceKeys, FoldCaseSpacingPunctuationAndTheMultiplicationSign) {
  EXPECT_EQ(reference_key("Kalashnikov  Concern"), reference_key("kalashnikov-concern"));
  EXPECT_EQ(reference_key("AK-47"), "ak47");
  EXPECT_EQ(reference_key("АК-47"), reference_key("ак 47"));  // Cyrillic, upper and lower
  for (const char* spelling :
       {"7.62x39mm", "7.62 × 39", "7,62x39", "7.62X39", "7.62x39", " 7.62 x 39 mm "})
    EXPECT_EQ(calibre_key(spelling), "762x39") << spelling;
  EXPECT_NE(calibre_key("7.62x54mmR"), calibre_key("7.62x54"));
  EXPECT_EQ(reference_key(" - "), "");
}

TEST_F(ReferenceTableTest, NormalisesThroughNamesCodesAndAliases) {
  const ReferenceTable table(contents_);
  EXPECT_TRUE(table.collisions().empty());
  auto id = table.normalise("kalashnikov concern", "ak 47", "7,62 × 39");
  EXPECT_EQ(id.make, "Kalashnikov Concern");
  EXPECT_EQ(id.model, "AK-47");
  EXPECT_EQ(id.calibre, "7.62x39mm");
  id = table.normalise("kc", "Kalashnikov Rifle",
                       "7.62 soviet");  // code, model alias, calibre alias
  EXPECT_EQ(id.make, "Kalashnikov Concern");
  EXPECT_EQ(id.model, "AK-47");
  EXPECT_EQ(id.calibre, "7.62x39mm");
  id = table.normalise("IZHMASH", "akm", "");
  EXPECT_EQ(id.make, "Kalashnikov Concern");
  EXPECT_EQ(id.model, "AKM");
  EXPECT_EQ(id.calibre, "");
  // A model alone, unique in the table, names its make; one under another make is not taken.
  id = table.normalise("", "t-56", "9 mm luger");
  EXPECT_EQ(id.make, "Norinco");
  EXPECT_EQ(id.model, "Type 56");
  EXPECT_EQ(id.calibre, "9x19mm");
  id = table.normalise("Norinco", "AK-47", "");
  EXPECT_EQ(id.make, "Norinco");
  EXPECT_EQ(id.model, "");
  // An unknown make is not replaced by a guess from the model.
  id = table.normalise("Unknown Works", "AK-47", "7.62x54R");
  EXPECT_EQ(id.make, "");
  EXPECT_EQ(id.model, "");
  EXPECT_EQ(id.calibre, "7.62x54mmR");
}

TEST_F(ReferenceTableTest, SuggestsThroughTyposWithReasonsAndLookalikes) {
  const ReferenceTable table(contents_);
  SuggestQuery query;
  query.make = "Kalashnikof";
  query.model = "AK47";
  query.calibre = "7.62x39";
  auto found = suggest_identification(table, query);
  ASSERT_TRUE(found.ok()) << found.error().message;
  ASSERT_GE(found->size(), 2u);
  const Suggestion& top = found->front();
  EXPECT_EQ(top.identity.make, "Kalashnikov Concern");
  EXPECT_EQ(top.identity.model, "AK-47");
  EXPECT_EQ(top.identity.calibre, "7.62x39mm");
  EXPECT_GT(top.score, 0.8);
  auto has_reason = [](const Suggestion& suggestion, const std::string& part) {
    for (const auto& reason : suggestion.reasons) {
      if (reason.find(part) != std::string::npos) return true;
    }
    return false;
  };
  EXPECT_TRUE(has_reason(top, "calibre 7.62x39mm matches"))
      << ::testing::PrintToString(top.reasons);
  EXPECT_TRUE(has_reason(top, "make 'Kalashnikof' resembles"))
      << ::testing::PrintToString(top.reasons);
  ASSERT_EQ(top.lookalikes.size(), 1u);
  EXPECT_EQ(top.lookalikes.front().model, "Type 56");
  // The look-alike is ranked too, for what it was confused with.
  bool type56_listed = false;
  for (const auto& suggestion : *found) {
    if (suggestion.identity.model != "Type 56") continue;
    type56_listed = true;
    EXPECT_TRUE(has_reason(suggestion, "often confused with Kalashnikov Concern AK-47"));
    EXPECT_LT(suggestion.score, top.score);
  }
  EXPECT_TRUE(type56_listed);

  // A make alias, named as such.
  query = {};
  query.make = "kalash";
  query.model = "AKM";
  found = suggest_identification(table, query);
  ASSERT_TRUE(found.ok());
  ASSERT_FALSE(found->empty());
  EXPECT_EQ(found->front().identity.model, "AKM");
  EXPECT_TRUE(has_reason(found->front(), "make alias 'kalash' → Kalashnikov Concern"))
      << ::testing::PrintToString(found->front().reasons);

  // A model typo alone, with the type.
  query = {};
  query.model = "Glok 19";
  query.weapon_type = "Pistol";
  found = suggest_identification(table, query);
  ASSERT_TRUE(found.ok());
  ASSERT_FALSE(found->empty());
  EXPECT_EQ(found->front().identity.model, "Glock 19");

  // Markings that show a make code and a model.
  query = {};
  query.markings = "KC 1987 AK-47 №123";
  query.country = "ru";
  found = suggest_identification(table, query);
  ASSERT_TRUE(found.ok());
  ASSERT_FALSE(found->empty());
  EXPECT_EQ(found->front().identity.model, "AK-47");
  EXPECT_TRUE(has_reason(found->front(), "markings show 'KC' of Kalashnikov Concern"));
  EXPECT_TRUE(has_reason(found->front(), "made in RU"));

  // A make nobody has, with a calibre: the calibre alone ranks the table.
  query = {};
  query.make = "Zzyzx Qworks";
  query.calibre = "9x19";
  found = suggest_identification(table, query);
  ASSERT_TRUE(found.ok());
  ASSERT_EQ(found->size(), 2u);
  EXPECT_EQ(found->front().identity.calibre, "9x19mm");

  // Only a calibre: every model in it, none other.
  query = {};
  query.calibre = "9 mm parabellum";
  found = suggest_identification(table, query);
  ASSERT_TRUE(found.ok());
  ASSERT_EQ(found->size(), 2u);
  EXPECT_EQ(found->front().identity.make, "Glock");
}

TEST_F(ReferenceTableTest, RefusesEmptyQueriesAndBadLimits) {
  const ReferenceTable table(contents_);
  auto empty = suggest_identification(table, {});
  ASSERT_FALSE(empty.ok());
  EXPECT_EQ(empty.error().field, "make");
  SuggestQuery query;
  query.make = "Glock";
  query.limit = 0;
  auto limited = suggest_identification(table, query);
  ASSERT_FALSE(limited.ok());
  EXPECT_EQ(limited.error().field, "limit");
}

TEST(FragmentSimilarity, RanksExactPrefixTypoAndStranger) {
  EXPECT_EQ(fragment_similarity("glock", "glock"), 1.0);
  const double prefix = fragment_similarity("kalash", "kalashnikovconcern");
  const double typo = fragment_similarity("kalashnikof", "kalashnikovconcern");
  const double stranger = fragment_similarity("beretta", "kalashnikovconcern");
  EXPECT_GT(prefix, 0.8);
  EXPECT_GT(typo, 0.5);
  EXPECT_EQ(stranger, 0.0);
  EXPECT_EQ(edit_distance("ak47", "ak74"), 1);  // a swap is one edit
}

TEST_F(ReferenceTableTest, EditsRefuseTakenNamesCollisionsAndBadFields) {
  const ReferenceContents before = contents_;
  auto taken =
      edit_make(contents_, {"", "  GLOCK ", "", "", {}}, countries(), ids_, EditMode::create);
  ASSERT_FALSE(taken.ok());
  EXPECT_EQ(taken.error().code, ErrorCode::already_exists);
  EXPECT_EQ(taken.error().field, "name");

  auto country =
      edit_make(contents_, {"", "Beretta", "", "XX", {}}, countries(), ids_, EditMode::create);
  ASSERT_FALSE(country.ok());
  EXPECT_EQ(country.error().field, "country");

  ASSERT_TRUE(edit_make(contents_, {"", "Beretta", "BER", "IT", {"Kalash"}}, countries(), ids_,
                        EditMode::create)
                  .ok());
  auto collision = first_collision(before, contents_);
  ASSERT_TRUE(collision.has_value());
  EXPECT_EQ(collision->error.field, "aliases");
  EXPECT_NE(collision->error.message.find("make Kalashnikov Concern"), std::string::npos)
      << collision->error.message;

  ReferenceContents again = before;
  const ReferenceTable table(again);
  auto calibre = edit_model(again, table, {"", "Glock", "Glock 26", "pistol", ".45 ACP", {}}, ids_,
                            EditMode::create);
  ASSERT_FALSE(calibre.ok());
  EXPECT_EQ(calibre.error().field, "calibre");
  auto make = edit_model(again, table, {"", "Nobody", "X1", "", "", {}}, ids_, EditMode::create);
  ASSERT_FALSE(make.ok());
  EXPECT_EQ(make.error().field, "make");
  auto alias =
      edit_make(again, {"", "Pipe Works", "", "", {"a|b"}}, countries(), ids_, EditMode::create);
  ASSERT_FALSE(alias.ok());
  EXPECT_EQ(alias.error().field, "aliases");
}

TEST_F(ReferenceTableTest, CsvRoundTripsIntoAnEmptyTable) {
  const std::string csv = reference_csv(contents_);
  EXPECT_NE(csv.find("lookalike,,AK-47,,,Kalashnikov Concern,,,,Norinco,Type 56\n"),
            std::string::npos)
      << csv;
  ReferenceContents fresh;
  std::vector<CsvProblem> problems;
  std::istringstream input(csv);
  auto rows = apply_reference_csv(input, fresh, countries(), ids_, problems);
  ASSERT_TRUE(rows.ok()) << rows.error().message;
  EXPECT_TRUE(problems.empty()) << describe(problems.front());
  EXPECT_EQ(*rows, 3u + 3u + 5u + 1u);
  EXPECT_EQ(reference_csv(fresh), csv);

  // Importing the same file again over it changes nothing.
  ReferenceContents again = fresh;
  std::istringstream second(csv);
  ASSERT_TRUE(apply_reference_csv(second, again, countries(), ids_, problems).ok());
  EXPECT_TRUE(problems.empty());
  EXPECT_EQ(again.makes, fresh.makes);
  EXPECT_EQ(again.models, fresh.models);
  EXPECT_EQ(again.lookalikes, fresh.lookalikes);
}

TEST_F(ReferenceTableTest, CsvProblemsNameLineAndColumn) {
  const std::string csv =
      "table,id,name,code,country,make,weapon_type,calibre,aliases,other_make,other_model\n"
      "make,,Beretta,BER,IT,,,,,,\n"
      "make,,Bad Country,,XX,,,,,,\n"
      "model,,Px4,,,Nobody Arms,pistol,9x19mm,,,\n"
      "gun,,Whatever,,,,,,,,\n"
      "calibre,,.45 ACP,,,,pistol,,,,\n"
      "model,,92FS,,,Beretta,pistol,9mm Luger,M9,,\n"
      "lookalike,,92FS,,,Beretta,,,,Glock,Glock 99\n";
  ReferenceContents contents = contents_;
  std::vector<CsvProblem> problems;
  std::istringstream input(csv);
  ASSERT_TRUE(apply_reference_csv(input, contents, countries(), ids_, problems).ok());
  ASSERT_EQ(problems.size(), 5u);
  EXPECT_EQ(describe(problems[0]).substr(0, 28), "line 3, column \"country\": co");
  EXPECT_EQ(problems[1].line, 4u);
  EXPECT_EQ(problems[1].column, "make");
  EXPECT_EQ(problems[2].line, 5u);
  EXPECT_EQ(problems[2].column, "table");
  EXPECT_EQ(problems[3].line, 6u);
  EXPECT_EQ(problems[3].column, "weapon_type");
  EXPECT_EQ(problems[4].line, 8u);
  EXPECT_EQ(problems[4].column, "other_model");

  std::istringstream wrong("table,name\nmake,X\n");
  auto header = apply_reference_csv(wrong, contents, countries(), ids_, problems);
  ASSERT_FALSE(header.ok());
  EXPECT_EQ(header.error().field, "id");
}

TEST_F(ReferenceTableTest, CsvCollisionNamesTheRowThatCausesIt) {
  const std::string csv =
      "table,id,name,code,country,make,weapon_type,calibre,aliases,other_make,other_model\n"
      "make,,Beretta,BER,IT,,,,,,\n"
      "make,,Pietro Works,KC,IT,,,,,,\n";
  ReferenceContents contents = contents_;
  std::vector<CsvProblem> problems;
  std::istringstream input(csv);
  ASSERT_TRUE(apply_reference_csv(input, contents, countries(), ids_, problems).ok());
  ASSERT_EQ(problems.size(), 1u);
  EXPECT_EQ(problems[0].line, 3u);
  EXPECT_EQ(problems[0].column, "code");
}

TEST(GeneratedReference, CoversTheGeneratorAndIsIdempotent) {
  ManualClock clock(TimePoint(std::chrono::milliseconds(1'700'000'000'000)));
  IdGenerator ids(clock);
  ReferenceContents contents;
  ASSERT_TRUE(add_generated_reference(contents, countries(), ids).ok());
  EXPECT_FALSE(first_collision({}, contents).has_value());
  EXPECT_EQ(contents.makes.size(), generator_catalogue().size());
  EXPECT_GE(contents.calibres.size(), 30u);
  EXPECT_GT(contents.lookalikes.size(), 5u);
  for (const auto& make : contents.makes)
    EXPECT_FALSE(make.code.empty()) << make.name;

  const ReferenceContents first = contents;
  ASSERT_TRUE(add_generated_reference(contents, countries(), ids).ok());
  EXPECT_EQ(contents.makes, first.makes);
  EXPECT_EQ(contents.models, first.models);
  EXPECT_EQ(contents.calibres, first.calibres);
  EXPECT_EQ(contents.lookalikes, first.lookalikes);

  // Every generated record normalises to the table.
  const ReferenceTable table(contents);
  std::size_t records = 0;
  generate_weapons({500, 3}, [&](const WeaponRecord& record) {
    ++records;
    const auto id = table.normalise(record.make, record.model, record.calibre);
    EXPECT_EQ(id.make, record.make);
    EXPECT_EQ(id.model, record.model);
    EXPECT_EQ(id.calibre, record.calibre);
  });
  EXPECT_EQ(records, 500u);
}

}  // namespace
}  // namespace concord::registry
