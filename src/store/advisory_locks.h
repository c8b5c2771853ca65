// The PostgreSQL advisory lock keys the store takes, in one place so that they never collide.
// Used by the store and by access (the audit trail); not part of the public store interface.
#pragma once

#include <cstdint>

namespace concord::store::advisory_lock {

// "CONCORD" followed by a number, read as a big-endian 64-bit integer.
inline constexpr std::int64_t migrations = 0x434F4E434F524401;   // serialises migrate()
inline constexpr std::int64_t change_feed = 0x434F4E434F524402;  // orders change feed positions
// Chains audit entries one writer at a time (access/audit_trail.cpp). A transaction that both
// records an audit entry and appends to the change feed takes this lock first (record() before
// append_change()), so that the two locks are always taken in the same order and cannot deadlock.
inline constexpr std::int64_t audit_log = 0x434F4E434F524403;

}  // namespace concord::store::advisory_lock
