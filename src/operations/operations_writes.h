// The one way an operations service checks and records a write, shared by the stockpile, hazard
// and casualty services: who may write a state's records, and the audit entry plus change-feed
// entry (area "operations") that go in the write's own transaction.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "access/audit_trail.h"
#include "access/principal.h"
#include "core/clock.h"
#include "core/reference_data.h"
#include "core/result.h"
#include "store/database.h"

namespace concord::operations {

// The write action every operations record is made under.
inline constexpr std::string_view kRecordAction = "operations.record";

// ok when `state` is an ISO 3166-1 alpha-2 code of `reference`, else invalid_argument on "state".
Result<void> check_known_state(const ReferenceData& reference, const std::string& state);

// Whether `actor` may record `action` for `state`: `state` must be an ISO 3166-1 alpha-2 code of
// `reference` (invalid_argument on "state" otherwise), and the actor must act for it (the
// system principal acts for any state; a user only for their own: permission_denied naming the
// state otherwise). A refusal is audited (outcome denied) in a transaction of its own.
Result<void> check_state_write(store::Database& db, const access::AuditTrail& audit,
                               const ReferenceData& reference, const access::Principal& actor,
                               std::string_view action, const std::string& state);

// Appends the audit entry (outcome success, payload {"change": change, kind: payload}) and then
// the change-feed entry, inside `transaction`. The feed entry must come last (see
// store/change_feed.h).
Result<void> record_operations_write(store::Transaction& transaction,
                                     const access::AuditTrail& audit, const Clock& clock,
                                     const access::Principal& actor, std::string_view action,
                                     std::string_view kind, const std::string& id,
                                     const std::string& state, std::string_view change,
                                     const nlohmann::ordered_json& payload);

}  // namespace concord::operations
