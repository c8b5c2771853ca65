// Demo data: a deterministic, realistic data set generated from a seed, written through the
// areas' services. Running it twice on the same database adds nothing the second time.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "access/identity_service.h"
#include "core/result.h"
#include "directory/directory_service.h"

namespace concord::demo {

// A demo user's sign-in, printed by `concord demo` so that people can try each role.
struct DemoSignIn {
  std::string username;
  std::string password;
  std::string home;   // state code or organisation name
  std::string roles;  // "national_contact, analyst"
};

struct DemoSummary {
  int organisations_created = 0;
  int organisations_existing = 0;  // already there from an earlier run
  int users_created = 0;
  std::vector<DemoSignIn> sign_ins;
};

struct DemoOptions {
  std::uint64_t seed = 2026;
  int donor_agencies = 24;  // national donor agencies, drawn from ISO 3166-1 states
  int mine_action_centres = 30;
};

// Fills the directory and adds demo users for several states and roles. Passwords derive from
// the seed, so a second run prints the same, still valid, sign-ins. `progress` receives one line
// per step.
Result<DemoSummary> fill_demo_data(directory::DirectoryService& directory,
                                   access::IdentityService& identity,
                                   const ReferenceData& reference, const DemoOptions& options,
                                   const std::function<void(const std::string&)>& progress = {});

}  // namespace concord::demo
