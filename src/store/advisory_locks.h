// The PostgreSQL advisory lock keys the store takes, in one place so that they never collide.
// Internal to the store.
#pragma once

#include <cstdint>

namespace concord::store::advisory_lock {

// "CONCORD" followed by a number, read as a big-endian 64-bit integer.
inline constexpr std::int64_t migrations = 0x434F4E434F524401;   // serialises migrate()
inline constexpr std::int64_t change_feed = 0x434F4E434F524402;  // orders change feed positions

}  // namespace concord::store::advisory_lock
