// The funding_flows and exchange_rates tables (migration 0012). Flows are only ever inserted: a
// change is a new version. Functions run inside the caller's transaction, on SQLite and
// PostgreSQL alike, and do no access checks: the services do.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "assistance/exchange_rates.h"
#include "assistance/funding_flow.h"
#include "core/result.h"
#include "store/database.h"

namespace concord::assistance {

struct FlowFilter {
  std::optional<std::string> recipient_state;
  std::optional<Donor> donor;
  std::optional<std::string> plan_id;
  std::optional<std::string> obligation_id;
  std::optional<std::string> need_id;
  std::optional<std::string> match_id;
  std::optional<std::string> activity;
  std::optional<Theme> theme;
  std::optional<int> budget_year;
  bool include_withdrawn = false;
};

// Inserts `flow` as given (flow_id, version). already_exists (field "version") when that version
// is there already, so two writers of version n+1 cannot both win.
Result<void> insert_flow_version(store::Transaction& transaction, const FundingFlow& flow);
// The current (highest) version of each flow matching `filter`, ordered by flow_id.
Result<std::vector<FundingFlow>> list_current_flows(store::Transaction& transaction,
                                                    const FlowFilter& filter);
// Every version of one flow, oldest first; not_found (field "flow_id") when there is none.
Result<std::vector<FundingFlow>> flow_history(store::Transaction& transaction,
                                              const std::string& flow_id);

// Inserts or replaces the rate for (currency, quote, rate_date).
Result<void> upsert_exchange_rate(store::Transaction& transaction, const ExchangeRate& rate,
                                  const std::string& imported_at);

}  // namespace concord::assistance
