#include "demo/demo_weapons.h"

#include <vector>

#include "registry/weapon_generator.h"
#include "registry/weapon_store.h"

namespace concord::demo {

Result<DemoWeaponsSummary> fill_demo_weapons(
    store::Database& db, IdGenerator& ids, const Clock& clock, std::size_t count,
    std::uint64_t seed, const std::function<void(const std::string&)>& progress) {
  constexpr std::size_t kBatch = 2000;
  DemoWeaponsSummary summary;
  std::vector<registry::WeaponRecord> batch;
  std::optional<Error> failure;
  auto flush = [&]() -> Result<void> {
    if (batch.empty()) return {};
    CONCORD_ASSIGN_OR_RETURN(auto counts, registry::insert_weapons(db, ids, clock, batch));
    summary.created += counts.inserted;
    summary.existing += counts.already_present;
    batch.clear();
    return {};
  };
  registry::generate_weapons({count, seed}, [&](const registry::WeaponRecord& record) {
    if (failure) return;
    batch.push_back(record);
    if (batch.size() < kBatch) return;
    if (auto flushed = flush(); !flushed.ok()) failure = flushed.error();
  });
  if (failure) return *failure;
  CONCORD_TRY(flush());
  if (progress) {
    progress("weapons: " + std::to_string(summary.created) + " created, " +
             std::to_string(summary.existing) + " already there");
  }
  return summary;
}

}  // namespace concord::demo
