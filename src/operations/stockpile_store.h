// The tables of stockpile declarations, destruction events, retained quantities and treaty
// deadlines (migration 0013). Functions run inside the caller's transaction, on SQLite and
// PostgreSQL alike, and do no access checks: the services do.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/result.h"
#include "operations/destruction_progress.h"
#include "operations/treaty_deadline.h"
#include "store/database.h"

namespace concord::operations {

Result<void> insert_declaration(store::Transaction& transaction,
                                const StockpileDeclaration& declaration,
                                const std::string& recorded_by, const std::string& created_at);
Result<void> insert_destruction(store::Transaction& transaction, const DestructionEvent& event,
                                const std::string& recorded_by, const std::string& created_at);
Result<void> insert_retained(store::Transaction& transaction, const RetainedQuantity& retained,
                             const std::string& recorded_by, const std::string& created_at);

// Every stockpile record of `state`, each list oldest date first (then by id).
Result<StockpileRecords> load_stockpile_records(store::Transaction& transaction,
                                                const std::string& state);

// Inserts or replaces the deadline of (state, instrument, obligation, category).
Result<void> upsert_deadline(store::Transaction& transaction, const TreatyDeadline& deadline);
// The state's deadlines, ordered by instrument, obligation, category.
Result<std::vector<TreatyDeadline>> list_deadlines(store::Transaction& transaction,
                                                   const std::string& state);

}  // namespace concord::operations
