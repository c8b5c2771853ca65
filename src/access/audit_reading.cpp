#include "access/audit_reading.h"

#include "access/policy.h"

namespace concord::access {

Result<std::vector<AuditEntry>> read_audit_entries(const AuditTrail& trail, store::Database& db,
                                                   const Principal& reader,
                                                   const std::string& since,
                                                   std::optional<std::string> state, int limit) {
  if (!reader.has(Role::operator_) && reader.credential != Credential::system) {
    if (!state) state = reader.state;
    if (!state)
      return Error{ErrorCode::permission_denied, "name the state whose entries to read", "state"};
    // The entries about a state's records are that state's private records.
    const RecordAccess record{*state, Sharing::private_, {}};
    CONCORD_TRY(authorize(reader, "audit.read", &record));
  } else {
    CONCORD_TRY(authorize(reader, "audit.read"));
  }
  std::vector<AuditEntry> entries;
  CONCORD_TRY(trail.export_entries(db, since, state, [&](const AuditEntry& entry) {
    if (static_cast<int>(entries.size()) < limit) entries.push_back(entry);
  }));
  return entries;
}

}  // namespace concord::access
