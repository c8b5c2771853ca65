// HazardService: the checks of a hazardous-area or land-release write (ownership through
// operations_writes.h, then the domain's rules), and the figures as they stood on a day, always
// computed from the area's geometry and its releases on or before that day.
#include "operations/hazard_service.h"

#include <chrono>
#include <map>
#include <set>

#include "access/policy.h"
#include "core/text.h"
#include "operations/calendar_day.h"
#include "operations/geodesic_area.h"
#include "operations/geojson_writer.h"
#include "operations/hazard_json.h"
#include "operations/hazard_store.h"
#include "operations/operations_writes.h"

namespace concord::operations {
namespace {

using store::Transaction;
using store::TransactionMode;

constexpr std::string_view kReadAction = "operations.read";
constexpr std::string_view kConfigureAction = "operations.configure";
constexpr std::string_view kBandsSetting = "severity_bands";
constexpr std::size_t kMaxNameLength = 200;
constexpr std::size_t kMaxRegionLength = 100;
constexpr std::size_t kMaxNoteLength = 1000;
constexpr std::size_t kMaxOperatorLength = 200;
constexpr int kMaxDepthCm = 1000;

Result<void> check_text(std::string_view field, const std::string& text, std::size_t min_length,
                        std::size_t max_length) {
  const auto length = utf8_length(text);
  const std::string name(field);
  if (!length) return Error::invalid(name, name + " is not UTF-8");
  if (min_length > 0 && trim(text).empty()) {
    return Error::invalid(name, name + " must not be empty");
  }
  if (*length > max_length) {
    return Error::invalid(name,
                          name + " must be at most " + std::to_string(max_length) + " characters");
  }
  if (has_control_characters(text)) {
    return Error::invalid(name, name + " must not hold control characters");
  }
  return ok();
}

// A day of the record: YYYY-MM-DD, not after today and, when given, not before `earliest`.
Result<void> check_record_day(const std::string& day, std::string_view field, const Clock& clock,
                              const std::string& earliest = {}) {
  CONCORD_TRY(day_field(day, field));
  const std::string name(field);
  if (day > format_day(today(clock)))
    return Error::invalid(name, name + " must not be in the future");
  if (!earliest.empty() && day < earliest) {
    return Error::invalid(
        name, name + " must not be before the day the area was recorded (" + earliest + ")");
  }
  return ok();
}

// The geometry as the store will give it back (RFC 7946 text, 7 decimals), checked again, so
// that the area computed now is the area of what is stored.
Result<MultiPolygon> stored_form(const MultiPolygon& geometry) {
  CONCORD_TRY(check_area_geometry(geometry, "geometry"));
  return parse_area_geometry(geometry_json(geometry), "geometry");
}

Result<std::string> day_or_today(const std::string& on, const Clock& clock) {
  if (on.empty()) return format_day(today(clock));
  CONCORD_TRY(day_field(on, "on"));
  return on;
}

Result<HazardousAreaView> view_of(HazardousArea area,
                                  const std::vector<LandReleaseRecord>& all_releases,
                                  const std::string& on) {
  HazardousAreaView view;
  view.on = on;
  std::vector<Release> counted;
  for (const auto& release : all_releases) {
    if (release.area_id != area.id || release.date > on) continue;
    view.releases.push_back(release);
    counted.push_back({release.method, release.geometry});
  }
  CONCORD_ASSIGN_OR_RETURN(view.figures, compute_land_release(area.geometry, counted));
  // The area's stored km2 is the one figure of record; the overlay's own is the same to within
  // rounding, and the remaining area is derived from it so that the two always add up.
  view.figures.hazard_km2 = area.area_km2;
  view.figures.remaining_km2 = std::max(0.0, area.area_km2 - view.figures.released_km2);
  view.classification = area.classification_on(on);
  view.area = std::move(area);
  return view;
}

Result<SeverityBandConfig> stored_bands(Transaction& transaction) {
  CONCORD_ASSIGN_OR_RETURN(auto document,
                           get_operations_setting(transaction, std::string(kBandsSetting)));
  if (!document) return SeverityBandConfig{};
  auto config = severity_bands_from_json(*document);
  if (!config.ok()) {
    return Error::internal("the stored severity bands are not valid: " + config.error().message);
  }
  return std::move(*config);
}

}  // namespace

Result<HazardousArea> HazardService::record_area(const access::Principal& actor,
                                                 HazardousAreaInput input) {
  CONCORD_TRY(check_state_write(db_, audit_, reference_, actor, kRecordAction, input.state));
  CONCORD_TRY(check_text("name", input.name, 1, kMaxNameLength));
  CONCORD_TRY(check_text("region", input.region, 0, kMaxRegionLength));
  CONCORD_TRY(check_record_day(input.recorded_on, "recorded_on", clock_));
  HazardousArea area;
  CONCORD_ASSIGN_OR_RETURN(area.geometry, stored_form(input.geometry));
  area.id = ids_.next();
  area.state = input.state;
  area.name = input.name;
  area.region = input.region;
  area.contamination = input.contamination;
  area.area_km2 = geodesic_area_km2(area.geometry);
  area.recorded_on = input.recorded_on;
  area.recorded_by = actor.username;
  area.created_at = format_iso8601(clock_.now());
  area.classifications.push_back({ids_.next(), area.id, input.classification, input.recorded_on, "",
                                  actor.username, area.created_at});
  return store::in_transaction(
      db_, TransactionMode::read_write, [&](Transaction& tx) -> Result<HazardousArea> {
        CONCORD_TRY(insert_hazardous_area(tx, area));
        CONCORD_TRY(record_operations_write(tx, audit_, clock_, actor, kRecordAction,
                                            "hazardous_area", area.id, area.state, "created",
                                            hazardous_area_json(area)));
        return area;
      });
}

Result<ClassificationChange> HazardService::classify(const access::Principal& actor,
                                                     const std::string& area_id,
                                                     ClassificationChange change) {
  CONCORD_ASSIGN_OR_RETURN(
      const HazardousArea area,
      store::in_transaction(db_, TransactionMode::read_only,
                            [&](Transaction& tx) { return get_hazardous_area(tx, area_id); }));
  CONCORD_TRY(check_state_write(db_, audit_, reference_, actor, kRecordAction, area.state));
  CONCORD_TRY(check_record_day(change.as_of, "as_of", clock_, area.recorded_on));
  CONCORD_TRY(check_text("note", change.note, 0, kMaxNoteLength));
  change.id = ids_.next();
  change.area_id = area.id;
  change.recorded_by = actor.username;
  change.created_at = format_iso8601(clock_.now());
  return store::in_transaction(
      db_, TransactionMode::read_write, [&](Transaction& tx) -> Result<ClassificationChange> {
        CONCORD_TRY(insert_classification(tx, change));
        CONCORD_TRY(record_operations_write(tx, audit_, clock_, actor, kRecordAction,
                                            "hazard_classification", change.id, area.state,
                                            "created", classification_json(change)));
        return change;
      });
}

Result<LandReleaseRecord> HazardService::record_release(const access::Principal& actor,
                                                        const std::string& area_id,
                                                        LandReleaseRecord release) {
  CONCORD_ASSIGN_OR_RETURN(
      const HazardousArea area,
      store::in_transaction(db_, TransactionMode::read_only,
                            [&](Transaction& tx) { return get_hazardous_area(tx, area_id); }));
  CONCORD_TRY(check_state_write(db_, audit_, reference_, actor, kRecordAction, area.state));
  CONCORD_TRY(check_record_day(release.date, "date", clock_, area.recorded_on));
  CONCORD_TRY(check_text("operator_name", release.operator_name, 0, kMaxOperatorLength));
  if (release.method != ReleaseMethod::cleared) {
    if (release.depth_cm) {
      return Error::invalid("depth_cm", "only a cleared release has a clearance depth");
    }
    if (!release.items.empty()) {
      return Error::invalid("items", "only a cleared release reports items found and destroyed");
    }
  }
  if (release.depth_cm && (*release.depth_cm < 1 || *release.depth_cm > kMaxDepthCm)) {
    return Error::invalid("depth_cm",
                          "depth_cm must be between 1 and " + std::to_string(kMaxDepthCm));
  }
  std::set<DeviceType> seen;
  for (std::size_t i = 0; i < release.items.size(); ++i) {
    const auto& item = release.items[i];
    const std::string path = "items[" + std::to_string(i) + "]";
    if (!seen.insert(item.device_type).second) {
      return Error::invalid(path + ".device_type",
                            std::string(to_string(item.device_type)) + " is listed twice");
    }
    if (item.found < 0) return Error::invalid(path + ".found", "found must not be negative");
    if (item.destroyed < 0 || item.destroyed > item.found) {
      return Error::invalid(path + ".destroyed", "destroyed must be between 0 and found");
    }
  }
  CONCORD_ASSIGN_OR_RETURN(release.geometry, stored_form(release.geometry));
  CONCORD_ASSIGN_OR_RETURN(
      const auto overlap,
      compute_land_release(area.geometry, {{release.method, release.geometry}}));
  if (overlap.released_km2 <= 0) {
    return Error::invalid("geometry", "nothing of it lies within the area");
  }
  release.id = ids_.next();
  release.area_id = area.id;
  release.state = area.state;
  release.recorded_by = actor.username;
  release.created_at = format_iso8601(clock_.now());
  return store::in_transaction(
      db_, TransactionMode::read_write, [&](Transaction& tx) -> Result<LandReleaseRecord> {
        CONCORD_TRY(insert_land_release(tx, release));
        CONCORD_TRY(record_operations_write(tx, audit_, clock_, actor, kRecordAction,
                                            "land_release", release.id, release.state, "created",
                                            land_release_json(release)));
        return release;
      });
}

Result<HazardousAreaView> HazardService::area(const access::Principal& reader,
                                              const std::string& area_id, const std::string& on) {
  CONCORD_TRY(access::authorize(reader, kReadAction));
  CONCORD_ASSIGN_OR_RETURN(const std::string day, day_or_today(on, clock_));
  return store::in_transaction(
      db_, TransactionMode::read_only, [&](Transaction& tx) -> Result<HazardousAreaView> {
        CONCORD_ASSIGN_OR_RETURN(auto found, get_hazardous_area(tx, area_id));
        CONCORD_ASSIGN_OR_RETURN(auto releases, list_land_releases(tx, area_id));
        return view_of(std::move(found), releases, day);
      });
}

Result<std::vector<HazardousAreaView>> HazardService::areas(const access::Principal& reader,
                                                            const std::optional<std::string>& state,
                                                            const std::string& on) {
  CONCORD_TRY(access::authorize(reader, kReadAction));
  if (state) CONCORD_TRY(check_known_state(reference_, *state));
  CONCORD_ASSIGN_OR_RETURN(const std::string day, day_or_today(on, clock_));
  return store::in_transaction(
      db_, TransactionMode::read_only,
      [&](Transaction& tx) -> Result<std::vector<HazardousAreaView>> {
        CONCORD_ASSIGN_OR_RETURN(auto found, list_hazardous_areas(tx, state));
        std::map<std::string, std::vector<LandReleaseRecord>> releases_by_state;
        std::vector<HazardousAreaView> views;
        for (auto& area : found) {
          if (area.recorded_on > day) continue;
          if (!releases_by_state.contains(area.state)) {
            CONCORD_ASSIGN_OR_RETURN(releases_by_state[area.state],
                                     list_state_land_releases(tx, area.state));
          }
          CONCORD_ASSIGN_OR_RETURN(auto view,
                                   view_of(std::move(area), releases_by_state[area.state], day));
          views.push_back(std::move(view));
        }
        return views;
      });
}

Result<nlohmann::json> HazardService::feature_collection(const access::Principal& reader,
                                                         const std::optional<std::string>& state,
                                                         const std::string& on,
                                                         bool with_releases) {
  CONCORD_ASSIGN_OR_RETURN(const auto views, areas(reader, state, on));
  std::vector<nlohmann::json> features;
  for (const auto& view : views) {
    const auto& area = view.area;
    features.push_back(feature_json(
        view.figures.remaining,
        {{"id", area.id},
         {"state", area.state},
         {"name", area.name},
         {"region", area.region},
         {"contamination", to_string(area.contamination)},
         {"classification", view.classification ? nlohmann::json(to_string(*view.classification))
                                                : nlohmann::json(nullptr)},
         {"area_km2", area.area_km2},
         {"released_km2", view.figures.released_km2},
         {"remaining_km2", view.figures.remaining_km2}}));
  }
  if (with_releases) {
    for (const auto& view : views) {
      for (const auto& release : view.releases) {
        features.push_back(feature_json(
            release.geometry, {{"id", release.id},
                               {"area_id", release.area_id},
                               {"method", to_string(release.method)},
                               {"date", release.date},
                               {"depth_cm", release.depth_cm ? nlohmann::json(*release.depth_cm)
                                                             : nlohmann::json(nullptr)}}));
      }
    }
  }
  return feature_collection_json(std::move(features));
}

Result<SeverityBandConfig> HazardService::severity_bands(const access::Principal& reader) {
  CONCORD_TRY(access::authorize(reader, kReadAction));
  return store::in_transaction(db_, TransactionMode::read_only,
                               [&](Transaction& tx) { return stored_bands(tx); });
}

Result<SeverityBandConfig> HazardService::set_severity_bands(const access::Principal& actor,
                                                             const std::string& document) {
  auto allowed = access::authorize(actor, kConfigureAction);
  if (!allowed.ok()) {
    (void)audit_.record(
        db_, actor,
        {std::string(kConfigureAction), "severity_bands", std::string(kBandsSetting), std::nullopt,
         access::Outcome::denied, nlohmann::json{{"reason", allowed.error().message}}.dump()});
    return allowed.error();
  }
  CONCORD_ASSIGN_OR_RETURN(auto config, severity_bands_from_json(document));
  // Stored in the form severity_bands_json writes, which reads back to the same bands.
  const auto normalised = severity_bands_json(config);
  const std::string updated_at = format_iso8601(clock_.now());
  return store::in_transaction(
      db_, TransactionMode::read_write, [&](Transaction& tx) -> Result<SeverityBandConfig> {
        CONCORD_TRY(put_operations_setting(tx, std::string(kBandsSetting), normalised.dump(),
                                           actor.username, updated_at));
        CONCORD_TRY(record_operations_write(tx, audit_, clock_, actor, kConfigureAction,
                                            "severity_bands", std::string(kBandsSetting), "",
                                            "updated", normalised));
        return config;
      });
}

}  // namespace concord::operations
