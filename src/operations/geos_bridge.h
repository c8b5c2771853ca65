// GEOS plumbing for the operations geometry files (internal to src/operations): a reentrant GEOS
// context per use that captures GEOS's notices and errors as text instead of printing them, owning
// handles for GEOS geometries, and conversion between MultiPolygon and GEOS geometries. A
// GeosContext belongs to one thread at a time; make one per call.
#pragma once

// Only the reentrant API: the non-_r functions share one global context across threads.
#define GEOS_USE_ONLY_R_API
#include <geos_c.h>

#include <memory>
#include <string>

#include "core/result.h"
#include "operations/hazard_polygon.h"

namespace concord::operations {

class GeosContext {
 public:
  GeosContext();
  ~GeosContext();
  GeosContext(const GeosContext&) = delete;
  GeosContext& operator=(const GeosContext&) = delete;

  GEOSContextHandle_t handle() const { return handle_; }
  // The last error GEOS reported through this context, empty if none.
  const std::string& last_error() const { return last_error_; }

  // Error::internal naming `operation` and the captured GEOS message, for a GEOS call that failed.
  Error failure(std::string_view operation) const;

 private:
  static void on_error(const char* message, void* self);
  static void on_notice(const char* message, void* self);

  GEOSContextHandle_t handle_;
  std::string last_error_;
  std::string last_notice_;
};

struct GeosGeometryDeleter {
  GEOSContextHandle_t handle = nullptr;
  void operator()(GEOSGeometry* geometry) const { GEOSGeom_destroy_r(handle, geometry); }
};
using GeosGeometry = std::unique_ptr<GEOSGeometry, GeosGeometryDeleter>;

// Takes ownership of `raw`, which GEOS returned (null means the call failed: see failure()).
Result<GeosGeometry> own(GeosContext& context, GEOSGeometry* raw, std::string_view operation);

// One GEOS polygon from `polygon`, whose rings are closed and have at least four positions.
Result<GeosGeometry> to_geos(GeosContext& context, const Polygon& polygon);
// A GEOS MULTIPOLYGON (possibly empty) from `geometry`.
Result<GeosGeometry> to_geos(GeosContext& context, const MultiPolygon& geometry);

// The polygons in `geometry` (a Polygon, MultiPolygon or collection holding them). Points and
// lines, which overlay can leave where two areas only touch, have no area and are not kept.
Result<MultiPolygon> from_geos(GeosContext& context, const GEOSGeometry* geometry);

}  // namespace concord::operations
