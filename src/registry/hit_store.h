// HitStore: the cross_check_hits and cross_check_cursor tables (migration 0010). Functions run
// inside the caller's transaction, on SQLite and PostgreSQL alike. A pair of records is stored
// once: insert_hit() does nothing (and says so) when the pair is already there, whichever record
// was the query, so two nodes checking the same changes make one hit.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/result.h"
#include "registry/hit.h"
#include "store/database.h"

namespace concord::registry {

// Stores `hit` unless its pair of records is stored already. True when this call stored it.
Result<bool> insert_hit(store::Transaction& transaction, const Hit& hit);

// The hit with this id; not_found (field "id") when there is none.
Result<Hit> get_hit(store::Transaction& transaction, const std::string& id);

// Hits with a side owned by `state`, newest first, ids below `before` ("" for the newest), at most
// `limit`. With `status`, only hits whose side of `state` has that review status.
Result<std::vector<Hit>> list_hits_of_state(store::Transaction& transaction,
                                            const std::string& state,
                                            const std::optional<ReviewStatus>& status,
                                            const std::string& before, int limit);

// Hits that involve the record `record_id`, newest first.
Result<std::vector<Hit>> list_hits_of_record(store::Transaction& transaction,
                                             const std::string& record_id);

// Sets the review of the side holding `record_id` of hit `hit_id`.
Result<void> set_review(store::Transaction& transaction, const std::string& hit_id,
                        const std::string& record_id, const HitSide& review);

// The change feed position up to which every weapon change has been checked.
Result<std::int64_t> read_cross_check_cursor(store::Transaction& transaction);
// Moves the cursor to `position` unless it is already there or beyond (another node got further).
Result<void> advance_cross_check_cursor(store::Transaction& transaction, std::int64_t position,
                                        const std::string& now);

}  // namespace concord::registry
