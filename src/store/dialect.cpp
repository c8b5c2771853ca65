// Dialect: placeholder substitution for migrations written once for both backends.
#include "store/dialect.h"

#include <array>
#include <utility>

namespace concord::store {
namespace {

struct Placeholder {
  std::string_view name;
  std::string_view sqlite;
  std::string_view postgres;
};

// Keep in step with the list in dialect.h.
constexpr std::array<Placeholder, 2> placeholders = {{
    {"{{sequence_key}}", "INTEGER PRIMARY KEY AUTOINCREMENT",
     "BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY"},
    {"{{blob}}", "BLOB", "BYTEA"},
}};

}  // namespace

std::string apply_dialect(std::string_view sql, Backend backend) {
  std::string out;
  out.reserve(sql.size() + 64);
  size_t at = 0;
  while (at < sql.size()) {
    size_t open = sql.find("{{", at);
    if (open == std::string_view::npos) break;
    out.append(sql.substr(at, open - at));
    bool replaced = false;
    for (const Placeholder& placeholder : placeholders) {
      if (sql.substr(open).starts_with(placeholder.name)) {
        out.append(backend == Backend::sqlite ? placeholder.sqlite : placeholder.postgres);
        at = open + placeholder.name.size();
        replaced = true;
        break;
      }
    }
    if (!replaced) {
      // Unknown placeholders stay as written, so the database reports them as a syntax error.
      out.append("{{");
      at = open + 2;
    }
  }
  out.append(sql.substr(at));
  return out;
}

}  // namespace concord::store
