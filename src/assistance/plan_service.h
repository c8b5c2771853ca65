// PlanService: national plans with their obligations, costed needs and progress reports, and the
// regions offers may be eligible for.
//
// Writes need `plans.publish` and are made only by the plan's own state: the caller's state (the
// system principal acts for Principal::state) must be the plan's, otherwise permission_denied.
// Every write is one transaction with its audit entry and a change-feed entry (area
// "assistance"). Bad input is invalid_argument naming the field ("years[1].cost"), and then
// nothing is stored. Progress reports are only ever appended.
//
// Reads need `assistance.read` (anyone). A plan, obligation or need whose visibility is
// restricted is shown only to the assistance community (signed-in national contacts, assistance
// officers, analysts and operators) and to the owning state's users; to anyone else it does not
// exist (not_found), and lists leave it out. A need or obligation of a restricted plan is
// restricted with it, and so is a need tied to a restricted obligation.
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

#include "access/audit_trail.h"
#include "access/principal.h"
#include "assistance/plan.h"
#include "core/clock.h"
#include "core/id.h"
#include "core/reference_data.h"
#include "core/result.h"
#include "store/database.h"

namespace concord::assistance {

// Signed-in national contacts, assistance officers, analysts and operators, and the system
// principal: they see the restricted parts of every state's plans.
bool in_assistance_community(const access::Principal& principal);
// Whether `principal` sees the restricted parts of a plan of `owning_state`: the assistance
// community, and the owning state's own users.
bool sees_restricted_parts(const access::Principal& principal, const std::string& owning_state);

// Inputs are text as the API and the CLI receive it; the service parses and checks every field.
struct PlanInput {
  std::string title;
  std::string summary;
  int first_year = 0;
  int last_year = 0;
  std::string visibility = "public";
};

struct ObligationInput {
  std::string theme;
  std::optional<std::string> capacity_area;  // required for salw_control, refused otherwise
  std::string treaty_basis;
  std::string description;
  std::string unit;
  double target_quantity = 0;
  double baseline_quantity = 0;
  std::string deadline;                          // YYYY-MM-DD
  std::optional<std::string> extended_deadline;  // YYYY-MM-DD, after the deadline
  std::string visibility = "public";
};

struct NeedYearInput {
  int year = 0;
  std::string cost;            // decimal in the need's currency: "125000.50"
  std::string national = "0";  // national resources committed, <= cost
};

struct NeedInput {
  std::optional<std::string> obligation_id;  // one of the plan's obligations
  std::optional<std::string> theme;          // defaults to the obligation's
  std::string description;
  std::string kind = "funding";
  std::string currency;  // ISO 4217
  std::string visibility = "public";
  std::vector<NeedYearInput> years;  // at least one, each within the plan's years, none twice
};

struct ProgressInput {
  std::string as_of;             // YYYY-MM-DD, not in the future
  double achieved_quantity = 0;  // cumulative since the baseline, >= 0
  std::string note;
};

struct NeedQuery {
  std::optional<std::string> state;
  std::optional<std::string> theme;
  std::optional<std::string> plan_id;
};

// A plan as its reader may see it: its visible obligations (each with its latest progress) and
// needs.
struct PlanView {
  Plan plan;
  std::vector<Obligation> obligations;
  std::vector<Need> needs;
};

struct Region {
  std::string name;
  std::vector<std::string> countries;  // alpha-2, sorted
};

class PlanService {
 public:
  // All references must outlive the service.
  PlanService(store::Database& db, const ReferenceData& reference, const Clock& clock,
              IdGenerator& ids, const access::AuditTrail& audit)
      : db_(db), reference_(reference), clock_(clock), ids_(ids), audit_(audit) {}

  // The reference data amounts are written with (for encoders).
  const ReferenceData& reference() const { return reference_; }

  // A new plan of the caller's state.
  Result<Plan> create_plan(const access::Principal& actor, const PlanInput& input);
  // Replaces the plan's fields; its needs' years must stay within the new years.
  Result<Plan> update_plan(const access::Principal& actor, const std::string& plan_id,
                           const PlanInput& input);
  Result<PlanView> get_plan(const access::Principal& reader, const std::string& plan_id);
  // Plans of `state` (every state when nullopt) the reader may see, newest first.
  Result<std::vector<Plan>> list_plans(const access::Principal& reader,
                                       const std::optional<std::string>& state);

  Result<Obligation> add_obligation(const access::Principal& actor, const std::string& plan_id,
                                    const ObligationInput& input);
  Result<Obligation> update_obligation(const access::Principal& actor,
                                       const std::string& obligation_id,
                                       const ObligationInput& input);
  Result<Obligation> get_obligation(const access::Principal& reader,
                                    const std::string& obligation_id);

  Result<ProgressReport> add_progress_report(const access::Principal& actor,
                                             const std::string& obligation_id,
                                             const ProgressInput& input);
  // Oldest as_of first.
  Result<std::vector<ProgressReport>> list_progress_reports(const access::Principal& reader,
                                                            const std::string& obligation_id);

  Result<Need> add_need(const access::Principal& actor, const std::string& plan_id,
                        const NeedInput& input);
  Result<Need> update_need(const access::Principal& actor, const std::string& need_id,
                           const NeedInput& input);
  Result<Need> get_need(const access::Principal& reader, const std::string& need_id);
  // Needs the reader may see, in creation order. Unknown theme: invalid_argument "theme".
  Result<std::vector<Need>> list_needs(const access::Principal& reader, const NeedQuery& query);

  // Makes the region hold exactly `countries` (at least one ISO 3166-1 alpha-2 code); needs
  // `regions.edit`.
  Result<Region> set_region(const access::Principal& actor, const std::string& name,
                            const std::vector<std::string>& countries);
  Result<std::vector<Region>> list_regions(const access::Principal& reader);

 private:
  Result<std::string> acting_state(const access::Principal& actor) const;
  // permission_denied, remembering the plan in `refused`, unless the actor acts for its state.
  Result<void> check_owner(const access::Principal& actor, const Plan& plan,
                           std::optional<Plan>& refused) const;
  // Runs `work(transaction, refused)` in a write transaction; when check_owner refused, audits the
  // refusal afterwards.
  template <typename Work>
  auto owned_write(const access::Principal& actor, Work&& work)
      -> std::invoke_result_t<Work, store::Transaction&, std::optional<Plan>&>;
  Result<Plan> checked_plan(const PlanInput& input) const;
  Result<Obligation> checked_obligation(const ObligationInput& input) const;
  Result<Need> checked_need(store::Transaction& transaction, const Plan& plan,
                            const NeedInput& input) const;
  Result<ProgressReport> checked_progress(const ProgressInput& input) const;
  Result<Plan> visible_plan(store::Transaction& transaction, const access::Principal& reader,
                            const std::string& plan_id) const;
  Result<Obligation> visible_obligation(store::Transaction& transaction,
                                        const access::Principal& reader,
                                        const std::string& obligation_id) const;
  Result<void> record_write(store::Transaction& transaction, const access::Principal& actor,
                            std::string_view kind, const std::string& id, const std::string& state,
                            std::string_view change, const nlohmann::ordered_json& payload) const;

  store::Database& db_;
  const ReferenceData& reference_;
  const Clock& clock_;
  IdGenerator& ids_;
  const access::AuditTrail& audit_;
};

}  // namespace concord::assistance
