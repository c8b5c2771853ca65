// WeaponStore: multi-row INSERT ... ON CONFLICT DO NOTHING RETURNING id, so one statement per
// chunk both writes the new rows and says which they were; then the feed entries for those, last.
#include "registry/weapon_store.h"

#include <algorithm>
#include <unordered_set>

#include "store/change_feed.h"

namespace concord::registry {
namespace {

using store::QueryResult;
using store::Row;
using store::Transaction;
using store::TransactionMode;
using store::Value;

constexpr std::string_view kColumns =
    "id, external_id, kind, state, weapon_type, make, model, calibre, serial, other_markings, "
    "country_of_manufacture, year_of_manufacture, reported_at, sharing, created_at, updated_at";
constexpr std::size_t kColumnCount = 16;
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
  record.created_at = row.text(14);
  record.updated_at = row.text(15);
  return record;
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

void append_parameters(const WeaponRecord& record, std::vector<Value>& params) {
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
  params.emplace_back(std::string(access::to_string(default_sharing(record.kind))));
  params.emplace_back(record.created_at);
  params.emplace_back(record.updated_at);
}

Result<std::vector<Row>> page_after(store::Database& db, const std::string& after_id, int limit) {
  if (limit < 1 || limit > kMaxPage) {
    return Error::invalid("limit", "limit must be between 1 and " + std::to_string(kMaxPage));
  }
  return store::in_transaction(
      db, TransactionMode::read_only, [&](Transaction& tx) -> Result<std::vector<Row>> {
        CONCORD_ASSIGN_OR_RETURN(QueryResult result,
                                 tx.query("SELECT " + std::string(kColumns) +
                                              " FROM weapons WHERE id > $1 ORDER BY id LIMIT $2",
                                          {after_id, std::int64_t{limit}}));
        return std::move(result.rows);
      });
}

}  // namespace

access::Sharing default_sharing(RecordKind kind) {
  return kind == RecordKind::registry ? access::Sharing::private_
                                      : access::Sharing::law_enforcement;
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
  if (!record.serial.empty()) indexed.markings.push_back(record.serial);
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
            append_parameters(records[i], params);
          CONCORD_ASSIGN_OR_RETURN(
              QueryResult result,
              tx.query("INSERT INTO weapons (" + std::string(kColumns) + ") VALUES " +
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
  CONCORD_ASSIGN_OR_RETURN(std::vector<Row> rows, page_after(db, after_id, limit));
  std::vector<search::IndexedRecord> records;
  records.reserve(rows.size());
  for (const Row& row : rows) {
    const auto sharing = access::sharing_from_string(row.text(13));
    records.push_back(
        to_indexed_record(weapon_from_row(row), sharing.value_or(access::Sharing::private_)));
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

}  // namespace concord::registry
