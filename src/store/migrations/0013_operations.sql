-- Operations (src/operations/): stockpile declarations, destruction events and quantities
-- retained under CCM Article 3(6); treaty deadlines and their extensions; hazardous areas with
-- their GeoJSON geometry, geodesic area and classification over time; land release (cancelled,
-- reduced, cleared) with the items found and destroyed; casualty statistics (counts only, no
-- personal identifiers); victim assistance services and their coverage; and the severity bands a
-- centre configures. Dates are YYYY-MM-DD, timestamps ISO 8601 UTC text, ids ULIDs. Nothing here
-- is ever updated in place except a deadline (replaced, audited) and the band configuration:
-- later declarations and classifications supersede earlier ones by date.

CREATE TABLE operations_stockpile_declarations (
  id TEXT PRIMARY KEY,
  state TEXT NOT NULL REFERENCES states (alpha2),
  category TEXT NOT NULL,                     -- operations::StockpileCategory name
  ammunition_type TEXT NOT NULL DEFAULT '',   -- for ammunition only
  quantity BIGINT NOT NULL,
  as_of TEXT NOT NULL,
  recorded_by TEXT NOT NULL DEFAULT '',
  created_at TEXT NOT NULL
);
CREATE INDEX operations_declarations_by_state ON operations_stockpile_declarations (state, as_of);

CREATE TABLE operations_destruction_events (
  id TEXT PRIMARY KEY,
  state TEXT NOT NULL REFERENCES states (alpha2),
  date TEXT NOT NULL,
  category TEXT NOT NULL,
  ammunition_type TEXT NOT NULL DEFAULT '',
  quantity BIGINT NOT NULL,
  method TEXT NOT NULL,                       -- operations::DestructionMethod name
  site TEXT NOT NULL,
  verified_by TEXT NOT NULL,
  recorded_by TEXT NOT NULL DEFAULT '',
  created_at TEXT NOT NULL
);
CREATE INDEX operations_destructions_by_state ON operations_destruction_events (state, date);

CREATE TABLE operations_retained_quantities (
  id TEXT PRIMARY KEY,
  state TEXT NOT NULL REFERENCES states (alpha2),
  category TEXT NOT NULL,
  ammunition_type TEXT NOT NULL DEFAULT '',
  quantity BIGINT NOT NULL,
  as_of TEXT NOT NULL,
  purpose TEXT NOT NULL,                      -- operations::RetentionPurpose name
  recorded_by TEXT NOT NULL DEFAULT '',
  created_at TEXT NOT NULL
);
CREATE INDEX operations_retained_by_state ON operations_retained_quantities (state, as_of);

-- One deadline per state, instrument, obligation and (for stockpiles) category; an extension
-- replaces extended_to, and the audit trail keeps what it was.
CREATE TABLE operations_deadlines (
  state TEXT NOT NULL REFERENCES states (alpha2),
  instrument TEXT NOT NULL,                   -- ccm, apmbc
  obligation TEXT NOT NULL,                   -- stockpile_destruction, clearance
  category TEXT NOT NULL DEFAULT '',          -- a StockpileCategory for stockpile_destruction
  deadline TEXT NOT NULL,
  extended_to TEXT NOT NULL DEFAULT '',
  updated_by TEXT NOT NULL DEFAULT '',
  updated_at TEXT NOT NULL,
  PRIMARY KEY (state, instrument, obligation, category)
);

CREATE TABLE operations_hazardous_areas (
  id TEXT PRIMARY KEY,
  state TEXT NOT NULL REFERENCES states (alpha2),
  name TEXT NOT NULL,
  region TEXT NOT NULL DEFAULT '',            -- the administrative region it lies in
  contamination TEXT NOT NULL,                -- mines, cluster_munition_remnants, other_erw
  geometry TEXT NOT NULL,                     -- GeoJSON Polygon or MultiPolygon, validated
  area_km2 DOUBLE PRECISION NOT NULL,         -- geodesic, computed from geometry
  recorded_on TEXT NOT NULL,                  -- the day it was first recorded (YYYY-MM-DD)
  recorded_by TEXT NOT NULL DEFAULT '',
  created_at TEXT NOT NULL
);
CREATE INDEX operations_areas_by_state ON operations_hazardous_areas (state, id);

-- Its classification over time (suspected, confirmed); the latest on or before a day holds.
CREATE TABLE operations_hazard_classifications (
  id TEXT PRIMARY KEY,
  area_id TEXT NOT NULL REFERENCES operations_hazardous_areas (id),
  classification TEXT NOT NULL,               -- suspected, confirmed
  as_of TEXT NOT NULL,
  note TEXT NOT NULL DEFAULT '',
  recorded_by TEXT NOT NULL DEFAULT '',
  created_at TEXT NOT NULL
);
CREATE INDEX operations_classifications_by_area ON operations_hazard_classifications (area_id, as_of);

-- A release of part (or all) of one hazardous area. The remaining area is never stored: it is
-- derived from the area's geometry and every release on or before a day.
CREATE TABLE operations_land_releases (
  id TEXT PRIMARY KEY,
  area_id TEXT NOT NULL REFERENCES operations_hazardous_areas (id),
  state TEXT NOT NULL REFERENCES states (alpha2),
  method TEXT NOT NULL,                       -- cleared, reduced_by_technical_survey, ...
  date TEXT NOT NULL,
  geometry TEXT NOT NULL,                     -- GeoJSON, validated
  depth_cm INTEGER,                           -- clearance depth, for cleared only
  operator_name TEXT NOT NULL DEFAULT '',     -- the organisation that did the work
  recorded_by TEXT NOT NULL DEFAULT '',
  created_at TEXT NOT NULL
);
CREATE INDEX operations_releases_by_area ON operations_land_releases (area_id, date);
CREATE INDEX operations_releases_by_state ON operations_land_releases (state, date);

-- The items a clearance found and destroyed, by device type.
CREATE TABLE operations_release_items (
  release_id TEXT NOT NULL REFERENCES operations_land_releases (id),
  device_type TEXT NOT NULL,                  -- operations::DeviceType name
  found BIGINT NOT NULL,
  destroyed BIGINT NOT NULL,
  PRIMARY KEY (release_id, device_type)
);

-- Casualty statistics: counts only. There is deliberately no column a person could be found by.
CREATE TABLE operations_casualties (
  id TEXT PRIMARY KEY,
  state TEXT NOT NULL REFERENCES states (alpha2),
  year INTEGER NOT NULL,
  area TEXT NOT NULL,
  device_type TEXT NOT NULL,
  outcome TEXT NOT NULL,                      -- killed, injured
  sex TEXT NOT NULL,                          -- female, male, unknown
  age_group TEXT NOT NULL,                    -- child, adult, unknown
  status TEXT NOT NULL,                       -- civilian, military, unknown
  count BIGINT NOT NULL,
  recorded_by TEXT NOT NULL DEFAULT '',
  created_at TEXT NOT NULL
);
CREATE INDEX operations_casualties_by_state ON operations_casualties (state, year);

-- A victim assistance service in one year: whom it reached against how many need it.
CREATE TABLE operations_victim_services (
  id TEXT PRIMARY KEY,
  state TEXT NOT NULL REFERENCES states (alpha2),
  year INTEGER NOT NULL,
  service TEXT NOT NULL,                      -- operations::VictimServiceType name
  area TEXT NOT NULL,
  provider TEXT NOT NULL,
  people_reached BIGINT NOT NULL,
  people_in_need BIGINT NOT NULL,
  recorded_by TEXT NOT NULL DEFAULT '',
  created_at TEXT NOT NULL
);
CREATE INDEX operations_victim_services_by_state ON operations_victim_services (state, year);

-- The severity band configuration (the JSON document severity_bands_from_json reads); one row,
-- name 'severity_bands'. Absent means the Landmine Monitor defaults.
CREATE TABLE operations_settings (
  name TEXT PRIMARY KEY,
  value TEXT NOT NULL,
  updated_by TEXT NOT NULL DEFAULT '',
  updated_at TEXT NOT NULL
);
