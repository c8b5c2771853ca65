#include "operations/operations_writes.h"

#include "access/policy.h"
#include "store/change_feed.h"

namespace concord::operations {

Result<void> check_known_state(const ReferenceData& reference, const std::string& state) {
  if (reference.country(state) == nullptr) {
    return Error::invalid(
        "state", "unknown state '" + state + "': give an ISO 3166-1 alpha-2 code such as \"KH\"");
  }
  return ok();
}

Result<void> check_state_write(store::Database& db, const access::AuditTrail& audit,
                               const ReferenceData& reference, const access::Principal& actor,
                               std::string_view action, const std::string& state) {
  CONCORD_TRY(check_known_state(reference, state));
  const access::RecordAccess owned{state, access::Sharing::public_, {}};
  auto allowed = access::authorize(actor, action, &owned);
  if (!allowed.ok()) {
    // Its own transaction: the caller has not opened one yet.
    (void)audit.record(db, actor,
                       {std::string(action), "state", state, state, access::Outcome::denied,
                        nlohmann::json{{"reason", allowed.error().message}}.dump()});
    if (allowed.error().code == ErrorCode::permission_denied) {
      return Error{ErrorCode::permission_denied,
                   "only users of " + state + " can record its operations data",
                   {}};
    }
    return allowed.error();
  }
  return ok();
}

Result<void> record_operations_write(store::Transaction& transaction,
                                     const access::AuditTrail& audit, const Clock& clock,
                                     const access::Principal& actor, std::string_view action,
                                     std::string_view kind, const std::string& id,
                                     const std::string& state, std::string_view change,
                                     const nlohmann::ordered_json& payload) {
  CONCORD_TRY(audit.record(
      transaction, actor,
      {std::string(action), std::string(kind), id, state, access::Outcome::success,
       nlohmann::ordered_json{{"change", change}, {std::string(kind), payload}}.dump()}));
  // Last: on PostgreSQL the feed's lock is held until commit.
  CONCORD_TRY(store::append_change(
      transaction, {0, format_iso8601(clock.now()), "operations", std::string(kind), id,
                    std::string(change), payload.dump()}));
  return ok();
}

}  // namespace concord::operations
