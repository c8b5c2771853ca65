#include "http/access_log.h"

#include <cerrno>
#include <cmath>
#include <cstring>
#include <nlohmann/json.hpp>
#include <system_error>

namespace concord::http {

std::string format_access_log_line(const AccessLogEntry& entry) {
  const nlohmann::json line = {
      {"time", format_iso8601(entry.time)},
      {"request_id", entry.request_id},
      {"remote", entry.remote},
      {"method", entry.method},
      {"path", entry.path},
      {"route", entry.route},
      {"status", entry.status},
      {"bytes_sent", entry.bytes_sent},
      // Microsecond precision is plenty and keeps lines short.
      {"duration_ms", std::round(entry.duration_ms * 1000) / 1000},
  };
  return line.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

Result<std::unique_ptr<AccessLog>> AccessLog::open(const std::string& destination) {
  if (destination == "off") return std::make_unique<AccessLog>(Key(), nullptr, false);
  if (destination == "-") return std::make_unique<AccessLog>(Key(), stdout, false);
  std::FILE* file = std::fopen(destination.c_str(), "a");  // "a": O_APPEND, atomic appends
  if (file == nullptr) {
    return Error::unavailable("cannot open access log " + destination + ": " +
                              std::error_code(errno, std::system_category()).message());
  }
  return std::make_unique<AccessLog>(Key(), file, true);
}

AccessLog::~AccessLog() {
  if (owned_ && file_ != nullptr) std::fclose(file_);
}

void AccessLog::write(const AccessLogEntry& entry) {
  if (file_ == nullptr) return;
  std::string line = format_access_log_line(entry);
  line += '\n';
  std::lock_guard lock(mutex_);
  std::fwrite(line.data(), 1, line.size(), file_);
  std::fflush(file_);
}

}  // namespace concord::http
