#include "tracing/tracing_request.h"

#include <algorithm>

#include "core/enum_names.h"

namespace concord::tracing {
namespace {

constexpr EnumNames<RequestStatus, 3> kRequestStatusNames({{
    {RequestStatus::draft, "draft"},
    {RequestStatus::open, "open"},
    {RequestStatus::closed, "closed"},
}});

constexpr EnumNames<MessageKind, 3> kMessageKindNames({{
    {MessageKind::message, "message"},
    {MessageKind::information_request, "information_request"},
    {MessageKind::information_response, "information_response"},
}});

}  // namespace

std::string_view to_string(RequestStatus status) {
  return kRequestStatusNames.name(status);
}
std::optional<RequestStatus> request_status_from_string(std::string_view text) {
  return kRequestStatusNames.parse(text);
}
std::string_view to_string(MessageKind kind) {
  return kMessageKindNames.name(kind);
}
std::optional<MessageKind> message_kind_from_string(std::string_view text) {
  return kMessageKindNames.parse(text);
}

const Leg* TracingRequest::leg_to(std::string_view state) const {
  auto found =
      std::find_if(legs.begin(), legs.end(), [&](const Leg& leg) { return leg.to_state == state; });
  return found == legs.end() ? nullptr : &*found;
}

Leg* TracingRequest::leg_to(std::string_view state) {
  auto found =
      std::find_if(legs.begin(), legs.end(), [&](const Leg& leg) { return leg.to_state == state; });
  return found == legs.end() ? nullptr : &*found;
}

bool TracingRequest::is_party(std::string_view state) const {
  if (state == requesting_state) return true;
  const Leg* leg = leg_to(state);
  return leg != nullptr && leg->status != LegStatus::draft;
}

}  // namespace concord::tracing
