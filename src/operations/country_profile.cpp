#include "operations/country_profile.h"

#include <algorithm>
#include <cmath>
#include <set>
#include <tuple>

#include "assistance/counting.h"
#include "assistance/donor.h"
#include "core/error.h"
#include "operations/area_arithmetic.h"
#include "operations/calendar_day.h"
#include "operations/completion_projection.h"

namespace concord::operations {
namespace {

constexpr Contamination kContaminations[] = {
    Contamination::mines, Contamination::cluster_munition_remnants, Contamination::other_erw};
constexpr HazardClassification kClassifications[] = {HazardClassification::suspected,
                                                     HazardClassification::confirmed};
constexpr DeviceType kDevices[] = {DeviceType::anti_personnel_mine,
                                   DeviceType::anti_vehicle_mine,
                                   DeviceType::cluster_munition_remnant,
                                   DeviceType::improvised_explosive_device,
                                   DeviceType::other_erw,
                                   DeviceType::unknown};
constexpr VictimServiceType kServiceTypes[] = {
    VictimServiceType::medical_care, VictimServiceType::rehabilitation,
    VictimServiceType::psychosocial_support, VictimServiceType::socio_economic_inclusion};

// Areas below this many km² (one m²) count as nothing: GEOS differences leave float slivers.
constexpr double kNoArea = 1e-6;

std::string year_end_of(int year) {
  return format_day(Day{std::chrono::year{year} / 12 / 31});
}

std::vector<Release> releases_between(const std::vector<LandReleaseRecord>& records,
                                      const std::string& after, const std::string& until) {
  std::vector<Release> out;
  for (const auto& record : records) {
    if (record.date > after && record.date <= until) {
      out.push_back({record.method, record.geometry});
    }
  }
  return out;
}

MethodFigures methods_of(const LandRelease& release) {
  return {release.cleared_km2, release.reduced_km2, release.cancelled_km2};
}

void add_to(MethodFigures& sum, const MethodFigures& part) {
  sum.cleared_km2 += part.cleared_km2;
  sum.reduced_km2 += part.reduced_km2;
  sum.cancelled_km2 += part.cancelled_km2;
}

// compute_land_release, with an empty hazard (all released before) releasing nothing.
Result<LandRelease> release_within(const MultiPolygon& hazard,
                                   const std::vector<Release>& releases) {
  if (hazard.empty()) return LandRelease{};
  return compute_land_release(hazard, releases);
}

Result<ContaminationFigures> contamination_figures(const ProfileInputs& inputs,
                                                   const std::string& year_end,
                                                   const std::string& previous_end,
                                                   DestructionFigures& destruction) {
  ContaminationFigures figures;
  for (const auto contamination : kContaminations) {
    auto& row = figures.remaining_km2[std::string(to_string(contamination))];
    for (const auto classification : kClassifications)
      row[std::string(to_string(classification))] = 0;
    row[kUnclassified] = 0;
  }
  std::map<std::string, double> remaining_by_type;
  for (const auto& view : inputs.areas) {
    const HazardousArea& area = view.area;
    if (area.state != inputs.state || area.recorded_on > year_end) continue;
    CONCORD_ASSIGN_OR_RETURN(
        const LandRelease at_end,
        compute_land_release(area.geometry, releases_between(view.releases, "", year_end)));
    CONCORD_ASSIGN_OR_RETURN(
        const LandRelease at_previous_end,
        compute_land_release(area.geometry, releases_between(view.releases, "", previous_end)));
    CONCORD_ASSIGN_OR_RETURN(
        const LandRelease in_year,
        release_within(at_previous_end.remaining,
                       releases_between(view.releases, previous_end, year_end)));
    const auto classification = area.classification_on(year_end);
    const std::string classification_name =
        classification ? std::string(to_string(*classification)) : kUnclassified;
    const std::string contamination_name(to_string(area.contamination));
    figures.remaining_km2[contamination_name][classification_name] += at_end.remaining_km2;
    remaining_by_type[contamination_name] += at_end.remaining_km2;
    figures.total_remaining_km2 += at_end.remaining_km2;
    figures.total_hazard_km2 += at_end.hazard_km2;
    add_to(figures.released_cumulative, methods_of(at_end));
    add_to(figures.released_in_year, methods_of(in_year));
    figures.areas.push_back({area.id, area.name, area.region, contamination_name,
                             classification_name, at_end.hazard_km2, at_end.remaining_km2,
                             methods_of(in_year)});
    for (const auto& release : view.releases) {
      if (release.method != ReleaseMethod::cleared || release.date <= previous_end ||
          release.date > year_end) {
        continue;
      }
      for (const auto& items : release.items) {
        auto& line = destruction.clearance_items[std::string(to_string(items.device_type))];
        line.found += items.found;
        line.destroyed += items.destroyed;
        destruction.clearance_items_destroyed += items.destroyed;
      }
    }
  }
  for (const auto contamination : kContaminations) {
    const std::string name(to_string(contamination));
    const SeverityBands& bands = inputs.bands.for_type(name);
    BandFigure band{name, bands.measure(), remaining_by_type[name], ""};
    if (bands.measure() == "km2") {
      CONCORD_ASSIGN_OR_RETURN(band.band, bands.band_for(std::max(0.0, band.value)));
    }
    figures.bands.push_back(std::move(band));
  }
  std::sort(figures.areas.begin(), figures.areas.end(), [](const auto& a, const auto& b) {
    return std::tie(a.name, a.id) < std::tie(b.name, b.id);
  });
  return figures;
}

// The stored stockpile_destruction deadline for a category: CCM before APMBC.
std::optional<Deadline> stockpile_deadline(const std::vector<TreatyDeadline>& deadlines,
                                           StockpileCategory category) {
  std::optional<Deadline> found;
  for (const auto instrument : {Instrument::apmbc, Instrument::ccm}) {
    for (const auto& deadline : deadlines) {
      if (deadline.instrument == instrument &&
          deadline.obligation == DeadlineObligation::stockpile_destruction &&
          deadline.category == category) {
        found = deadline.deadline;
      }
    }
  }
  return found;
}

Result<std::vector<StockpileFigure>> stockpile_figures(const ProfileInputs& inputs,
                                                       const std::string& year_end,
                                                       const std::string& previous_end) {
  const StockpileRecords& records = inputs.stockpiles;
  std::set<std::pair<StockpileCategory, std::string>> keys;
  for (const auto& declaration : records.declarations) {
    if (declaration.state == inputs.state && declaration.as_of <= year_end) {
      keys.insert({declaration.category, declaration.ammunition_type});
    }
  }
  for (const auto& event : records.events) {
    if (event.state == inputs.state && event.date <= year_end) {
      keys.insert({event.category, event.ammunition_type});
    }
  }
  for (const auto& retained : records.retained) {
    if (retained.state == inputs.state && retained.as_of <= year_end) {
      keys.insert({retained.category, retained.ammunition_type});
    }
  }
  std::vector<StockpileFigure> figures;
  for (const auto& [category, ammunition_type] : keys) {
    StockpileFigure figure;
    figure.category = std::string(to_string(category));
    figure.ammunition_type = ammunition_type;
    std::string retained_as_of;
    for (const auto& declaration : records.declarations) {
      if (declaration.state == inputs.state && declaration.category == category &&
          declaration.ammunition_type == ammunition_type && declaration.as_of <= year_end &&
          declaration.as_of >= figure.declared_as_of) {
        figure.declared = declaration.quantity;
        figure.declared_as_of = declaration.as_of;
      }
    }
    for (const auto& event : records.events) {
      if (event.state != inputs.state || event.category != category ||
          event.ammunition_type != ammunition_type || event.date > year_end) {
        continue;
      }
      figure.destroyed_cumulative += event.quantity;
      if (event.date > previous_end) figure.destroyed_in_year += event.quantity;
    }
    for (const auto& retained : records.retained) {
      if (retained.state == inputs.state && retained.category == category &&
          retained.ammunition_type == ammunition_type && retained.as_of <= year_end &&
          retained.as_of >= retained_as_of) {
        figure.retained = retained.quantity;
        retained_as_of = retained.as_of;
      }
    }
    if (!figure.declared_as_of.empty()) {
      ProgressQuery query{inputs.state,
                          category,
                          ammunition_type,
                          year_end,
                          stockpile_deadline(inputs.deadlines, category),
                          kProfileTrendYears};
      CONCORD_ASSIGN_OR_RETURN(figure.progress, destruction_progress(records, query));
    }
    figures.push_back(std::move(figure));
  }
  return figures;
}

Contamination bound_contamination(Instrument instrument) {
  return instrument == Instrument::ccm ? Contamination::cluster_munition_remnants
                                       : Contamination::mines;
}

Result<DeadlineFigure> clearance_deadline(const ProfileInputs& inputs, const TreatyDeadline& stored,
                                          const std::string& year_end) {
  DeadlineFigure figure;
  figure.unit = "km2";
  const Contamination bound = bound_contamination(stored.instrument);
  // Each area's released km² after each of its release days, then summed over areas per day.
  std::map<std::string, std::map<std::string, double>> released_by_area_day;
  std::set<std::string> days;
  for (const auto& view : inputs.areas) {
    const HazardousArea& area = view.area;
    if (area.state != inputs.state || area.contamination != bound || area.recorded_on > year_end) {
      continue;
    }
    CONCORD_ASSIGN_OR_RETURN(
        const LandRelease at_end,
        compute_land_release(area.geometry, releases_between(view.releases, "", year_end)));
    figure.target += at_end.hazard_km2;
    figure.remaining += at_end.remaining_km2;
    std::set<std::string> area_days;
    for (const auto& release : view.releases) {
      if (release.date <= year_end) area_days.insert(release.date);
    }
    for (const auto& day : area_days) {
      CONCORD_ASSIGN_OR_RETURN(
          const LandRelease figures,
          compute_land_release(area.geometry, releases_between(view.releases, "", day)));
      released_by_area_day[area.id][day] = figures.released_km2;
      days.insert(day);
    }
  }
  std::vector<ProgressPoint> points;
  for (const auto& day : days) {
    double cumulative = 0;
    for (const auto& [area_id, by_day] : released_by_area_day) {
      auto at = by_day.upper_bound(day);
      if (at != by_day.begin()) cumulative += std::prev(at)->second;
    }
    points.push_back({*parse_day(day), cumulative});
  }
  figure.achieved = points.empty() ? 0 : points.back().cumulative;
  if (figure.remaining <= kNoArea) figure.remaining = 0;
  const Day end = *parse_day(year_end);
  const auto trend = trend_points_within_years(points, end, kProfileTrendYears);
  figure.trend_points = static_cast<int>(trend.size());
  if (const auto projected = project_completion(trend, figure.target, end)) {
    figure.projected_completion = format_day(*projected);
  }
  DeadlineStatus status;
  if (figure.remaining <= kNoArea) {
    status = DeadlineStatus::completed;
  } else if (year_end > stored.deadline.effective()) {
    status = DeadlineStatus::overdue;
  } else if (!figure.projected_completion) {
    status = DeadlineStatus::no_trend;
  } else if (*figure.projected_completion > stored.deadline.effective()) {
    status = DeadlineStatus::at_risk;
  } else {
    status = DeadlineStatus::on_track;
  }
  figure.status = std::string(to_string(status));
  return figure;
}

Result<std::vector<DeadlineFigure>> deadline_figures(const ProfileInputs& inputs,
                                                     const std::string& year_end) {
  std::vector<TreatyDeadline> stored;
  for (const auto& deadline : inputs.deadlines) {
    if (deadline.state == inputs.state) stored.push_back(deadline);
  }
  std::sort(stored.begin(), stored.end(), [](const auto& a, const auto& b) {
    return std::tie(a.instrument, a.obligation, a.category) <
           std::tie(b.instrument, b.obligation, b.category);
  });
  std::vector<DeadlineFigure> figures;
  for (const auto& deadline : stored) {
    DeadlineFigure figure;
    if (deadline.obligation == DeadlineObligation::clearance) {
      CONCORD_ASSIGN_OR_RETURN(figure, clearance_deadline(inputs, deadline, year_end));
    } else {
      figure.unit = "items";
      const StockpileCategory category =
          deadline.category.value_or(StockpileCategory::anti_personnel_mines);
      figure.category = std::string(to_string(category));
      ProgressQuery query{inputs.state, category,          "",
                          year_end,     deadline.deadline, kProfileTrendYears};
      auto progress = destruction_progress(inputs.stockpiles, query);
      if (progress) {
        figure.target = double(progress->declared - progress->retained);
        figure.achieved = double(progress->destroyed);
        figure.remaining = double(progress->remaining);
        figure.status = std::string(to_string(progress->status));
        figure.projected_completion = progress->projected_completion;
        figure.trend_points = progress->trend_points;
      } else if (progress.error().code == ErrorCode::not_found) {
        // Nothing declared: nothing is known to remain, and there is no trend to project.
        figure.status = std::string(to_string(DeadlineStatus::no_trend));
      } else {
        return progress.error();
      }
    }
    figure.instrument = std::string(to_string(deadline.instrument));
    figure.obligation = std::string(to_string(deadline.obligation));
    figure.deadline = deadline.deadline.effective();
    figure.original_deadline = deadline.deadline.date;
    figure.extended = deadline.deadline.extended_to.has_value();
    figures.push_back(std::move(figure));
  }
  return figures;
}

std::map<std::string, ServiceCoverage> victim_assistance_figures(const ProfileInputs& inputs) {
  std::map<std::string, ServiceCoverage> figures;
  for (const auto type : kServiceTypes)
    figures[std::string(to_string(type))];
  for (const auto& service : inputs.victim_services) {
    if (service.state != inputs.state || service.year != inputs.year) continue;
    auto& line = figures[std::string(to_string(service.service))];
    line.people_reached += service.people_reached;
    line.people_in_need += service.people_in_need;
    line.services += 1;
  }
  for (auto& [type, line] : figures) {
    if (line.people_in_need > 0) {
      line.coverage = double(line.people_reached) / double(line.people_in_need);
    }
  }
  return figures;
}

Result<FundingLine> funding_line(std::string key, const std::vector<assistance::FundingFlow>& flows,
                                 const FundingConversion& conversion,
                                 const ReferenceData& reference, std::string& oldest_rate_date) {
  CONCORD_ASSIGN_OR_RETURN(
      const auto totals, assistance::count_funding(flows, conversion.currency, conversion.rates_on,
                                                   conversion.rates, reference));
  if (!totals.oldest_rate_date.empty() &&
      (oldest_rate_date.empty() || totals.oldest_rate_date < oldest_rate_date)) {
    oldest_rate_date = totals.oldest_rate_date;
  }
  return FundingLine{std::move(key),         totals.counted_minor,
                     totals.pledged_minor,   totals.committed_minor,
                     totals.disbursed_minor, static_cast<std::int64_t>(flows.size())};
}

Result<FundingFigures> funding_figures(const ProfileInputs& inputs,
                                       const ReferenceData& reference) {
  FundingFigures figures;
  figures.currency = inputs.funding.currency;
  figures.rates_on = inputs.funding.rates_on;
  std::vector<assistance::FundingFlow> received;
  std::map<std::string, std::vector<assistance::FundingFlow>> by_donor;
  std::map<std::string, std::vector<assistance::FundingFlow>> by_sector;
  for (const auto& flow : inputs.funding_flows) {
    if (flow.recipient_state != inputs.state || flow.budget_year != inputs.year) continue;
    received.push_back(flow);
    by_donor[assistance::donor_key(flow.donor)].push_back(flow);
    const std::string sector =
        flow.sector.empty() ? std::string(assistance::dac_sector(flow.theme)) : flow.sector;
    by_sector[sector].push_back(flow);
  }
  for (const auto& [key, flows] : by_donor) {
    CONCORD_ASSIGN_OR_RETURN(
        auto line, funding_line(key, flows, inputs.funding, reference, figures.oldest_rate_date));
    figures.by_donor.push_back(std::move(line));
  }
  for (const auto& [key, flows] : by_sector) {
    CONCORD_ASSIGN_OR_RETURN(
        auto line, funding_line(key, flows, inputs.funding, reference, figures.oldest_rate_date));
    figures.by_sector.push_back(std::move(line));
  }
  CONCORD_ASSIGN_OR_RETURN(figures.total, funding_line("total", received, inputs.funding, reference,
                                                       figures.oldest_rate_date));
  return figures;
}

}  // namespace

Result<std::vector<FundingLine>> funding_given(const std::vector<assistance::FundingFlow>& flows,
                                               const std::string& donor_state, int year,
                                               const FundingConversion& conversion,
                                               const ReferenceData& reference) {
  const assistance::Donor donor{assistance::DonorType::state, donor_state};
  std::map<std::string, std::vector<assistance::FundingFlow>> by_recipient;
  for (const auto& flow : flows) {
    if (flow.donor == donor && flow.budget_year == year) {
      by_recipient[flow.recipient_state].push_back(flow);
    }
  }
  std::vector<FundingLine> lines;
  std::string oldest;
  for (const auto& [recipient, given] : by_recipient) {
    CONCORD_ASSIGN_OR_RETURN(auto line,
                             funding_line(recipient, given, conversion, reference, oldest));
    lines.push_back(std::move(line));
  }
  return lines;
}

Result<CountryProfile> build_country_profile(const ProfileInputs& inputs,
                                             const ReferenceData& reference) {
  if (reference.country(inputs.state) == nullptr) {
    return Error::invalid("state", "state must be an ISO 3166-1 alpha-2 code of a known country");
  }
  if (inputs.year < kFirstCasualtyYear || inputs.year > kLastCasualtyYear) {
    return Error::invalid("year", "year must be from " + std::to_string(kFirstCasualtyYear) +
                                      " to " + std::to_string(kLastCasualtyYear));
  }
  CountryProfile profile;
  profile.state = inputs.state;
  profile.year = inputs.year;
  profile.year_end = year_end_of(inputs.year);
  if (!inputs.as_of.empty()) {
    CONCORD_ASSIGN_OR_RETURN(const Day as_of, day_field(inputs.as_of, "as_of"));
    if (int(std::chrono::year_month_day{as_of}.year()) != inputs.year) {
      return Error::invalid("as_of",
                            "as_of must be a day of the year " + std::to_string(inputs.year));
    }
    profile.year_end = inputs.as_of;
  }
  const std::string previous_end = year_end_of(inputs.year - 1);
  for (const auto device : kDevices) {
    profile.destruction.clearance_items[std::string(to_string(device))];
  }
  CONCORD_ASSIGN_OR_RETURN(
      profile.contamination,
      contamination_figures(inputs, profile.year_end, previous_end, profile.destruction));
  CONCORD_ASSIGN_OR_RETURN(profile.destruction.stockpiles,
                           stockpile_figures(inputs, profile.year_end, previous_end));
  CONCORD_ASSIGN_OR_RETURN(profile.deadlines, deadline_figures(inputs, profile.year_end));
  std::vector<CasualtyCount> rows;
  for (const auto& row : inputs.casualties) {
    if (row.state.empty() || row.state == inputs.state) rows.push_back(row);
  }
  profile.casualties = summarise(rows, inputs.year);
  profile.victim_assistance = victim_assistance_figures(inputs);
  CONCORD_ASSIGN_OR_RETURN(profile.funding, funding_figures(inputs, reference));
  return profile;
}

}  // namespace concord::operations
