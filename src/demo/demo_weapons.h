// Demo weapons: a synthetic registry (registry/weapon_generator.h) written through the weapon
// store, so that the marking search has realistic, dense serials to find. Idempotent: records
// are keyed by (state, external_id), so a second run adds nothing.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>

#include "core/clock.h"
#include "core/id.h"
#include "core/result.h"
#include "store/database.h"

namespace concord::demo {

struct DemoWeaponsSummary {
  std::size_t created = 0;
  std::size_t existing = 0;
};

Result<DemoWeaponsSummary> fill_demo_weapons(
    store::Database& db, IdGenerator& ids, const Clock& clock, std::size_t count,
    std::uint64_t seed, const std::function<void(const std::string&)>& progress = {});

}  // namespace concord::demo
