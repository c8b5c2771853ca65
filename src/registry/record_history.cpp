#include "registry/record_history.h"

#include "registry/weapon_json.h"

namespace concord::registry {

Result<HistoryEntry> append_history(store::Transaction& transaction, IdGenerator& ids,
                                    const Clock& clock, const access::Principal& actor,
                                    std::string action, const WeaponRecord& record,
                                    std::string reason) {
  HistoryEntry entry{ids.next(),
                     record.id,
                     std::move(action),
                     actor.user_id,
                     actor.username,
                     actor.state.value_or(""),
                     std::string(to_string(record.status)),
                     std::move(reason),
                     format_iso8601(clock.now()),
                     weapon_record_json(record)};
  CONCORD_TRY(transaction.execute(
      "INSERT INTO weapon_history (id, weapon_id, action, actor_user_id, actor_username, "
      "actor_state, status, reason, recorded_at, record) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, "
      "$9, $10)",
      {entry.id, entry.weapon_id, entry.action, entry.actor_user_id, entry.actor_username,
       entry.actor_state, entry.status, entry.reason, entry.recorded_at, entry.record.dump()}));
  return entry;
}

Result<std::vector<HistoryEntry>> read_history(store::Transaction& transaction,
                                               const std::string& weapon_id) {
  CONCORD_ASSIGN_OR_RETURN(
      auto rows,
      transaction.query("SELECT id, weapon_id, action, actor_user_id, actor_username, actor_state, "
                        "status, reason, recorded_at, record FROM weapon_history "
                        "WHERE weapon_id = $1 ORDER BY id",
                        {weapon_id}));
  std::vector<HistoryEntry> entries;
  entries.reserve(rows.rows.size());
  for (const auto& row : rows.rows) {
    entries.push_back({row.text(0), row.text(1), row.text(2), row.text(3), row.text(4), row.text(5),
                       row.text(6), row.text(7), row.text(8),
                       nlohmann::json::parse(row.text(9), nullptr, false)});
  }
  return entries;
}

nlohmann::json history_entry_json(const HistoryEntry& entry) {
  return {{"id", entry.id},
          {"weapon_id", entry.weapon_id},
          {"action", entry.action},
          {"actor",
           {{"user_id", entry.actor_user_id},
            {"username", entry.actor_username},
            {"state",
             entry.actor_state.empty() ? nlohmann::json() : nlohmann::json(entry.actor_state)}}},
          {"status", entry.status},
          {"reason", entry.reason.empty() ? nlohmann::json() : nlohmann::json(entry.reason)},
          {"recorded_at", entry.recorded_at},
          {"record", entry.record}};
}

}  // namespace concord::registry
