// Demo tracing: the part of the demo that shows the tracing workflow. Five states publish marking
// systems; the reference table is filled from the generator's catalogue; a few hundred weapon
// records with typed markings are entered across the demo states (registry entries, thefts and
// losses, seizures, some of them damaged readings of earlier records so that the cross-check finds
// hits); and tracing requests are driven through every status with a clock stepped through the
// past ten weeks, so some are overdue today. Everything goes through the areas' own services.
// Idempotent: when the first demo record is already there, nothing is added.
#pragma once

#include <cstdint>
#include <functional>
#include <string>

#include "access/audit_trail.h"
#include "core/clock.h"
#include "core/reference_data.h"
#include "core/result.h"
#include "marking/marking_system_store.h"
#include "registry/weapon_reference_service.h"
#include "store/database.h"

namespace concord::demo {

struct DemoTracingSummary {
  bool already_present = false;
  int marking_systems_published = 0;
  int records_created = 0;
  int requests_created = 0;
};

struct DemoTracingOptions {
  std::uint64_t seed = 2026;
  int records = 300;
  int requests = 39;  // three of each scenario
  TimePoint now;      // "today": the requests' history ends here
};

Result<DemoTracingSummary> fill_demo_tracing(
    store::Database& db, const ReferenceData& reference, const access::AuditTrail& audit,
    marking::MarkingSystemService& marking_systems, registry::ReferenceService& reference_table,
    const DemoTracingOptions& options,
    const std::function<void(const std::string&)>& progress = {});

}  // namespace concord::demo
