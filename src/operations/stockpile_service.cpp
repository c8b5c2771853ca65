// StockpileService: the write check (operations_writes.h) comes first, then the record is
// validated in full (stockpile.h's validate() and the clock's today for future dates), and only
// then one transaction stores it with its audit entry and change-feed entry.
#include "operations/stockpile_service.h"

#include "access/policy.h"
#include "operations/calendar_day.h"
#include "operations/operations_writes.h"
#include "operations/stockpile_json.h"
#include "operations/stockpile_store.h"

namespace concord::operations {
namespace {

using access::Principal;
using store::Transaction;
using store::TransactionMode;

constexpr std::string_view kReadAction = "operations.read";

// `text` is a day no later than today; validate() has already checked its form.
Result<void> not_in_future(const Clock& clock, const std::string& text, const std::string& field) {
  CONCORD_ASSIGN_OR_RETURN(const Day day, day_field(text, field));
  const Day now = today(clock);
  if (day > now) {
    return Error::invalid(
        field, field + " " + text + " is in the future (today is " + format_day(now) + ")");
  }
  return ok();
}

std::string deadline_key(const TreatyDeadline& deadline) {
  std::string key = deadline.state + "/" + std::string(to_string(deadline.instrument)) + "/" +
                    std::string(to_string(deadline.obligation));
  if (deadline.category) key += "/" + std::string(to_string(*deadline.category));
  return key;
}

Result<void> validate_deadline(TreatyDeadline& deadline) {
  const bool stockpile = deadline.obligation == DeadlineObligation::stockpile_destruction;
  if (stockpile && !deadline.category) {
    return Error::invalid("category", "a stockpile_destruction deadline names its category (" +
                                          stockpile_categories_list() + ")");
  }
  if (!stockpile && deadline.category) {
    return Error::invalid("category", "only a stockpile_destruction deadline has a category");
  }
  CONCORD_ASSIGN_OR_RETURN(const Day date, day_field(deadline.deadline.date, "deadline"));
  if (deadline.deadline.extended_to) {
    CONCORD_ASSIGN_OR_RETURN(const Day extended,
                             day_field(*deadline.deadline.extended_to, "extended_to"));
    if (extended <= date) {
      return Error::invalid("extended_to", "extended_to " + *deadline.deadline.extended_to +
                                               " must fall after the deadline " +
                                               deadline.deadline.date);
    }
  }
  return ok();
}

// The deadline in force for `category`: the CCM one before the APMBC one.
std::optional<Deadline> stockpile_deadline(const std::vector<TreatyDeadline>& deadlines,
                                           StockpileCategory category) {
  for (const auto instrument : {Instrument::ccm, Instrument::apmbc}) {
    for (const auto& deadline : deadlines) {
      if (deadline.instrument == instrument &&
          deadline.obligation == DeadlineObligation::stockpile_destruction &&
          deadline.category == category) {
        return deadline.deadline;
      }
    }
  }
  return std::nullopt;
}

// Stores `record` with `insert`, then its audit and feed entries, in one transaction.
template <typename Record, typename Insert, typename Encode>
Result<Record> store_record(store::Database& db, const access::AuditTrail& audit,
                            const Clock& clock, const Principal& actor, std::string_view kind,
                            Record record, Insert&& insert, Encode&& encode) {
  const std::string now = format_iso8601(clock.now());
  return store::in_transaction(
      db, TransactionMode::read_write, [&](Transaction& tx) -> Result<Record> {
        CONCORD_TRY(insert(tx, record, actor.username, now));
        CONCORD_TRY(record_operations_write(tx, audit, clock, actor, kRecordAction, kind, record.id,
                                            record.state, "created", encode(record)));
        return record;
      });
}

}  // namespace

Result<StockpileDeclaration> StockpileService::declare(const Principal& actor,
                                                       StockpileDeclaration declaration) {
  CONCORD_TRY(check_state_write(db_, audit_, reference_, actor, kRecordAction, declaration.state));
  CONCORD_TRY(validate(declaration));
  CONCORD_TRY(not_in_future(clock_, declaration.as_of, "as_of"));
  declaration.id = ids_.next();
  return store_record(db_, audit_, clock_, actor, "stockpile_declaration", std::move(declaration),
                      insert_declaration, declaration_json);
}

Result<DestructionEvent> StockpileService::record_destruction(const Principal& actor,
                                                              DestructionEvent event) {
  CONCORD_TRY(check_state_write(db_, audit_, reference_, actor, kRecordAction, event.state));
  CONCORD_TRY(validate(event));
  CONCORD_TRY(not_in_future(clock_, event.date, "date"));
  event.id = ids_.next();
  return store_record(db_, audit_, clock_, actor, "destruction_event", std::move(event),
                      insert_destruction, destruction_json);
}

Result<RetainedQuantity> StockpileService::record_retained(const Principal& actor,
                                                           RetainedQuantity retained) {
  CONCORD_TRY(check_state_write(db_, audit_, reference_, actor, kRecordAction, retained.state));
  CONCORD_TRY(validate(retained));
  CONCORD_TRY(not_in_future(clock_, retained.as_of, "as_of"));
  retained.id = ids_.next();
  return store_record(db_, audit_, clock_, actor, "retained_quantity", std::move(retained),
                      insert_retained, retained_json);
}

Result<StockpileRecords> StockpileService::records(const Principal& reader,
                                                   const std::string& state) {
  CONCORD_TRY(access::authorize(reader, kReadAction));
  CONCORD_TRY(check_known_state(reference_, state));
  return store::in_transaction(db_, TransactionMode::read_only,
                               [&](Transaction& tx) { return load_stockpile_records(tx, state); });
}

Result<TreatyDeadline> StockpileService::set_deadline(const Principal& actor,
                                                      TreatyDeadline deadline) {
  CONCORD_TRY(check_state_write(db_, audit_, reference_, actor, kRecordAction, deadline.state));
  CONCORD_TRY(validate_deadline(deadline));
  deadline.updated_by = actor.username;
  deadline.updated_at = format_iso8601(clock_.now());
  return store::in_transaction(
      db_, TransactionMode::read_write, [&](Transaction& tx) -> Result<TreatyDeadline> {
        CONCORD_TRY(upsert_deadline(tx, deadline));
        CONCORD_TRY(record_operations_write(tx, audit_, clock_, actor, kRecordAction,
                                            "treaty_deadline", deadline_key(deadline),
                                            deadline.state, "set", deadline_json(deadline)));
        return deadline;
      });
}

Result<std::vector<TreatyDeadline>> StockpileService::deadlines(const Principal& reader,
                                                                const std::string& state) {
  CONCORD_TRY(access::authorize(reader, kReadAction));
  CONCORD_TRY(check_known_state(reference_, state));
  return store::in_transaction(db_, TransactionMode::read_only,
                               [&](Transaction& tx) { return list_deadlines(tx, state); });
}

std::string StockpileService::today() const {
  return format_day(operations::today(clock_));
}

Result<DestructionProgress> StockpileService::progress(const Principal& reader,
                                                       ProgressQuery query) {
  CONCORD_TRY(access::authorize(reader, kReadAction));
  CONCORD_TRY(check_known_state(reference_, query.state));
  if (query.on.empty()) query.on = today();
  struct Loaded {
    StockpileRecords records;
    std::vector<TreatyDeadline> deadlines;
  };
  CONCORD_ASSIGN_OR_RETURN(
      auto loaded, store::in_transaction(
                       db_, TransactionMode::read_only, [&](Transaction& tx) -> Result<Loaded> {
                         Loaded out;
                         CONCORD_ASSIGN_OR_RETURN(out.records,
                                                  load_stockpile_records(tx, query.state));
                         CONCORD_ASSIGN_OR_RETURN(out.deadlines, list_deadlines(tx, query.state));
                         return out;
                       }));
  if (!query.deadline) query.deadline = stockpile_deadline(loaded.deadlines, query.category);
  return destruction_progress(loaded.records, query);
}

}  // namespace concord::operations
