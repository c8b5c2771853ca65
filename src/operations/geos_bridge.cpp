#include "operations/geos_bridge.h"

#include <vector>

namespace concord::operations {

GeosContext::GeosContext() : handle_(GEOS_init_r()) {
  GEOSContext_setErrorMessageHandler_r(handle_, &GeosContext::on_error, this);
  GEOSContext_setNoticeMessageHandler_r(handle_, &GeosContext::on_notice, this);
}

GeosContext::~GeosContext() {
  GEOS_finish_r(handle_);
}

void GeosContext::on_error(const char* message, void* self) {
  static_cast<GeosContext*>(self)->last_error_ = message != nullptr ? message : "";
}

void GeosContext::on_notice(const char* message, void* self) {
  static_cast<GeosContext*>(self)->last_notice_ = message != nullptr ? message : "";
}

Error GeosContext::failure(std::string_view operation) const {
  std::string message = "GEOS failed to " + std::string(operation);
  if (!last_error_.empty()) message += ": " + last_error_;
  return Error::internal(std::move(message));
}

Result<GeosGeometry> own(GeosContext& context, GEOSGeometry* raw, std::string_view operation) {
  if (raw == nullptr) return context.failure(operation);
  return GeosGeometry(raw, GeosGeometryDeleter{context.handle()});
}

namespace {

GEOSGeometry* make_ring(GeosContext& context, const Ring& ring) {
  std::vector<double> xy;
  xy.reserve(ring.size() * 2);
  for (const Position& p : ring) {
    xy.push_back(p.longitude);
    xy.push_back(p.latitude);
  }
  GEOSCoordSequence* sequence = GEOSCoordSeq_copyFromBuffer_r(
      context.handle(), xy.data(), static_cast<unsigned>(ring.size()), 0, 0);
  if (sequence == nullptr) return nullptr;
  // Takes ownership of the sequence, also on failure.
  return GEOSGeom_createLinearRing_r(context.handle(), sequence);
}

Result<Ring> ring_from_geos(GeosContext& context, const GEOSGeometry* ring) {
  const GEOSCoordSequence* sequence = GEOSGeom_getCoordSeq_r(context.handle(), ring);
  unsigned size = 0;
  if (sequence == nullptr || GEOSCoordSeq_getSize_r(context.handle(), sequence, &size) == 0) {
    return context.failure("read a ring");
  }
  Ring out;
  out.reserve(size);
  for (unsigned i = 0; i < size; ++i) {
    Position p;
    if (GEOSCoordSeq_getXY_r(context.handle(), sequence, i, &p.longitude, &p.latitude) == 0) {
      return context.failure("read a position");
    }
    out.push_back(p);
  }
  return out;
}

Result<void> collect_polygons(GeosContext& context, const GEOSGeometry* geometry,
                              MultiPolygon& out) {
  GEOSContextHandle_t h = context.handle();
  if (GEOSisEmpty_r(h, geometry) == 1) return ok();
  const int type = GEOSGeomTypeId_r(h, geometry);
  if (type == GEOS_MULTIPOLYGON || type == GEOS_GEOMETRYCOLLECTION) {
    const int count = GEOSGetNumGeometries_r(h, geometry);
    for (int i = 0; i < count; ++i) {
      CONCORD_TRY(collect_polygons(context, GEOSGetGeometryN_r(h, geometry, i), out));
    }
    return ok();
  }
  if (type != GEOS_POLYGON) return ok();  // a point or line: no area
  Polygon polygon;
  CONCORD_ASSIGN_OR_RETURN(Ring exterior,
                           ring_from_geos(context, GEOSGetExteriorRing_r(h, geometry)));
  polygon.rings.push_back(std::move(exterior));
  const int holes = GEOSGetNumInteriorRings_r(h, geometry);
  for (int i = 0; i < holes; ++i) {
    CONCORD_ASSIGN_OR_RETURN(Ring hole,
                             ring_from_geos(context, GEOSGetInteriorRingN_r(h, geometry, i)));
    polygon.rings.push_back(std::move(hole));
  }
  out.polygons.push_back(std::move(polygon));
  return ok();
}

}  // namespace

Result<GeosGeometry> to_geos(GeosContext& context, const Polygon& polygon) {
  if (polygon.rings.empty()) {
    return own(context, GEOSGeom_createEmptyPolygon_r(context.handle()), "make an empty polygon");
  }
  GEOSGeometry* shell = make_ring(context, polygon.rings.front());
  if (shell == nullptr) return context.failure("make a ring");
  std::vector<GEOSGeometry*> holes;
  for (std::size_t i = 1; i < polygon.rings.size(); ++i) {
    GEOSGeometry* hole = make_ring(context, polygon.rings[i]);
    if (hole == nullptr) {
      GEOSGeom_destroy_r(context.handle(), shell);
      for (GEOSGeometry* made : holes)
        GEOSGeom_destroy_r(context.handle(), made);
      return context.failure("make a ring");
    }
    holes.push_back(hole);
  }
  return own(context,
             GEOSGeom_createPolygon_r(context.handle(), shell, holes.data(),
                                      static_cast<unsigned>(holes.size())),
             "make a polygon");
}

Result<GeosGeometry> to_geos(GeosContext& context, const MultiPolygon& geometry) {
  std::vector<GeosGeometry> parts;
  for (const Polygon& polygon : geometry.polygons) {
    CONCORD_ASSIGN_OR_RETURN(GeosGeometry part, to_geos(context, polygon));
    parts.push_back(std::move(part));
  }
  std::vector<GEOSGeometry*> raw;
  for (GeosGeometry& part : parts)
    raw.push_back(part.release());  // the collection owns them from here
  return own(context,
             GEOSGeom_createCollection_r(context.handle(), GEOS_MULTIPOLYGON, raw.data(),
                                         static_cast<unsigned>(raw.size())),
             "make a multipolygon");
}

Result<MultiPolygon> from_geos(GeosContext& context, const GEOSGeometry* geometry) {
  MultiPolygon out;
  CONCORD_TRY(collect_polygons(context, geometry, out));
  return out;
}

}  // namespace concord::operations
