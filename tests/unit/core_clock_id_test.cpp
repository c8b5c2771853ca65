#include <gtest/gtest.h>

#include <set>
#include <thread>
#include <vector>

#include "core/clock.h"
#include "core/id.h"

namespace concord {
namespace {

using namespace std::chrono;

TimePoint at(int y, unsigned m, unsigned d) {
  return time_point_cast<milliseconds>(sys_days{year{y} / month{m} / day{d}});
}

TEST(CoreClock, ManualClockMovesOnlyWhenTold) {
  ManualClock clock(at(2026, 11, 22));
  const auto start = clock.now();
  EXPECT_EQ(clock.now(), start);
  clock.advance(hours{30});
  EXPECT_EQ(clock.now() - start, hours{30});
}

TEST(CoreClock, FormatsIso8601InUtc) {
  EXPECT_EQ(format_iso8601(at(2026, 1, 2) + hours{3} + minutes{4} + seconds{5} + milliseconds{6}),
            "2026-01-02T03:04:05.006Z");
}

TEST(CoreClock, ParsesWhatItFormats) {
  const auto time = at(2024, 2, 29) + hours{23} + milliseconds{999};
  EXPECT_EQ(parse_iso8601(format_iso8601(time)), time);
  EXPECT_EQ(parse_iso8601("2024-02-29"), at(2024, 2, 29));
  EXPECT_EQ(parse_iso8601("2024-03-01T01:30:00+02:00"), at(2024, 2, 29) + hours{23} + minutes{30});
}

TEST(CoreClock, RefusesMalformedTimes) {
  for (const char* text :
       {"", "2023-02-29", "2024-13-01", "2024-01-01T25:00:00Z", "2024-01-01T10:00:00",
        "2024-01-01T10:00Z", "20240101", "2024-01-01Tx"}) {
    EXPECT_FALSE(parse_iso8601(text).has_value()) << text;
  }
}

TEST(CoreId, IdsAreWellFormedAndStrictlyIncreasingWithinOneMillisecond) {
  ManualClock clock(at(2026, 11, 22));
  IdGenerator ids(clock);
  std::string previous = ids.next();
  EXPECT_TRUE(is_valid_id(previous));
  EXPECT_EQ(previous.size(), 26u);
  for (int i = 0; i < 10000; ++i) {
    std::string next = ids.next();
    ASSERT_LT(previous, next);
    previous = std::move(next);
  }
}

TEST(CoreId, IdsSortByCreationTime) {
  ManualClock clock(at(2026, 11, 22));
  IdGenerator ids(clock);
  const std::string earlier = ids.next();
  clock.advance(milliseconds{1});
  IdGenerator other(clock);  // another node: no shared state
  EXPECT_LT(earlier, other.next());
}

TEST(CoreId, UniqueAcrossThreads) {
  SystemClock clock;
  IdGenerator ids(clock);
  std::vector<std::vector<std::string>> made(4);
  std::vector<std::thread> threads;
  for (auto& bucket : made) {
    threads.emplace_back([&ids, &bucket] {
      for (int i = 0; i < 2000; ++i)
        bucket.push_back(ids.next());
    });
  }
  for (auto& thread : threads)
    thread.join();
  std::set<std::string> all;
  for (const auto& bucket : made)
    all.insert(bucket.begin(), bucket.end());
  EXPECT_EQ(all.size(), 8000u);
}

TEST(CoreId, RecognisesForeignText) {
  EXPECT_FALSE(is_valid_id("not-an-id"));
  EXPECT_FALSE(is_valid_id("01ARZ3NDEKTSV4RRFFQ69G5FAU"));  // U is not Crockford base32
  EXPECT_FALSE(is_valid_id("81ARZ3NDEKTSV4RRFFQ69G5FAV"));  // first digit holds only 3 bits
  EXPECT_TRUE(is_valid_id("01ARZ3NDEKTSV4RRFFQ69G5FAV"));
}

}  // namespace
}  // namespace concord
