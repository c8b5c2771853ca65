#include "operations/profile_service.h"

#include "core/error.h"
#include "operations/calendar_day.h"
#include "operations/operations_writes.h"

namespace concord::operations {

std::string ProfileService::figures_day(int year) const {
  const std::string year_end = format_day(Day{std::chrono::year{year} / 12 / 31});
  return std::min(format_day(today(clock_)), year_end);
}

Result<ProfileInputs> ProfileService::inputs(const access::Principal& reader,
                                             const std::string& state, int year,
                                             const std::string& currency) {
  CONCORD_TRY(check_known_state(reference_, state));
  const int this_year = current_year(clock_);
  if (year < kFirstCasualtyYear || year > this_year) {
    return Error::invalid("year", "year must be from " + std::to_string(kFirstCasualtyYear) +
                                      " to the current year, " + std::to_string(this_year));
  }
  const std::string on = figures_day(year);
  ProfileInputs inputs;
  inputs.state = state;
  inputs.year = year;
  inputs.as_of = on;
  CONCORD_ASSIGN_OR_RETURN(inputs.stockpiles, stockpiles_.records(reader, state));
  CONCORD_ASSIGN_OR_RETURN(inputs.deadlines, stockpiles_.deadlines(reader, state));
  CONCORD_ASSIGN_OR_RETURN(inputs.areas, hazards_.areas(reader, state, on));
  CONCORD_ASSIGN_OR_RETURN(inputs.bands, hazards_.severity_bands(reader));
  CONCORD_ASSIGN_OR_RETURN(inputs.casualties, casualties_.casualties(reader, state, year));
  CONCORD_ASSIGN_OR_RETURN(inputs.victim_services,
                           casualties_.victim_services(reader, state, year));
  assistance::FlowQuery received;
  received.recipient_state = state;
  received.budget_year = year;
  CONCORD_ASSIGN_OR_RETURN(inputs.funding_flows, funding_.list(reader, received));
  CONCORD_ASSIGN_OR_RETURN(auto rates, funding_.list_rates(reader));
  inputs.funding.currency = currency;
  inputs.funding.rates_on = on;
  inputs.funding.rates = assistance::ExchangeRateTable(std::move(rates));
  return inputs;
}

Result<CountryProfile> ProfileService::profile(const access::Principal& reader,
                                               const std::string& state, int year,
                                               const std::string& currency) {
  CONCORD_ASSIGN_OR_RETURN(const auto gathered, inputs(reader, state, year, currency));
  return build_country_profile(gathered, reference_);
}

Result<std::vector<FundingLine>> ProfileService::funding_given(const access::Principal& reader,
                                                               const std::string& state, int year,
                                                               const std::string& currency) {
  assistance::FlowQuery given;
  given.donor = "state:" + state;
  given.budget_year = year;
  CONCORD_ASSIGN_OR_RETURN(const auto flows, funding_.list(reader, given));
  CONCORD_ASSIGN_OR_RETURN(auto rates, funding_.list_rates(reader));
  FundingConversion conversion{currency, figures_day(year),
                               assistance::ExchangeRateTable(std::move(rates))};
  return operations::funding_given(flows, state, year, conversion, reference_);
}

}  // namespace concord::operations
