// ProfileService: gathers a state's records for one year through the stockpile, hazard and
// casualty services and the assistance FundingService (each read under its own rule, for the
// reader), then builds the country profile (country_profile.h). Reads need `operations.read`
// (anyone). The figures are those at the end of the year, or today for the current year.
#pragma once

#include <string>
#include <vector>

#include "access/principal.h"
#include "assistance/funding_service.h"
#include "core/clock.h"
#include "core/reference_data.h"
#include "core/result.h"
#include "operations/casualty_service.h"
#include "operations/country_profile.h"
#include "operations/hazard_service.h"
#include "operations/stockpile_service.h"

namespace concord::operations {

class ProfileService {
 public:
  // All references must outlive the service.
  ProfileService(StockpileService& stockpiles, HazardService& hazards, CasualtyService& casualties,
                 assistance::FundingService& funding, const ReferenceData& reference,
                 const Clock& clock)
      : stockpiles_(stockpiles),
        hazards_(hazards),
        casualties_(casualties),
        funding_(funding),
        reference_(reference),
        clock_(clock) {}

  const ReferenceData& reference() const { return reference_; }

  // invalid_argument "state" (unknown country), "year" (before kFirstCasualtyYear or after the
  // current year); otherwise the errors of the services it reads and of build_country_profile.
  // Funding is shown in `currency` with the rates of the profile's day.
  Result<CountryProfile> profile(const access::Principal& reader, const std::string& state,
                                 int year, const std::string& currency = "USD");

  // The inputs profile() builds from (for the report service, which needs the flows too).
  Result<ProfileInputs> inputs(const access::Principal& reader, const std::string& state, int year,
                               const std::string& currency = "USD");

  // The state's funding given as a donor in `year`, per recipient.
  Result<std::vector<FundingLine>> funding_given(const access::Principal& reader,
                                                 const std::string& state, int year,
                                                 const std::string& currency = "USD");

  // The day the figures of `year` are read on: YYYY-12-31, or today for the current year.
  std::string figures_day(int year) const;

 private:
  StockpileService& stockpiles_;
  HazardService& hazards_;
  CasualtyService& casualties_;
  assistance::FundingService& funding_;
  const ReferenceData& reference_;
  const Clock& clock_;
};

}  // namespace concord::operations
