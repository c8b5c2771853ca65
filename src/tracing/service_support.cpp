#include "tracing/service_support.h"

#include "registry/weapon_json.h"
#include "registry/weapon_store.h"
#include "tracing/due_dates.h"

namespace concord::tracing {

Result<std::string> acting_state(const access::Principal& principal) {
  if (principal.state && !principal.state->empty()) return *principal.state;
  return Error{ErrorCode::permission_denied,
               "tracing requests are sent and answered by states, and your account acts for none",
               {}};
}

Error not_shared() {
  return {ErrorCode::permission_denied, "this tracing request is not shared with your state", {}};
}

Result<void> check_side(const TracingRequest& request, const std::string& state, Party side) {
  if (!request.is_party(state)) return not_shared();
  if (side == Party::requesting && state != request.requesting_state) {
    return Error{ErrorCode::permission_denied,
                 "only the requesting state (" + request.requesting_state + ") may do this",
                 {}};
  }
  if (side == Party::addressed) {
    const Leg* leg = request.leg_to(state);
    if (leg == nullptr || leg->status == LegStatus::draft) {
      return Error{
          ErrorCode::permission_denied, "only a state the request is addressed to may do this", {}};
    }
  }
  return ok();
}

Result<registry::WeaponRecord> own_record(store::Transaction& transaction, const std::string& state,
                                          const std::string& record_id) {
  const Error missing =
      Error::not_found("record_id", state + " holds no weapon record " + record_id.substr(0, 40));
  auto record = registry::get_weapon(transaction, record_id);
  if (!record.ok()) {
    if (record.error().code == ErrorCode::not_found) return missing;
    return std::move(record).error();
  }
  if (record->state != state) return missing;
  return std::move(record).value();
}

nlohmann::json weapon_snapshot(const registry::WeaponRecord& record, const std::string& copied_at) {
  nlohmann::json snapshot = registry::weapon_description_json(record);
  snapshot["record_id"] = record.id;
  snapshot["record_kind"] = registry::to_string(record.kind);
  snapshot["copied_at"] = copied_at;
  return snapshot;
}

nlohmann::json feed_payload(const TracingRequest& request) {
  nlohmann::json legs = nlohmann::json::array();
  for (const auto& leg : request.legs) {
    legs.push_back({{"to_state", leg.to_state}, {"status", to_string(leg.status)}});
  }
  return {{"id", request.id},
          {"requesting_state", request.requesting_state},
          {"status", to_string(request.status)},
          {"legs", legs}};
}

nlohmann::json notification_payload(const TracingRequest& request) {
  nlohmann::json legs = nlohmann::json::array();
  for (const auto& leg : request.legs) {
    if (leg.status == LegStatus::draft) continue;
    legs.push_back({{"from_state", leg.from_state},
                    {"to_state", leg.to_state},
                    {"status", to_string(leg.status)},
                    {"acknowledge_due_at", leg.acknowledge_due_at},
                    {"answer_due_at", leg.answer_due_at}});
  }
  return {{"request_id", request.id},
          {"requesting_state", request.requesting_state},
          {"priority", to_string(request.content.priority)},
          {"status", to_string(request.status)},
          {"legs", legs}};
}

}  // namespace concord::tracing
