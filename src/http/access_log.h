// AccessLog: one JSON line per answered request, for operators and log shippers.
//
//   {"time":"2026-11-22T18:27:47.123Z","request_id":"01J...","remote":"127.0.0.1","method":"GET",
//    "path":"/api/v1/states/FR","route":"/api/v1/states/{alpha2}","status":200,"bytes_sent":512,
//    "duration_ms":1.25}
//
// The path is logged without its query string, which may carry sensitive search text.
// Thread-safe: each line is written whole under a mutex and flushed, and a file is opened in
// append mode so that lines from several processes do not interleave.
#pragma once

#include <cstdint>
#include <cstdio>
#include <memory>
#include <mutex>
#include <string>

#include "core/clock.h"
#include "core/result.h"

namespace concord::http {

struct AccessLogEntry {
  TimePoint time;  // when the answer was sent
  std::string request_id;
  std::string remote;
  std::string method;
  std::string path;   // decoded path, no query string
  std::string route;  // the matched pattern, or "unmatched"
  int status = 0;
  std::uint64_t bytes_sent = 0;  // status line, headers and body
  double duration_ms = 0;
};

// The JSON object of one entry, without the newline. Invalid UTF-8 in the path is replaced
// rather than refused: a log line must never fail.
std::string format_access_log_line(const AccessLogEntry& entry);

class AccessLog {
 public:
  // `destination`: "-" standard output, "off" nothing, otherwise a file appended to (created
  // when missing). Fails (unavailable) when the file cannot be opened.
  static Result<std::unique_ptr<AccessLog>> open(const std::string& destination);

  // Only open() can make the key, so the constructor is reachable by make_unique but not by users.
  class Key {
    friend class AccessLog;
    Key() = default;
  };
  AccessLog(Key, std::FILE* file, bool owned) : file_(file), owned_(owned) {}
  ~AccessLog();
  AccessLog(const AccessLog&) = delete;
  AccessLog& operator=(const AccessLog&) = delete;

  bool enabled() const { return file_ != nullptr; }
  void write(const AccessLogEntry& entry);

 private:
  std::mutex mutex_;
  std::FILE* file_;  // null when off
  bool owned_;       // false for stdout
};

}  // namespace concord::http
