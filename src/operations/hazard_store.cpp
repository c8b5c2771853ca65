// The hazardous-area tables of migration 0013. Geometry goes in as RFC 7946 GeoJSON text
// (geojson_writer.h) and comes back through parse_area_geometry_text, so a stored geometry is
// validated again on every read: a row edited by hand cannot put an invalid polygon into the
// arithmetic.
#include "operations/hazard_store.h"

#include <map>

#include "operations/geojson_writer.h"

namespace concord::operations {
namespace {

using store::Row;
using store::Transaction;
using store::Value;

constexpr std::string_view kAreaColumns =
    "id, state, name, region, contamination, geometry, area_km2, recorded_on, recorded_by, "
    "created_at";
constexpr std::string_view kClassificationColumns =
    "id, area_id, classification, as_of, note, recorded_by, created_at";
constexpr std::string_view kReleaseColumns =
    "id, area_id, state, method, date, geometry, depth_cm, operator_name, recorded_by, created_at";

std::string geometry_text(const MultiPolygon& geometry) {
  return geometry_json(geometry).dump();
}

Result<MultiPolygon> stored_geometry(const std::string& text, const std::string& id) {
  auto geometry = parse_area_geometry_text(text);
  if (!geometry.ok()) {
    return Error::internal("the stored geometry of " + id +
                           " is not valid: " + geometry.error().message);
  }
  return std::move(*geometry);
}

Result<HazardousArea> area_from_row(const Row& row) {
  HazardousArea area;
  area.id = row.text(0);
  area.state = row.text(1);
  area.name = row.text(2);
  area.region = row.text(3);
  auto contamination = contamination_from_string(row.text(4));
  if (!contamination) {
    return Error::internal("area " + area.id + " has unknown contamination " + row.text(4));
  }
  area.contamination = *contamination;
  CONCORD_ASSIGN_OR_RETURN(area.geometry, stored_geometry(row.text(5), area.id));
  area.area_km2 = row.real(6);
  area.recorded_on = row.text(7);
  area.recorded_by = row.text(8);
  area.created_at = row.text(9);
  return area;
}

Result<ClassificationChange> classification_from_row(const Row& row) {
  ClassificationChange change;
  change.id = row.text(0);
  change.area_id = row.text(1);
  auto classification = hazard_classification_from_string(row.text(2));
  if (!classification) {
    return Error::internal("classification " + change.id + " is unknown: " + row.text(2));
  }
  change.classification = *classification;
  change.as_of = row.text(3);
  change.note = row.text(4);
  change.recorded_by = row.text(5);
  change.created_at = row.text(6);
  return change;
}

Result<LandReleaseRecord> release_from_row(const Row& row) {
  LandReleaseRecord release;
  release.id = row.text(0);
  release.area_id = row.text(1);
  release.state = row.text(2);
  auto method = release_method_from_string(row.text(3));
  if (!method) return Error::internal("release " + release.id + " has unknown method");
  release.method = *method;
  release.date = row.text(4);
  CONCORD_ASSIGN_OR_RETURN(release.geometry, stored_geometry(row.text(5), release.id));
  if (auto depth = row.optional_integer(6)) release.depth_cm = static_cast<int>(*depth);
  release.operator_name = row.text(7);
  release.recorded_by = row.text(8);
  release.created_at = row.text(9);
  return release;
}

// Fills the classifications of `areas` (at most a few thousand per state) from one query.
Result<void> fill_classifications(Transaction& transaction, std::vector<HazardousArea>& areas,
                                  const std::optional<std::string>& state) {
  std::string sql =
      "SELECT c.id, c.area_id, c.classification, c.as_of, c.note, c.recorded_by, c.created_at"
      " FROM operations_hazard_classifications c JOIN operations_hazardous_areas a "
      "ON a.id = c.area_id";
  std::vector<Value> params;
  if (state) {
    sql += " WHERE a.state = $1";
    params.emplace_back(*state);
  }
  sql += " ORDER BY c.area_id, c.as_of, c.created_at, c.id";
  CONCORD_ASSIGN_OR_RETURN(auto rows, transaction.query(sql, params));
  std::map<std::string, std::vector<ClassificationChange>> by_area;
  for (const auto& row : rows.rows) {
    CONCORD_ASSIGN_OR_RETURN(auto change, classification_from_row(row));
    by_area[change.area_id].push_back(std::move(change));
  }
  for (auto& area : areas)
    area.classifications = std::move(by_area[area.id]);
  return ok();
}

// Fills the items of `releases` from one query over `where` (a condition on r).
Result<void> fill_items(Transaction& transaction, std::vector<LandReleaseRecord>& releases,
                        std::string_view where, const std::string& key) {
  const std::string sql =
      "SELECT i.release_id, i.device_type, i.found, i.destroyed FROM operations_release_items i "
      "JOIN operations_land_releases r ON r.id = i.release_id WHERE " +
      std::string(where) + " ORDER BY i.release_id, i.device_type";
  CONCORD_ASSIGN_OR_RETURN(auto rows, transaction.query(sql, {key}));
  std::map<std::string, std::vector<ItemsFound>> by_release;
  for (const auto& row : rows.rows) {
    auto device = device_type_from_string(row.text(1));
    if (!device) return Error::internal("release item of unknown device type " + row.text(1));
    by_release[row.text(0)].push_back({*device, row.integer(2), row.integer(3)});
  }
  for (auto& release : releases)
    release.items = std::move(by_release[release.id]);
  return ok();
}

Result<std::vector<LandReleaseRecord>> list_releases_where(Transaction& transaction,
                                                           std::string_view where,
                                                           const std::string& key) {
  const std::string sql = "SELECT " + std::string(kReleaseColumns) +
                          " FROM operations_land_releases r WHERE " + std::string(where) +
                          " ORDER BY r.date, r.created_at, r.id";
  CONCORD_ASSIGN_OR_RETURN(auto rows, transaction.query(sql, {key}));
  std::vector<LandReleaseRecord> releases;
  releases.reserve(rows.rows.size());
  for (const auto& row : rows.rows) {
    CONCORD_ASSIGN_OR_RETURN(auto release, release_from_row(row));
    releases.push_back(std::move(release));
  }
  CONCORD_TRY(fill_items(transaction, releases, where, key));
  return releases;
}

}  // namespace

Result<void> insert_hazardous_area(Transaction& transaction, const HazardousArea& area) {
  CONCORD_TRY(
      transaction.execute("INSERT INTO operations_hazardous_areas (" + std::string(kAreaColumns) +
                              ") VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)",
                          {area.id, area.state, area.name, area.region,
                           std::string(to_string(area.contamination)), geometry_text(area.geometry),
                           area.area_km2, area.recorded_on, area.recorded_by, area.created_at}));
  for (const auto& change : area.classifications) {
    CONCORD_TRY(insert_classification(transaction, change));
  }
  return ok();
}

Result<void> insert_classification(Transaction& transaction, const ClassificationChange& change) {
  CONCORD_TRY(transaction.execute(
      "INSERT INTO operations_hazard_classifications (" + std::string(kClassificationColumns) +
          ") VALUES ($1, $2, $3, $4, $5, $6, $7)",
      {change.id, change.area_id, std::string(to_string(change.classification)), change.as_of,
       change.note, change.recorded_by, change.created_at}));
  return ok();
}

Result<HazardousArea> get_hazardous_area(Transaction& transaction, const std::string& id) {
  CONCORD_ASSIGN_OR_RETURN(auto rows,
                           transaction.query("SELECT " + std::string(kAreaColumns) +
                                                 " FROM operations_hazardous_areas WHERE id = $1",
                                             {id}));
  if (rows.rows.empty()) return Error::not_found("area_id", "no hazardous area " + id);
  CONCORD_ASSIGN_OR_RETURN(auto area, area_from_row(rows.rows.front()));
  CONCORD_ASSIGN_OR_RETURN(
      auto changes,
      transaction.query("SELECT " + std::string(kClassificationColumns) +
                            " FROM operations_hazard_classifications WHERE area_id = $1 "
                            "ORDER BY as_of, created_at, id",
                        {id}));
  for (const auto& row : changes.rows) {
    CONCORD_ASSIGN_OR_RETURN(auto change, classification_from_row(row));
    area.classifications.push_back(std::move(change));
  }
  return area;
}

Result<std::vector<HazardousArea>> list_hazardous_areas(Transaction& transaction,
                                                        const std::optional<std::string>& state) {
  std::string sql = "SELECT " + std::string(kAreaColumns) + " FROM operations_hazardous_areas";
  std::vector<Value> params;
  if (state) {
    sql += " WHERE state = $1";
    params.emplace_back(*state);
  }
  sql += " ORDER BY id";
  CONCORD_ASSIGN_OR_RETURN(auto rows, transaction.query(sql, params));
  std::vector<HazardousArea> areas;
  areas.reserve(rows.rows.size());
  for (const auto& row : rows.rows) {
    CONCORD_ASSIGN_OR_RETURN(auto area, area_from_row(row));
    areas.push_back(std::move(area));
  }
  CONCORD_TRY(fill_classifications(transaction, areas, state));
  return areas;
}

Result<void> insert_land_release(Transaction& transaction, const LandReleaseRecord& release) {
  Value depth;
  if (release.depth_cm) depth = static_cast<std::int64_t>(*release.depth_cm);
  CONCORD_TRY(transaction.execute(
      "INSERT INTO operations_land_releases (" + std::string(kReleaseColumns) +
          ") VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)",
      {release.id, release.area_id, release.state, std::string(to_string(release.method)),
       release.date, geometry_text(release.geometry), depth, release.operator_name,
       release.recorded_by, release.created_at}));
  for (const auto& item : release.items) {
    CONCORD_TRY(transaction.execute(
        "INSERT INTO operations_release_items (release_id, device_type, found, destroyed) "
        "VALUES ($1, $2, $3, $4)",
        {release.id, std::string(to_string(item.device_type)), item.found, item.destroyed}));
  }
  return ok();
}

Result<std::vector<LandReleaseRecord>> list_land_releases(Transaction& transaction,
                                                          const std::string& area_id) {
  return list_releases_where(transaction, "r.area_id = $1", area_id);
}

Result<std::vector<LandReleaseRecord>> list_state_land_releases(Transaction& transaction,
                                                                const std::string& state) {
  return list_releases_where(transaction, "r.state = $1", state);
}

Result<std::optional<std::string>> get_operations_setting(Transaction& transaction,
                                                          const std::string& name) {
  CONCORD_ASSIGN_OR_RETURN(
      auto rows,
      transaction.query("SELECT value FROM operations_settings WHERE name = $1", {name}));
  if (rows.rows.empty()) return std::optional<std::string>();
  return std::optional<std::string>(rows.rows.front().text(0));
}

Result<void> put_operations_setting(Transaction& transaction, const std::string& name,
                                    const std::string& value, const std::string& updated_by,
                                    const std::string& updated_at) {
  CONCORD_TRY(transaction.execute(
      "INSERT INTO operations_settings (name, value, updated_by, updated_at) "
      "VALUES ($1, $2, $3, $4) ON CONFLICT (name) DO UPDATE SET value = excluded.value, "
      "updated_by = excluded.updated_by, updated_at = excluded.updated_at",
      {name, value, updated_by, updated_at}));
  return ok();
}

}  // namespace concord::operations
