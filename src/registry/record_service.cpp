#include "registry/record_service.h"

#include <chrono>
#include <nlohmann/json.hpp>

#include "access/policy.h"
#include "core/text.h"
#include "notification/notification.h"
#include "registry/weapon_reference.h"
#include "search/indexed_record.h"
#include "store/change_feed.h"

namespace concord::registry {
namespace {

using store::Transaction;
using store::TransactionMode;

constexpr std::size_t kMaxShortText = 200;
constexpr std::size_t kMaxReason = 2000;
constexpr int kMaxListLimit = 1000;

Error transition_refused(std::string message) {
  return {ErrorCode::conflict, std::move(message), "status"};
}

bool is_open(RecordStatus status) {
  return status == RecordStatus::active || status == RecordStatus::located;
}

// "a cancelled record cannot be cleared"
Error not_open(const WeaponRecord& record, std::string_view what) {
  return transition_refused("a " + std::string(to_string(record.status)) + " record cannot be " +
                            std::string(what));
}

Result<std::string> checked_text(const std::string& field, std::string_view raw,
                                 std::size_t max_length, bool required) {
  const std::string_view text = trim(raw);
  const auto length = utf8_length(text);
  if (!length || has_control_characters(text)) {
    return Error::invalid(field, field + " must be valid text without control characters");
  }
  if (*length > max_length) {
    return Error::invalid(field,
                          field + " is longer than " + std::to_string(max_length) + " characters");
  }
  if (required && text.empty()) return Error::invalid(field, field + " is required");
  return std::string(text);
}

int year_of(TimePoint time) {
  return std::stoi(format_iso8601(time).substr(0, 4));
}

bool is_other_state(const access::Principal& principal, const WeaponRecord& record) {
  return principal.credential != access::Credential::system &&
         principal.state.value_or("") != record.state;
}

// The feed entry that keeps every node's marking index in step with `record`.
Result<void> publish(Transaction& transaction, const WeaponRecord& record, bool created) {
  store::Change change{0, record.updated_at, "registry", "weapon", record.id, "", ""};
  if (is_indexed(record.status)) {
    change.action = created ? "created" : "updated";
    change.payload =
        search::indexed_record_to_json(to_indexed_record(record, record.sharing)).dump();
  } else {
    change.action = "deleted";
    change.payload = nlohmann::json{{"id", record.id}}.dump();
  }
  CONCORD_TRY(store::append_change(transaction, change));
  return {};
}

access::AuditEvent write_event(const WeaponRecord& record, const std::string& action,
                               const std::string& reason) {
  nlohmann::json details = {
      {"transaction", action}, {"status", to_string(record.status)}, {"version", record.version}};
  if (!reason.empty()) details["reason"] = reason;
  return {"records.write", "weapon_record",          record.id,
          record.state,    access::Outcome::success, details.dump()};
}

}  // namespace

RecordService::RecordService(store::Database& db, const ReferenceData& reference,
                             const Clock& clock, IdGenerator& ids, const access::AuditTrail& audit,
                             RecordServiceOptions options)
    : db_(db), reference_(reference), clock_(clock), ids_(ids), audit_(audit), options_(options) {}

Result<WeaponRecord> RecordService::enter(const access::Principal& actor, const NewRecord& input) {
  WeaponRecord record;
  const std::string state(trim(input.state.value_or(actor.state.value_or(""))));
  if (state.empty()) return Error::invalid("state", "state is required: the owning state");
  if (reference_.country(state) == nullptr) {
    return Error::invalid("state", "unknown state \"" + state +
                                       "\" (an ISO 3166-1 alpha-2 code in upper case, such as FR)");
  }
  record.state = state;
  const access::RecordAccess owner{state, access::Sharing::private_, {}};
  CONCORD_TRY(access::authorize(actor, "records.write", &owner));

  record.id = ids_.next();
  if (input.external_id) {
    CONCORD_ASSIGN_OR_RETURN(record.external_id,
                             checked_text("external_id", *input.external_id, kMaxShortText, true));
  } else {
    record.external_id = "C-" + record.id;
  }
  CONCORD_TRY(apply_record_fields(reference_, year_of(clock_.now()), input.fields,
                                  /*entering=*/true, record));
  record.created_at = format_iso8601(clock_.now());
  record.updated_at = record.created_at;
  record.status = RecordStatus::active;
  record.version = 1;

  return store::in_transaction(
      db_, TransactionMode::read_write, [&](Transaction& tx) -> Result<WeaponRecord> {
        CONCORD_ASSIGN_OR_RETURN(auto identity,
                                 normalise_identity(tx, record.make, record.model, record.calibre));
        record.make_normalised = identity.make;
        record.model_normalised = identity.model;
        record.calibre_normalised = identity.calibre;
        CONCORD_TRY(insert_weapon(tx, record));
        CONCORD_TRY(append_history(tx, ids_, clock_, actor, "enter", record, ""));
        CONCORD_TRY(audit_.record(tx, actor, write_event(record, "enter", "")));
        CONCORD_TRY(publish(tx, record, /*created=*/true));
        return record;
      });
}

template <typename Change>
Result<WeaponRecord> RecordService::transact(const access::Principal& actor, const std::string& id,
                                             const std::string& action, const std::string& reason,
                                             Change&& change) {
  return store::in_transaction(
      db_, TransactionMode::read_write, [&](Transaction& tx) -> Result<WeaponRecord> {
        CONCORD_ASSIGN_OR_RETURN(WeaponRecord record, get_weapon(tx, id));
        const access::RecordAccess access = record_access(record);
        CONCORD_TRY(access::authorize(actor, "records.write", &access));
        CONCORD_TRY(change(tx, record));
        record.version += 1;
        record.updated_at = format_iso8601(clock_.now());
        CONCORD_TRY(update_weapon(tx, record));
        CONCORD_TRY(append_history(tx, ids_, clock_, actor, action, record, reason));
        CONCORD_TRY(audit_.record(tx, actor, write_event(record, action, reason)));
        // Confirming changes nothing the marking index holds.
        if (action != "confirm") CONCORD_TRY(publish(tx, record, /*created=*/false));
        return record;
      });
}

Result<WeaponRecord> RecordService::modify(const access::Principal& actor, const std::string& id,
                                           const RecordFields& changes, const std::string& reason) {
  CONCORD_ASSIGN_OR_RETURN(const std::string why,
                           checked_text("reason", reason, kMaxReason, false));
  const int current_year = year_of(clock_.now());
  return transact(
      actor, id, "modify", why, [&](Transaction& tx, WeaponRecord& record) -> Result<void> {
        if (!is_open(record.status)) return not_open(record, "modified");
        CONCORD_TRY(apply_record_fields(reference_, current_year, changes,
                                        /*entering=*/false, record));
        CONCORD_ASSIGN_OR_RETURN(auto identity,
                                 normalise_identity(tx, record.make, record.model, record.calibre));
        record.make_normalised = identity.make;
        record.model_normalised = identity.model;
        record.calibre_normalised = identity.calibre;
        return {};
      });
}

Result<WeaponRecord> RecordService::locate(const access::Principal& actor, const std::string& id,
                                           const Location& location) {
  CONCORD_ASSIGN_OR_RETURN(const std::string place,
                           checked_text("place", location.place, kMaxShortText, true));
  CONCORD_ASSIGN_OR_RETURN(const std::string on, checked_text("on", location.on, 40, true));
  const auto when = parse_iso8601(on);
  if (!when) {
    return Error::invalid("on", "on must be an ISO 8601 date (2024-03-01) or date-time");
  }
  if (*when > clock_.now()) return Error::invalid("on", "on is in the future");
  CONCORD_ASSIGN_OR_RETURN(std::string by, checked_text("by", location.by, kMaxShortText, false));
  if (by.empty()) by = actor.username;
  return transact(actor, id, "locate", "", [&](Transaction&, WeaponRecord& record) -> Result<void> {
    if (record.kind != RecordKind::lost && record.kind != RecordKind::stolen) {
      return transition_refused("only lost and stolen records can be located; this is a " +
                                std::string(to_string(record.kind)) + " record");
    }
    if (record.status == RecordStatus::located) {
      return transition_refused("this record is already located");
    }
    if (record.status != RecordStatus::active) return not_open(record, "located");
    record.status = RecordStatus::located;
    record.located_place = place;
    record.located_on = on;
    record.located_by = by;
    return {};
  });
}

Result<WeaponRecord> RecordService::clear(const access::Principal& actor, const std::string& id,
                                          const std::string& reason) {
  CONCORD_ASSIGN_OR_RETURN(const std::string why,
                           checked_text("reason", reason, kMaxReason, false));
  return transact(actor, id, "clear", why, [&](Transaction&, WeaponRecord& record) -> Result<void> {
    if (!is_open(record.status)) return not_open(record, "cleared");
    record.status = RecordStatus::cleared;
    record.status_reason = why;
    return {};
  });
}

Result<WeaponRecord> RecordService::cancel(const access::Principal& actor, const std::string& id,
                                           const std::string& reason) {
  CONCORD_ASSIGN_OR_RETURN(const std::string why, checked_text("reason", reason, kMaxReason, true));
  return transact(actor, id, "cancel", why,
                  [&](Transaction&, WeaponRecord& record) -> Result<void> {
                    if (!is_open(record.status)) return not_open(record, "cancelled");
                    record.status = RecordStatus::cancelled;
                    record.status_reason = why;
                    return {};
                  });
}

Result<WeaponRecord> RecordService::confirm(const access::Principal& actor, const std::string& id) {
  const std::string now = format_iso8601(clock_.now());
  return transact(actor, id, "confirm", "",
                  [&](Transaction&, WeaponRecord& record) -> Result<void> {
                    if (!is_open(record.status)) return not_open(record, "confirmed");
                    record.confirmed_at = now;
                    return {};
                  });
}

Result<WeaponRecord> RecordService::readable(Transaction& transaction,
                                             const access::Principal& reader,
                                             const std::string& id) {
  CONCORD_ASSIGN_OR_RETURN(WeaponRecord record, get_weapon(transaction, id));
  const access::RecordAccess access = record_access(record);
  CONCORD_TRY(access::authorize(reader, "records.read", &access));
  return record;
}

Result<void> RecordService::audit_confidential_read(const access::Principal& reader,
                                                    const WeaponRecord& record,
                                                    const std::string& what) {
  if (!is_other_state(reader, record)) return {};
  return audit_.record(db_, reader,
                       {"records.read", "weapon_record", record.id, record.state,
                        access::Outcome::success, nlohmann::json{{"read", what}}.dump()});
}

Result<WeaponRecord> RecordService::get(const access::Principal& reader, const std::string& id) {
  CONCORD_ASSIGN_OR_RETURN(
      WeaponRecord record,
      store::in_transaction(db_, TransactionMode::read_only,
                            [&](Transaction& tx) { return readable(tx, reader, id); }));
  CONCORD_TRY(audit_confidential_read(reader, record, "record"));
  return record;
}

Result<RecordPage> RecordService::list(const access::Principal& reader,
                                       const RecordFilter& filter) {
  const std::string state = reader.credential == access::Credential::system
                                ? filter.state.value_or("")
                                : reader.state.value_or("");
  if (state.empty()) {
    return Error::invalid("state", "records are listed for a state: the caller has none");
  }
  const access::RecordAccess own{state, access::Sharing::private_, {}};
  CONCORD_TRY(access::authorize(reader, "records.read", &own));
  if (filter.limit < 1 || filter.limit > kMaxListLimit) {
    return Error::invalid("limit", "limit must be between 1 and " + std::to_string(kMaxListLimit));
  }
  StateWeaponQuery query{state, std::nullopt, std::nullopt, filter.after, filter.limit + 1};
  if (filter.kind) {
    query.kind = record_kind_from_string(*filter.kind);
    if (!query.kind) {
      return Error::invalid("kind", "unknown kind (one of " + record_kinds_list() + ")");
    }
  }
  if (filter.status) {
    query.status = record_status_from_string(*filter.status);
    if (!query.status) {
      return Error::invalid("status", "unknown status (one of " + record_statuses_list() + ")");
    }
  }
  return store::in_transaction(
      db_, TransactionMode::read_only, [&](Transaction& tx) -> Result<RecordPage> {
        RecordPage page;
        CONCORD_ASSIGN_OR_RETURN(page.records, list_state_weapons(tx, query));
        if (page.records.size() > static_cast<std::size_t>(filter.limit)) {
          page.records.pop_back();
          page.next_after = page.records.back().id;
        }
        return page;
      });
}

Result<std::vector<HistoryEntry>> RecordService::history(const access::Principal& reader,
                                                         const std::string& id) {
  WeaponRecord record;
  CONCORD_ASSIGN_OR_RETURN(
      auto entries,
      store::in_transaction(db_, TransactionMode::read_only,
                            [&](Transaction& tx) -> Result<std::vector<HistoryEntry>> {
                              CONCORD_ASSIGN_OR_RETURN(record, readable(tx, reader, id));
                              return read_history(tx, id);
                            }));
  CONCORD_TRY(audit_confidential_read(reader, record, "history"));
  return entries;
}

std::string RecordService::due_cutoff() const {
  return format_iso8601(clock_.now() - std::chrono::hours(24) * options_.validation_period_days);
}

Result<std::vector<WeaponRecord>> RecordService::due_for_validation(
    const access::Principal& reader, int limit, std::optional<std::string> state) {
  const std::string owner = reader.credential == access::Credential::system
                                ? state.value_or("")
                                : reader.state.value_or("");
  if (owner.empty()) {
    return Error::invalid("state", "records are listed for a state: the caller has none");
  }
  const access::RecordAccess own{owner, access::Sharing::private_, {}};
  CONCORD_TRY(access::authorize(reader, "records.read", &own));
  if (limit < 1 || limit > kMaxListLimit) {
    return Error::invalid("limit", "limit must be between 1 and " + std::to_string(kMaxListLimit));
  }
  const std::string cutoff = due_cutoff();
  return store::in_transaction(db_, TransactionMode::read_only, [&](Transaction& tx) {
    return list_unconfirmed_before(tx, owner, cutoff, limit);
  });
}

Result<int> RecordService::send_validation_reminders() {
  const std::string cutoff = due_cutoff();
  return store::in_transaction(
      db_, TransactionMode::read_write, [&](Transaction& tx) -> Result<int> {
        CONCORD_ASSIGN_OR_RETURN(auto counts, count_unconfirmed_before(tx, cutoff));
        int reminded = 0;
        for (const auto& due : counts) {
          CONCORD_ASSIGN_OR_RETURN(
              auto last,
              tx.query("SELECT reminded_at FROM weapon_validation_reminders WHERE state = $1",
                       {due.state}));
          // Reminded within the last period: once per period is enough.
          if (!last.rows.empty() && last.rows.front().text(0) >= cutoff) continue;
          notification::Notification reminder;
          reminder.state = due.state;
          reminder.topic = "records.validation_due";
          reminder.subject_type = "weapon";
          reminder.subject_id = due.oldest_id;
          reminder.summary = std::to_string(due.count) + " weapon record" +
                             (due.count == 1 ? " is" : "s are") + " due for validation (not " +
                             "confirmed for " + std::to_string(options_.validation_period_days) +
                             " days)";
          reminder.payload = {{"count", due.count},
                              {"validation_period_days", options_.validation_period_days},
                              {"unconfirmed_since", cutoff},
                              {"list", "/api/v1/records/due-for-validation"}};
          CONCORD_TRY(notification::notify(tx, ids_, clock_, reminder));
          CONCORD_TRY(tx.execute(
              "INSERT INTO weapon_validation_reminders (state, reminded_at) VALUES ($1, $2) "
              "ON CONFLICT (state) DO UPDATE SET reminded_at = $2",
              {due.state, format_iso8601(clock_.now())}));
          ++reminded;
        }
        return reminded;
      });
}

Result<store::Attachment> RecordService::attach(const access::Principal& actor,
                                                const std::string& id, const std::string& filename,
                                                const std::string& description,
                                                std::vector<unsigned char> bytes) {
  if (static_cast<std::int64_t>(bytes.size()) > options_.max_attachment_bytes) {
    return Error::invalid("bytes", "the file is " + std::to_string(bytes.size()) +
                                       " bytes; attachments are limited to " +
                                       std::to_string(options_.max_attachment_bytes) + " bytes");
  }
  return store::in_transaction(
      db_, TransactionMode::read_write, [&](Transaction& tx) -> Result<store::Attachment> {
        CONCORD_ASSIGN_OR_RETURN(WeaponRecord record, get_weapon(tx, id));
        const access::RecordAccess access = record_access(record);
        CONCORD_TRY(access::authorize(actor, "records.write", &access));
        if (record.status == RecordStatus::cancelled) {
          return Result<store::Attachment>(not_open(record, "given attachments"));
        }
        CONCORD_ASSIGN_OR_RETURN(
            store::Attachment attachment,
            store::store_attachment(
                tx, ids_, clock_,
                {"weapon", record.id, record.state, filename, description, std::move(bytes)}));
        CONCORD_TRY(append_history(tx, ids_, clock_, actor, "attach", record, attachment.filename));
        nlohmann::json details = {{"transaction", "attach"},
                                  {"attachment_id", attachment.id},
                                  {"filename", attachment.filename},
                                  {"content_type", attachment.content_type},
                                  {"size_bytes", attachment.size_bytes},
                                  {"sha256", attachment.sha256}};
        CONCORD_TRY(audit_.record(tx, actor,
                                  {"records.write", "weapon_record", record.id, record.state,
                                   access::Outcome::success, details.dump()}));
        return attachment;
      });
}

Result<std::vector<store::Attachment>> RecordService::attachments(const access::Principal& reader,
                                                                  const std::string& id) {
  WeaponRecord record;
  CONCORD_ASSIGN_OR_RETURN(
      auto list,
      store::in_transaction(db_, TransactionMode::read_only,
                            [&](Transaction& tx) -> Result<std::vector<store::Attachment>> {
                              CONCORD_ASSIGN_OR_RETURN(record, readable(tx, reader, id));
                              return store::list_attachments(tx, "weapon", id);
                            }));
  CONCORD_TRY(audit_confidential_read(reader, record, "attachments"));
  return list;
}

Result<std::pair<store::Attachment, std::vector<unsigned char>>> RecordService::attachment(
    const access::Principal& reader, const std::string& attachment_id) {
  using Found = std::pair<store::Attachment, std::vector<unsigned char>>;
  WeaponRecord record;
  CONCORD_ASSIGN_OR_RETURN(
      Found found,
      store::in_transaction(db_, TransactionMode::read_only, [&](Transaction& tx) -> Result<Found> {
        CONCORD_ASSIGN_OR_RETURN(Found read, store::read_attachment(tx, attachment_id));
        // Attachments of tracing requests are read through tracing's own routes.
        if (read.first.owner_type != "weapon") {
          return Error::not_found("attachment_id", "no attachment " + attachment_id);
        }
        CONCORD_ASSIGN_OR_RETURN(record, readable(tx, reader, read.first.owner_id));
        return read;
      }));
  CONCORD_TRY(audit_confidential_read(reader, record, "attachment " + attachment_id));
  return found;
}

}  // namespace concord::registry
