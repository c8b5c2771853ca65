// National marking systems without a database: the JSON parser and its errors naming JSON paths,
// the mark pattern language, decoding (manufacturer, country, years of two and four digits and
// letter codes, import marks, partly obliterated markings, ambiguities between systems) and the
// demo generator.
#include "marking/marking_system.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <nlohmann/json.hpp>

#include "marking/marking_system_generator.h"
#include "marking/marking_system_json.h"
#include "marking/marking_system_pattern.h"

namespace concord::marking {
namespace {

const ReferenceData& reference() {
  static const auto loaded = ReferenceData::load("/usr/share/iso-codes/json");
  return **loaded;
}

// Russia-like: a maker code, a year letter in Cyrillic, serials that carry maker and year.
const char* kRussia = R"({
  "state": "RU",
  "description": "test system",
  "manufacturer_codes": [
    {"code": "ZKM", "manufacturer": "Zavod Kovrov Mekh", "country": "RU"},
    {"code": "IZ", "manufacturer": "Izhevsk Arms", "country": "RU"}
  ],
  "country_marks": [{"mark": "CCCP", "country": "RU"}],
  "proof_marks": [{"mark": "STAR", "proof_house": "Tula proof house", "country": "RU"}],
  "year_codes": [{"code": "\u0416", "year": 1972}, {"code": "A", "year": 1990}],
  "serial_formats": ["{manufacturer}{year2}{digits:6}"]
})";

// Ukraine-like: claims the maker code "IZ" too.
const char* kUkraine = R"({
  "state": "UA",
  "manufacturer_codes": [{"code": "IZ", "manufacturer": "Izmail Works", "country": "UA"}],
  "country_marks": [{"mark": "MADE IN UKRAINE", "country": "UA"}],
  "year_codes": [{"code": "A", "year": 2001}],
  "two_digit_years_from": 1960
})";

// Germany-like: import marks with a country, a two-digit year and a listed importer.
const char* kGermany = R"({
  "state": "DE",
  "country_marks": [{"mark": "DE", "country": "DE"}, {"mark": "D", "country": "DE"}],
  "importers": [{"code": "ABC", "name": "Alpha Buechsen GmbH"}],
  "import_mark_formats": ["{country}{year2}{importer}"],
  "two_digit_years_from": 1950
})";

// France-like: import marks with any importer code and no country (the publisher's own).
const char* kFrance = R"({
  "state": "FR",
  "import_mark_formats": ["{importer}/{year2}"]
})";

MarkingSystem parsed(const char* document, int version = 1) {
  auto system = parse_marking_system(document, reference());
  EXPECT_TRUE(system.ok()) << system.error().field << ": " << system.error().message;
  if (!system.ok()) return {};
  system->version = version;
  return *system;
}

const std::vector<MarkingSystem>& systems() {
  static const std::vector<MarkingSystem> all = {parsed(kRussia), parsed(kUkraine),
                                                 parsed(kGermany), parsed(kFrance)};
  return all;
}

TypedMarking marking(MarkingKind kind, std::string text) {
  TypedMarking typed;
  typed.kind = kind;
  typed.text = std::move(text);
  return typed;
}

std::string all_explanations(const DecodedMarkings& decoded) {
  std::string text;
  for (const auto& line : decoded.explanations)
    text += line + "\n";
  return text;
}

// The field an error names when `document` is parsed.
std::string error_field(const std::string& document, std::string_view state = {}) {
  auto system = parse_marking_system(document, reference(), state);
  if (system.ok()) return "(accepted)";
  EXPECT_EQ(system.error().code, ErrorCode::invalid_argument) << system.error().message;
  return system.error().field;
}

TEST(MarkingSystemJson, ReadsEveryTable) {
  const MarkingSystem russia = parsed(kRussia);
  EXPECT_EQ(russia.state, "RU");
  EXPECT_EQ(russia.description, "test system");
  ASSERT_EQ(russia.manufacturer_codes.size(), 2u);
  EXPECT_EQ(russia.manufacturer_codes[1].manufacturer, "Izhevsk Arms");
  ASSERT_EQ(russia.year_codes.size(), 2u);
  EXPECT_EQ(russia.year_codes[0].code, "\xd0\x96");
  EXPECT_EQ(russia.year_codes[0].year, 1972);
  EXPECT_EQ(russia.two_digit_years_from, 1930);
  EXPECT_EQ(russia.proof_marks[0].proof_house, "Tula proof house");
  EXPECT_EQ(russia.serial_formats, std::vector<std::string>{"{manufacturer}{year2}{digits:6}"});
  EXPECT_EQ(parsed(kGermany).two_digit_years_from, 1950);
}

TEST(MarkingSystemJson, WritesWhatItReadsBack) {
  MarkingSystem russia = parsed(kRussia, 3);
  russia.published_at = "2027-01-15T10:00:00Z";
  const std::string written = marking_system_json(russia).dump();
  auto again = parse_marking_system(written, reference(), "ru");
  ASSERT_TRUE(again.ok()) << again.error().message;
  EXPECT_EQ(marking_system_json(*again).dump(),
            marking_system_json(parsed(kRussia, 0)).dump());  // version and time are the store's
}

TEST(MarkingSystemJson, ErrorsNameTheJsonPath) {
  EXPECT_EQ(error_field("{"), "body");
  EXPECT_EQ(error_field("[]"), "body");
  EXPECT_EQ(error_field(""), "body");
  EXPECT_EQ(error_field(R"({"manufacturer_codes": []})"), "state");  // no publisher at all
  EXPECT_EQ(error_field(R"({"state": "XX"})"), "state");
  EXPECT_EQ(error_field(R"({"state": "FR"})", "DE"), "state");  // published for another state
  EXPECT_EQ(error_field(R"({"state": "FR", "colour": "red"})"), "colour");
  EXPECT_EQ(error_field(R"({"state": "FR", "manufacturer_codes": {}})"), "manufacturer_codes");
  EXPECT_EQ(error_field(R"({"state": "FR", "manufacturer_codes": [7]})"), "manufacturer_codes[0]");
  EXPECT_EQ(error_field(R"({"state": "FR", "manufacturer_codes": [
      {"code": "AB", "manufacturer": "A", "country": "FR"},
      {"code": "CD", "manufacturer": "C", "country": "FR"},
      {"code": "EF", "manufacturer": "E", "country": "FR"},
      {"code": "a-b", "manufacturer": "Again", "country": "FR"}]})"),
            "manufacturer_codes[3].code");  // the same code once canonical
  EXPECT_EQ(error_field(R"({"state": "FR", "manufacturer_codes": [
      {"code": "AB", "manufacturer": "A", "country": "ZZ"}]})"),
            "manufacturer_codes[0].country");
  EXPECT_EQ(error_field(R"({"state": "FR", "manufacturer_codes": [
      {"code": "AB", "country": "FR"}]})"),
            "manufacturer_codes[0].manufacturer");
  EXPECT_EQ(error_field(R"({"state": "FR", "manufacturer_codes": [
      {"code": "A?B", "manufacturer": "A", "country": "FR"}]})"),
            "manufacturer_codes[0].code");
  EXPECT_EQ(error_field(R"({"state": "FR", "manufacturer_codes": [
      {"code": " -- ", "manufacturer": "A", "country": "FR"}]})"),
            "manufacturer_codes[0].code");
  EXPECT_EQ(error_field(R"({"state": "FR", "country_marks": [
      {"mark": "F", "country": "FR", "shape": "round"}]})"),
            "country_marks[0].shape");
  EXPECT_EQ(error_field(R"({"state": "FR", "year_codes": [{"code": "A", "year": 1700}]})"),
            "year_codes[0].year");
  EXPECT_EQ(error_field(R"({"state": "FR", "year_codes": [{"code": "A", "year": "1990"}]})"),
            "year_codes[0].year");
  EXPECT_EQ(error_field(R"({"state": "FR", "year_codes": [{"code": "A"}]})"), "year_codes[0].year");
  EXPECT_EQ(error_field(R"({"state": "FR", "two_digit_years_from": 99999999999999999999})"),
            "two_digit_years_from");
  EXPECT_EQ(error_field(R"({"state": "FR", "importers": [{"code": "X", "name": ""}]})"),
            "importers[0].name");
  EXPECT_EQ(error_field(R"({"state": "FR", "import_mark_formats": ["{country}", "{bogus}"]})"),
            "import_mark_formats[1]");
  EXPECT_EQ(error_field(R"({"state": "FR", "serial_formats": ["{digits}"]})"), "serial_formats[0]");
  EXPECT_EQ(error_field(R"({"state": "FR", "serial_formats": [3]})"), "serial_formats[0]");
  // Deep nesting is refused before parsing.
  EXPECT_EQ(error_field(std::string(100, '[') + std::string(100, ']')), "body");
  // Read back documents carry version and published_at; they are ignored, not refused.
  EXPECT_EQ(error_field(R"({"state": "FR", "version": 4, "published_at": "x"})"), "(accepted)");
}

TEST(MarkingSystemJson, MessagesSayWhatIsWrong) {
  auto duplicate = parse_marking_system(R"({"state": "FR", "importers": [
      {"code": "ABC", "name": "A"}, {"code": "abc", "name": "B"}]})",
                                        reference());
  ASSERT_FALSE(duplicate.ok());
  EXPECT_EQ(duplicate.error().field, "importers[1].code");
  EXPECT_NE(duplicate.error().message.find("importers[0].code"), std::string::npos)
      << duplicate.error().message;
}

TEST(MarkPattern, ParsesPlaceholdersAndLiterals) {
  auto pattern = parse_mark_pattern("IMP-{country} {year2}/{digits:2-4}", "p");
  ASSERT_TRUE(pattern.ok()) << pattern.error().message;
  ASSERT_EQ(pattern->elements.size(), 4u);  // separators vanish: "-", " " and "/"
  EXPECT_EQ(pattern->elements[0].literal, U"IMP");
  EXPECT_EQ(pattern->elements[1].kind, PatternElementKind::country);
  EXPECT_EQ(pattern->elements[2].kind, PatternElementKind::year2);
  EXPECT_EQ(pattern->elements[3].kind, PatternElementKind::digits);
  EXPECT_EQ(pattern->elements[3].min_length, 2);
  EXPECT_EQ(pattern->elements[3].max_length, 4);
}

TEST(MarkPattern, RefusesWhatItCannotRead) {
  for (const char* bad :
       {"", "ABC", "{", "{country", "}", "{bogus}", "{digits}", "{digits:0}", "{digits:40}",
        "{digits:5-2}", "{digits:x}", "{country:3}", "A?{year}", "{year}*"}) {
    auto pattern = parse_mark_pattern(bad, "import_mark_formats[0]");
    EXPECT_FALSE(pattern.ok()) << bad;
    if (!pattern.ok()) {
      EXPECT_EQ(pattern.error().field, "import_mark_formats[0]") << bad;
    }
  }
  EXPECT_FALSE(parse_mark_pattern(std::string(300, 'A') + "{year}", "p").ok());
  std::string many;
  for (int i = 0; i < 20; ++i)
    many += "{digits:1}-";
  EXPECT_FALSE(parse_mark_pattern(many, "p").ok());
}

TEST(MarkPattern, UnknownsMatchAnySymbolAndRunsAnyLength) {
  const auto text = read_text("Z?M");
  ASSERT_TRUE(text);
  EXPECT_EQ(matches_whole(*text, U"ZKM"), std::optional<bool>(true));
  EXPECT_EQ(matches_whole(*text, U"ZK"), std::nullopt);
  EXPECT_EQ(matches_whole(*read_text("ZKM"), U"ZKM"), std::optional<bool>(false));
  EXPECT_EQ(matches_whole(*read_text("Z*"), U"ZKM"), std::optional<bool>(true));
  EXPECT_EQ(matches_whole(*read_text("*M"), U"ZKM"), std::optional<bool>(true));
  EXPECT_EQ(matches_whole(*read_text("Z*Q"), U"ZKM"), std::nullopt);
  EXPECT_EQ(read_text("?? --"), std::nullopt);  // nothing legible
}

TEST(MarkingDecode, ManufacturerCodeGivesMakerAndCountry) {
  const auto decoded = decode_markings(systems(), {marking(MarkingKind::manufacturer, "zk-m")});
  EXPECT_EQ(decoded.manufacturer, "Zavod Kovrov Mekh");
  EXPECT_EQ(decoded.country_of_manufacture, "RU");
  ASSERT_FALSE(decoded.explanations.empty());
  const std::string text = all_explanations(decoded);
  EXPECT_NE(text.find("manufacturer marking \"zk-m\""), std::string::npos) << text;
  EXPECT_NE(text.find("the marking system of RU (version 1)"), std::string::npos) << text;
}

TEST(MarkingDecode, ManufacturerNameAsReadIsRecognisedToo) {
  const auto decoded =
      decode_markings(systems(), {marking(MarkingKind::manufacturer, "ZAVOD KOVROV MEKH")});
  EXPECT_EQ(decoded.manufacturer, "Zavod Kovrov Mekh");
}

TEST(MarkingDecode, CountryMarkInCyrillicReadsAsPublishedInLatin) {
  // СССР, as stamped, against "CCCP" as published.
  const auto decoded = decode_markings(systems(), {marking(MarkingKind::country_of_manufacture,
                                                           "\xd0\xa1\xd0\xa1\xd0\xa1\xd0\xa0")});
  EXPECT_EQ(decoded.country_of_manufacture, "RU");
  EXPECT_EQ(decoded.manufacturer, "");
}

TEST(MarkingDecode, YearsOfFourAndTwoDigitsAndLetterCodes) {
  EXPECT_EQ(decode_markings({}, {marking(MarkingKind::year, "1985")}).year_of_manufacture, 1985);
  // Two digits: the window of the country of manufacture's system (RU: from 1930).
  auto decoded = decode_markings(
      systems(), {marking(MarkingKind::manufacturer, "ZKM"), marking(MarkingKind::year, "45")});
  EXPECT_EQ(decoded.year_of_manufacture, 1945);
  // With no country known, the systems' windows disagree (1930, 1950, 1960): undecided.
  decoded = decode_markings(systems(), {marking(MarkingKind::year, "45")});
  EXPECT_EQ(decoded.year_of_manufacture, std::nullopt);
  EXPECT_NE(all_explanations(decoded).find("ambiguous"), std::string::npos);
  // When every window agrees, no country is needed.
  decoded = decode_markings(systems(), {marking(MarkingKind::year, "85")});
  EXPECT_EQ(decoded.year_of_manufacture, 1985);
  // A Cyrillic year letter.
  decoded = decode_markings(systems(), {marking(MarkingKind::year, "\xd0\x96")});
  EXPECT_EQ(decoded.year_of_manufacture, 1972);
  // "A" is 1990 for RU and 2001 for UA; the country of manufacture settles it.
  decoded = decode_markings(systems(), {marking(MarkingKind::country_of_manufacture, "CCCP"),
                                        marking(MarkingKind::year, "A")});
  EXPECT_EQ(decoded.year_of_manufacture, 1990);
  decoded =
      decode_markings(systems(), {marking(MarkingKind::country_of_manufacture, "made in Ukraine"),
                                  marking(MarkingKind::year, "a")});
  EXPECT_EQ(decoded.year_of_manufacture, 2001);
}

TEST(MarkingDecode, ImportMarksGiveCountryYearAndImporter) {
  const auto decoded = decode_markings(systems(), {marking(MarkingKind::import_mark, "DE 21 ABC"),
                                                   marking(MarkingKind::import_mark, "KLM/98")});
  ASSERT_EQ(decoded.imports.size(), 2u) << all_explanations(decoded);
  EXPECT_EQ(decoded.imports[0].country, "DE");
  EXPECT_EQ(decoded.imports[0].year, 2021);
  EXPECT_EQ(decoded.imports[0].importer, "ABC");
  EXPECT_EQ(decoded.imports[1].country, "FR");
  EXPECT_EQ(decoded.imports[1].year, 1998);
  EXPECT_EQ(decoded.imports[1].importer, "KLM");
  ASSERT_NE(decoded.last_import(), nullptr);
  EXPECT_EQ(decoded.last_import()->country, "DE");  // 2021 after 1998
  const std::string text = all_explanations(decoded);
  EXPECT_NE(text.find("Alpha Buechsen GmbH"), std::string::npos) << text;
  EXPECT_NE(text.find("the marking system of FR"), std::string::npos) << text;
}

TEST(MarkingDecode, PartlyObliteratedMarkingsDecodeWhenOnlyOneReadingFits) {
  auto decoded = decode_markings(systems(), {marking(MarkingKind::manufacturer, "Z?M")});
  EXPECT_EQ(decoded.manufacturer, "Zavod Kovrov Mekh");
  EXPECT_NE(all_explanations(decoded).find("partly read"), std::string::npos);
  decoded = decode_markings(systems(), {marking(MarkingKind::manufacturer, "*KM")});
  EXPECT_EQ(decoded.manufacturer, "Zavod Kovrov Mekh");
  // An import mark whose year is gone keeps its country and importer.
  decoded = decode_markings(systems(), {marking(MarkingKind::import_mark, "DE 2? ABC")});
  ASSERT_EQ(decoded.imports.size(), 1u) << all_explanations(decoded);
  EXPECT_EQ(decoded.imports[0].country, "DE");
  EXPECT_EQ(decoded.imports[0].year, std::nullopt);
  EXPECT_EQ(decoded.imports[0].importer, "ABC");
  // A year with a digit gone is not guessed.
  decoded = decode_markings(systems(), {marking(MarkingKind::year, "19?5")});
  EXPECT_EQ(decoded.year_of_manufacture, std::nullopt);
  EXPECT_NE(all_explanations(decoded).find("unreadable"), std::string::npos);
  // Nothing legible at all.
  decoded = decode_markings(systems(), {marking(MarkingKind::manufacturer, "???")});
  EXPECT_EQ(decoded.manufacturer, "");
  EXPECT_NE(all_explanations(decoded).find("nothing legible"), std::string::npos);
  // "?Z" fits both IZ codes and nothing settles it.
  decoded = decode_markings(systems(), {marking(MarkingKind::manufacturer, "?Z")});
  EXPECT_EQ(decoded.manufacturer, "");
}

TEST(MarkingDecode, AmbiguityIsReportedAndSettledByTheNamedState) {
  // "IZ" is Izhevsk Arms for RU and Izmail Works for UA.
  auto decoded = decode_markings(systems(), {marking(MarkingKind::manufacturer, "IZ")});
  EXPECT_EQ(decoded.manufacturer, "");
  EXPECT_EQ(decoded.country_of_manufacture, "");
  std::string text = all_explanations(decoded);
  EXPECT_NE(text.find("ambiguous"), std::string::npos) << text;
  EXPECT_NE(text.find("Izhevsk Arms"), std::string::npos) << text;
  EXPECT_NE(text.find("Izmail Works"), std::string::npos) << text;
  EXPECT_NE(text.find("undecided"), std::string::npos) << text;

  decoded =
      decode_markings(systems(), {marking(MarkingKind::manufacturer, "IZ"),
                                  marking(MarkingKind::country_of_manufacture, "MADE IN UKRAINE")});
  EXPECT_EQ(decoded.manufacturer, "Izmail Works");
  EXPECT_EQ(decoded.country_of_manufacture, "UA");
  text = all_explanations(decoded);
  EXPECT_NE(text.find("Taken: the reading of the marking system of UA"), std::string::npos) << text;
}

TEST(MarkingDecode, TheSameMeaningFromTwoSystemsIsNoAmbiguity) {
  std::vector<MarkingSystem> twice = {parsed(kRussia)};
  auto copy = parse_marking_system(kRussia, reference(), "RU");
  ASSERT_TRUE(copy.ok());
  copy->state = "BY";  // another state lists the Russian maker under the same code
  twice.push_back(*copy);
  const auto decoded = decode_markings(twice, {marking(MarkingKind::manufacturer, "ZKM")});
  EXPECT_EQ(decoded.manufacturer, "Zavod Kovrov Mekh");
  EXPECT_EQ(all_explanations(decoded).find("ambiguous"), std::string::npos);
}

TEST(MarkingDecode, ConflictsBetweenMarkingsAreReportedAndTheCountryMarkKept) {
  const auto decoded =
      decode_markings(systems(), {marking(MarkingKind::country_of_manufacture, "MADE IN UKRAINE"),
                                  marking(MarkingKind::manufacturer, "ZKM")});
  EXPECT_EQ(decoded.country_of_manufacture, "UA");
  EXPECT_EQ(decoded.manufacturer, "Zavod Kovrov Mekh");
  EXPECT_NE(all_explanations(decoded).find("already read as UA"), std::string::npos)
      << all_explanations(decoded);
}

TEST(MarkingDecode, SerialsAndProofMarksFillWhatIsMissing) {
  auto decoded = decode_markings(systems(), {marking(MarkingKind::serial, "ZKM 85 123456")});
  EXPECT_EQ(decoded.manufacturer, "Zavod Kovrov Mekh");
  EXPECT_EQ(decoded.country_of_manufacture, "RU");
  EXPECT_EQ(decoded.year_of_manufacture, 1985);
  decoded = decode_markings(systems(), {marking(MarkingKind::proof_mark, "star")});
  EXPECT_EQ(decoded.country_of_manufacture, "RU");
  EXPECT_NE(all_explanations(decoded).find("Tula proof house"), std::string::npos);
}

TEST(MarkingDecode, UnrecognisedMarkingsAreSaidSoAndNothingIsInvented) {
  const auto decoded = decode_markings(
      systems(), {marking(MarkingKind::manufacturer, "QQQ"), marking(MarkingKind::serial, "123456"),
                  marking(MarkingKind::import_mark, "XYZ")});
  EXPECT_EQ(decoded.manufacturer, "");
  EXPECT_EQ(decoded.country_of_manufacture, "");
  EXPECT_TRUE(decoded.imports.empty());
  EXPECT_EQ(decoded.last_import(), nullptr);
  const std::string text = all_explanations(decoded);
  EXPECT_NE(text.find("manufacturer marking \"QQQ\": no published marking system recognises it"),
            std::string::npos)
      << text;
  EXPECT_EQ(decode_markings({}, {marking(MarkingKind::manufacturer, "ZKM")}).manufacturer, "");
}

TEST(MarkingDecode, HostileMarkingsStayBounded) {
  // A large table, a pattern of many free parts, and a marking full of unknown runs.
  nlohmann::json document = {{"state", "FR"}};
  for (int i = 0; i < 2000; ++i) {
    document["country_marks"].push_back({{"mark", "C" + std::to_string(i)}, {"country", "FR"}});
  }
  document["import_mark_formats"] = {
      "{country}{any:1-32}{country}{any:1-32}{country}{any:1-32}{country}{year}{importer}"};
  auto system = parse_marking_system(document.dump(), reference());
  ASSERT_TRUE(system.ok()) << system.error().message;
  std::string text;
  for (int i = 0; i < 21; ++i)  // 63 terms, just under the limit of a marking
    text += "C1*";
  const auto decoded = decode_markings({*system}, {marking(MarkingKind::import_mark, text)});
  EXPECT_LE(decoded.imports.size(), 1u);
}

TEST(MarkingSystemGenerator, SameSeedSameSystemsAndEveryOneParses) {
  const std::vector<std::string> states = {"FR", "DE", "KE", "BR"};
  const auto first = generate_marking_systems(7, states, &reference());
  const auto again = generate_marking_systems(7, states, &reference());
  const auto other = generate_marking_systems(8, states, &reference());
  ASSERT_EQ(first.size(), states.size());
  for (size_t i = 0; i < first.size(); ++i) {
    EXPECT_EQ(first[i].state, states[i]);
    const std::string written = marking_system_json(first[i]).dump();
    EXPECT_EQ(written, marking_system_json(again[i]).dump());
    auto read = parse_marking_system(written, reference());
    ASSERT_TRUE(read.ok()) << read.error().field << ": " << read.error().message;
    EXPECT_FALSE(first[i].manufacturer_codes.empty());
    EXPECT_FALSE(first[i].import_mark_formats.empty());
  }
  EXPECT_NE(marking_system_json(first[0]).dump(), marking_system_json(other[0]).dump());
  // A generated maker code decodes to its maker with the generated systems.
  const auto& maker = first[2].manufacturer_codes[0];
  const auto decoded = decode_markings(first, {marking(MarkingKind::manufacturer, maker.code),
                                               marking(MarkingKind::country_of_manufacture, "KE")});
  EXPECT_EQ(decoded.manufacturer, maker.manufacturer) << all_explanations(decoded);
  EXPECT_EQ(decoded.country_of_manufacture, "KE");
}

}  // namespace
}  // namespace concord::marking
