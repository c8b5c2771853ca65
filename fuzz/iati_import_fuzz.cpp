// Fuzzes the IATI activity file reader (`POST /api/v1/assistance/iati/import`,
// `concord import iati`): whatever the bytes, it answers a document or an error on the field
// "xml" with a message; every flow it reads is one Concord can store (a known country, sector
// 15240 or 15250, a non-negative amount in a known currency, a real date); and those flows,
// written out as IATI 2.03 and read again, come back the same.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "assistance/iati_export.h"
#include "assistance/iati_import.h"

namespace {

const concord::ReferenceData& reference() {
  static const auto loaded = concord::ReferenceData::load("/usr/share/iso-codes/json");
  if (!loaded.ok()) __builtin_trap();
  return **loaded;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace concord::assistance;
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  auto document = parse_iati_activities(text, reference());
  if (!document.ok()) {
    if (document.error().field != "xml" || document.error().message.empty()) __builtin_trap();
    return 0;
  }
  IatiExportInput input;
  input.generated_at = "2027-01-01T00:00:00Z";
  for (const IatiFlow& flow : document->flows) {
    if (flow.amount_minor < 0 || flow.activity.empty() || flow.value_date.size() != 10 ||
        reference().country(flow.recipient_state) == nullptr ||
        reference().currency(flow.currency) == nullptr ||
        (flow.sector != "15240" && flow.sector != "15250") ||
        dac_sector(flow.theme) != flow.sector) {
      __builtin_trap();
    }
    concord::assistance::FundingFlow stored;
    stored.kind = flow.kind;
    stored.donor = {DonorType::state, "FR"};
    stored.recipient_state = flow.recipient_state;
    stored.activity = flow.activity;
    stored.theme = flow.theme;
    stored.sector = flow.sector;
    stored.budget_year = flow.budget_year;
    stored.amount_minor = flow.amount_minor;
    stored.currency = flow.currency;
    stored.value_date = flow.value_date;
    stored.description = flow.description;
    input.flows.push_back(stored);
  }
  auto written = write_iati_activities(input, reference());
  if (!written.ok()) {
    // Budgets that overflow are refused in words; anything else is a bug.
    if (written.error().code != concord::ErrorCode::invalid_argument) __builtin_trap();
    return 0;
  }
  if (input.flows.empty()) return 0;
  auto again = parse_iati_activities(*written, reference());
  if (!again.ok() || again->flows.size() != document->flows.size()) __builtin_trap();
  return 0;
}
