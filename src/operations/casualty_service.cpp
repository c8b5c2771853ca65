// CasualtyService: the write check (operations_writes.h) comes first, then every row is
// validated (casualties.h's validate() and the clock's current year), and only then one
// transaction stores the whole batch with one audit entry and one change-feed entry.
#include "operations/casualty_service.h"

#include "access/policy.h"
#include "core/text.h"
#include "operations/calendar_day.h"
#include "operations/casualty_json.h"
#include "operations/casualty_store.h"
#include "operations/operations_writes.h"

namespace concord::operations {
namespace {

using access::Principal;
using store::Transaction;
using store::TransactionMode;

constexpr std::string_view kReadAction = "operations.read";
constexpr std::size_t kMaxTextLength = 200;

Result<void> check_year(const Clock& clock, int year, const std::string& field) {
  const int now = current_year(clock);
  if (year < kFirstCasualtyYear || year > now) {
    return Error::invalid(field, field + " must be from " + std::to_string(kFirstCasualtyYear) +
                                     " to the current year " + std::to_string(now) + ", got " +
                                     std::to_string(year));
  }
  return ok();
}

Result<void> check_text(const std::string& field, const std::string& text) {
  const auto length = utf8_length(text);
  if (!length) return Error::invalid(field, field + " is not UTF-8");
  if (trim(text).empty()) return Error::invalid(field, field + " must not be empty");
  if (*length > kMaxTextLength) {
    return Error::invalid(
        field, field + " must be at most " + std::to_string(kMaxTextLength) + " characters");
  }
  if (has_control_characters(text)) {
    return Error::invalid(field, field + " must not hold control characters");
  }
  return ok();
}

Result<void> validate_service(const Clock& clock, const VictimService& service) {
  CONCORD_TRY(check_year(clock, service.year, "year"));
  CONCORD_TRY(check_text("area", service.area));
  CONCORD_TRY(check_text("provider", service.provider));
  if (service.people_reached < 0) {
    return Error::invalid("people_reached", "people_reached must not be negative");
  }
  if (service.people_reached > kMaxCasualtyCount) {
    return Error::invalid("people_reached",
                          "people_reached must be at most " + std::to_string(kMaxCasualtyCount));
  }
  if (service.people_in_need <= 0) {
    return Error::invalid("people_in_need", "people_in_need must be above 0");
  }
  if (service.people_in_need > kMaxCasualtyCount) {
    return Error::invalid("people_in_need",
                          "people_in_need must be at most " + std::to_string(kMaxCasualtyCount));
  }
  return ok();
}

}  // namespace

Result<std::vector<CasualtyCount>> CasualtyService::record_casualties(
    const Principal& actor, const std::string& state, std::vector<CasualtyCount> rows) {
  CONCORD_TRY(check_state_write(db_, audit_, reference_, actor, kRecordAction, state));
  if (rows.empty()) return Error::invalid("rows", "rows must hold at least one row");
  if (rows.size() > kMaxCasualtyBatch) {
    return Error::invalid(
        "rows", "a batch holds at most " + std::to_string(kMaxCasualtyBatch) + " rows: split it");
  }
  for (std::size_t i = 0; i < rows.size(); ++i) {
    const std::string prefix = "rows[" + std::to_string(i) + "].";
    auto valid = validate(rows[i]);
    if (!valid.ok()) {
      return Error::invalid(prefix + valid.error().field, prefix + valid.error().message);
    }
    CONCORD_TRY(check_year(clock_, rows[i].year, prefix + "year"));
    rows[i].state = state;
    rows[i].id = ids_.next();
  }
  const std::string batch_id = ids_.next();
  const std::string now = format_iso8601(clock_.now());
  return store::in_transaction(
      db_, TransactionMode::read_write, [&](Transaction& tx) -> Result<std::vector<CasualtyCount>> {
        for (const auto& row : rows) {
          CONCORD_TRY(insert_casualty_count(tx, row, actor.username, now));
        }
        // One entry for the batch: it was recorded as one act, and it stands or falls whole.
        nlohmann::ordered_json payload = casualties_json(rows);
        payload["state"] = state;
        CONCORD_TRY(record_operations_write(tx, audit_, clock_, actor, kRecordAction,
                                            "casualty_batch", batch_id, state, "created", payload));
        return rows;
      });
}

Result<std::vector<CasualtyCount>> CasualtyService::casualties(const Principal& reader,
                                                               const std::string& state,
                                                               std::optional<int> year) {
  CONCORD_TRY(access::authorize(reader, kReadAction));
  CONCORD_TRY(check_known_state(reference_, state));
  return store::in_transaction(db_, TransactionMode::read_only, [&](Transaction& tx) {
    return list_casualty_counts(tx, state, year);
  });
}

Result<CasualtySummary> CasualtyService::summary(const Principal& reader, const std::string& state,
                                                 int year) {
  CONCORD_ASSIGN_OR_RETURN(const auto rows, casualties(reader, state, year));
  return summarise(rows, year);
}

Result<VictimService> CasualtyService::record_victim_service(const Principal& actor,
                                                             VictimService service) {
  CONCORD_TRY(check_state_write(db_, audit_, reference_, actor, kRecordAction, service.state));
  CONCORD_TRY(validate_service(clock_, service));
  service.id = ids_.next();
  service.recorded_by = actor.username;
  service.created_at = format_iso8601(clock_.now());
  return store::in_transaction(
      db_, TransactionMode::read_write, [&](Transaction& tx) -> Result<VictimService> {
        CONCORD_TRY(insert_victim_service(tx, service));
        CONCORD_TRY(record_operations_write(tx, audit_, clock_, actor, kRecordAction,
                                            "victim_service", service.id, service.state, "created",
                                            victim_service_json(service)));
        return service;
      });
}

Result<std::vector<VictimService>> CasualtyService::victim_services(const Principal& reader,
                                                                    const std::string& state,
                                                                    std::optional<int> year) {
  CONCORD_TRY(access::authorize(reader, kReadAction));
  CONCORD_TRY(check_known_state(reference_, state));
  return store::in_transaction(db_, TransactionMode::read_only, [&](Transaction& tx) {
    return list_victim_services(tx, state, year);
  });
}

}  // namespace concord::operations
