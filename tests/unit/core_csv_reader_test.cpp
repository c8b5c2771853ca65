#include <gtest/gtest.h>

#include <sstream>
#include <string>
#include <vector>

#include "core/csv_reader.h"

namespace concord {
namespace {

struct Read {
  std::vector<std::string> fields;
  std::uint64_t line = 0;
  std::string error;  // empty when the record was read
};

std::vector<Read> read_all(const std::string& text, CsvLimits limits = {}) {
  std::istringstream input(text);
  CsvReader reader(input, limits);
  CsvRecord record;
  std::vector<Read> out;
  for (int guard = 0; guard < 100000; ++guard) {
    auto next = reader.next(record);
    if (!next.ok()) {
      EXPECT_EQ(next.error().code, ErrorCode::invalid_argument);
      out.push_back({{}, record.line, next.error().message});
      continue;
    }
    if (!*next) break;
    out.push_back({record.fields, record.line, ""});
  }
  return out;
}

using Fields = std::vector<std::string>;

TEST(CoreCsvReader, ReadsPlainAndQuotedFields) {
  auto rows = read_all("a,b,c\n1,\"two, with comma\",3\n");
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[0].fields, (Fields{"a", "b", "c"}));
  EXPECT_EQ(rows[1].fields, (Fields{"1", "two, with comma", "3"}));
  EXPECT_EQ(rows[1].line, 2u);
}

TEST(CoreCsvReader, DoubledQuotesStandForOne) {
  auto rows = read_all("\"say \"\"hi\"\"\",\"\"\"\",\"\"\n");
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0].fields, (Fields{"say \"hi\"", "\"", ""}));
}

TEST(CoreCsvReader, EmptyFieldsAndTrailingComma) {
  auto rows = read_all(",,\nx,\n");
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[0].fields, (Fields{"", "", ""}));
  EXPECT_EQ(rows[1].fields, (Fields{"x", ""}));
}

TEST(CoreCsvReader, AcceptsCrLfLfAndLoneCrAndNoFinalLineBreak) {
  auto rows = read_all("a,b\r\nc,d\ne,f\rg,h");
  ASSERT_EQ(rows.size(), 4u);
  EXPECT_EQ(rows[0].fields, (Fields{"a", "b"}));
  EXPECT_EQ(rows[3].fields, (Fields{"g", "h"}));
  EXPECT_EQ(rows[0].line, 1u);
  EXPECT_EQ(rows[1].line, 2u);
  EXPECT_EQ(rows[2].line, 3u);
  EXPECT_EQ(rows[3].line, 4u);
}

TEST(CoreCsvReader, QuotedLineBreaksAreDataAndStillCountAsLines) {
  auto rows = read_all("id,notes\r\n1,\"first\r\nsecond\nthird\"\r\n2,x\r\n");
  ASSERT_EQ(rows.size(), 3u);
  EXPECT_EQ(rows[1].fields[1], "first\r\nsecond\nthird");
  EXPECT_EQ(rows[1].line, 2u);
  EXPECT_EQ(rows[2].line, 5u);  // physical lines, not record numbers
}

TEST(CoreCsvReader, SkipsBlankLinesAndTheByteOrderMark) {
  auto rows = read_all(
      "\xEF\xBB\xBF"
      "a\n\n\r\n b \n\n");
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[0].fields, (Fields{"a"}));
  EXPECT_EQ(rows[1].fields, (Fields{" b "}));  // spaces are data
  EXPECT_EQ(rows[1].line, 4u);
  EXPECT_TRUE(read_all("\xEF\xBB\xBF").empty());
  EXPECT_TRUE(read_all("").empty());
}

TEST(CoreCsvReader, ByteOrderMarkOnlyAtTheStart) {
  auto rows = read_all(
      "a\n\xEF\xBB\xBF"
      "b\n");
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[1].fields[0],
            "\xEF\xBB\xBF"
            "b");
}

TEST(CoreCsvReader, StrayQuoteIsAnErrorWithItsLineAndTheReaderCarriesOn) {
  auto rows = read_all("a,b\nab\"c,d\ne,f\n");
  ASSERT_EQ(rows.size(), 3u);
  EXPECT_EQ(rows[1].line, 2u);
  EXPECT_NE(rows[1].error.find("quote inside an unquoted field"), std::string::npos);
  EXPECT_EQ(rows[2].fields, (Fields{"e", "f"}));
  EXPECT_EQ(rows[2].line, 3u);
}

TEST(CoreCsvReader, TextAfterAClosingQuoteIsAnError) {
  auto rows = read_all("\"a\"b,c\r\nd\r\n");
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[0].line, 1u);
  EXPECT_NE(rows[0].error.find("after the closing quote"), std::string::npos);
  EXPECT_EQ(rows[1].fields, (Fields{"d"}));
  EXPECT_EQ(rows[1].line, 2u);
}

TEST(CoreCsvReader, UnterminatedQuoteNamesTheLineItOpenedOn) {
  auto rows = read_all("a\nb,\"never\nclosed\n");
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[1].line, 2u);
  EXPECT_NE(rows[1].error.find("opened on line 2 is never closed"), std::string::npos);
}

TEST(CoreCsvReader, LongFieldsAreRefusedNeverTruncated) {
  CsvLimits limits;
  limits.max_field_bytes = 8;
  auto rows = read_all("12345678,\"12345678\"\n123456789,x\nok\n\"1234\"\"5678\"\n", limits);
  ASSERT_EQ(rows.size(), 4u);
  EXPECT_EQ(rows[0].fields, (Fields{"12345678", "12345678"}));
  EXPECT_EQ(rows[1].line, 2u);
  EXPECT_NE(rows[1].error.find("field 1 is longer than 8 bytes"), std::string::npos);
  EXPECT_EQ(rows[2].fields, (Fields{"ok"}));
  EXPECT_NE(rows[3].error.find("longer than 8 bytes"), std::string::npos);
}

TEST(CoreCsvReader, TooManyColumnsIsAnError) {
  CsvLimits limits;
  limits.max_columns = 3;
  auto rows = read_all("a,b,c\na,b,c,d\n,,\n,,,\n", limits);
  ASSERT_EQ(rows.size(), 4u);
  EXPECT_EQ(rows[0].fields.size(), 3u);
  EXPECT_NE(rows[1].error.find("more than 3 columns"), std::string::npos);
  EXPECT_EQ(rows[2].fields.size(), 3u);
  EXPECT_EQ(rows[3].line, 4u);
  EXPECT_FALSE(rows[3].error.empty());
}

TEST(CoreCsvReader, RecordsSpanningBufferBoundariesReadWhole) {
  // Larger than the reader's 64 KiB chunk, with quotes and CRLF falling on every offset.
  std::string text;
  std::vector<Fields> expected;
  for (int i = 0; i < 20000; ++i) {
    const std::string a = "row" + std::to_string(i);
    const std::string b = "q\"" + std::to_string(i * 7) + "\r\n";
    text += a + ",\"" + "q\"\"" + std::to_string(i * 7) + "\r\n\"\r\n";
    expected.push_back({a, b});
  }
  auto rows = read_all(text);
  ASSERT_EQ(rows.size(), expected.size());
  for (size_t i = 0; i < rows.size(); ++i) {
    ASSERT_EQ(rows[i].fields, expected[i]) << i;
    ASSERT_EQ(rows[i].line, 2 * i + 1) << i;
  }
}

TEST(CoreCsvReader, CountsBytesRead) {
  std::istringstream input("a,b\nc,d\n");
  CsvReader reader(input);
  CsvRecord record;
  while (true) {
    auto next = reader.next(record);
    ASSERT_TRUE(next.ok());
    if (!*next) break;
  }
  EXPECT_EQ(reader.bytes_read(), 8u);
}

}  // namespace
}  // namespace concord
