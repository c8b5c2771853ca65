// RecordService: weapon records as police gun files keep them. The transactions enter, modify,
// locate (a lost or stolen weapon is found), clear, cancel and confirm (validation) each commit,
// in one transaction, the record, a history row (record_history.h), an audit entry and, when the
// marking index must follow, a change-feed entry (area "registry", entity "weapon": "created" or
// "updated" with a search::IndexedRecord payload, "deleted" with {"id"} when a record is cleared
// or cancelled and so leaves the index). Only the owning state's users write (records.write);
// reads follow the record's sharing (records.read), and every read by a user of another state is
// audited. Records not confirmed within the validation period are listed, and a sweep reminds each
// state at most once per period. Thread-safe: no mutable state of its own.
#pragma once

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "access/audit_trail.h"
#include "access/principal.h"
#include "core/clock.h"
#include "core/id.h"
#include "core/reference_data.h"
#include "core/result.h"
#include "registry/record_fields.h"
#include "registry/record_history.h"
#include "registry/weapon_record.h"
#include "registry/weapon_store.h"
#include "store/attachment_store.h"
#include "store/database.h"

namespace concord::registry {

struct RecordServiceOptions {
  // A record not confirmed (nor entered) within this many days is due for validation.
  int validation_period_days = 365;
  // The largest attachment accepted: the smaller of this and the HTTP body limit applies over the
  // API (serve passes Config::body_limit_bytes here).
  std::int64_t max_attachment_bytes = store::kMaxAttachmentBytes;
};

struct NewRecord {
  std::optional<std::string> external_id;  // generated ("C-" and the record id) when absent
  std::optional<std::string> state;        // defaults to the caller's state
  RecordFields fields;
};

struct Location {
  std::string place;  // required
  std::string on;     // required: ISO 8601 date or date-time, not in the future
  std::string by;     // the agency or officer; defaults to the caller's username
};

struct RecordFilter {
  std::optional<std::string> kind;    // RecordKind name
  std::optional<std::string> status;  // RecordStatus name
  std::string after;                  // the last id of the previous page
  int limit = 100;                    // 1..1000
  // For the system principal, which has no state of its own.
  std::optional<std::string> state;
};

struct RecordPage {
  std::vector<WeaponRecord> records;
  std::optional<std::string> next_after;
};

class RecordService {
 public:
  // All references must outlive the service.
  RecordService(store::Database& db, const ReferenceData& reference, const Clock& clock,
                IdGenerator& ids, const access::AuditTrail& audit,
                RecordServiceOptions options = {});

  const RecordServiceOptions& options() const { return options_; }

  // Transactions. Errors: invalid_argument naming the field; not_found (field "id"); 403 from
  // the policy; conflict (field "status") for a transition the record's kind or status forbids;
  // already_exists (field "external_id") when the state already holds that external_id.
  Result<WeaponRecord> enter(const access::Principal& actor, const NewRecord& input);
  Result<WeaponRecord> modify(const access::Principal& actor, const std::string& id,
                              const RecordFields& changes, const std::string& reason = {});
  // Lost and stolen records only, while active.
  Result<WeaponRecord> locate(const access::Principal& actor, const std::string& id,
                              const Location& location);
  Result<WeaponRecord> clear(const access::Principal& actor, const std::string& id,
                             const std::string& reason);
  // `reason` is required.
  Result<WeaponRecord> cancel(const access::Principal& actor, const std::string& id,
                              const std::string& reason);
  Result<WeaponRecord> confirm(const access::Principal& actor, const std::string& id);

  // Reads. A read by a user of another state is audited.
  Result<WeaponRecord> get(const access::Principal& reader, const std::string& id);
  // The caller's own state's records (filter.state for the system principal), in id order.
  Result<RecordPage> list(const access::Principal& reader, const RecordFilter& filter);
  Result<std::vector<HistoryEntry>> history(const access::Principal& reader, const std::string& id);

  // The caller's state's active or located records whose last confirmation (or entry, when never
  // confirmed) is older than the validation period, oldest first, at most `limit`.
  Result<std::vector<WeaponRecord>> due_for_validation(const access::Principal& reader,
                                                       int limit = 1000,
                                                       std::optional<std::string> state = {});

  // Sends one notification (topic "records.validation_due") to each state with records due and
  // not reminded within the last validation period. Returns how many states were reminded.
  Result<int> send_validation_reminders();

  // Attachments of a record: writing needs records.write on it, reading records.read.
  Result<store::Attachment> attach(const access::Principal& actor, const std::string& id,
                                   const std::string& filename, const std::string& description,
                                   std::vector<unsigned char> bytes);
  Result<std::vector<store::Attachment>> attachments(const access::Principal& reader,
                                                     const std::string& id);
  Result<std::pair<store::Attachment, std::vector<unsigned char>>> attachment(
      const access::Principal& reader, const std::string& attachment_id);

 private:
  // Reads the record, checks records.write on it and `allowed` of its kind and status, applies
  // `change`, stores it with its history, audit entry and feed entry.
  template <typename Change>
  Result<WeaponRecord> transact(const access::Principal& actor, const std::string& id,
                                const std::string& action, const std::string& reason,
                                Change&& change);
  Result<WeaponRecord> readable(store::Transaction& transaction, const access::Principal& reader,
                                const std::string& id);
  Result<void> audit_confidential_read(const access::Principal& reader, const WeaponRecord& record,
                                       const std::string& what);
  std::string due_cutoff() const;

  store::Database& db_;
  const ReferenceData& reference_;
  const Clock& clock_;
  IdGenerator& ids_;
  const access::AuditTrail& audit_;
  RecordServiceOptions options_;
};

}  // namespace concord::registry
