#include "operations/profile_text.h"

#include <cstdarg>
#include <cstdio>

#include "core/money.h"

namespace concord::operations {
namespace {

std::string format(const char* pattern, ...) __attribute__((format(printf, 1, 2)));
std::string format(const char* pattern, ...) {
  char buffer[512];
  va_list arguments;
  va_start(arguments, pattern);
  std::vsnprintf(buffer, sizeof buffer, pattern, arguments);
  va_end(arguments);
  return buffer;
}

std::string percent(std::optional<double> share) {
  return share ? format("%.1f%%", *share * 100) : std::string("-");
}

}  // namespace

std::string country_profile_text(const CountryProfile& profile, const ReferenceData& reference) {
  const Country* country = reference.country(profile.state);
  std::string out = "Country profile: " + (country ? country->name : profile.state) + " (" +
                    profile.state + "), " + std::to_string(profile.year) + ", figures at " +
                    profile.year_end + "\n";
  const auto& contamination = profile.contamination;
  out += "\nContamination: remaining km2 at year end\n";
  out += format("  %-28s %11s %11s %12s %11s  %s\n", "contamination", "suspected", "confirmed",
                "unclassified", "total", "band");
  for (const auto& band : contamination.bands) {
    const auto& row = contamination.remaining_km2.at(band.contamination);
    out += format("  %-28s %11.3f %11.3f %12.3f %11.3f  %s\n", band.contamination.c_str(),
                  row.at("suspected"), row.at("confirmed"), row.at(kUnclassified), band.value,
                  band.band.empty() ? ("(" + band.measure + ")").c_str() : band.band.c_str());
  }
  out += format("  total remaining %.3f of %.3f km2 recorded\n", contamination.total_remaining_km2,
                contamination.total_hazard_km2);
  out += "\nLand released (km2)        in the year   cumulative\n";
  const auto& year = contamination.released_in_year;
  const auto& all = contamination.released_cumulative;
  out += format("  %-24s %12.3f %12.3f\n", "cleared", year.cleared_km2, all.cleared_km2);
  out +=
      format("  %-24s %12.3f %12.3f\n", "reduced (technical)", year.reduced_km2, all.reduced_km2);
  out += format("  %-24s %12.3f %12.3f\n", "cancelled (non-technical)", year.cancelled_km2,
                all.cancelled_km2);

  out += "\nItems destroyed in clearance in the year\n";
  for (const auto& [device, items] : profile.destruction.clearance_items) {
    out += format("  %-28s found %8lld  destroyed %8lld\n", device.c_str(),
                  static_cast<long long>(items.found), static_cast<long long>(items.destroyed));
  }
  out += "\nStockpiles\n";
  out += format("  %-22s %-12s %10s %10s %10s %9s %10s  %s\n", "category", "ammunition", "declared",
                "destroyed", "in total", "retained", "remaining", "status");
  for (const auto& figure : profile.destruction.stockpiles) {
    out += format("  %-22s %-12s %10lld %10lld %10lld %9lld %10s  %s\n", figure.category.c_str(),
                  figure.ammunition_type.c_str(), static_cast<long long>(figure.declared),
                  static_cast<long long>(figure.destroyed_in_year),
                  static_cast<long long>(figure.destroyed_cumulative),
                  static_cast<long long>(figure.retained),
                  figure.progress ? std::to_string(figure.progress->remaining).c_str() : "-",
                  figure.progress ? std::string(to_string(figure.progress->status)).c_str()
                                  : "nothing declared");
  }
  if (profile.destruction.stockpiles.empty()) out += "  none recorded\n";

  out += "\nDeadlines\n";
  for (const auto& figure : profile.deadlines) {
    out += format("  %-6s %-22s %-22s %s%s: %s, %.3f of %.3f %s remaining, projected %s\n",
                  figure.instrument.c_str(), figure.obligation.c_str(), figure.category.c_str(),
                  figure.deadline.c_str(), figure.extended ? " (extended)" : "",
                  figure.status.c_str(), figure.remaining, figure.target, figure.unit.c_str(),
                  figure.projected_completion.value_or("-").c_str());
  }
  if (profile.deadlines.empty()) out += "  none recorded\n";

  const auto& casualties = profile.casualties;
  out += "\nCasualties: " + std::to_string(casualties.total) + "\n";
  const std::pair<const char*, const std::map<std::string, std::int64_t>*> breakdowns[] = {
      {"outcome", &casualties.by_outcome},     {"sex", &casualties.by_sex},
      {"age group", &casualties.by_age_group}, {"status", &casualties.by_status},
      {"device", &casualties.by_device_type},  {"area", &casualties.by_area}};
  for (const auto& [name, values] : breakdowns) {
    std::string line;
    for (const auto& [value, count] : *values) {
      line += (line.empty() ? "" : ", ") + value + " " + std::to_string(count);
    }
    out += format("  %-10s %s\n", name, line.empty() ? "-" : line.c_str());
  }

  out += "\nVictim assistance: coverage\n";
  for (const auto& [service, line] : profile.victim_assistance) {
    out += format("  %-26s reached %8lld of %8lld  %s\n", service.c_str(),
                  static_cast<long long>(line.people_reached),
                  static_cast<long long>(line.people_in_need), percent(line.coverage).c_str());
  }

  const auto& funding = profile.funding;
  auto amount = [&](std::int64_t minor) {
    return Money{minor, funding.currency}.to_decimal(reference);
  };
  out += "\nFunding received (" + funding.currency + ", rates of " + funding.rates_on +
         "; pledges not counted)\n";
  for (const auto* lines : {&funding.by_donor, &funding.by_sector}) {
    for (const auto& line : *lines) {
      out += format("  %-26s counted %16s  pledged %16s\n", line.key.c_str(),
                    amount(line.counted_minor).c_str(), amount(line.pledged_minor).c_str());
    }
  }
  out += format("  %-26s counted %16s\n", "total", amount(funding.total.counted_minor).c_str());
  return out;
}

}  // namespace concord::operations
