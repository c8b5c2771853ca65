// The tables of casualty statistics and victim assistance services (migration 0013). Functions
// run inside the caller's transaction, on SQLite and PostgreSQL alike, and do no access checks.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/result.h"
#include "operations/casualties.h"
#include "operations/victim_assistance.h"
#include "store/database.h"

namespace concord::operations {

Result<void> insert_casualty_count(store::Transaction& transaction, const CasualtyCount& row,
                                   const std::string& recorded_by, const std::string& created_at);
// The state's rows (of one year when given), by year then id.
Result<std::vector<CasualtyCount>> list_casualty_counts(store::Transaction& transaction,
                                                        const std::string& state,
                                                        std::optional<int> year);

Result<void> insert_victim_service(store::Transaction& transaction, const VictimService& service);
// The state's services (of one year when given), by year then id.
Result<std::vector<VictimService>> list_victim_services(store::Transaction& transaction,
                                                        const std::string& state,
                                                        std::optional<int> year);

}  // namespace concord::operations
