// Demo data: a deterministic, realistic data set generated from a seed, written through the
// areas' services. Running it twice on the same database adds nothing the second time.
#pragma once

#include <cstdint>
#include <functional>
#include <string>

#include "core/result.h"
#include "directory/directory_service.h"

namespace concord::demo {

struct DemoSummary {
  int organisations_created = 0;
  int organisations_existing = 0;  // already there from an earlier run
};

struct DemoOptions {
  std::uint64_t seed = 2026;
  int donor_agencies = 24;  // national donor agencies, drawn from ISO 3166-1 states
  int mine_action_centres = 30;
};

// Fills the directory. `progress` receives one line per step.
Result<DemoSummary> fill_demo_data(directory::DirectoryService& directory,
                                   const ReferenceData& reference, const DemoOptions& options,
                                   const std::function<void(const std::string&)>& progress = {});

}  // namespace concord::demo
