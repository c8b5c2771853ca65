#include <gtest/gtest.h>

#include "marking/canonical_marking.h"
#include "marking/look_alikes.h"
#include "marking/marking_query.h"

namespace concord::marking {
namespace {

TEST(MarkingCanonical, CaseSeparatorsAndSpacesNeverMatter) {
  EXPECT_EQ(canonical_text("ab-1234/56 78"), "AB12345678");
  EXPECT_EQ(canonical_text("  AB.1234_5678\t"), "AB12345678");
  EXPECT_EQ(canonical_text("AB 1234 5678"), canonical_text("ab12345678"));
}

TEST(MarkingCanonical, UnicodeFormsNeverMatter) {
  EXPECT_EQ(canonical_text("\xef\xbc\xa1\xef\xbc\xa2\xef\xbc\x91"), "AB1");  // full-width ＡＢ１
  EXPECT_EQ(canonical_text("\xc3\x89"), canonical_text("E\xcc\x81"));        // É and E + accent
  EXPECT_EQ(canonical_text("\xc3\x89"), "E");
}

TEST(MarkingCanonical, DigitsOfEveryScriptBecomeAscii) {
  EXPECT_EQ(canonical_text("\xd9\xa4\xd9\xa7"), "47");  // Arabic-Indic ٤٧
  EXPECT_EQ(canonical_text("\xdb\xb4\xdb\xb7"), "47");  // Extended Arabic-Indic ۴۷
}

TEST(MarkingCanonical, CyrillicAndGreekLookAlikesReadAsLatin) {
  EXPECT_EQ(canonical_text("\xd0\x90\xd0\x9a-47"), "AK47");  // Cyrillic АК
  EXPECT_EQ(canonical_text("\xd0\xb0\xd0\xba"), "AK");       // lower-case ак
  // А В Е К М Н О Р С Т Х
  EXPECT_EQ(
      canonical_text("\xd0\x90\xd0\x92\xd0\x95\xd0\x9a\xd0\x9c\xd0\x9d\xd0\x9e\xd0\xa0\xd0\xa1"
                     "\xd0\xa2\xd0\xa5"),
      "ABEKMHOPCTX");
  EXPECT_EQ(canonical_text("\xce\x91\xce\x92"), "AB");  // Greek ΑΒ
}

TEST(MarkingCanonical, OtherLettersAreKept) {
  EXPECT_EQ(canonical_text("\xe6\xad\xa5\xe6\x9e\xaa 56"),
            "\xe6\xad\xa5\xe6\x9e\xaa"
            "56");  // 步枪
  EXPECT_EQ(canonical_text("\xd0\x96\xd0\xa9"),
            "\xd0\x96\xd0\xa9");  // Cyrillic Ж Щ have no Latin twin
}

TEST(MarkingCanonical, SymbolsPointBackAtTheTextAsRead) {
  const std::string read = "\xd0\x90\xd0\x9a-47";
  const auto symbols = canonical_symbols(read);
  ASSERT_EQ(symbols.size(), 4u);
  EXPECT_EQ(read.substr(symbols[1].source_begin, symbols[1].source_end - symbols[1].source_begin),
            "\xd0\x9a");
  EXPECT_EQ(read.substr(symbols[2].source_begin, 1), "4");
}

TEST(MarkingCanonical, InvalidUtf8IsSkippedNotFatal) {
  EXPECT_EQ(canonical_text("AB\xff\xfe"
                           "12"),
            "AB12");
  EXPECT_EQ(canonical_text(""), "");
}

TEST(MarkingLookAlikes, ClassesAreDisjointAndCanonical) {
  std::u32string seen;
  for (const auto& look_alike_set : look_alike_classes()) {
    for (char32_t symbol : look_alike_set) {
      EXPECT_EQ(seen.find(symbol), std::u32string::npos) << "a symbol in two classes";
      seen += symbol;
      // Every member is already canonical, so it can meet canonical text.
      char text[2] = {static_cast<char>(symbol), 0};
      EXPECT_EQ(canonical_text(text), std::string(text));
    }
  }
}

TEST(MarkingLookAlikes, KnowsTheUsualConfusions) {
  EXPECT_TRUE(are_look_alikes(U'0', U'O'));
  EXPECT_TRUE(are_look_alikes(U'D', U'Q'));
  EXPECT_TRUE(are_look_alikes(U'1', U'7'));
  EXPECT_TRUE(are_look_alikes(U'8', U'B'));
  EXPECT_TRUE(are_look_alikes(U'U', U'V'));
  EXPECT_FALSE(are_look_alikes(U'A', U'A'));
  EXPECT_FALSE(are_look_alikes(U'A', U'4'));
  EXPECT_FALSE(look_alike_class(U'X').has_value());
}

TEST(MarkingQuery, ParsesUnknownsAndSymbols) {
  auto query = parse_marking_query("4?B7 1?2");
  ASSERT_TRUE(query.ok());
  ASSERT_EQ(query->terms.size(), 7u);
  EXPECT_EQ(query->terms[1].kind, QueryTermKind::unknown_one);
  EXPECT_EQ(query->terms[2].symbol, U'B');
  EXPECT_EQ(query->symbol_count(), 5u);
}

TEST(MarkingQuery, MergesAdjacentRunsAndKnowsFullWidthWildcards) {
  auto query = parse_marking_query("AB**12\xef\xbc\x9f\xef\xbc\x8a");  // AB**12？＊
  ASSERT_TRUE(query.ok());
  ASSERT_EQ(query->terms.size(), 7u);
  EXPECT_EQ(query->terms[2].kind, QueryTermKind::unknown_run);
  EXPECT_EQ(query->terms[2].source_end - query->terms[2].source_begin, 2u);
  EXPECT_EQ(query->terms[5].kind, QueryTermKind::unknown_one);
  EXPECT_EQ(query->terms[6].kind, QueryTermKind::unknown_run);
}

TEST(MarkingQuery, RefusesWhatCannotBeSearchedNamingTheField) {
  for (const char* text : {"", "  - / ", "???", "*"}) {
    auto query = parse_marking_query(text, "serial");
    ASSERT_FALSE(query.ok()) << text;
    EXPECT_EQ(query.error().field, "serial");
  }
  auto too_long = parse_marking_query(std::string(65, 'A'));
  ASSERT_FALSE(too_long.ok());
  EXPECT_EQ(too_long.error().field, "q");
  EXPECT_TRUE(parse_marking_query(std::string(64, 'A')).ok());
}

}  // namespace
}  // namespace concord::marking

namespace concord::marking {
namespace {

// The ASCII fast path must agree with the full Unicode path: letters and digits upper-cased,
// everything else a separator.
TEST(MarkingCanonical, AsciiFoldsToUpperCaseLettersAndDigitsOnly) {
  for (int c = 0; c < 128; ++c) {
    const std::string text(1, static_cast<char>(c));
    const bool kept = (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
    const std::string expected =
        kept ? std::string(1, static_cast<char>(c >= 'a' && c <= 'z' ? c - 'a' + 'A' : c)) : "";
    EXPECT_EQ(canonical_text(text), expected) << "code point " << c;
  }
}

}  // namespace
}  // namespace concord::marking
