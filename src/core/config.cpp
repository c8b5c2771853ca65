#include "core/config.h"

#include <toml++/toml.h>

#include <charconv>
#include <cstdio>
#include <functional>
#include <sstream>

extern char** environ;

namespace concord {
namespace {

// How each key reads its value from text and writes it back, in one table so that the file,
// the environment and the flags all share one parser.
struct KeyBinding {
  ConfigKey key;
  std::function<Result<void>(Config&, const std::string&)> set;
  std::function<std::string(const Config&)> get;
  bool quoted;  // a TOML string, not a number
};

template <typename Int>
Result<void> parse_integer(const std::string& text, const std::string& key, Int min, Int max,
                           Int& out) {
  Int value{};
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc{} || end != text.data() + text.size()) {
    return Error::invalid(key, key + " must be a whole number, got '" + text + "'");
  }
  if (value < min || value > max) {
    return Error::invalid(key, key + " must be between " + std::to_string(min) + " and " +
                                   std::to_string(max) + ", got " + text);
  }
  out = value;
  return ok();
}

// A TOML basic string: double quotes, with backslash escapes for what needs them.
std::string quote(const std::string& value) {
  std::string out = "\"";
  for (char c : value) {
    if (c == '"' || c == '\\') {
      out += '\\';
      out += c;
    } else if (static_cast<unsigned char>(c) < 0x20) {
      char escaped[8];
      std::snprintf(escaped, sizeof escaped, "\\u%04x", static_cast<unsigned>(c));
      out += escaped;
    } else {
      out += c;
    }
  }
  return out + "\"";
}

// "body_limit_bytes" -> "CONCORD_BODY_LIMIT_BYTES"
std::string env_name(const std::string& name) {
  std::string env = "CONCORD_" + name;
  for (char& c : env)
    c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return env;
}

KeyBinding string_key(
    std::string name, std::string help, std::string Config::*member,
    const std::function<Result<void>(const std::string&, const std::string&)>& check = {}) {
  return {{name, env_name(name), std::move(help)},
          [name, member, check](Config& config, const std::string& text) -> Result<void> {
            if (check) CONCORD_TRY(check(name, text));
            config.*member = text;
            return ok();
          },
          [member](const Config& config) { return config.*member; },
          true};
}

template <typename Int>
KeyBinding integer_key(std::string name, std::string help, Int Config::*member, Int min, Int max) {
  return {{name, env_name(name), std::move(help)},
          [name, member, min, max](Config& config, const std::string& text) {
            return parse_integer<Int>(text, name, min, max, config.*member);
          },
          [member](const Config& config) { return std::to_string(config.*member); },
          false};
}

KeyBinding bool_key(std::string name, std::string help, bool Config::*member) {
  return {{name, env_name(name), std::move(help)},
          [name, member](Config& config, const std::string& text) -> Result<void> {
            if (text != "true" && text != "false") {
              return Error::invalid(name, name + " must be true or false, got '" + text + "'");
            }
            config.*member = text == "true";
            return ok();
          },
          [member](const Config& config) { return std::string(config.*member ? "true" : "false"); },
          false};
}

Result<void> check_db(const std::string& key, const std::string& text) {
  if (text.starts_with("sqlite:") && text.size() > 7) return ok();
  if (text.starts_with("postgresql://") || text.starts_with("postgres://")) return ok();
  return Error::invalid(key, key + " must be sqlite:PATH or postgresql://..., got '" + text + "'");
}

Result<void> check_listen(const std::string& key, const std::string& text) {
  auto parsed = parse_host_port(text, key);
  if (!parsed.ok()) return parsed.error();
  return ok();
}

Result<void> check_log_level(const std::string& key, const std::string& text) {
  for (const char* level : {"trace", "debug", "info", "warn", "error", "off"}) {
    if (text == level) return ok();
  }
  return Error::invalid(key, key + " must be one of trace, debug, info, warn, error, off");
}

const std::vector<KeyBinding>& bindings() {
  static const std::vector<KeyBinding> table = {
      string_key("db", "database: sqlite:PATH or postgresql://user@host:port/name", &Config::db,
                 check_db),
      string_key("listen", "address to serve on, HOST:PORT (port 0 picks a free port)",
                 &Config::listen, check_listen),
      integer_key("workers", "HTTP worker threads; 0 means one per core", &Config::workers, 0, 256),
      integer_key("db_pool_size", "database connections kept open", &Config::db_pool_size, 1, 256),
      integer_key<std::int64_t>("body_limit_bytes", "largest request body accepted (413 above)",
                                &Config::body_limit_bytes, 1024, std::int64_t{1} << 32),
      integer_key<std::int64_t>("header_limit_bytes", "largest request header accepted (431 above)",
                                &Config::header_limit_bytes, 1024, std::int64_t{1024} * 1024),
      integer_key("request_timeout_seconds", "time allowed to receive a request (408 after)",
                  &Config::request_timeout_seconds, 1, 3600),
      integer_key("shutdown_grace_seconds", "time SIGTERM waits for requests in flight",
                  &Config::shutdown_grace_seconds, 0, 3600),
      string_key("log_level", "trace, debug, info, warn, error or off", &Config::log_level,
                 check_log_level),
      string_key("access_log", "JSON-lines access log: - for standard output, a path, or off",
                 &Config::access_log),
      string_key("iso_codes_dir", "Debian iso-codes JSON directory (countries, currencies)",
                 &Config::iso_codes_dir),
      bool_key("secure_cookies",
               "mark the session cookie Secure (true whenever users reach Concord over HTTPS)",
               &Config::secure_cookies),
      integer_key("cross_check_threshold_percent",
                  "score, in hundredths, at which two weapon records make a cross-check hit",
                  &Config::cross_check_threshold_percent, 1, 100),
  };
  return table;
}

std::string toml_scalar_to_text(const toml::node& node) {
  if (auto s = node.as_string()) return s->get();
  if (auto i = node.as_integer()) return std::to_string(i->get());
  if (auto b = node.as_boolean()) return b->get() ? "true" : "false";
  return {};
}

}  // namespace

const std::vector<ConfigKey>& config_keys() {
  static const std::vector<ConfigKey> keys = [] {
    std::vector<ConfigKey> out;
    for (const auto& binding : bindings())
      out.push_back(binding.key);
    return out;
  }();
  return keys;
}

Result<Config> load_config(const std::optional<std::string>& file,
                           const std::map<std::string, std::string>& environment,
                           const std::map<std::string, std::string>& flags) {
  Config config;
  for (const auto& binding : bindings())
    config.origin[binding.key.name] = "default";

  if (file) {
    toml::table parsed;
    try {  // toml++ reports parse failures by exception; they stop at this edge
      parsed = toml::parse_file(*file);
    } catch (const toml::parse_error& failure) {
      return Error::invalid("config", "cannot read config file " + *file + ": " +
                                          std::string(failure.description()) + " at line " +
                                          std::to_string(failure.source().begin.line));
    }
    for (const auto& [key, node] : parsed) {
      const std::string name(key.str());
      auto binding = std::find_if(bindings().begin(), bindings().end(),
                                  [&](const KeyBinding& b) { return b.key.name == name; });
      if (binding == bindings().end()) {
        return Error::invalid(name, "unknown setting '" + name + "' in " + *file);
      }
      const std::string text = toml_scalar_to_text(node);
      if (text.empty() && !node.is_string()) {
        return Error::invalid(name, name + " in " + *file + " must be a string or a number");
      }
      CONCORD_TRY(binding->set(config, text));
      config.origin[name] = "file " + *file;
    }
  }
  for (const auto& binding : bindings()) {
    auto found = environment.find(binding.key.env);
    if (found == environment.end()) continue;
    CONCORD_TRY(binding.set(config, found->second));
    config.origin[binding.key.name] = "env " + binding.key.env;
  }
  for (const auto& [name, value] : flags) {
    auto binding = std::find_if(bindings().begin(), bindings().end(),
                                [&](const KeyBinding& b) { return b.key.name == name; });
    if (binding == bindings().end()) return Error::invalid(name, "unknown setting '" + name + "'");
    CONCORD_TRY(binding->set(config, value));
    std::string flag = name;
    std::replace(flag.begin(), flag.end(), '_', '-');
    config.origin[name] = "flag --" + flag;
  }
  return config;
}

std::map<std::string, std::string> process_environment() {
  std::map<std::string, std::string> out;
  for (char** entry = environ; entry && *entry; ++entry) {
    std::string_view text(*entry);
    auto equals = text.find('=');
    if (equals != std::string_view::npos && text.starts_with("CONCORD_")) {
      out.emplace(text.substr(0, equals), text.substr(equals + 1));
    }
  }
  return out;
}

std::string to_toml(const Config& config) {
  std::ostringstream out;
  for (const auto& binding : bindings()) {
    std::string value = binding.get(config);
    if (binding.key.name == "db") value = redact_credentials(value);
    out << "# " << binding.key.help << " (from " << config.origin.at(binding.key.name) << ")\n"
        << binding.key.name << " = " << (binding.quoted ? quote(value) : value) << "\n";
  }
  return out.str();
}

std::string redact_credentials(const std::string& url) {
  // postgresql://user:secret@host/db -> postgresql://user:****@host/db
  const auto scheme = url.find("://");
  if (scheme == std::string::npos) return url;
  const auto at = url.find('@', scheme + 3);
  if (at == std::string::npos) return url;
  const auto colon = url.find(':', scheme + 3);
  if (colon == std::string::npos || colon > at) return url;
  return url.substr(0, colon + 1) + "****" + url.substr(at);
}

Result<HostPort> parse_host_port(const std::string& text, const std::string& field) {
  const auto colon = text.rfind(':');
  if (colon == std::string::npos || colon == 0 || colon + 1 == text.size()) {
    return Error::invalid(field, field + " must be HOST:PORT, got '" + text + "'");
  }
  HostPort result;
  result.host = text.substr(0, colon);
  if (result.host.size() > 2 && result.host.front() == '[' && result.host.back() == ']') {
    result.host = result.host.substr(1, result.host.size() - 2);
  }
  CONCORD_TRY(parse_integer<std::uint16_t>(text.substr(colon + 1), field, 0, 65535, result.port));
  return result;
}

}  // namespace concord
