// WeaponStore: the weapons table (migration 0005). Writes are batched and idempotent by
// (state, external_id): a record whose state already holds its external_id is left as stored and
// counted as already present. Each new record is published on the change feed (area "registry",
// entity "weapon", action "created") as a search::IndexedRecord, in the same transaction, so the
// marking index of every node follows the feed without reading the table.
// Free functions over a Database, thread-safe as the Database is.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "access/policy.h"
#include "core/clock.h"
#include "core/id.h"
#include "core/result.h"
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

// What the marking index holds of `record`: its attributes and, as markings, its serial alone
// (none when the serial is empty).
search::IndexedRecord to_indexed_record(const WeaponRecord& record, access::Sharing sharing);

// Inserts `records` in one transaction with their default sharing. Gives each record a fresh id
// and sets created_at and updated_at to now; records already present keep their stored row, and
// the id given to them in `records` is stored nowhere. Records must be valid (weapon_import.h
// checks them); an unknown state fails the whole batch with conflict.
Result<InsertCounts> insert_weapons(store::Database& db, IdGenerator& ids, const Clock& clock,
                                    std::vector<WeaponRecord>& records);

// Up to `limit` (1..10000) records with id > `after_id`, in id order: pass the last id seen to
// read the next page; "" starts at the beginning.
Result<std::vector<WeaponRecord>> list_weapons_after(store::Database& db,
                                                     const std::string& after_id, int limit);

// The same pages as list_weapons_after, as the marking index holds them (with stored sharing):
// what a node reads to build its index before following the change feed.
Result<std::vector<search::IndexedRecord>> list_indexed_records_after(store::Database& db,
                                                                      const std::string& after_id,
                                                                      int limit);

// The records with these ids, in id order; unknown ids are skipped.
Result<std::vector<WeaponRecord>> get_weapons_by_ids(store::Database& db,
                                                     const std::vector<std::string>& ids);

}  // namespace concord::registry
