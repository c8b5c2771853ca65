#include "operations/profile_json.h"

#include "core/money.h"
#include "operations/stockpile_json.h"

namespace concord::operations {
namespace {

using nlohmann::ordered_json;

ordered_json methods_json(const MethodFigures& figures) {
  return {{"cleared_km2", figures.cleared_km2},
          {"reduced_km2", figures.reduced_km2},
          {"cancelled_km2", figures.cancelled_km2},
          {"total_km2", figures.total()}};
}

ordered_json optional_json(const std::optional<std::string>& value) {
  return value ? ordered_json(*value) : ordered_json(nullptr);
}

ordered_json optional_json(const std::optional<double>& value) {
  return value ? ordered_json(*value) : ordered_json(nullptr);
}

ordered_json funding_line_json(const FundingLine& line, const std::string& currency,
                               const ReferenceData& reference) {
  auto amount = [&](std::int64_t minor) { return Money{minor, currency}.to_decimal(reference); };
  return {{"key", line.key},
          {"counted", amount(line.counted_minor)},
          {"pledged", amount(line.pledged_minor)},
          {"committed", amount(line.committed_minor)},
          {"disbursed", amount(line.disbursed_minor)},
          {"flows", line.flows}};
}

}  // namespace

ordered_json country_profile_json(const CountryProfile& profile, const ReferenceData& reference) {
  const auto& contamination = profile.contamination;
  ordered_json bands = ordered_json::array();
  for (const auto& band : contamination.bands) {
    bands.push_back(
        {{"contamination", band.contamination},
         {"measure", band.measure},
         {"value", band.value},
         {"band", band.band.empty() ? ordered_json(nullptr) : ordered_json(band.band)}});
  }
  ordered_json areas = ordered_json::array();
  for (const auto& area : contamination.areas) {
    areas.push_back({{"id", area.id},
                     {"name", area.name},
                     {"region", area.region},
                     {"contamination", area.contamination},
                     {"classification", area.classification},
                     {"area_km2", area.area_km2},
                     {"remaining_km2", area.remaining_km2},
                     {"released_in_year", methods_json(area.released_in_year)}});
  }
  ordered_json items = ordered_json::object();
  for (const auto& [device, line] : profile.destruction.clearance_items) {
    items[device] = {{"found", line.found}, {"destroyed", line.destroyed}};
  }
  ordered_json stockpiles = ordered_json::array();
  for (const auto& figure : profile.destruction.stockpiles) {
    stockpiles.push_back({{"category", figure.category},
                          {"ammunition_type", figure.ammunition_type},
                          {"declared", figure.declared},
                          {"declared_as_of", figure.declared_as_of},
                          {"destroyed_in_year", figure.destroyed_in_year},
                          {"destroyed_cumulative", figure.destroyed_cumulative},
                          {"retained", figure.retained},
                          {"progress", figure.progress ? progress_figures_json(*figure.progress)
                                                       : ordered_json(nullptr)}});
  }
  ordered_json deadlines = ordered_json::array();
  for (const auto& figure : profile.deadlines) {
    deadlines.push_back({{"instrument", figure.instrument},
                         {"obligation", figure.obligation},
                         {"category", figure.category.empty() ? ordered_json(nullptr)
                                                              : ordered_json(figure.category)},
                         {"deadline", figure.deadline},
                         {"original_deadline", figure.original_deadline},
                         {"extended", figure.extended},
                         {"status", figure.status},
                         {"projected_completion", optional_json(figure.projected_completion)},
                         {"unit", figure.unit},
                         {"target", figure.target},
                         {"achieved", figure.achieved},
                         {"remaining", figure.remaining},
                         {"trend_points", figure.trend_points}});
  }
  const auto& casualties = profile.casualties;
  ordered_json victim_assistance = ordered_json::object();
  for (const auto& [service, line] : profile.victim_assistance) {
    victim_assistance[service] = {{"services", line.services},
                                  {"people_reached", line.people_reached},
                                  {"people_in_need", line.people_in_need},
                                  {"coverage", optional_json(line.coverage)}};
  }
  const auto& funding = profile.funding;
  ordered_json by_donor = ordered_json::array();
  for (const auto& line : funding.by_donor) {
    by_donor.push_back(funding_line_json(line, funding.currency, reference));
  }
  ordered_json by_sector = ordered_json::array();
  for (const auto& line : funding.by_sector) {
    by_sector.push_back(funding_line_json(line, funding.currency, reference));
  }
  return {
      {"state", profile.state},
      {"year", profile.year},
      {"year_end", profile.year_end},
      {"contamination",
       {{"remaining_km2", contamination.remaining_km2},
        {"total_remaining_km2", contamination.total_remaining_km2},
        {"total_hazard_km2", contamination.total_hazard_km2},
        {"severity_bands", bands},
        {"released_in_year", methods_json(contamination.released_in_year)},
        {"released_cumulative", methods_json(contamination.released_cumulative)},
        {"areas", areas}}},
      {"destruction",
       {{"clearance_items", items},
        {"clearance_items_destroyed", profile.destruction.clearance_items_destroyed},
        {"stockpiles", stockpiles}}},
      {"deadlines", deadlines},
      {"casualties",
       {{"year", casualties.year},
        {"total", casualties.total},
        {"by_outcome", casualties.by_outcome},
        {"by_sex", casualties.by_sex},
        {"by_age_group", casualties.by_age_group},
        {"by_status", casualties.by_status},
        {"by_device_type", casualties.by_device_type},
        {"by_area", casualties.by_area}}},
      {"victim_assistance", victim_assistance},
      {"funding",
       {{"currency", funding.currency},
        {"rates_on", funding.rates_on},
        {"oldest_rate_date", funding.oldest_rate_date},
        {"by_donor", by_donor},
        {"by_sector", by_sector},
        {"total", funding_line_json(funding.total, funding.currency, reference)}}},
  };
}

}  // namespace concord::operations
