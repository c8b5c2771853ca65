#include "operations/treaty_deadline.h"

#include "core/enum_names.h"

namespace concord::operations {
namespace {

constexpr EnumNames<Instrument, 2> kInstrumentNames({{
    {Instrument::ccm, "ccm"},
    {Instrument::apmbc, "apmbc"},
}});

constexpr EnumNames<DeadlineObligation, 2> kObligationNames({{
    {DeadlineObligation::stockpile_destruction, "stockpile_destruction"},
    {DeadlineObligation::clearance, "clearance"},
}});

}  // namespace

std::string_view to_string(Instrument instrument) {
  return kInstrumentNames.name(instrument);
}
std::optional<Instrument> instrument_from_string(std::string_view text) {
  return kInstrumentNames.parse(text);
}
std::string instruments_list() {
  return kInstrumentNames.list();
}

std::string_view to_string(DeadlineObligation obligation) {
  return kObligationNames.name(obligation);
}
std::optional<DeadlineObligation> deadline_obligation_from_string(std::string_view text) {
  return kObligationNames.parse(text);
}
std::string deadline_obligations_list() {
  return kObligationNames.list();
}

}  // namespace concord::operations
