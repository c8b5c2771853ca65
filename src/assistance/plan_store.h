// The tables of plans, obligations, needs (with their years), progress reports, offers and
// regions (migration 0012). Functions run inside the caller's transaction, on SQLite and
// PostgreSQL alike, and do no access checks: the services do.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "assistance/offer.h"
#include "assistance/plan.h"
#include "core/result.h"
#include "store/database.h"

namespace concord::assistance {

struct NeedFilter {
  std::optional<std::string> plan_id;
  std::optional<std::string> obligation_id;
  std::optional<std::string> state;
  std::optional<Theme> theme;
  bool public_only = false;  // only needs whose plan and own visibility are public
};

struct OfferFilter {
  std::optional<Donor> donor;
  std::optional<Theme> theme;
  bool open_only = false;
};

Result<void> insert_plan(store::Transaction& transaction, const Plan& plan);
Result<void> update_plan(store::Transaction& transaction, const Plan& plan);
// not_found (field "plan_id") when unknown.
Result<Plan> get_plan(store::Transaction& transaction, const std::string& id);
// Plans of `state` (all states when nullopt), newest first.
Result<std::vector<Plan>> list_plans(store::Transaction& transaction,
                                     const std::optional<std::string>& state, bool public_only);

Result<void> insert_obligation(store::Transaction& transaction, const Obligation& obligation);
Result<void> update_obligation(store::Transaction& transaction, const Obligation& obligation);
// not_found (field "obligation_id"); latest_progress filled.
Result<Obligation> get_obligation(store::Transaction& transaction, const std::string& id);
// The plan's obligations in creation order, latest_progress filled.
Result<std::vector<Obligation>> list_obligations(store::Transaction& transaction,
                                                 const std::string& plan_id, bool public_only);

Result<void> insert_progress_report(store::Transaction& transaction, const ProgressReport& report);
// The obligation's reports, oldest as_of first.
Result<std::vector<ProgressReport>> list_progress_reports(store::Transaction& transaction,
                                                          const std::string& obligation_id);

// Inserts the need and its years (replacing the years on update).
Result<void> insert_need(store::Transaction& transaction, const Need& need);
Result<void> update_need(store::Transaction& transaction, const Need& need);
// not_found (field "need_id"); years filled.
Result<Need> get_need(store::Transaction& transaction, const std::string& id);
// Needs with their years, in creation order.
Result<std::vector<Need>> list_needs(store::Transaction& transaction, const NeedFilter& filter);

Result<void> insert_offer(store::Transaction& transaction, const Offer& offer);
Result<void> update_offer(store::Transaction& transaction, const Offer& offer);
// not_found (field "offer_id").
Result<Offer> get_offer(store::Transaction& transaction, const std::string& id);
// Offers newest first.
Result<std::vector<Offer>> list_offers(store::Transaction& transaction, const OfferFilter& filter);

// Region name -> its member countries, sorted.
Result<std::vector<std::string>> region_countries(store::Transaction& transaction,
                                                  const std::string& region);
// Every region with its members.
Result<std::vector<std::pair<std::string, std::vector<std::string>>>> list_regions(
    store::Transaction& transaction);
// Makes `region` hold exactly `countries`.
Result<void> replace_region(store::Transaction& transaction, const std::string& region,
                            const std::vector<std::string>& countries);

// Whether `offer` may go to `state`: it names the state, or a region holding it, or no
// country and no region at all.
Result<bool> offer_eligible_for(store::Transaction& transaction, const Offer& offer,
                                const std::string& state);

}  // namespace concord::assistance
