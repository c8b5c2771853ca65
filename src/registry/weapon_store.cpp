// WeaponStore: multi-row INSERT ... ON CONFLICT DO NOTHING RETURNING id, so one statement per
// chunk both writes the new rows and says which they were; then the feed entries for those, last.
#include "registry/weapon_store.h"

#include <algorithm>
#include <set>
#include <unordered_map>
#include <unordered_set>

#include "core/text.h"
#include "store/change_feed.h"

namespace concord::registry {
namespace {

using store::QueryResult;
using store::Row;
using store::Transaction;
using store::TransactionMode;
using store::Value;

// What an import writes; the columns of migration 0009 keep their defaults.
constexpr std::string_view kImportColumns =
    "id, external_id, kind, state, weapon_type, make, model, calibre, serial, other_markings, "
    "country_of_manufacture, year_of_manufacture, reported_at, sharing, created_at, updated_at";
constexpr std::size_t kColumnCount = 16;
// What a read returns: the import's columns, then those of migration 0009.
constexpr std::string_view kColumns =
    "id, external_id, kind, state, weapon_type, make, model, calibre, serial, other_markings, "
    "country_of_manufacture, year_of_manufacture, reported_at, sharing, created_at, updated_at, "
    "make_normalised, model_normalised, calibre_normalised, shared_with, status, status_reason, "
    "located_place, located_on, located_by, confirmed_at, version";
constexpr std::string_view kMarkingColumns =
    "weapon_id, kind, component, text, condition, restoration_method";
constexpr std::string_view kIndexedStatuses = "('active', 'located')";
// Rows per INSERT. On PostgreSQL each statement is a round trip, so many rows go in one (16
// parameters each, far below its limit of 65535). SQLite runs in-process, and binding by name
// ($N) costs time in proportion to the statement's parameter count, so one row per statement is
// fastest there.
std::size_t rows_per_statement(store::Backend backend) {
  return backend == store::Backend::postgres ? 250 : 1;
}
// Ids per IN (...) list.
constexpr std::size_t kIdsPerStatement = 500;
constexpr int kMaxPage = 10000;

std::vector<std::string> split_states(const std::string& joined) {
  std::vector<std::string> states;
  std::size_t start = 0;
  while (start < joined.size()) {
    std::size_t end = joined.find(',', start);
    if (end == std::string::npos) end = joined.size();
    if (end > start) states.push_back(joined.substr(start, end - start));
    start = end + 1;
  }
  return states;
}

WeaponRecord weapon_from_row(const Row& row) {
  WeaponRecord record;
  record.id = row.text(0);
  record.external_id = row.text(1);
  record.kind = record_kind_from_string(row.text(2)).value_or(RecordKind::registry);
  record.state = row.text(3);
  record.weapon_type = row.text(4);
  record.make = row.text(5);
  record.model = row.text(6);
  record.calibre = row.text(7);
  record.serial = row.text(8);
  record.other_markings = row.text(9);
  record.country_of_manufacture = row.text(10);
  if (auto year = row.optional_integer(11)) record.year_of_manufacture = static_cast<int>(*year);
  record.reported_at = row.text(12);
  record.sharing = access::sharing_from_string(row.text(13)).value_or(access::Sharing::private_);
  record.created_at = row.text(14);
  record.updated_at = row.text(15);
  record.make_normalised = row.text(16);
  record.model_normalised = row.text(17);
  record.calibre_normalised = row.text(18);
  record.shared_with = split_states(row.text(19));
  record.status = record_status_from_string(row.text(20)).value_or(RecordStatus::active);
  record.status_reason = row.text(21);
  record.located_place = row.text(22);
  record.located_on = row.text(23);
  record.located_by = row.text(24);
  record.confirmed_at = row.text(25);
  record.version = row.integer(26);
  return record;
}

marking::TypedMarking marking_from_row(const Row& row) {
  marking::TypedMarking marking;
  marking.kind =
      marking::marking_kind_from_string(row.text(1)).value_or(marking::MarkingKind::other);
  marking.component =
      marking::component_from_string(row.text(2)).value_or(marking::Component::unspecified);
  marking.text = row.text(3);
  marking.condition =
      marking::condition_from_string(row.text(4)).value_or(marking::Condition::intact);
  marking.restoration_method = row.text(5);
  return marking;
}

// An imported record has its serial in the weapons row alone: shown as one typed marking.
void add_imported_serial(WeaponRecord& record) {
  if (!record.markings.empty() || record.serial.empty()) return;
  record.markings.push_back({marking::MarkingKind::serial, marking::Component::unspecified,
                             record.serial, marking::Condition::intact, ""});
}

std::string join_states(const std::vector<std::string>& states) {
  std::string joined;
  for (const auto& state : states) {
    if (!joined.empty()) joined += ',';
    joined += state;
  }
  return joined;
}

// The parameters of the columns a CSV import writes (the first 16 of kColumns), in order.
void append_import_parameters(const WeaponRecord& record, access::Sharing sharing,
                              std::vector<Value>& params) {
  params.emplace_back(record.id);
  params.emplace_back(record.external_id);
  params.emplace_back(std::string(to_string(record.kind)));
  params.emplace_back(record.state);
  params.emplace_back(record.weapon_type);
  params.emplace_back(record.make);
  params.emplace_back(record.model);
  params.emplace_back(record.calibre);
  params.emplace_back(record.serial);
  params.emplace_back(record.other_markings);
  params.emplace_back(record.country_of_manufacture);
  if (record.year_of_manufacture) {
    params.emplace_back(std::int64_t{*record.year_of_manufacture});
  } else {
    params.emplace_back(std::monostate{});
  }
  params.emplace_back(record.reported_at);
  params.emplace_back(std::string(access::to_string(sharing)));
  params.emplace_back(record.created_at);
  params.emplace_back(record.updated_at);
}

// The parameters of every column of kColumns, in order.
std::vector<Value> all_parameters(const WeaponRecord& record) {
  std::vector<Value> params;
  params.reserve(27);
  append_import_parameters(record, record.sharing, params);
  params.emplace_back(record.make_normalised);
  params.emplace_back(record.model_normalised);
  params.emplace_back(record.calibre_normalised);
  params.emplace_back(join_states(record.shared_with));
  params.emplace_back(std::string(to_string(record.status)));
  params.emplace_back(record.status_reason);
  params.emplace_back(record.located_place);
  params.emplace_back(record.located_on);
  params.emplace_back(record.located_by);
  params.emplace_back(record.confirmed_at);
  params.emplace_back(record.version);
  return params;
}

Result<void> write_markings(Transaction& tx, const WeaponRecord& record) {
  CONCORD_TRY(tx.execute("DELETE FROM weapon_markings WHERE weapon_id = $1", {record.id}));
  std::int64_t position = 0;
  for (const auto& marking : record.markings) {
    CONCORD_TRY(tx.execute(
        "INSERT INTO weapon_markings (weapon_id, position, kind, component, text, condition, "
        "restoration_method) VALUES ($1, $2, $3, $4, $5, $6, $7)",
        {record.id, position++, std::string(marking::to_string(marking.kind)),
         std::string(marking::to_string(marking.component)), marking.text,
         std::string(marking::to_string(marking.condition)), marking.restoration_method}));
  }
  return {};
}

// "($1, $2, ...), ($17, ...)" for `rows` rows.
std::string values_list(std::size_t rows) {
  std::string sql;
  std::size_t parameter = 1;
  for (std::size_t row = 0; row < rows; ++row) {
    sql += row == 0 ? "(" : ", (";
    for (std::size_t column = 0; column < kColumnCount; ++column) {
      if (column > 0) sql += ", ";
      sql += "$" + std::to_string(parameter++);
    }
    sql += ")";
  }
  return sql;
}

// With `indexed_only`, the serial markings of the page come too (in `serials`, by weapon id and
// position), read in the same transaction.
Result<std::vector<Row>> page_after(store::Database& db, const std::string& after_id, int limit,
                                    bool indexed_only = false,
                                    std::vector<Row>* serials = nullptr) {
  if (limit < 1 || limit > kMaxPage) {
    return Error::invalid("limit", "limit must be between 1 and " + std::to_string(kMaxPage));
  }
  return store::in_transaction(
      db, TransactionMode::read_only, [&](Transaction& tx) -> Result<std::vector<Row>> {
        const std::string filter =
            indexed_only ? " AND status IN " + std::string(kIndexedStatuses) : "";
        CONCORD_ASSIGN_OR_RETURN(QueryResult result, tx.query("SELECT " + std::string(kColumns) +
                                                                  " FROM weapons WHERE id > $1" +
                                                                  filter + " ORDER BY id LIMIT $2",
                                                              {after_id, std::int64_t{limit}}));
        if (serials != nullptr && !result.rows.empty()) {
          CONCORD_ASSIGN_OR_RETURN(
              QueryResult markings,
              tx.query("SELECT " + std::string(kMarkingColumns) +
                           " FROM weapon_markings WHERE weapon_id > $1 AND weapon_id <= $2 AND "
                           "kind = 'serial' ORDER BY weapon_id, position",
                       {after_id, result.rows.back().text(0)}));
          *serials = std::move(markings.rows);
        }
        return std::move(result.rows);
      });
}

}  // namespace

access::Sharing default_sharing(RecordKind kind) {
  return kind == RecordKind::registry ? access::Sharing::private_
                                      : access::Sharing::law_enforcement;
}

bool is_indexed(RecordStatus status) {
  return status == RecordStatus::active || status == RecordStatus::located;
}

access::RecordAccess record_access(const WeaponRecord& record) {
  return {record.state, record.sharing,
          std::set<std::string>(record.shared_with.begin(), record.shared_with.end())};
}

search::IndexedRecord to_indexed_record(const WeaponRecord& record, access::Sharing sharing) {
  search::IndexedRecord indexed;
  indexed.id = record.id;
  indexed.external_id = record.external_id;
  indexed.kind = std::string(to_string(record.kind));
  indexed.state = record.state;
  indexed.weapon_type = record.weapon_type;
  indexed.make = record.make;
  indexed.model = record.model;
  indexed.calibre = record.calibre;
  indexed.country_of_manufacture = record.country_of_manufacture;
  indexed.sharing = std::string(access::to_string(sharing));
  indexed.shared_with = record.shared_with;
  if (!record.serial.empty()) indexed.markings.push_back(record.serial);
  for (const auto& marking : record.markings) {
    if (marking.kind != marking::MarkingKind::serial || marking.text.empty()) continue;
    if (std::find(indexed.markings.begin(), indexed.markings.end(), marking.text) !=
        indexed.markings.end()) {
      continue;
    }
    indexed.markings.push_back(marking.text);
  }
  return indexed;
}

Result<InsertCounts> insert_weapons(store::Database& db, IdGenerator& ids, const Clock& clock,
                                    std::vector<WeaponRecord>& records) {
  if (records.empty()) return InsertCounts{};
  const std::string now = format_iso8601(clock.now());
  for (WeaponRecord& record : records) {
    record.id = ids.next();
    record.created_at = now;
    record.updated_at = now;
    record.sharing = default_sharing(record.kind);
  }
  return store::in_transaction(
      db, TransactionMode::read_write, [&](Transaction& tx) -> Result<InsertCounts> {
        std::unordered_set<std::string> inserted;
        inserted.reserve(records.size());
        std::vector<Value> params;
        const std::size_t chunk = rows_per_statement(tx.backend());
        for (std::size_t first = 0; first < records.size(); first += chunk) {
          const std::size_t count = std::min(chunk, records.size() - first);
          params.clear();
          params.reserve(count * kColumnCount);
          for (std::size_t i = first; i < first + count; ++i)
            append_import_parameters(records[i], default_sharing(records[i].kind), params);
          CONCORD_ASSIGN_OR_RETURN(
              QueryResult result,
              tx.query("INSERT INTO weapons (" + std::string(kImportColumns) + ") VALUES " +
                           values_list(count) +
                           " ON CONFLICT (state, external_id) DO NOTHING RETURNING id",
                       params));
          for (const Row& row : result.rows)
            inserted.insert(row.text(0));
        }
        // Last, in input order: on PostgreSQL the feed's lock is held until commit.
        std::vector<store::Change> changes;
        changes.reserve(inserted.size());
        for (const WeaponRecord& record : records) {
          if (!inserted.contains(record.id)) continue;
          const auto payload = search::indexed_record_to_json(
              to_indexed_record(record, default_sharing(record.kind)));
          changes.push_back(
              {0, record.created_at, "registry", "weapon", record.id, "created", payload.dump()});
        }
        CONCORD_TRY(store::append_changes(tx, changes));
        return InsertCounts{inserted.size(), records.size() - inserted.size()};
      });
}

Result<std::vector<WeaponRecord>> list_weapons_after(store::Database& db,
                                                     const std::string& after_id, int limit) {
  CONCORD_ASSIGN_OR_RETURN(std::vector<Row> rows, page_after(db, after_id, limit));
  std::vector<WeaponRecord> records;
  records.reserve(rows.size());
  for (const Row& row : rows)
    records.push_back(weapon_from_row(row));
  return records;
}

Result<std::vector<search::IndexedRecord>> list_indexed_records_after(store::Database& db,
                                                                      const std::string& after_id,
                                                                      int limit) {
  std::vector<Row> serials;
  CONCORD_ASSIGN_OR_RETURN(std::vector<Row> rows,
                           page_after(db, after_id, limit, /*indexed_only=*/true, &serials));
  std::vector<search::IndexedRecord> records;
  records.reserve(rows.size());
  std::size_t next_serial = 0;
  for (const Row& row : rows) {
    WeaponRecord record = weapon_from_row(row);
    // Both lists are in weapon id order; skip serials of records filtered out.
    while (next_serial < serials.size() && serials[next_serial].text(0) < record.id)
      ++next_serial;
    while (next_serial < serials.size() && serials[next_serial].text(0) == record.id)
      record.markings.push_back(marking_from_row(serials[next_serial++]));
    records.push_back(to_indexed_record(record, record.sharing));
  }
  return records;
}

Result<std::vector<WeaponRecord>> get_weapons_by_ids(store::Database& db,
                                                     const std::vector<std::string>& ids) {
  if (ids.empty()) return std::vector<WeaponRecord>{};
  return store::in_transaction(
      db, TransactionMode::read_only, [&](Transaction& tx) -> Result<std::vector<WeaponRecord>> {
        std::vector<WeaponRecord> records;
        for (std::size_t first = 0; first < ids.size(); first += kIdsPerStatement) {
          const std::size_t count = std::min(kIdsPerStatement, ids.size() - first);
          std::string sql = "SELECT " + std::string(kColumns) + " FROM weapons WHERE id IN (";
          std::vector<Value> params;
          params.reserve(count);
          for (std::size_t i = 0; i < count; ++i) {
            if (i > 0) sql += ", ";
            sql += "$" + std::to_string(i + 1);
            params.emplace_back(ids[first + i]);
          }
          sql += ")";
          CONCORD_ASSIGN_OR_RETURN(QueryResult result, tx.query(sql, params));
          for (const Row& row : result.rows)
            records.push_back(weapon_from_row(row));
        }
        std::sort(records.begin(), records.end(),
                  [](const WeaponRecord& a, const WeaponRecord& b) { return a.id < b.id; });
        // An id asked twice may sit in two chunks.
        records.erase(
            std::unique(records.begin(), records.end(),
                        [](const WeaponRecord& a, const WeaponRecord& b) { return a.id == b.id; }),
            records.end());
        return records;
      });
}

namespace {

// Reads the markings of `records` (at most kIdsPerStatement at a time) into them.
Result<void> load_markings(Transaction& transaction, std::vector<WeaponRecord>& records) {
  for (std::size_t first = 0; first < records.size(); first += kIdsPerStatement) {
    const std::size_t count = std::min(kIdsPerStatement, records.size() - first);
    std::string sql =
        "SELECT " + std::string(kMarkingColumns) + " FROM weapon_markings WHERE weapon_id IN (";
    std::vector<Value> params;
    std::unordered_map<std::string, WeaponRecord*> by_id;
    for (std::size_t i = 0; i < count; ++i) {
      if (i > 0) sql += ", ";
      sql += "$" + std::to_string(i + 1);
      params.emplace_back(records[first + i].id);
      by_id[records[first + i].id] = &records[first + i];
    }
    sql += ") ORDER BY weapon_id, position";
    CONCORD_ASSIGN_OR_RETURN(QueryResult rows, transaction.query(sql, params));
    for (const Row& row : rows.rows) {
      if (auto found = by_id.find(row.text(0)); found != by_id.end())
        found->second->markings.push_back(marking_from_row(row));
    }
  }
  for (auto& record : records)
    add_imported_serial(record);
  return {};
}

Result<std::vector<WeaponRecord>> weapons_with_markings(Transaction& transaction,
                                                        const std::string& sql,
                                                        const std::vector<Value>& params) {
  CONCORD_ASSIGN_OR_RETURN(QueryResult rows, transaction.query(sql, params));
  std::vector<WeaponRecord> records;
  records.reserve(rows.rows.size());
  for (const Row& row : rows.rows)
    records.push_back(weapon_from_row(row));
  CONCORD_TRY(load_markings(transaction, records));
  return records;
}

// The date a record was last confirmed, or entered when never.
constexpr std::string_view kLastConfirmed =
    "(CASE WHEN confirmed_at = '' THEN created_at ELSE confirmed_at END)";

}  // namespace

Result<std::vector<WeaponRecord>> list_state_weapons(Transaction& transaction,
                                                     const StateWeaponQuery& query) {
  if (query.limit < 1 || query.limit > kMaxPage) {
    return Error::invalid("limit", "limit must be between 1 and " + std::to_string(kMaxPage));
  }
  std::string sql =
      "SELECT " + std::string(kColumns) + " FROM weapons WHERE state = $1 AND id > $2";
  std::vector<Value> params = {query.state, query.after_id};
  if (query.kind) {
    params.emplace_back(std::string(to_string(*query.kind)));
    sql += " AND kind = $" + std::to_string(params.size());
  }
  if (query.status) {
    params.emplace_back(std::string(to_string(*query.status)));
    sql += " AND status = $" + std::to_string(params.size());
  }
  params.emplace_back(std::int64_t{query.limit});
  sql += " ORDER BY id LIMIT $" + std::to_string(params.size());
  return weapons_with_markings(transaction, sql, params);
}

Result<std::vector<WeaponRecord>> list_unconfirmed_before(Transaction& transaction,
                                                          const std::string& state,
                                                          const std::string& cutoff, int limit) {
  if (limit < 1 || limit > kMaxPage) {
    return Error::invalid("limit", "limit must be between 1 and " + std::to_string(kMaxPage));
  }
  return weapons_with_markings(
      transaction,
      "SELECT " + std::string(kColumns) + " FROM weapons WHERE state = $1 AND status IN " +
          std::string(kIndexedStatuses) + " AND " + std::string(kLastConfirmed) +
          " < $2 ORDER BY " + std::string(kLastConfirmed) + ", id LIMIT $3",
      {state, cutoff, std::int64_t{limit}});
}

Result<std::vector<UnconfirmedCount>> count_unconfirmed_before(Transaction& transaction,
                                                               const std::string& cutoff) {
  CONCORD_ASSIGN_OR_RETURN(
      QueryResult rows,
      transaction.query("SELECT state, COUNT(*), MIN(id) FROM weapons WHERE status IN " +
                            std::string(kIndexedStatuses) + " AND " + std::string(kLastConfirmed) +
                            " < $1 GROUP BY state ORDER BY state",
                        {cutoff}));
  std::vector<UnconfirmedCount> counts;
  for (const Row& row : rows.rows)
    counts.push_back({row.text(0), row.integer(1), row.text(2)});
  return counts;
}

Result<WeaponRecord> get_weapon(Transaction& transaction, const std::string& id) {
  CONCORD_ASSIGN_OR_RETURN(
      QueryResult found,
      transaction.query("SELECT " + std::string(kColumns) + " FROM weapons WHERE id = $1", {id}));
  if (found.rows.empty()) return Error::not_found("id", "no weapon record " + id);
  WeaponRecord record = weapon_from_row(found.rows.front());
  CONCORD_ASSIGN_OR_RETURN(QueryResult markings,
                           transaction.query("SELECT " + std::string(kMarkingColumns) +
                                                 " FROM weapon_markings WHERE weapon_id = $1 "
                                                 "ORDER BY position",
                                             {id}));
  for (const Row& row : markings.rows)
    record.markings.push_back(marking_from_row(row));
  add_imported_serial(record);
  return record;
}

Result<void> insert_weapon(Transaction& transaction, const WeaponRecord& record) {
  std::string placeholders;
  for (std::size_t i = 1; i <= 27; ++i)
    placeholders += (i == 1 ? "$" : ", $") + std::to_string(i);
  CONCORD_ASSIGN_OR_RETURN(
      QueryResult inserted,
      transaction.query("INSERT INTO weapons (" + std::string(kColumns) + ") VALUES (" +
                            placeholders +
                            ") ON CONFLICT (state, external_id) DO NOTHING RETURNING id",
                        all_parameters(record)));
  if (inserted.rows.empty()) {
    return Error{ErrorCode::already_exists,
                 record.state + " already has a record with external_id " + record.external_id,
                 "external_id"};
  }
  return write_markings(transaction, record);
}

Result<void> update_weapon(Transaction& transaction, const WeaponRecord& record) {
  // Every column of kColumns but the ones that never change; PostgreSQL refuses parameters a
  // statement does not use, so only those are passed.
  static const std::set<std::string> kFixed = {"id", "external_id", "state", "created_at"};
  const std::vector<Value> all = all_parameters(record);
  std::vector<Value> params;
  std::string assignments;
  std::size_t column = 0;
  for (std::size_t start = 0; start < kColumns.size(); ++column) {
    std::size_t end = kColumns.find(',', start);
    if (end == std::string_view::npos) end = kColumns.size();
    const std::string name(trim(kColumns.substr(start, end - start)));
    start = end + 1;
    if (kFixed.contains(name)) continue;
    params.push_back(all[column]);
    if (!assignments.empty()) assignments += ", ";
    assignments += name + " = $" + std::to_string(params.size());
  }
  params.emplace_back(record.id);
  params.emplace_back(record.version - 1);
  CONCORD_ASSIGN_OR_RETURN(
      const std::int64_t changed,
      transaction.execute("UPDATE weapons SET " + assignments + " WHERE id = $" +
                              std::to_string(params.size() - 1) + " AND version = $" +
                              std::to_string(params.size()),
                          params));
  if (changed != 1) {
    return Error{ErrorCode::conflict,
                 "weapon record " + record.id + " was changed by someone else; read it again",
                 "id"};
  }
  return write_markings(transaction, record);
}

}  // namespace concord::registry
