// Demo operations data: years of mine-action history for several affected states (Lao PDR,
// Cambodia, Bosnia and Herzegovina, Iraq, Ukraine), from 2016 up to the year before `today`:
// treaty deadlines (some extended), stockpile declarations, yearly destruction events with their
// methods, sites and verifiers, quantities retained for training (one state on track, one at
// risk, some completed, one overdue); tens of hazardous areas per state near a few anchor points
// of its regions, suspected and later confirmed, released over the years by non-technical survey,
// technical survey and clearance (with the items found and destroyed), some partly, some with
// overlapping releases, some fully; casualty statistics by year that decline; and victim
// assistance services with their coverage. Deterministic from the seed, generated (no reference
// tables) and written only through the operations services, with their audit and change-feed
// entries. Nothing is dated after `today`. A database where a demo state already has stockpile
// records gets nothing more.
#pragma once

#include <cstdint>
#include <functional>
#include <string>

#include "core/result.h"
#include "operations/casualty_service.h"
#include "operations/hazard_service.h"
#include "operations/stockpile_service.h"

namespace concord::demo {

struct DemoOperationsOptions {
  std::uint64_t seed = 2026;
  // YYYY-MM-DD. The history covers 2016 up to the year before this one.
  std::string today;
};

struct DemoOperationsSummary {
  bool already_there = false;
  int countries = 0;
  int deadlines = 0;
  int declarations = 0;
  int destructions = 0;
  int retained = 0;
  int areas = 0;
  int classifications = 0;  // later classifications (each area also has its first one)
  int releases = 0;
  int cancelled = 0;  // releases by method; the three sum to releases
  int reduced = 0;
  int cleared = 0;
  int fully_released_areas = 0;
  int casualty_rows = 0;
  std::int64_t casualties = 0;  // people, the sum of the rows' counts
  int victim_services = 0;
};

struct DemoOperationsServices {
  operations::StockpileService& stockpiles;
  operations::HazardService& hazards;
  operations::CasualtyService& casualties;
};

Result<DemoOperationsSummary> fill_demo_operations(
    const DemoOperationsServices& services, const DemoOperationsOptions& options,
    const std::function<void(const std::string&)>& progress = {});

}  // namespace concord::demo
