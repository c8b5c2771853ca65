// The API's route table, built from the services composed in main(). Every route declares the
// action it performs; the access issue adds the policy check on that action.
#pragma once

#include "directory/directory_service.h"
#include "http/metrics.h"
#include "http/router.h"
#include "store/database.h"

namespace concord::api {

// What the routes need. Everything must outlive the router.
struct Services {
  store::Database& db;
  http::Metrics& metrics;
  directory::DirectoryService& directory;
};

http::Router build_router(const Services& services);

// Each area's routes; build_router calls them all.
void add_health_routes(http::Router& router, const Services& services);
void add_directory_routes(http::Router& router, const Services& services);

}  // namespace concord::api
