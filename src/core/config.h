// Config: the settings of a Concord process, merged from defaults, a TOML file, the environment
// and command-line flags, each overriding the one before.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/result.h"

namespace concord {

struct Config {
  std::string db = "sqlite:var/concord.db";  // sqlite:PATH or postgresql://...
  std::string listen = "127.0.0.1:8080";     // HOST:PORT; port 0 picks a free one
  int workers = 0;                           // HTTP worker threads; 0 means one per core
  int db_pool_size = 8;                      // connections kept open to the database
  std::int64_t body_limit_bytes = std::int64_t{8} * 1024 * 1024;  // larger bodies get 413
  std::int64_t header_limit_bytes = std::int64_t{16} * 1024;      // larger headers get 431
  int request_timeout_seconds = 30;                               // slower requests get 408
  int shutdown_grace_seconds = 15;  // how long SIGTERM waits for requests in flight
  std::string log_level = "info";   // trace, debug, info, warn, error, off
  std::string access_log = "-";     // "-" for standard output, a file path, or "off"
  std::string iso_codes_dir = "/usr/share/iso-codes/json";
  // Browsers then send the session cookie over HTTPS only. Off by default because the demo serves
  // plain HTTP on loopback; turn it on behind a TLS proxy.
  bool secure_cookies = false;
  // A pair of weapon records whose markings both read as the other at or above this score, in
  // hundredths (80: 0.8), is a cross-check hit (docs/cross-checking.md).
  int cross_check_threshold_percent = 85;

  // Where each setting's value came from: "default", "file PATH", "env NAME" or "flag --NAME".
  std::map<std::string, std::string> origin;
};

// The settings a user can set: their TOML key (also the flag name with '_' as '-'), environment
// variable and help text.
struct ConfigKey {
  std::string name;  // "body_limit_bytes"
  std::string env;   // "CONCORD_BODY_LIMIT_BYTES"
  std::string help;
};
const std::vector<ConfigKey>& config_keys();

// Builds the configuration. `file` is a TOML path (nullopt: none); a named file that does not
// exist is an error. `environment` holds the process environment (only CONCORD_* names are read).
// `flags` maps key names to the values given on the command line.
// Errors name the offending key, e.g. field "listen".
Result<Config> load_config(const std::optional<std::string>& file,
                           const std::map<std::string, std::string>& environment,
                           const std::map<std::string, std::string>& flags);

// The process environment as a map, for load_config.
std::map<std::string, std::string> process_environment();

// The configuration as TOML, each line commented with where its value came from.
std::string to_toml(const Config& config);

// `url` with any password replaced by "****", for logs and --print-config.
std::string redact_credentials(const std::string& url);

// Splits "HOST:PORT" ("[::1]:8080" for IPv6). Errors name `field`.
struct HostPort {
  std::string host;
  std::uint16_t port = 0;
};
Result<HostPort> parse_host_port(const std::string& text, const std::string& field = "listen");

}  // namespace concord
