#include "demo/demo_operations.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <map>
#include <numbers>
#include <optional>
#include <random>
#include <string>
#include <tuple>
#include <vector>

#include "operations/calendar_day.h"

namespace concord::demo {
namespace {

using access::Principal;
using namespace operations;

constexpr int kFirstYear = 2016;
// Vertices of each area's outline; releases are fans of consecutive sectors between them.
constexpr int kSectors = 12;
constexpr double kMetresPerDegree = 111'320.0;

Principal acting_for(const std::string& state) {
  Principal principal = Principal::system("demo operations " + state);
  principal.state = state;
  return principal;
}

// Where a state's hazardous areas lie: an anchor point of a region (demo data, not a gazetteer).
struct RegionSpec {
  const char* name;
  double longitude;
  double latitude;
};

struct DeadlineSpec {
  Instrument instrument;
  DeadlineObligation obligation;
  std::optional<StockpileCategory> category;
  const char* date;
  const char* extended_to;  // "" when none
  // Moved to two years after the last demo year when it would fall earlier, so that the state
  // meant to be on track or at risk stays so whenever the demo runs.
  bool keep_ahead = false;
};

// One category of a state's stockpile and how its destruction went.
struct StockpileSpec {
  StockpileCategory category;
  const char* ammunition_type;  // "" unless ammunition
  std::int64_t declared;
  int declared_year;
  std::int64_t revised;  // a later declaration that corrects the total (0 when none)
  int revised_year;
  std::int64_t retained;  // kept for training (0 when none)
  int first_destruction_year;
  int completed_year;         // 0 while destruction goes on
  double share_by_last_year;  // of declared - retained, when still going on
  std::vector<DestructionMethod> methods;
};

struct CasualtySpec {
  double first_year_total;  // people in 2016
  double yearly_factor;     // the decline from one year to the next
  std::vector<std::pair<DeviceType, double>> devices;
  double killed;  // shares of the people
  double female;
  double child;
  double military;
  std::int64_t survivors_before;  // survivors from earlier years, who still need services
};

struct CountrySpec {
  const char* state;
  std::vector<RegionSpec> regions;
  int areas_per_region;
  int victim_service_regions;                 // at most, per service
  double mines, cluster_remnants, other_erw;  // contamination weights of its areas
  std::vector<DeadlineSpec> deadlines;
  std::vector<StockpileSpec> stockpiles;
  CasualtySpec casualties;
};

const std::vector<CountrySpec>& demo_countries() {
  using SC = StockpileCategory;
  using DM = DestructionMethod;
  using DT = DeviceType;
  static const std::vector<CountrySpec> countries = {
      // On track: the cluster munition stockpile, and years of cluster munition remnant clearance.
      {"LA",
       {{"Xiengkhouang", 103.20, 19.45},
        {"Houaphanh", 104.05, 20.40},
        {"Savannakhet", 106.10, 16.65},
        {"Saravan", 106.40, 15.70}},
       7,
       2,
       0.05,
       0.75,
       0.20,
       {{Instrument::ccm, DeadlineObligation::stockpile_destruction, SC::cluster_munitions,
         "2027-08-01", "", true},
        {Instrument::ccm, DeadlineObligation::clearance, std::nullopt, "2020-08-01", "2030-08-01"}},
       {{SC::cluster_munitions,
         "",
         1650,
         2018,
         0,
         0,
         24,
         2019,
         0,
         0.87,
         {DM::industrial_demilitarisation, DM::open_detonation}},
        {SC::submunitions, "", 96'000, 2018, 0, 0, 600, 2019, 0, 0.87, {DM::open_detonation}}},
       {62,
        0.9,
        {{DT::cluster_munition_remnant, 0.68}, {DT::other_erw, 0.27}, {DT::unknown, 0.05}},
        0.33,
        0.22,
        0.45,
        0.0,
        18'000}},
      // Completed: its anti-personnel mine stockpile; clearance extended.
      {"KH",
       {{"Battambang", 102.80, 12.95},
        {"Pailin", 102.58, 12.80},
        {"Banteay Meanchey", 102.75, 13.75},
        {"Oddar Meanchey", 103.70, 14.25},
        {"Preah Vihear", 104.75, 14.05}},
       4,
       1,
       0.75,
       0.05,
       0.20,
       {{Instrument::apmbc, DeadlineObligation::stockpile_destruction, SC::anti_personnel_mines,
         "2004-01-01", ""},
        {Instrument::apmbc, DeadlineObligation::clearance, std::nullopt, "2025-12-31",
         "2030-12-31"}},
       {{SC::anti_personnel_mines,
         "",
         4'300,
         2016,
         0,
         0,
         450,
         2016,
         2017,
         1.0,
         {DM::open_detonation, DM::open_burning}}},
       {84,
        0.88,
        {{DT::anti_personnel_mine, 0.35},
         {DT::anti_vehicle_mine, 0.15},
         {DT::other_erw, 0.45},
         {DT::unknown, 0.05}},
        0.28,
        0.12,
        0.25,
        0.04,
        40'000}},
      // Completed: cluster munitions; going on: surplus small arms and ammunition.
      {"BA",
       {{"Doboj", 18.08, 44.73},
        {"Travnik", 17.67, 44.23},
        {"Mostar", 17.80, 43.35},
        {"Bihać", 15.87, 44.82}},
       5,
       1,
       0.90,
       0.03,
       0.07,
       {{Instrument::ccm, DeadlineObligation::stockpile_destruction, SC::cluster_munitions,
         "2019-03-01", ""},
        {Instrument::apmbc, DeadlineObligation::clearance, std::nullopt, "2009-03-01",
         "2027-03-01"}},
       {{SC::cluster_munitions,
         "",
         1'240,
         2016,
         0,
         0,
         12,
         2016,
         2018,
         1.0,
         {DM::industrial_demilitarisation}},
        {SC::submunitions,
         "",
         68'000,
         2016,
         0,
         0,
         0,
         2016,
         2018,
         1.0,
         {DM::industrial_demilitarisation}},
        {SC::small_arms, "", 14'500, 2016, 0, 0, 0, 2017, 0, 0.9, {DM::cutting, DM::crushing}},
        {SC::ammunition,
         "7.62x39mm",
         6'200'000,
         2016,
         7'400'000,
         2020,
         0,
         2016,
         0,
         0.8,
         {DM::industrial_demilitarisation, DM::open_burning}}},
       {11,
        0.86,
        {{DT::anti_personnel_mine, 0.7}, {DT::other_erw, 0.3}},
        0.45,
        0.08,
        0.1,
        0.05,
        7'500}},
      // At risk: a slow trend against the cluster munition deadline, and a corrected declaration.
      {"IQ",
       {{"Nineveh", 43.10, 36.35},
        {"Salah al-Din", 43.65, 34.60},
        {"Anbar", 43.30, 33.42},
        {"Basra", 47.90, 30.40}},
       5,
       1,
       0.25,
       0.10,
       0.65,
       {{Instrument::ccm, DeadlineObligation::stockpile_destruction, SC::cluster_munitions,
         "2028-11-01", "", true},
        {Instrument::apmbc, DeadlineObligation::clearance, std::nullopt, "2018-02-01",
         "2028-02-01"}},
       {{SC::cluster_munitions,
         "",
         3'800,
         2016,
         4'350,
         2021,
         30,
         2018,
         0,
         0.3,
         {DM::open_detonation}}},
       {310,
        0.84,
        {{DT::improvised_explosive_device, 0.45},
         {DT::other_erw, 0.33},
         {DT::anti_personnel_mine, 0.12},
         {DT::cluster_munition_remnant, 0.05},
         {DT::unknown, 0.05}},
        0.48,
        0.14,
        0.35,
        0.15,
        36'000}},
      // Overdue: an anti-personnel mine stockpile past its deadline; clearance extended.
      {"UA",
       {{"Chernihiv", 31.40, 51.60},
        {"Sumy", 34.60, 50.95},
        {"Kharkiv", 36.55, 49.85},
        {"Mykolaiv", 32.20, 47.15}},
       5,
       1,
       0.45,
       0.10,
       0.45,
       {{Instrument::apmbc, DeadlineObligation::stockpile_destruction, SC::anti_personnel_mines,
         "2010-06-01", ""},
        {Instrument::apmbc, DeadlineObligation::clearance, std::nullopt, "2016-06-01",
         "2033-06-01"}},
       {{SC::anti_personnel_mines,
         "",
         3'200'000,
         2016,
         0,
         0,
         3'000,
         2016,
         0,
         0.35,
         {DM::industrial_demilitarisation, DM::open_burning}}},
       {140,
        0.9,
        {{DT::anti_personnel_mine, 0.3},
         {DT::anti_vehicle_mine, 0.2},
         {DT::other_erw, 0.4},
         {DT::unknown, 0.1}},
        0.4,
        0.1,
        0.12,
        0.35,
        9'000}},
  };
  return countries;
}

// Invented organisations (the demo names no real body).
constexpr const char* kOperators[] = {"National demining unit", "Humanitarian demining NGO",
                                      "Regional survey team", "Commercial clearance contractor"};
constexpr const char* kVerifiers[] = {"National mine action authority",
                                      "Independent observer mission",
                                      "Ministry of Defence inspectorate"};

struct ServiceSpec {
  VictimServiceType service;
  const char* provider;
  double first_coverage;  // in 2016, rising steadily to last_coverage
  double last_coverage;
  int regions;  // in how many of the state's first regions it is offered, at most
};

constexpr ServiceSpec kServices[] = {
    {VictimServiceType::medical_care, "Provincial hospital network", 0.80, 0.97, 2},
    {VictimServiceType::rehabilitation, "National rehabilitation centre", 0.30, 0.65, 2},
    {VictimServiceType::psychosocial_support, "Survivor peer-support network", 0.15, 0.45, 1},
    {VictimServiceType::socio_economic_inclusion, "Livelihoods programme", 0.10, 0.35, 1},
};

std::string date_of(int year, int month, int day) {
  char text[32];
  std::snprintf(text, sizeof text, "%04d-%02d-%02d", year, month, day);
  return text;
}

double rounded(double degrees) {
  return std::round(degrees * 1e6) / 1e6;
}

// An area's outline, star-shaped around its centre (so every fan of consecutive sectors is a
// simple polygon inside it), in degrees and in local metres for the items' density.
struct Outline {
  Position centre;
  std::vector<Position> vertices;                 // kSectors, by increasing angle
  std::vector<std::pair<double, double>> metres;  // the same, east and north of the centre

  MultiPolygon whole() const {
    Ring ring = vertices;
    ring.push_back(vertices.front());
    return MultiPolygon{{Polygon{{ring}}}};
  }
  // Sectors [first, last) (last at most first + kSectors); the whole outline when all of them.
  MultiPolygon fan(int first, int last) const {
    if (last - first >= kSectors) return whole();
    Ring ring{centre};
    for (int i = first; i <= last; ++i)
      ring.push_back(vertices[i % kSectors]);
    ring.push_back(centre);
    return MultiPolygon{{Polygon{{ring}}}};
  }
  double fan_km2(int first, int last) const {
    double twice = 0;
    for (int i = first; i < last; ++i) {
      const auto& [x1, y1] = metres[i % kSectors];
      const auto& [x2, y2] = metres[(i + 1) % kSectors];
      twice += x1 * y2 - x2 * y1;
    }
    return std::abs(twice) / 2 / 1e6;
  }
};

class OperationsFiller {
 public:
  OperationsFiller(const DemoOperationsServices& services, const DemoOperationsOptions& options,
                   const std::function<void(const std::string&)>& progress)
      : services_(services),
        progress_(progress),
        random_(options.seed ^ 0x0be7a710ULL),
        last_year_(std::stoi(options.today.substr(0, 4)) - 1),
        last_day_(*parse_day(date_of(last_year_, 12, 31))) {}

  Result<DemoOperationsSummary> fill() {
    if (last_year_ < kFirstYear + 2) {
      return Error::invalid(
          "today", "the operations demo needs a date after " + std::to_string(kFirstYear + 2));
    }
    for (const auto& country : demo_countries()) {
      CONCORD_ASSIGN_OR_RETURN(
          auto records,
          services_.stockpiles.records(Principal::system("demo operations"), country.state));
      if (!records.declarations.empty() || !records.events.empty()) {
        summary_.already_there = true;
        say("operations: stockpile records already there, nothing added");
        return summary_;
      }
    }
    for (const auto& country : demo_countries()) {
      const auto actor = acting_for(country.state);
      CONCORD_TRY(add_deadlines(actor, country));
      for (const auto& stockpile : country.stockpiles)
        CONCORD_TRY(add_stockpile(actor, country, stockpile));
      CONCORD_TRY(add_areas(actor, country));
      CONCORD_TRY(add_casualties(actor, country));
      CONCORD_TRY(add_victim_services(actor, country));
      ++summary_.countries;
      say("operations: " + std::string(country.state) + " filled, " + std::to_string(kFirstYear) +
          " to " + std::to_string(last_year_));
    }
    say("operations: " + std::to_string(summary_.deadlines) + " deadlines, " +
        std::to_string(summary_.declarations) + " stockpile declarations, " +
        std::to_string(summary_.destructions) + " destruction events, " +
        std::to_string(summary_.areas) + " hazardous areas, " + std::to_string(summary_.releases) +
        " land releases (" + std::to_string(summary_.cancelled) + " cancelled, " +
        std::to_string(summary_.reduced) + " reduced, " + std::to_string(summary_.cleared) +
        " cleared), " + std::to_string(summary_.casualties) + " casualties in " +
        std::to_string(summary_.casualty_rows) + " rows, " +
        std::to_string(summary_.victim_services) + " victim assistance services");
    return summary_;
  }

 private:
  void say(const std::string& line) const {
    if (progress_) progress_(line);
  }

  double uniform(double low, double high) {
    return std::uniform_real_distribution<double>(low, high)(random_);
  }
  int between(int low, int high) { return std::uniform_int_distribution<int>(low, high)(random_); }
  bool chance(double p) { return std::bernoulli_distribution(p)(random_); }

  // A day of `year` between the two months.
  std::string day_in(int year, int first_month, int last_month) {
    return date_of(year, between(first_month, last_month), between(1, 28));
  }

  Result<void> add_deadlines(const Principal& actor, const CountrySpec& country) {
    for (const auto& spec : country.deadlines) {
      TreatyDeadline deadline;
      deadline.state = country.state;
      deadline.instrument = spec.instrument;
      deadline.obligation = spec.obligation;
      deadline.category = spec.category;
      deadline.deadline.date = spec.date;
      if (spec.keep_ahead && std::stoi(deadline.deadline.date.substr(0, 4)) < last_year_ + 2)
        deadline.deadline.date = std::to_string(last_year_ + 2) + deadline.deadline.date.substr(4);
      if (*spec.extended_to) deadline.deadline.extended_to = spec.extended_to;
      CONCORD_TRY(services_.stockpiles.set_deadline(actor, deadline));
      ++summary_.deadlines;
    }
    return ok();
  }

  // The yearly totals destroyed from first to last year, summing exactly to `total`.
  std::vector<std::int64_t> yearly_split(std::int64_t total, int first, int last) {
    std::vector<double> weights;
    for (int year = first; year <= last; ++year)
      weights.push_back(uniform(0.9, 1.1));
    double sum = 0;
    for (double weight : weights)
      sum += weight;
    std::vector<std::int64_t> amounts;
    std::int64_t given = 0;
    for (std::size_t i = 0; i < weights.size(); ++i) {
      const std::int64_t amount =
          i + 1 == weights.size() ? total - given
                                  : static_cast<std::int64_t>(std::floor(total * weights[i] / sum));
      amounts.push_back(amount);
      given += amount;
    }
    return amounts;
  }

  Result<void> add_stockpile(const Principal& actor, const CountrySpec& country,
                             const StockpileSpec& spec) {
    StockpileDeclaration declaration;
    declaration.state = country.state;
    declaration.category = spec.category;
    declaration.ammunition_type = spec.ammunition_type;
    declaration.quantity = spec.declared;
    declaration.as_of = date_of(spec.declared_year, 1, 15);
    CONCORD_TRY(services_.stockpiles.declare(actor, declaration));
    ++summary_.declarations;
    if (spec.revised > 0) {
      declaration.quantity = spec.revised;
      declaration.as_of = date_of(spec.revised_year, 2, 10);
      CONCORD_TRY(services_.stockpiles.declare(actor, declaration));
      ++summary_.declarations;
    }
    if (spec.retained > 0) {
      RetainedQuantity retained;
      retained.state = country.state;
      retained.category = spec.category;
      retained.ammunition_type = spec.ammunition_type;
      retained.quantity = spec.retained;
      retained.as_of = date_of(spec.declared_year, 1, 15);
      retained.purpose = RetentionPurpose::training;
      CONCORD_TRY(services_.stockpiles.record_retained(actor, retained));
      ++summary_.retained;
    }
    const std::int64_t target = std::max(spec.declared, spec.revised) - spec.retained;
    const bool completed = spec.completed_year != 0;
    const int last = completed ? spec.completed_year : last_year_;
    const std::int64_t total =
        completed ? target
                  : static_cast<std::int64_t>(std::floor(target * spec.share_by_last_year));
    const auto yearly = yearly_split(total, spec.first_destruction_year, last);
    for (int year = spec.first_destruction_year; year <= last; ++year) {
      const std::int64_t amount = yearly[year - spec.first_destruction_year];
      const int events = amount < 3 ? 1 : between(1, 2);
      // One event a term: February to April, then June to August.
      std::int64_t given = 0;
      for (int event = 0; event < events; ++event) {
        const std::int64_t quantity = event + 1 == events ? amount - given : amount / events;
        given += quantity;
        if (quantity <= 0) continue;
        DestructionEvent destruction;
        destruction.state = country.state;
        destruction.date = day_in(year, 2 + event * 4, 4 + event * 4);
        destruction.category = spec.category;
        destruction.ammunition_type = spec.ammunition_type;
        destruction.quantity = quantity;
        destruction.method = spec.methods[between(0, int(spec.methods.size()) - 1)];
        destruction.site =
            destruction.method == DestructionMethod::industrial_demilitarisation
                ? "Industrial demilitarisation plant"
                : std::string(country.regions[between(0, int(country.regions.size()) - 1)].name) +
                      " demolition range";
        destruction.verified_by = kVerifiers[between(0, 2)];
        CONCORD_TRY(services_.stockpiles.record_destruction(actor, destruction));
        ++summary_.destructions;
      }
    }
    return ok();
  }

  Outline outline_near(const RegionSpec& region, int index) {
    // Areas of a region on a 4 km grid around its anchor, each within 1.7 km of its cell's
    // centre, so that none overlaps another.
    const double east = (index % 3 - 1) * 4000.0 + uniform(-500, 500);
    const double north = (index / 3 - 1) * 4000.0 + uniform(-500, 500);
    const double metres_per_degree_east =
        kMetresPerDegree * std::cos(region.latitude * std::numbers::pi / 180);
    Outline outline;
    outline.centre = {rounded(region.longitude + east / metres_per_degree_east),
                      rounded(region.latitude + north / kMetresPerDegree)};
    const double radius = std::exp(uniform(std::log(150.0), std::log(1200.0)));
    for (int i = 0; i < kSectors; ++i) {
      const double angle = 2 * std::numbers::pi * (i + uniform(-0.3, 0.3)) / kSectors;
      const double r = radius * uniform(0.7, 1.0);
      const double x = r * std::cos(angle);
      const double y = r * std::sin(angle);
      outline.vertices.push_back({rounded(outline.centre.longitude + x / metres_per_degree_east),
                                  rounded(outline.centre.latitude + y / kMetresPerDegree)});
      outline.metres.emplace_back(x, y);
    }
    return outline;
  }

  Contamination contamination_of(const CountrySpec& country) {
    const double draw = uniform(0, country.mines + country.cluster_remnants + country.other_erw);
    if (draw < country.mines) return Contamination::mines;
    if (draw < country.mines + country.cluster_remnants)
      return Contamination::cluster_munition_remnants;
    return Contamination::other_erw;
  }

  // The items a clearance of `km2` found, by device type, from the area's contamination.
  std::vector<ItemsFound> items_found(const CountrySpec& country, Contamination contamination,
                                      double km2) {
    std::vector<std::pair<DeviceType, double>> per_km2;
    switch (contamination) {
      case Contamination::mines:
        per_km2 = {{DeviceType::anti_personnel_mine, 160},
                   {DeviceType::anti_vehicle_mine, 12},
                   {DeviceType::other_erw, 40}};
        break;
      case Contamination::cluster_munition_remnants:
        per_km2 = {{DeviceType::cluster_munition_remnant, 900}, {DeviceType::other_erw, 90}};
        break;
      case Contamination::other_erw:
        per_km2 = {{DeviceType::other_erw, 220}};
        if (std::string(country.state) == "IQ")
          per_km2.emplace_back(DeviceType::improvised_explosive_device, 35);
        break;
    }
    std::vector<ItemsFound> items;
    for (const auto& [device, density] : per_km2) {
      const auto found = static_cast<std::int64_t>(std::round(km2 * density * uniform(0.3, 1.7)));
      if (found == 0) continue;
      // Now and then an item is handed over to the police instead of destroyed on site.
      const std::int64_t destroyed = found > 20 && chance(0.2) ? found - between(1, 3) : found;
      items.push_back({device, found, destroyed});
    }
    return items;
  }

  int depth_for(Contamination contamination) {
    static constexpr int kMines[] = {13, 15, 20};
    static constexpr int kCluster[] = {20, 25, 30};
    static constexpr int kOther[] = {30, 50, 100};
    const int pick = between(0, 2);
    switch (contamination) {
      case Contamination::mines:
        return kMines[pick];
      case Contamination::cluster_munition_remnants:
        return kCluster[pick];
      case Contamination::other_erw:
        return kOther[pick];
    }
    return 30;
  }

  Result<void> release(const Principal& actor, const HazardousArea& area, ReleaseMethod method,
                       Day day, MultiPolygon geometry, std::vector<ItemsFound> items = {},
                       std::optional<int> depth_cm = std::nullopt) {
    LandReleaseRecord record;
    record.state = area.state;
    record.method = method;
    record.date = format_day(day);
    record.geometry = std::move(geometry);
    record.depth_cm = depth_cm;
    record.operator_name = kOperators[between(0, 3)];
    record.items = std::move(items);
    CONCORD_TRY(services_.hazards.record_release(actor, area.id, std::move(record)));
    ++summary_.releases;
    switch (method) {
      case ReleaseMethod::cancelled_by_non_technical_survey:
        ++summary_.cancelled;
        break;
      case ReleaseMethod::reduced_by_technical_survey:
        ++summary_.reduced;
        break;
      case ReleaseMethod::cleared:
        ++summary_.cleared;
        break;
    }
    return ok();
  }

  Result<void> classify(const Principal& actor, const HazardousArea& area, Day day,
                        const std::string& note) {
    ClassificationChange change;
    change.area_id = area.id;
    change.classification = HazardClassification::confirmed;
    change.as_of = format_day(day);
    change.note = note;
    CONCORD_TRY(services_.hazards.classify(actor, area.id, change));
    ++summary_.classifications;
    return ok();
  }

  // One area's history: recorded (suspected or confirmed), perhaps partly cancelled by
  // non-technical survey, confirmed, partly reduced by technical survey, then cleared a few
  // sectors a year (sometimes overlapping the last release), until its planned share is released
  // or the demo years run out. Some suspected areas are cancelled whole; some are never touched.
  Result<void> add_area(const Principal& actor, const CountrySpec& country,
                        const RegionSpec& region, int index, int number) {
    const Outline outline = outline_near(region, index);
    HazardousAreaInput input;
    input.state = country.state;
    char name[64];
    std::snprintf(name, sizeof name, "%s HA-%02d", region.name, number);
    input.name = name;
    input.region = region.name;
    input.contamination = contamination_of(country);
    input.classification =
        chance(0.7) ? HazardClassification::suspected : HazardClassification::confirmed;
    input.geometry = outline.whole();
    const int recorded_year = chance(0.5) ? kFirstYear : between(kFirstYear + 1, last_year_);
    input.recorded_on = day_in(recorded_year, 1, 12);
    CONCORD_ASSIGN_OR_RETURN(auto area, services_.hazards.record_area(actor, input));
    ++summary_.areas;
    const bool suspected = input.classification == HazardClassification::suspected;

    Day day = *parse_day(input.recorded_on);
    const auto later = [&](int low, int high) {
      day += std::chrono::days(between(low, high));
      return day <= last_day_;
    };
    const double fate = uniform(0, 1);
    if (suspected && fate < 0.12) {
      if (later(60, 400)) {
        CONCORD_TRY(release(actor, area, ReleaseMethod::cancelled_by_non_technical_survey, day,
                            outline.whole()));
        ++summary_.fully_released_areas;
      }
      return ok();
    }
    const int target = fate < 0.40 ? kSectors : fate < 0.80 ? between(3, 9) : 0;
    int done = 0;
    if (target == 0) {
      if (suspected && chance(0.5) && later(90, 700))
        CONCORD_TRY(classify(actor, area, day, "Evidence of contamination found"));
      return ok();
    }
    if (suspected) {
      if (chance(0.6)) {
        if (!later(60, 300)) return ok();
        const int sectors = between(1, 3);
        CONCORD_TRY(release(actor, area, ReleaseMethod::cancelled_by_non_technical_survey, day,
                            outline.fan(0, sectors)));
        done = sectors;
      }
      if (!later(30, 200)) return ok();
      CONCORD_TRY(classify(actor, area, day, "Confirmed by technical survey: items found"));
    }
    if (chance(0.5) && done + 2 < target) {
      if (!later(0, 120)) return ok();
      const int sectors = between(1, 2);
      CONCORD_TRY(release(actor, area, ReleaseMethod::reduced_by_technical_survey, day,
                          outline.fan(done, done + sectors)));
      done += sectors;
    }
    while (done < target) {
      if (!later(150, 480)) return ok();
      const int sectors = std::min(between(1, 3), target - done);
      const int first = done > 0 && chance(0.25) ? done - 1 : done;  // overlaps the last release
      const int last = done + sectors;
      CONCORD_TRY(release(actor, area, ReleaseMethod::cleared, day, outline.fan(first, last),
                          items_found(country, area.contamination, outline.fan_km2(first, last)),
                          depth_for(area.contamination)));
      done = last;
    }
    if (done >= kSectors) ++summary_.fully_released_areas;
    return ok();
  }

  Result<void> add_areas(const Principal& actor, const CountrySpec& country) {
    int number = 0;
    for (const auto& region : country.regions) {
      for (int index = 0; index < country.areas_per_region; ++index)
        CONCORD_TRY(add_area(actor, country, region, index, ++number));
    }
    return ok();
  }

  template <typename T>
  T pick_weighted(const std::vector<std::pair<T, double>>& choices) {
    double total = 0;
    for (const auto& choice : choices)
      total += choice.second;
    double draw = uniform(0, total);
    for (const auto& [value, weight] : choices) {
      if (draw < weight) return value;
      draw -= weight;
    }
    return choices.back().first;
  }

  // Each year's casualties, drawn one person at a time and counted by description: fewer each
  // year, with the country's mix of devices, outcomes, sexes, ages and status.
  Result<void> add_casualties(const Principal& actor, const CountrySpec& country) {
    const auto& spec = country.casualties;
    injured_by_year_.clear();
    // The first regions are the most affected.
    std::vector<std::pair<std::string, double>> regions;
    for (std::size_t i = 0; i < country.regions.size(); ++i)
      regions.emplace_back(country.regions[i].name, 1.0 / double(i + 1));
    for (int year = kFirstYear; year <= last_year_; ++year) {
      const auto people = std::max<std::int64_t>(
          1, std::llround(spec.first_year_total * std::pow(spec.yearly_factor, year - kFirstYear) *
                          uniform(0.9, 1.1)));
      using Key =
          std::tuple<std::string, DeviceType, CasualtyOutcome, Sex, AgeGroup, CasualtyStatus>;
      std::map<Key, std::int64_t> counts;
      std::int64_t injured = 0;
      for (std::int64_t person = 0; person < people; ++person) {
        const auto outcome =
            chance(spec.killed) ? CasualtyOutcome::killed : CasualtyOutcome::injured;
        if (outcome == CasualtyOutcome::injured) ++injured;
        const bool military = chance(spec.military);
        const Sex sex = chance(0.03) ? Sex::unknown : chance(spec.female) ? Sex::female : Sex::male;
        const AgeGroup age = chance(0.05)                      ? AgeGroup::unknown
                             : !military && chance(spec.child) ? AgeGroup::child
                                                               : AgeGroup::adult;
        const CasualtyStatus status = chance(0.03) ? CasualtyStatus::unknown
                                      : military   ? CasualtyStatus::military
                                                   : CasualtyStatus::civilian;
        ++counts[{pick_weighted(regions), pick_weighted(spec.devices), outcome, sex, age, status}];
      }
      std::vector<CasualtyCount> rows;
      for (const auto& [key, count] : counts) {
        CasualtyCount row;
        row.year = year;
        std::tie(row.area, row.device_type, row.outcome, row.sex, row.age_group, row.status) = key;
        row.count = count;
        rows.push_back(std::move(row));
      }
      const auto stored = rows.size();
      CONCORD_TRY(services_.casualties.record_casualties(actor, country.state, std::move(rows)));
      summary_.casualty_rows += static_cast<int>(stored);
      summary_.casualties += people;
      injured_by_year_.push_back(injured);
    }
    return ok();
  }

  // Each year, each service in its first regions: the survivors who need it (earlier survivors
  // and those injured since, shared among the regions) and the people it reached, with coverage
  // rising over the years.
  Result<void> add_victim_services(const Principal& actor, const CountrySpec& country) {
    std::int64_t survivors = country.casualties.survivors_before;
    const int years = last_year_ - kFirstYear;
    for (int year = kFirstYear; year <= last_year_; ++year) {
      const std::int64_t injured_this_year = injured_by_year_[year - kFirstYear];
      survivors += injured_this_year;
      const double progress = double(year - kFirstYear) / double(years);
      for (const auto& spec : kServices) {
        for (int region = 0; region < std::min(spec.regions, country.victim_service_regions);
             ++region) {
          const double share = region == 0 ? 0.45 : 0.25;
          const std::int64_t in_need =
              spec.service == VictimServiceType::medical_care
                  ? std::max<std::int64_t>(1, std::llround(injured_this_year * share * 2))
                  : std::max<std::int64_t>(1, std::llround(survivors * share * 0.3));
          const double coverage =
              (spec.first_coverage + (spec.last_coverage - spec.first_coverage) * progress) *
              uniform(0.93, 1.05);
          VictimService service;
          service.state = country.state;
          service.year = year;
          service.service = spec.service;
          service.area = country.regions[region].name;
          service.provider = spec.provider;
          service.people_in_need = in_need;
          service.people_reached = std::llround(in_need * coverage);
          CONCORD_TRY(services_.casualties.record_victim_service(actor, service));
          ++summary_.victim_services;
        }
      }
    }
    return ok();
  }

  const DemoOperationsServices& services_;
  const std::function<void(const std::string&)>& progress_;
  std::mt19937_64 random_;
  const int last_year_;
  const Day last_day_;
  DemoOperationsSummary summary_;
  std::vector<std::int64_t> injured_by_year_;
};

}  // namespace

Result<DemoOperationsSummary> fill_demo_operations(
    const DemoOperationsServices& services, const DemoOperationsOptions& options,
    const std::function<void(const std::string&)>& progress) {
  if (!parse_day(options.today))
    return Error::invalid("today", "must be a date written YYYY-MM-DD");
  OperationsFiller filler(services, options, progress);
  return filler.fill();
}

}  // namespace concord::demo
