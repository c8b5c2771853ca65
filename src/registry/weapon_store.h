// WeaponStore: the weapons table (migrations 0005 and 0009) and its typed markings. Imports are
// batched and idempotent by (state, external_id): a record whose state already holds its
// external_id is left as stored and counted as already present. Each new record is published on
// the change feed (area "registry", entity "weapon", action "created") as a search::IndexedRecord,
// in the same transaction, so the marking index of every node follows the feed without reading
// the table. Single-record reads and writes run inside the caller's transaction (the record
// service and tracing use them); they do not touch the feed or the audit trail.
// Free functions over a Database, thread-safe as the Database is.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "access/policy.h"
#include "core/clock.h"
#include "core/id.h"
#include "core/result.h"
#include "registry/weapon_json.h"
#include "registry/weapon_record.h"
#include "search/indexed_record.h"
#include "store/database.h"

namespace concord::registry {

struct InsertCounts {
  std::size_t inserted = 0;
  std::size_t already_present = 0;
};

// Who sees a record beyond its state until the state says otherwise: a registry entry stays
// private; a loss, theft, seizure or any other report goes to law enforcement everywhere, since
// that is what it is reported for.
access::Sharing default_sharing(RecordKind kind);

// What the marking index holds of `record`: its attributes and, as markings, its primary serial
// first, then every other serial marking as read (each text once; none when there is no serial).
search::IndexedRecord to_indexed_record(const WeaponRecord& record, access::Sharing sharing);

// Whether a record in this status is in the marking index: active and located records are (a
// located weapon may still turn up in a trace), cleared and cancelled ones are not.
bool is_indexed(RecordStatus status);

// What the access policy needs to know of `record`: its state, sharing rule and named states.
access::RecordAccess record_access(const WeaponRecord& record);

// The record with this id and its markings, read inside `transaction`; not_found (field "id")
// when there is none. A record imported from CSV without typed markings shows its serial as one
// marking of kind serial, component unspecified, condition intact.
Result<WeaponRecord> get_weapon(store::Transaction& transaction, const std::string& id);

// Stores a new record with every column and its markings (in the order given). already_exists
// (field "external_id") when its state already holds its external_id.
Result<void> insert_weapon(store::Transaction& transaction, const WeaponRecord& record);

// Overwrites the stored record `record.id` and its markings, provided the stored version is
// `record.version - 1` (conflict otherwise: someone else changed it first). id, external_id,
// state and created_at are never changed.
Result<void> update_weapon(store::Transaction& transaction, const WeaponRecord& record);

// Inserts `records` in one transaction with their default sharing. Gives each record a fresh id
// and sets created_at and updated_at to now; records already present keep their stored row, and
// the id given to them in `records` is stored nowhere. Records must be valid (weapon_import.h
// checks them); an unknown state fails the whole batch with conflict.
Result<InsertCounts> insert_weapons(store::Database& db, IdGenerator& ids, const Clock& clock,
                                    std::vector<WeaponRecord>& records);

// One page of a state's records, with their markings.
struct StateWeaponQuery {
  std::string state;
  std::optional<RecordKind> kind;
  std::optional<RecordStatus> status;
  std::string after_id;  // "" from the start
  int limit = 100;       // 1..10000
};
Result<std::vector<WeaponRecord>> list_state_weapons(store::Transaction& transaction,
                                                     const StateWeaponQuery& query);

// The records of `state` that are active or located and whose confirmed_at (created_at when
// never confirmed) is before `cutoff` (ISO 8601 UTC), oldest first, with their markings.
Result<std::vector<WeaponRecord>> list_unconfirmed_before(store::Transaction& transaction,
                                                          const std::string& state,
                                                          const std::string& cutoff, int limit);

// For each state with such records: its code, how many, and the id of the oldest.
struct UnconfirmedCount {
  std::string state;
  std::int64_t count = 0;
  std::string oldest_id;
};
Result<std::vector<UnconfirmedCount>> count_unconfirmed_before(store::Transaction& transaction,
                                                               const std::string& cutoff);

// Up to `limit` (1..10000) records with id > `after_id`, in id order: pass the last id seen to
// read the next page; "" starts at the beginning.
Result<std::vector<WeaponRecord>> list_weapons_after(store::Database& db,
                                                     const std::string& after_id, int limit);

// The same pages as list_weapons_after, as the marking index holds them (with stored sharing and
// every serial marking), leaving out records that are not indexed (is_indexed): what a node reads
// to build its index before following the change feed.
Result<std::vector<search::IndexedRecord>> list_indexed_records_after(store::Database& db,
                                                                      const std::string& after_id,
                                                                      int limit);

// The records with these ids, in id order; unknown ids are skipped.
Result<std::vector<WeaponRecord>> get_weapons_by_ids(store::Database& db,
                                                     const std::vector<std::string>& ids);

}  // namespace concord::registry
