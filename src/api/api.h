// The API's route table, built from the services composed in main(). Every route declares the
// action it performs; the gate (gate.h) authenticates the caller and asks the access policy about
// that action before the handler runs.
#pragma once

#include "access/audit_trail.h"
#include "access/identity_service.h"
#include "directory/directory_service.h"
#include "http/metrics.h"
#include "http/router.h"
#include "search/marking_search.h"
#include "store/database.h"

namespace concord::api {

// What the routes need. Everything must outlive the router.
struct Services {
  store::Database& db;
  http::Metrics& metrics;
  access::AuditTrail& audit;
  access::IdentityService& identity;
  directory::DirectoryService& directory;
  const search::MarkingSearch& markings;
  bool secure_cookies = false;  // add Secure to the session cookie
};

http::Router build_router(const Services& services);

// Each area's routes; build_router calls them all.
void add_health_routes(http::Router& router, const Services& services);
void add_session_routes(http::Router& router, const Services& services);
void add_user_routes(http::Router& router, const Services& services);
void add_audit_routes(http::Router& router, const Services& services);
void add_directory_routes(http::Router& router, const Services& services);
void add_search_routes(http::Router& router, const Services& services);
void add_record_routes(http::Router& router, const Services& services);
void add_reference_routes(http::Router& router, const Services& services);
void add_marking_system_routes(http::Router& router, const Services& services);
void add_hit_routes(http::Router& router, const Services& services);
void add_tracing_routes(http::Router& router, const Services& services);
void add_notification_routes(http::Router& router, const Services& services);

}  // namespace concord::api
