#include <gtest/gtest.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>

#include "http/access_log.h"

namespace concord::http {
namespace {

AccessLogEntry sample_entry() {
  AccessLogEntry entry;
  entry.time = TimePoint(std::chrono::milliseconds(1'700'000'000'123));
  entry.request_id = "01HZZZZZZZZZZZZZZZZZZZZZZZ";
  entry.remote = "127.0.0.1";
  entry.method = "GET";
  entry.path = "/api/v1/states/FR";
  entry.route = "/api/v1/states/{alpha2}";
  entry.status = 200;
  entry.bytes_sent = 512;
  entry.duration_ms = 1.2345678;
  return entry;
}

TEST(HttpAccessLog, FormatsOneJsonObject) {
  const auto line = format_access_log_line(sample_entry());
  EXPECT_EQ(line.find('\n'), std::string::npos);
  const auto json = nlohmann::json::parse(line);
  EXPECT_EQ(json["time"], "2023-11-14T22:13:20.123Z");
  EXPECT_EQ(json["request_id"], "01HZZZZZZZZZZZZZZZZZZZZZZZ");
  EXPECT_EQ(json["remote"], "127.0.0.1");
  EXPECT_EQ(json["method"], "GET");
  EXPECT_EQ(json["path"], "/api/v1/states/FR");
  EXPECT_EQ(json["route"], "/api/v1/states/{alpha2}");
  EXPECT_EQ(json["status"], 200);
  EXPECT_EQ(json["bytes_sent"], 512);
  EXPECT_DOUBLE_EQ(json["duration_ms"].get<double>(), 1.235);
}

TEST(HttpAccessLog, InvalidUtf8DoesNotBreakTheLine) {
  auto entry = sample_entry();
  entry.path = "/a\xff\xfe\n\"b";
  const auto line = format_access_log_line(entry);
  EXPECT_EQ(line.find('\n'), std::string::npos);
  EXPECT_TRUE(nlohmann::json::accept(line)) << line;
}

TEST(HttpAccessLog, AppendsLinesToFile) {
  const auto path = std::filesystem::temp_directory_path() /
                    ("concord_access_log_test_" + std::to_string(::getpid()) + ".log");
  std::filesystem::remove(path);
  for (int round = 0; round < 2; ++round) {
    auto log = AccessLog::open(path.string());
    ASSERT_TRUE(log.ok());
    (*log)->write(sample_entry());
  }
  std::ifstream in(path);
  std::string line;
  int lines = 0;
  while (std::getline(in, line)) {
    EXPECT_TRUE(nlohmann::json::accept(line)) << line;
    ++lines;
  }
  EXPECT_EQ(lines, 2);
  std::filesystem::remove(path);
}

TEST(HttpAccessLog, OffWritesNothing) {
  auto log = AccessLog::open("off");
  ASSERT_TRUE(log.ok());
  EXPECT_FALSE((*log)->enabled());
  (*log)->write(sample_entry());
}

TEST(HttpAccessLog, UnopenableFileIsUnavailable) {
  auto log = AccessLog::open("/nonexistent-dir-concord/access.log");
  ASSERT_FALSE(log.ok());
  EXPECT_EQ(log.error().code, ErrorCode::unavailable);
  EXPECT_NE(log.error().message.find("/nonexistent-dir-concord/access.log"), std::string::npos);
}

}  // namespace
}  // namespace concord::http
