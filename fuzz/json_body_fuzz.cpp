// Fuzzes the strict JSON body decoder: whatever the bytes, decoding returns a value or an Error
// naming a field, and never crashes, hangs or leaks.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "http/json_body.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view body(reinterpret_cast<const char*>(data), size);
  auto object = concord::http::parse_json_object(body);
  if (!object.ok()) {
    if (object.error().field != "body") __builtin_trap();  // errors here always name the body
    return 0;
  }
  // Read the fields an organisation has, plus nested ones, as the API handlers do.
  concord::http::ObjectReader reader(*object);
  (void)reader.optional_string("name", 1, 200);
  (void)reader.optional_integer("limit", -1000, 1000);
  (void)reader.optional_bool("public");
  auto nested = reader.optional_value("items");
  if (nested.ok() && *nested && (*nested)->is_object()) {
    concord::http::ObjectReader inner(**nested, "items.");
    (void)inner.optional_string("serial", 0, 64);
    (void)inner.finish();
  }
  auto finished = reader.finish();
  if (!finished.ok() && finished.error().field.empty()) __builtin_trap();
  return 0;
}
