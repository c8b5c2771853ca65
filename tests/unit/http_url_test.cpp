#include <gtest/gtest.h>

#include "http/url.h"

namespace concord::http {
namespace {

TEST(HttpUrl, SplitsPathAndQuery) {
  auto target = split_target("/api/v1/search?q=AK%2047&page=2");
  ASSERT_TRUE(target);
  EXPECT_EQ(target->path, "/api/v1/search");
  EXPECT_EQ(target->query, "q=AK%2047&page=2");
  target = split_target("/plain");
  ASSERT_TRUE(target);
  EXPECT_EQ(target->path, "/plain");
  EXPECT_EQ(target->query, "");
}

TEST(HttpUrl, AcceptsAbsoluteForm) {
  auto target = split_target("http://example.org:8080/a/b?c=d");
  ASSERT_TRUE(target);
  EXPECT_EQ(target->path, "/a/b");
  EXPECT_EQ(target->query, "c=d");
  target = split_target("https://example.org");
  ASSERT_TRUE(target);
  EXPECT_EQ(target->path, "/");
}

TEST(HttpUrl, RefusesOtherTargets) {
  EXPECT_FALSE(split_target("*"));
  EXPECT_FALSE(split_target(""));
  EXPECT_FALSE(split_target("relative/path"));
}

TEST(HttpUrl, PercentDecodes) {
  EXPECT_EQ(percent_decode("a%20b%2Fc"), "a b/c");
  EXPECT_EQ(percent_decode("%c3%A9"), "\xc3\xa9");
  EXPECT_EQ(percent_decode("a+b"), "a+b");
  EXPECT_EQ(percent_decode("a+b", true), "a b");
  EXPECT_FALSE(percent_decode("%"));
  EXPECT_FALSE(percent_decode("%2"));
  EXPECT_FALSE(percent_decode("%zz"));
  EXPECT_FALSE(percent_decode("ab%4"));
}

TEST(HttpUrl, DecodesPathSegmentsSeparately) {
  const auto segments = decode_path_segments("/weapons/AB%2F123/x%20y");
  ASSERT_TRUE(segments);
  EXPECT_EQ(*segments, (std::vector<std::string>{"weapons", "AB/123", "x y"}));
  EXPECT_EQ(*decode_path_segments("/"), (std::vector<std::string>{""}));
  EXPECT_EQ(*decode_path_segments("/a/"), (std::vector<std::string>{"a", ""}));
}

TEST(HttpUrl, RefusesEncodedNulInPath) {
  EXPECT_FALSE(decode_path_segments("/a%00b"));
  EXPECT_FALSE(decode_path_segments("/a%zz"));
  EXPECT_FALSE(decode_path_segments("nope"));
}

TEST(HttpUrl, ParsesQuery) {
  const auto query = parse_query("q=AK+47%2Fx&page=2&flag&&empty=&q=second");
  ASSERT_TRUE(query);
  EXPECT_EQ(query->at("q"), "AK 47/x");  // the first value wins
  EXPECT_EQ(query->at("page"), "2");
  EXPECT_EQ(query->at("flag"), "");
  EXPECT_EQ(query->at("empty"), "");
  EXPECT_EQ(query->size(), 4u);
  EXPECT_TRUE(parse_query("")->empty());
  EXPECT_EQ(parse_query("a=b=c")->at("a"), "b=c");
}

TEST(HttpUrl, RefusesMalformedQuery) {
  EXPECT_FALSE(parse_query("q=%G1"));
  EXPECT_FALSE(parse_query("%=1"));
}

}  // namespace
}  // namespace concord::http
