// Fuzzes the readers of the operations records that the API and the CLI share: the stockpile,
// deadline and victim-service bodies and the casualty batch (a JSON object), and a casualty file
// in CSV. Whatever the bytes, each ends without crashing; a refusal is invalid_argument naming a
// field; an accepted record validates, and an accepted batch holds between 1 and
// kMaxCasualtyBatch rows that each validate.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "core/json_text.h"
#include "operations/casualty_json.h"
#include "operations/stockpile_json.h"

namespace {

using namespace concord::operations;

void check_refusal(const concord::Error& error) {
  if (error.code != concord::ErrorCode::invalid_argument || error.message.empty() ||
      error.field.empty()) {
    __builtin_trap();
  }
}

template <typename Record>
void check_record(const concord::Result<Record>& record) {
  if (!record.ok()) return check_refusal(record.error());
  if (!validate(*record).ok()) __builtin_trap();
}

void check_rows(const concord::Result<std::vector<CasualtyCount>>& rows) {
  if (!rows.ok()) return check_refusal(rows.error());
  if (rows->empty() || rows->size() > kMaxCasualtyBatch) __builtin_trap();
  for (const auto& row : *rows) {
    if (!validate(row).ok()) __builtin_trap();
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  check_rows(casualty_rows_from_csv(text));

  auto object = concord::parse_json_object(text, "a request body", 8);
  if (!object.ok()) return 0;
  check_record(declaration_from_json(*object, "LA"));
  check_record(destruction_from_json(*object, "LA"));
  check_record(retained_from_json(*object, "LA"));
  auto deadline = deadline_from_json(*object, "LA");
  if (!deadline.ok()) check_refusal(deadline.error());
  auto service = victim_service_from_json(*object, "LA");
  if (!service.ok()) {
    check_refusal(service.error());
  } else if (service->people_in_need <= 0 || service->people_reached < 0) {
    __builtin_trap();
  }
  check_rows(casualty_batch_from_json(*object));
  return 0;
}
