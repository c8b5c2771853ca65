// AuditTrail: the append-only, hash-chained record of every change and every read of a
// confidential record. Each entry's hash is BLAKE2b(previous hash || canonical entry), so an
// edited, removed or reordered entry breaks the chain at that entry, and `verify()` names it.
#pragma once

#include <cstdint>
#include <functional>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "access/principal.h"
#include "core/clock.h"
#include "core/result.h"
#include "store/database.h"

namespace concord::access {

enum class Outcome { success, denied, failed };
std::string_view to_string(Outcome outcome);

// What happened, written by services inside the transaction of the change it records, so that a
// change and its audit entry commit together or not at all.
struct AuditEvent {
  std::string action;       // the policy action: "organisations.create", "session.sign_in"
  std::string target_kind;  // "organisation", "user", "weapon_record"
  std::string target_id;    // the record's id; empty when there is none
  std::optional<std::string> target_state;  // the owning state of the target, for who may read it
  Outcome outcome = Outcome::success;
  std::string details;  // JSON object text with what else matters; never secrets
};

struct AuditEntry {
  std::int64_t sequence = 0;  // position in the chain, from 1
  std::string recorded_at;    // ISO 8601 UTC
  std::string actor_user_id;  // empty for anonymous and system
  std::string actor_username;
  std::optional<std::string> actor_state;
  std::string action;
  std::string target_kind;
  std::string target_id;
  std::optional<std::string> target_state;
  std::string outcome;
  std::string client_address;
  std::string request_id;
  std::string details;
  std::string previous_hash;  // hex; 64 zeros for the first entry
  std::string hash;           // hex BLAKE2b-256
};

struct AuditVerification {
  std::int64_t entries_checked = 0;
  // The first entry whose hash does not match its content and predecessor (edited, removed or
  // reordered), or nullopt when the whole chain holds.
  std::optional<std::int64_t> first_broken_sequence;
  std::string problem;  // what is wrong with it, in words
};

// Thread-safe: holds no mutable state.
class AuditTrail {
 public:
  explicit AuditTrail(const Clock& clock) : clock_(clock) {}

  // Appends one entry for `actor` inside `transaction`. On PostgreSQL it takes a transaction-scoped
  // advisory lock so that entries chain in commit order.
  Result<void> record(store::Transaction& transaction, const Principal& actor,
                      const AuditEvent& event) const;

  // Appends one entry in a transaction of its own (for refusals and reads, which change nothing
  // else).
  Result<void> record(store::Database& db, const Principal& actor, const AuditEvent& event) const;

  // Recomputes the whole chain in order.
  Result<AuditVerification> verify(store::Database& db) const;

  // Entries recorded at or after `since` (ISO 8601), oldest first, passed one by one to `sink`.
  // With `target_state`, only entries about that state's records.
  Result<std::int64_t> export_entries(store::Database& db, const std::string& since,
                                      const std::optional<std::string>& target_state,
                                      const std::function<void(const AuditEntry&)>& sink) const;

  // Entries about one target, newest first, at most `limit`.
  Result<std::vector<AuditEntry>> entries_for_target(store::Database& db,
                                                     const std::string& target_kind,
                                                     const std::string& target_id, int limit) const;

 private:
  const Clock& clock_;
};

// An entry as a JSON object for export and the API: every field including `hash`, with
// `details` nested as the object it holds (kept as a string if it does not parse, as in an
// edited row) so that log tools can index its fields.
nlohmann::ordered_json audit_entry_json(const AuditEntry& entry);

// The canonical text that is hashed: the entry's fields (all but `hash`) as compact JSON with keys
// in a fixed order. Exposed for tests and external verifiers.
std::string canonical_audit_text(const AuditEntry& entry);

}  // namespace concord::access
