// Reference store: plain SELECTs into ReferenceContents, and INSERT ... ON CONFLICT (id) DO UPDATE
// for each changed entry, in foreign-key order (calibres, makes, models, look-alikes).
#include "registry/weapon_reference_store.h"

#include <algorithm>
#include <mutex>
#include <nlohmann/json.hpp>
#include <unordered_map>
#include <utility>
#include <vector>

#include "store/change_feed.h"

namespace concord::registry {
namespace {

using store::Transaction;
using store::Value;

std::vector<std::string> aliases_from_json(const std::string& text) {
  std::vector<std::string> aliases;
  const auto parsed = nlohmann::json::parse(text, nullptr, false);
  if (!parsed.is_array()) return aliases;
  for (const auto& alias : parsed) {
    if (alias.is_string()) aliases.push_back(alias.get<std::string>());
  }
  return aliases;
}

std::string aliases_json(const std::vector<std::string>& aliases) {
  return nlohmann::json(aliases).dump();
}

Value optional_id(const std::string& id) {
  return id.empty() ? Value() : Value(id);
}

// A few snapshots, newest first: several databases may be open in one process (tests, tools).
class SnapshotCache {
 public:
  std::shared_ptr<const ReferenceTable> find(const std::string& stamp) {
    std::lock_guard lock(mutex_);
    for (const auto& [cached_stamp, table] : entries_) {
      if (cached_stamp == stamp) return table;
    }
    return nullptr;
  }
  void keep(const std::string& stamp, std::shared_ptr<const ReferenceTable> table) {
    std::lock_guard lock(mutex_);
    entries_.insert(entries_.begin(), {stamp, std::move(table)});
    if (entries_.size() > kEntries) entries_.resize(kEntries);
  }

 private:
  static constexpr std::size_t kEntries = 4;
  std::mutex mutex_;
  std::vector<std::pair<std::string, std::shared_ptr<const ReferenceTable>>> entries_;
};

SnapshotCache& snapshot_cache() {
  static SnapshotCache cache;
  return cache;
}

Result<std::string> read_stamp(Transaction& tx) {
  CONCORD_ASSIGN_OR_RETURN(auto rows, tx.query("SELECT stamp FROM reference_state WHERE id = 1"));
  if (rows.rows.empty()) return Error::internal("reference_state has no row: run migrate");
  return rows.rows.front().text(0);
}

nlohmann::json make_json(const ReferenceMake& make) {
  return {{"id", make.id},           {"name", make.name},       {"code", make.code},
          {"country", make.country}, {"aliases", make.aliases}, {"updated_at", make.updated_at}};
}
nlohmann::json calibre_json(const ReferenceCalibre& calibre) {
  return {{"id", calibre.id},
          {"name", calibre.name},
          {"aliases", calibre.aliases},
          {"updated_at", calibre.updated_at}};
}
nlohmann::json model_json(const ReferenceModel& model) {
  return {{"id", model.id},
          {"make_id", model.make_id},
          {"name", model.name},
          {"weapon_type", model.weapon_type},
          {"calibre_id", model.calibre_id},
          {"aliases", model.aliases},
          {"updated_at", model.updated_at}};
}

// Equal apart from the timestamps.
template <typename Entry>
bool same_content(Entry a, Entry b) {
  a.created_at = b.created_at;
  a.updated_at = b.updated_at;
  return a == b;
}

// Collects the writes of one kind of entry: sets timestamps, counts, audits, queues feed entries.
template <typename Entry, typename Write, typename Encode>
Result<void> write_entries(const std::vector<Entry>& before, std::vector<Entry>& after,
                           const std::string& entity, const ReferenceWriter& writer,
                           ReferenceWriteCounts& counts, std::vector<store::Change>& changes,
                           Transaction& tx, Write&& write, Encode&& encode) {
  std::unordered_map<std::string, const Entry*> stored;
  for (const Entry& entry : before)
    stored.emplace(entry.id, &entry);
  for (Entry& entry : after) {
    auto found = stored.find(entry.id);
    const bool created = found == stored.end();
    if (!created && same_content(*found->second, entry)) {
      entry.created_at = found->second->created_at;
      entry.updated_at = found->second->updated_at;
      ++counts.unchanged;
      continue;
    }
    entry.created_at = created ? writer.now : found->second->created_at;
    entry.updated_at = writer.now;
    CONCORD_TRY(write(entry));
    const std::string action = created ? "created" : "updated";
    ++(created ? counts.created : counts.updated);
    CONCORD_TRY(writer.audit.record(
        tx, writer.actor,
        {"reference.edit", entity, entry.id, std::nullopt, access::Outcome::success,
         nlohmann::json{{"name", entry.name}, {"change", action}, {"via", writer.via}}.dump()}));
    changes.push_back({0, writer.now, "registry", entity, entry.id, action, encode(entry).dump()});
  }
  return {};
}

}  // namespace

Result<ReferenceContents> read_reference_contents(Transaction& tx) {
  ReferenceContents contents;
  CONCORD_ASSIGN_OR_RETURN(auto makes,
                           tx.query("SELECT id, name, code, country, aliases, created_at, "
                                    "updated_at FROM reference_makes ORDER BY name_key, id"));
  for (const auto& row : makes.rows) {
    contents.makes.push_back({row.text(0), row.text(1), row.text(2), row.text(3),
                              aliases_from_json(row.text(4)), row.text(5), row.text(6)});
  }
  CONCORD_ASSIGN_OR_RETURN(auto calibres,
                           tx.query("SELECT id, name, aliases, created_at, updated_at "
                                    "FROM reference_calibres ORDER BY name_key, id"));
  for (const auto& row : calibres.rows) {
    contents.calibres.push_back(
        {row.text(0), row.text(1), aliases_from_json(row.text(2)), row.text(3), row.text(4)});
  }
  CONCORD_ASSIGN_OR_RETURN(
      auto models,
      tx.query("SELECT id, make_id, name, weapon_type, calibre_id, aliases, created_at, "
               "updated_at FROM reference_models ORDER BY make_id, name_key, id"));
  for (const auto& row : models.rows) {
    contents.models.push_back({row.text(0), row.text(1), row.text(2), row.text(3),
                               row.optional_text(4).value_or(""), aliases_from_json(row.text(5)),
                               row.text(6), row.text(7)});
  }
  CONCORD_ASSIGN_OR_RETURN(auto pairs,
                           tx.query("SELECT model_id, other_model_id FROM reference_lookalikes "
                                    "ORDER BY model_id, other_model_id"));
  for (const auto& row : pairs.rows)
    contents.lookalikes.push_back({row.text(0), row.text(1)});
  return contents;
}

Result<std::shared_ptr<const ReferenceTable>> load_reference_table(Transaction& tx) {
  CONCORD_ASSIGN_OR_RETURN(const std::string stamp, read_stamp(tx));
  if (auto cached = snapshot_cache().find(stamp)) return cached;
  CONCORD_ASSIGN_OR_RETURN(ReferenceContents contents, read_reference_contents(tx));
  auto table = std::make_shared<const ReferenceTable>(std::move(contents));
  // On PostgreSQL each statement may see a newer commit: cache only what one stamp covers.
  CONCORD_ASSIGN_OR_RETURN(const std::string after, read_stamp(tx));
  if (after == stamp) snapshot_cache().keep(stamp, table);
  return table;
}

Result<void> lock_reference_table(Transaction& tx) {
  CONCORD_TRY(tx.execute("UPDATE reference_state SET version = version WHERE id = 1"));
  return {};
}

Result<ReferenceWriteCounts> write_reference_changes(Transaction& tx,
                                                     const ReferenceContents& before,
                                                     ReferenceContents& after,
                                                     const ReferenceWriter& writer) {
  ReferenceWriteCounts counts;
  std::vector<store::Change> changes;
  auto write_calibre = [&](const ReferenceCalibre& calibre) -> Result<void> {
    CONCORD_TRY(tx.execute(
        "INSERT INTO reference_calibres (id, name, name_key, aliases, created_at, updated_at) "
        "VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (id) DO UPDATE SET name = $2, "
        "name_key = $3, aliases = $4, updated_at = $6",
        {calibre.id, calibre.name, calibre_key(calibre.name), aliases_json(calibre.aliases),
         calibre.created_at, calibre.updated_at}));
    return {};
  };
  auto write_make = [&](const ReferenceMake& make) -> Result<void> {
    CONCORD_TRY(tx.execute(
        "INSERT INTO reference_makes (id, name, name_key, code, country, aliases, "
        "created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT (id) "
        "DO UPDATE SET name = $2, name_key = $3, code = $4, country = $5, aliases = $6, "
        "updated_at = $8",
        {make.id, make.name, reference_key(make.name), make.code, make.country,
         aliases_json(make.aliases), make.created_at, make.updated_at}));
    return {};
  };
  auto write_model = [&](const ReferenceModel& model) -> Result<void> {
    CONCORD_TRY(tx.execute(
        "INSERT INTO reference_models (id, make_id, name, name_key, weapon_type, calibre_id, "
        "aliases, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) "
        "ON CONFLICT (id) DO UPDATE SET make_id = $2, name = $3, name_key = $4, "
        "weapon_type = $5, calibre_id = $6, aliases = $7, updated_at = $9",
        {model.id, model.make_id, model.name, reference_key(model.name), model.weapon_type,
         optional_id(model.calibre_id), aliases_json(model.aliases), model.created_at,
         model.updated_at}));
    return {};
  };
  CONCORD_TRY(write_entries(before.calibres, after.calibres, "reference_calibre", writer, counts,
                            changes, tx, write_calibre, calibre_json));
  CONCORD_TRY(write_entries(before.makes, after.makes, "reference_make", writer, counts, changes,
                            tx, write_make, make_json));
  CONCORD_TRY(write_entries(before.models, after.models, "reference_model", writer, counts, changes,
                            tx, write_model, model_json));

  std::vector<std::pair<std::string, std::string>> stored;
  for (const auto& pair : before.lookalikes)
    stored.emplace_back(pair.model_id, pair.other_model_id);
  std::sort(stored.begin(), stored.end());
  for (const auto& pair : after.lookalikes) {
    if (std::binary_search(stored.begin(), stored.end(),
                           std::make_pair(pair.model_id, pair.other_model_id))) {
      ++counts.unchanged;
      continue;
    }
    CONCORD_TRY(
        tx.execute("INSERT INTO reference_lookalikes (model_id, other_model_id, created_at) "
                   "VALUES ($1, $2, $3) ON CONFLICT (model_id, other_model_id) DO NOTHING",
                   {pair.model_id, pair.other_model_id, writer.now}));
    ++counts.created;
    const std::string id = pair.model_id + "~" + pair.other_model_id;
    CONCORD_TRY(writer.audit.record(
        tx, writer.actor,
        {"reference.edit", "reference_lookalike", id, std::nullopt, access::Outcome::success,
         nlohmann::json{{"model_id", pair.model_id},
                        {"other_model_id", pair.other_model_id},
                        {"change", "created"},
                        {"via", writer.via}}
             .dump()}));
    changes.push_back(
        {0, writer.now, "registry", "reference_lookalike", id, "created",
         nlohmann::json{{"model_id", pair.model_id}, {"other_model_id", pair.other_model_id}}
             .dump()});
  }
  if (changes.empty()) return counts;
  CONCORD_TRY(
      tx.execute("UPDATE reference_state SET version = version + 1, stamp = $1 "
                 "WHERE id = 1",
                 {writer.stamp}));
  // Last: on PostgreSQL the feed's lock is held until commit.
  CONCORD_TRY(store::append_changes(tx, changes));
  return counts;
}

}  // namespace concord::registry
