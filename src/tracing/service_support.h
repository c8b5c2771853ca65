// Helpers the TracingService's files share: who acts for which state and on which side, the
// refusals, the weapon snapshot, and the JSON put on the change feed and in notifications (which
// hold only what every party may see: statuses and due dates, never the contents).
#pragma once

#include <nlohmann/json.hpp>
#include <string>

#include "access/principal.h"
#include "core/result.h"
#include "registry/weapon_record.h"
#include "store/database.h"
#include "tracing/lifecycle.h"
#include "tracing/text_fields.h"
#include "tracing/tracing_request.h"

namespace concord::tracing {

inline constexpr size_t kMaxAddressees = 20;
inline constexpr size_t kMaxMessageLength = 8000;
inline constexpr int kMaxPageSize = 200;

// The state the principal acts for, or permission_denied when it belongs to none.
Result<std::string> acting_state(const access::Principal& principal);

// permission_denied: "this tracing request is not shared with your state".
Error not_shared();

// Whether `state` may act on `request` as `side`: the requesting state, or a state addressed by a
// leg that left draft. permission_denied saying which side may act otherwise.
Result<void> check_side(const TracingRequest& request, const std::string& state, Party side);

// The weapon record `record_id` when `state` owns it; not_found (field "record_id") otherwise, so
// that another state's records look like records that do not exist.
Result<registry::WeaponRecord> own_record(store::Transaction& transaction, const std::string& state,
                                          const std::string& record_id);

// What the request keeps of the record when sent: the ITI description with every marking
// (registry::weapon_description_json), plus the record's id and kind and when it was copied.
nlohmann::json weapon_snapshot(const registry::WeaponRecord& record, const std::string& copied_at);

// {"id", "requesting_state", "status", "legs": [{"to_state", "status"}]}
nlohmann::json feed_payload(const TracingRequest& request);

// {"request_id", "requesting_state", "priority", "status", "legs": [{"from_state", "to_state",
// "status", "acknowledge_due_at", "answer_due_at"}]}
nlohmann::json notification_payload(const TracingRequest& request);

}  // namespace concord::tracing
