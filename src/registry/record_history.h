// The history of a weapon record: one row per transaction (enter, modify, locate, clear, cancel,
// confirm) with who did it, the status after, the reason given, and the whole record as it was
// after, as JSON (weapon_json.h). Rows are only ever added, in the caller's transaction.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "access/principal.h"
#include "core/clock.h"
#include "core/id.h"
#include "core/result.h"
#include "registry/weapon_record.h"
#include "store/database.h"

namespace concord::registry {

struct HistoryEntry {
  std::string id;  // ULID: entries sort by it
  std::string weapon_id;
  std::string action;  // "enter", "modify", "locate", "clear", "cancel", "confirm"
  std::string actor_user_id;
  std::string actor_username;
  std::string actor_state;
  std::string status;  // the record's status after
  std::string reason;
  std::string recorded_at;
  nlohmann::json record;  // the record after
};

Result<HistoryEntry> append_history(store::Transaction& transaction, IdGenerator& ids,
                                    const Clock& clock, const access::Principal& actor,
                                    std::string action, const WeaponRecord& record,
                                    std::string reason);

// Oldest first.
Result<std::vector<HistoryEntry>> read_history(store::Transaction& transaction,
                                               const std::string& weapon_id);

nlohmann::json history_entry_json(const HistoryEntry& entry);

}  // namespace concord::registry
