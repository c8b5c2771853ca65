// The API's route table, built from the services composed in main(). Every route declares the
// action it performs; the gate (gate.h) authenticates the caller and asks the access policy about
// that action before the handler runs.
#pragma once

#include "access/audit_trail.h"
#include "access/identity_service.h"
#include "assistance/funding_service.h"
#include "assistance/iati_service.h"
#include "assistance/match_service.h"
#include "assistance/offer_service.h"
#include "assistance/plan_service.h"
#include "directory/directory_service.h"
#include "http/metrics.h"
#include "http/router.h"
#include "marking/marking_system_store.h"
#include "notification/notification_services.h"
#include "operations/casualty_service.h"
#include "operations/hazard_service.h"
#include "operations/profile_service.h"
#include "operations/report_service.h"
#include "operations/stockpile_service.h"
#include "registry/hit_service.h"
#include "registry/record_service.h"
#include "registry/weapon_reference_service.h"
#include "search/marking_search.h"
#include "store/database.h"
#include "tracing/tracing_service.h"

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
  // Cross-check hits; the hit routes answer unavailable without it (route listings need none).
  const registry::HitService* hits = nullptr;
  // Weapon records; the record routes answer unavailable without it.
  registry::RecordService* records = nullptr;
  // Inboxes and webhooks; the notification routes answer unavailable without it.
  notification::NotificationServices* notifications = nullptr;
  // National marking systems and decoding; their routes answer unavailable without it.
  marking::MarkingSystemService* marking_systems = nullptr;
  // The weapon reference table; its routes answer unavailable without it.
  registry::ReferenceService* reference_table = nullptr;
  // Tracing requests between states; their routes answer unavailable without it.
  tracing::TracingService* tracing = nullptr;
  // Assistance: plans and needs, offers, matching, funding flows and views, IATI. Each area's
  // routes answer unavailable without its service.
  assistance::PlanService* plans = nullptr;
  assistance::OfferService* offers = nullptr;
  assistance::MatchService* matches = nullptr;
  assistance::FundingService* funding = nullptr;
  assistance::IatiService* iati = nullptr;
  // Operations: stockpiles and deadlines, hazardous areas and land release, casualties and
  // victim assistance. Each area's routes answer unavailable without its service.
  operations::StockpileService* stockpiles = nullptr;
  operations::HazardService* hazards = nullptr;
  operations::CasualtyService* casualties = nullptr;
  // Country profiles (read) and draft transparency reports; their routes answer unavailable
  // without them.
  operations::ProfileService* profiles = nullptr;
  operations::ReportService* reports = nullptr;
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
void add_plan_routes(http::Router& router, const Services& services);
void add_offer_routes(http::Router& router, const Services& services);
void add_match_routes(http::Router& router, const Services& services);
void add_funding_routes(http::Router& router, const Services& services);
void add_iati_routes(http::Router& router, const Services& services);
void add_stockpile_routes(http::Router& router, const Services& services);
void add_hazard_routes(http::Router& router, const Services& services);
void add_casualty_routes(http::Router& router, const Services& services);
void add_profile_routes(http::Router& router, const Services& services);

}  // namespace concord::api
