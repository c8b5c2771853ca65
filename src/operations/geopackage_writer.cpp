// The GeoPackage writer: OGR's C API when the build found GDAL, a refusal that says what to
// install when it did not.
#include "operations/geopackage_writer.h"

#ifdef CONCORD_HAVE_GDAL
#include <cpl_error.h>
#include <gdal.h>
#include <ogr_api.h>
#include <ogr_srs_api.h>

#include <filesystem>
#include <memory>
#include <mutex>
#include <span>
#include <string_view>
#include <system_error>
#include <vector>
#endif

namespace concord::operations {

std::string geopackage_unavailable_message() {
  return "this build of concord has no GeoPackage support: install GDAL's development files "
         "(Debian: apt-get install libgdal-dev gdal-bin), then configure and build again";
}

#ifndef CONCORD_HAVE_GDAL

bool geopackage_available() {
  return false;
}

Result<GeoPackageCounts> write_geopackage(const std::string&, const nlohmann::json&) {
  return Error::unavailable(geopackage_unavailable_message());
}

#else

namespace {

enum class FieldKind { text, real, integer };

struct Field {
  const char* name;
  FieldKind kind;
};

constexpr Field kAreaFields[] = {
    {"id", FieldKind::text},
    {"state", FieldKind::text},
    {"name", FieldKind::text},
    {"region", FieldKind::text},
    {"contamination", FieldKind::text},
    {"classification", FieldKind::text},
    {"area_km2", FieldKind::real},
    {"released_km2", FieldKind::real},
    {"remaining_km2", FieldKind::real},
};

constexpr Field kReleaseFields[] = {
    {"id", FieldKind::text},   {"area_id", FieldKind::text},     {"method", FieldKind::text},
    {"date", FieldKind::text}, {"depth_cm", FieldKind::integer},
};

struct DatasetCloser {
  void operator()(void* dataset) const { GDALClose(dataset); }
};
struct SpatialReferenceReleaser {
  void operator()(void* srs) const { OSRRelease(srs); }
};
struct FeatureDestroyer {
  void operator()(void* feature) const { OGR_F_Destroy(feature); }
};

std::string last_gdal_error() {
  const char* message = CPLGetLastErrorMsg();
  return message == nullptr || *message == '\0' ? std::string("unknown GDAL error")
                                                : std::string(message);
}

// Makes OGR report errors to us (CPLGetLastErrorMsg) rather than print them on stderr.
class QuietErrors {
 public:
  QuietErrors() { CPLPushErrorHandler(CPLQuietErrorHandler); }
  ~QuietErrors() { CPLPopErrorHandler(); }
  QuietErrors(const QuietErrors&) = delete;
  QuietErrors& operator=(const QuietErrors&) = delete;
};

Result<OGRLayerH> create_layer(GDALDatasetH dataset, const char* name, OGRSpatialReferenceH srs,
                               std::span<const Field> fields) {
  OGRLayerH layer = GDALDatasetCreateLayer(dataset, name, srs, wkbMultiPolygon, nullptr);
  if (layer == nullptr) {
    return Error::internal(std::string("cannot create layer ") + name + ": " + last_gdal_error());
  }
  for (const auto& field : fields) {
    const OGRFieldType type = field.kind == FieldKind::text   ? OFTString
                              : field.kind == FieldKind::real ? OFTReal
                                                              : OFTInteger;
    OGRFieldDefnH definition = OGR_Fld_Create(field.name, type);
    const OGRErr created = OGR_L_CreateField(layer, definition, TRUE);
    OGR_Fld_Destroy(definition);
    if (created != OGRERR_NONE) {
      return Error::internal(std::string("cannot create field ") + field.name + ": " +
                             last_gdal_error());
    }
  }
  return layer;
}

Result<void> write_feature(OGRLayerH layer, const nlohmann::json& feature,
                           std::span<const Field> fields) {
  std::unique_ptr<void, FeatureDestroyer> out(OGR_F_Create(OGR_L_GetLayerDefn(layer)));
  const auto& properties = feature.at("properties");
  for (std::size_t i = 0; i < fields.size(); ++i) {
    const int index = static_cast<int>(i);
    const auto found = properties.find(fields[i].name);
    if (found == properties.end() || found->is_null()) {
      OGR_F_SetFieldNull(out.get(), index);
    } else if (fields[i].kind == FieldKind::text) {
      OGR_F_SetFieldString(out.get(), index, found->get<std::string>().c_str());
    } else if (fields[i].kind == FieldKind::real) {
      OGR_F_SetFieldDouble(out.get(), index, found->get<double>());
    } else {
      OGR_F_SetFieldInteger(out.get(), index, found->get<int>());
    }
  }
  const std::string geometry_text = feature.at("geometry").dump();
  OGRGeometryH geometry = OGR_G_CreateGeometryFromJson(geometry_text.c_str());
  if (geometry == nullptr) {
    return Error::internal("GDAL could not read a geometry: " + last_gdal_error());
  }
  OGR_F_SetGeometryDirectly(out.get(), OGR_G_ForceToMultiPolygon(geometry));
  if (OGR_L_CreateFeature(layer, out.get()) != OGRERR_NONE) {
    return Error::internal("cannot write a feature: " + last_gdal_error());
  }
  return ok();
}

}  // namespace

bool geopackage_available() {
  return true;
}

Result<GeoPackageCounts> write_geopackage(const std::string& path,
                                          const nlohmann::json& collection) {
  static std::once_flag registered;
  std::call_once(registered, [] { GDALAllRegister(); });
  const QuietErrors quiet;
  GDALDriverH driver = GDALGetDriverByName("GPKG");
  if (driver == nullptr) {
    return Error::unavailable("this GDAL has no GPKG driver: " + geopackage_unavailable_message());
  }
  std::error_code ignored;
  std::filesystem::remove(path, ignored);
  std::unique_ptr<void, DatasetCloser> dataset(
      GDALCreate(driver, path.c_str(), 0, 0, 0, GDT_Unknown, nullptr));
  if (!dataset) {
    return Error::invalid("out", path + ": cannot create the GeoPackage: " + last_gdal_error());
  }
  std::unique_ptr<void, SpatialReferenceReleaser> wgs84(OSRNewSpatialReference(nullptr));
  OSRImportFromEPSG(wgs84.get(), 4326);
  // GeoJSON order: longitude first, whatever EPSG:4326's official axis order says.
  OSRSetAxisMappingStrategy(wgs84.get(), OAMS_TRADITIONAL_GIS_ORDER);

  CONCORD_ASSIGN_OR_RETURN(
      auto areas, create_layer(dataset.get(), "hazardous_areas", wgs84.get(), kAreaFields));
  CONCORD_ASSIGN_OR_RETURN(
      auto releases, create_layer(dataset.get(), "land_releases", wgs84.get(), kReleaseFields));
  GeoPackageCounts counts;
  if (GDALDatasetStartTransaction(dataset.get(), FALSE) != OGRERR_NONE) {
    return Error::internal("cannot start writing the GeoPackage: " + last_gdal_error());
  }
  for (const auto& feature : collection.at("features")) {
    if (feature.at("properties").contains("area_id")) {
      CONCORD_TRY(write_feature(releases, feature, kReleaseFields));
      ++counts.releases;
    } else {
      CONCORD_TRY(write_feature(areas, feature, kAreaFields));
      ++counts.areas;
    }
  }
  if (GDALDatasetCommitTransaction(dataset.get()) != OGRERR_NONE) {
    return Error::internal("cannot finish the GeoPackage: " + last_gdal_error());
  }
  GDALClose(dataset.release());
  return counts;
}

#endif

}  // namespace concord::operations
