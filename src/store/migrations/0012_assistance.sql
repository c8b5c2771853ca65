-- Assistance (src/assistance/): national plans with their obligations, costed needs and progress
-- reports; donors' offers; named regions that offers may be eligible for; proposed matches and
-- the partnerships they become; funding flows, versioned and never overwritten; and the dated
-- exchange-rate table operators maintain. Money is an integer amount of minor units beside its
-- ISO 4217 code. Timestamps are ISO 8601 UTC text; dates are YYYY-MM-DD; ids are ULIDs.
-- A donor is a state or an organisation: donor_type 'state' with an ISO 3166-1 alpha-2 code in
-- donor_ref, or 'organisation' with an organisation id.

CREATE TABLE assistance_plans (
  id TEXT PRIMARY KEY,
  state TEXT NOT NULL REFERENCES states (alpha2),
  title TEXT NOT NULL,
  summary TEXT NOT NULL DEFAULT '',
  first_year INTEGER NOT NULL,
  last_year INTEGER NOT NULL,
  visibility TEXT NOT NULL DEFAULT 'public',  -- public, restricted
  created_by TEXT NOT NULL DEFAULT '',
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE INDEX assistance_plans_by_state ON assistance_plans (state, id);

CREATE TABLE assistance_obligations (
  id TEXT PRIMARY KEY,
  plan_id TEXT NOT NULL REFERENCES assistance_plans (id),
  theme TEXT NOT NULL,                        -- assistance::Theme name
  capacity_area TEXT NOT NULL DEFAULT '',     -- for salw_control: marking, tracing, ...
  treaty_basis TEXT NOT NULL,                 -- ccm, apmbc, poa_iti, att
  description TEXT NOT NULL,
  unit TEXT NOT NULL,                         -- munitions, km2, people, officers_trained, ...
  target_quantity DOUBLE PRECISION NOT NULL,
  baseline_quantity DOUBLE PRECISION NOT NULL DEFAULT 0,
  deadline TEXT NOT NULL,                     -- YYYY-MM-DD
  extended_deadline TEXT NOT NULL DEFAULT '', -- YYYY-MM-DD when an extension was granted
  visibility TEXT NOT NULL DEFAULT 'public',
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE INDEX assistance_obligations_by_plan ON assistance_obligations (plan_id, id);

-- A costed need, one row per budget year, all years of one need in one currency.
CREATE TABLE assistance_needs (
  id TEXT PRIMARY KEY,
  plan_id TEXT NOT NULL REFERENCES assistance_plans (id),
  obligation_id TEXT REFERENCES assistance_obligations (id),
  state TEXT NOT NULL REFERENCES states (alpha2),
  theme TEXT NOT NULL,
  description TEXT NOT NULL,
  kind TEXT NOT NULL DEFAULT 'funding',       -- funding, equipment, expertise, training
  currency TEXT NOT NULL,
  visibility TEXT NOT NULL DEFAULT 'public',
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE INDEX assistance_needs_by_plan ON assistance_needs (plan_id, id);
CREATE INDEX assistance_needs_by_state ON assistance_needs (state, id);

CREATE TABLE assistance_need_years (
  need_id TEXT NOT NULL REFERENCES assistance_needs (id),
  year INTEGER NOT NULL,
  cost_minor BIGINT NOT NULL,                 -- what the year costs
  national_minor BIGINT NOT NULL DEFAULT 0,   -- national resources committed to it
  PRIMARY KEY (need_id, year)
);

-- Progress reports are appended, never edited: the latest by as_of is the obligation's state.
CREATE TABLE assistance_progress_reports (
  id TEXT PRIMARY KEY,
  obligation_id TEXT NOT NULL REFERENCES assistance_obligations (id),
  as_of TEXT NOT NULL,                        -- YYYY-MM-DD
  achieved_quantity DOUBLE PRECISION NOT NULL, -- cumulative since the baseline
  note TEXT NOT NULL DEFAULT '',
  reported_by TEXT NOT NULL DEFAULT '',
  created_at TEXT NOT NULL
);
CREATE INDEX assistance_progress_by_obligation ON assistance_progress_reports (obligation_id, as_of);

CREATE TABLE assistance_offers (
  id TEXT PRIMARY KEY,
  donor_type TEXT NOT NULL,                   -- state, organisation
  donor_ref TEXT NOT NULL,
  kind TEXT NOT NULL,                         -- funding, equipment, expertise, training
  title TEXT NOT NULL,
  themes TEXT NOT NULL,                       -- JSON array of Theme names
  eligible_countries TEXT NOT NULL DEFAULT '[]',  -- JSON array of alpha-2 codes
  eligible_regions TEXT NOT NULL DEFAULT '[]',    -- JSON array of region names
  priority_countries TEXT NOT NULL DEFAULT '[]',  -- JSON array: the donor's priority states
  amount_minor BIGINT NOT NULL,
  currency TEXT NOT NULL,
  first_year INTEGER NOT NULL,
  last_year INTEGER NOT NULL,
  modality TEXT NOT NULL,                     -- grant, in_kind, technical_cooperation, loan
  conditions TEXT NOT NULL DEFAULT '',
  status TEXT NOT NULL DEFAULT 'open',        -- open, closed, withdrawn
  created_by TEXT NOT NULL DEFAULT '',
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE INDEX assistance_offers_by_donor ON assistance_offers (donor_type, donor_ref, id);

CREATE TABLE assistance_regions (
  name TEXT NOT NULL,
  country TEXT NOT NULL REFERENCES states (alpha2),
  PRIMARY KEY (name, country)
);

-- A proposed pairing of a need and an offer. Each side decides for itself; when both accepted,
-- the match is a partnership.
CREATE TABLE assistance_matches (
  id TEXT PRIMARY KEY,
  need_id TEXT NOT NULL REFERENCES assistance_needs (id),
  offer_id TEXT NOT NULL REFERENCES assistance_offers (id),
  state TEXT NOT NULL,                        -- the need's state
  donor_type TEXT NOT NULL,
  donor_ref TEXT NOT NULL,
  amount_minor BIGINT NOT NULL,               -- proposed, in the offer's currency
  currency TEXT NOT NULL,
  score DOUBLE PRECISION NOT NULL,            -- 0..100
  explanation TEXT NOT NULL,                  -- JSON: the score's factors
  status TEXT NOT NULL,                       -- proposed, partnership, declined
  state_decision TEXT NOT NULL DEFAULT '',    -- '', accepted, declined
  donor_decision TEXT NOT NULL DEFAULT '',
  decision_note TEXT NOT NULL DEFAULT '',
  proposed_by TEXT NOT NULL DEFAULT '',
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  partnership_at TEXT NOT NULL DEFAULT ''
);
CREATE INDEX assistance_matches_by_state ON assistance_matches (state, id);
CREATE INDEX assistance_matches_by_donor ON assistance_matches (donor_type, donor_ref, id);
-- A need and an offer have at most one match that is not declined.
CREATE UNIQUE INDEX assistance_matches_open_pair ON assistance_matches (need_id, offer_id)
  WHERE status <> 'declined';

-- Funding flows as OCHA FTS and IATI count them. A flow keeps every version: a change inserts
-- version n+1; the current version is the highest. Nothing is overwritten or deleted (a
-- withdrawn flow is a version with status 'withdrawn').
CREATE TABLE funding_flows (
  flow_id TEXT NOT NULL,
  version INTEGER NOT NULL,
  kind TEXT NOT NULL,                         -- pledge, commitment, disbursement, expenditure
  status TEXT NOT NULL DEFAULT 'active',      -- active, withdrawn
  donor_type TEXT NOT NULL,
  donor_ref TEXT NOT NULL,
  recipient_state TEXT NOT NULL REFERENCES states (alpha2),
  activity TEXT NOT NULL,                     -- the IATI activity identifier it belongs to
  plan_id TEXT NOT NULL DEFAULT '',
  obligation_id TEXT NOT NULL DEFAULT '',
  need_id TEXT NOT NULL DEFAULT '',
  match_id TEXT NOT NULL DEFAULT '',          -- the partnership it funds, if any
  theme TEXT NOT NULL,
  sector TEXT NOT NULL,                       -- DAC 5-digit purpose code: 15240, 15250
  budget_year INTEGER NOT NULL,
  amount_minor BIGINT NOT NULL,
  currency TEXT NOT NULL,
  value_date TEXT NOT NULL,                   -- YYYY-MM-DD
  description TEXT NOT NULL DEFAULT '',
  source TEXT NOT NULL DEFAULT 'manual',      -- manual, iati
  recorded_by TEXT NOT NULL DEFAULT '',
  recorded_at TEXT NOT NULL,
  PRIMARY KEY (flow_id, version)
);
CREATE INDEX funding_flows_by_recipient ON funding_flows (recipient_state, budget_year);
CREATE INDEX funding_flows_by_donor ON funding_flows (donor_type, donor_ref, budget_year);
CREATE INDEX funding_flows_by_need ON funding_flows (need_id);
CREATE INDEX funding_flows_by_activity ON funding_flows (activity);

-- One unit of `currency` is worth `rate` units of `quote` on `rate_date`. The rate is kept as the
-- decimal text operators imported and as an integer scaled by 10^12 for exact arithmetic.
CREATE TABLE exchange_rates (
  rate_date TEXT NOT NULL,
  currency TEXT NOT NULL,
  quote TEXT NOT NULL,
  rate_text TEXT NOT NULL,
  rate_scaled BIGINT NOT NULL,
  source TEXT NOT NULL DEFAULT '',
  imported_at TEXT NOT NULL,
  PRIMARY KEY (currency, quote, rate_date)
);
