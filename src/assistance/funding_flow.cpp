#include "assistance/funding_flow.h"

#include "core/enum_names.h"

namespace concord::assistance {
namespace {

constexpr EnumNames<FlowKind, 4> kFlowKindNames({{
    {FlowKind::pledge, "pledge"},
    {FlowKind::commitment, "commitment"},
    {FlowKind::disbursement, "disbursement"},
    {FlowKind::expenditure, "expenditure"},
}});

constexpr EnumNames<FlowStatus, 2> kFlowStatusNames({{
    {FlowStatus::active, "active"},
    {FlowStatus::withdrawn, "withdrawn"},
}});

}  // namespace

std::string_view to_string(FlowKind kind) {
  return kFlowKindNames.name(kind);
}
std::optional<FlowKind> flow_kind_from_string(std::string_view text) {
  return kFlowKindNames.parse(text);
}
std::string flow_kinds_list() {
  return kFlowKindNames.list();
}
std::string_view to_string(FlowStatus status) {
  return kFlowStatusNames.name(status);
}
std::optional<FlowStatus> flow_status_from_string(std::string_view text) {
  return kFlowStatusNames.parse(text);
}

}  // namespace concord::assistance
