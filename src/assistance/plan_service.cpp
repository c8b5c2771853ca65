// PlanService: every input is checked in full before the transaction that stores it, so a bad
// field stores nothing; the ownership check and the write share one transaction with the audit
// entry and the change-feed entry, which comes last (see store/change_feed.h).
#include "assistance/plan_service.h"

#include <algorithm>
#include <cmath>
#include <set>

#include "access/policy.h"
#include "assistance/exchange_rates.h"
#include "assistance/input_checks.h"
#include "assistance/plan_json.h"
#include "assistance/plan_store.h"
#include "core/money.h"
#include "store/change_feed.h"

namespace concord::assistance {
namespace {

using access::Principal;
using access::Role;
using store::Transaction;
using store::TransactionMode;

constexpr int kMaxPlanYears = 30;

Result<Visibility> checked_visibility(const std::string& text) {
  return checked_name("visibility", text, visibility_from_string, visibilities_list());
}

Result<void> checked_date(const std::string& field, const std::string& text) {
  if (!is_iso_date(text)) {
    return Error::invalid(field, field + " must be a date written YYYY-MM-DD, got '" + text + "'");
  }
  return ok();
}

Result<double> checked_quantity(const std::string& field, double value, bool positive) {
  if (!std::isfinite(value) || value < 0 || (positive && value == 0)) {
    return Error::invalid(
        field, field + (positive ? " must be a number above 0" : " must be a number of 0 or more"));
  }
  return value;
}

Error permission_denied(std::string message) {
  return Error{ErrorCode::permission_denied, std::move(message), {}};
}

// Whether an obligation or need is visible given its own, its plan's and (for a need) its
// obligation's visibility.
bool all_public(std::initializer_list<Visibility> visibilities) {
  return std::all_of(visibilities.begin(), visibilities.end(),
                     [](Visibility v) { return v == Visibility::public_; });
}

}  // namespace

bool in_assistance_community(const Principal& principal) {
  if (principal.credential == access::Credential::system) return true;
  if (principal.is_anonymous()) return false;
  return principal.has(Role::national_contact) || principal.has(Role::assistance_officer) ||
         principal.has(Role::analyst) || principal.has(Role::operator_);
}

bool sees_restricted_parts(const Principal& principal, const std::string& owning_state) {
  if (in_assistance_community(principal)) return true;
  return !principal.is_anonymous() && principal.state && *principal.state == owning_state;
}

Result<std::string> PlanService::acting_state(const Principal& actor) const {
  if (actor.state) return *actor.state;
  if (actor.credential == access::Credential::system) {
    return Error::invalid("state", "name the state the system principal acts for");
  }
  return permission_denied("only a user of a state can publish its plan");
}

Result<void> PlanService::check_owner(const Principal& actor, const Plan& plan,
                                      std::optional<Plan>& refused) const {
  CONCORD_ASSIGN_OR_RETURN(const std::string state, acting_state(actor));
  if (state == plan.state) return ok();
  refused = plan;
  return permission_denied("only users of " + plan.state + " can change its plan");
}

template <typename Work>
auto PlanService::owned_write(const Principal& actor, Work&& work)
    -> std::invoke_result_t<Work, Transaction&, std::optional<Plan>&> {
  std::optional<Plan> refused;
  auto result = store::in_transaction(
      db_, TransactionMode::read_write,
      [&](Transaction& tx) -> std::invoke_result_t<Work, Transaction&, std::optional<Plan>&> {
        return work(tx, refused);
      });
  if (!result.ok() && refused) {
    // In a transaction of its own, after the refused one ended: SQLite has one writer at a time.
    (void)audit_.record(
        db_, actor,
        {"plans.publish", "plan", refused->id, refused->state, access::Outcome::denied,
         nlohmann::json{{"reason", result.error().message}}.dump()});
  }
  return result;
}

Result<void> PlanService::record_write(Transaction& transaction, const Principal& actor,
                                       std::string_view kind, const std::string& id,
                                       const std::string& state, std::string_view change,
                                       const nlohmann::ordered_json& payload) const {
  CONCORD_TRY(audit_.record(
      transaction, actor,
      {"plans.publish", std::string(kind), id, state, access::Outcome::success,
       nlohmann::ordered_json{{"change", change}, {std::string(kind), payload}}.dump()}));
  // Last: on PostgreSQL the feed's lock is held until commit.
  CONCORD_TRY(store::append_change(
      transaction, {0, format_iso8601(clock_.now()), "assistance", std::string(kind), id,
                    std::string(change), payload.dump()}));
  return ok();
}

Result<Plan> PlanService::checked_plan(const PlanInput& input) const {
  Plan plan;
  CONCORD_ASSIGN_OR_RETURN(plan.title, checked_text("title", input.title, 3, 200));
  CONCORD_ASSIGN_OR_RETURN(plan.summary, checked_text("summary", input.summary, 0, 4000));
  CONCORD_TRY(checked_year("first_year", input.first_year));
  CONCORD_TRY(checked_year("last_year", input.last_year));
  if (input.last_year < input.first_year) {
    return Error::invalid("last_year", "last_year must not be before first_year");
  }
  if (input.last_year - input.first_year + 1 > kMaxPlanYears) {
    return Error::invalid("last_year",
                          "a plan spans at most " + std::to_string(kMaxPlanYears) + " years");
  }
  plan.first_year = input.first_year;
  plan.last_year = input.last_year;
  CONCORD_ASSIGN_OR_RETURN(plan.visibility, checked_visibility(input.visibility));
  return plan;
}

Result<Obligation> PlanService::checked_obligation(const ObligationInput& input) const {
  Obligation obligation;
  CONCORD_ASSIGN_OR_RETURN(obligation.theme,
                           checked_name("theme", input.theme, theme_from_string, themes_list()));
  if (obligation.theme == Theme::salw_control) {
    if (!input.capacity_area) {
      return Error::invalid("capacity_area", "a salw_control obligation needs its capacity_area: " +
                                                 capacity_areas_list());
    }
    CONCORD_ASSIGN_OR_RETURN(obligation.capacity_area,
                             checked_name("capacity_area", *input.capacity_area,
                                          capacity_area_from_string, capacity_areas_list()));
  } else if (input.capacity_area) {
    return Error::invalid("capacity_area", "capacity_area is only for salw_control obligations");
  }
  CONCORD_ASSIGN_OR_RETURN(obligation.treaty_basis,
                           checked_name("treaty_basis", input.treaty_basis,
                                        treaty_basis_from_string, treaty_bases_list()));
  CONCORD_ASSIGN_OR_RETURN(obligation.description,
                           checked_text("description", input.description, 3, 2000));
  CONCORD_ASSIGN_OR_RETURN(obligation.unit, checked_text("unit", input.unit, 1, 40));
  CONCORD_ASSIGN_OR_RETURN(obligation.target_quantity,
                           checked_quantity("target_quantity", input.target_quantity, true));
  CONCORD_ASSIGN_OR_RETURN(obligation.baseline_quantity,
                           checked_quantity("baseline_quantity", input.baseline_quantity, false));
  CONCORD_TRY(checked_date("deadline", input.deadline));
  obligation.deadline = input.deadline;
  if (input.extended_deadline) {
    CONCORD_TRY(checked_date("extended_deadline", *input.extended_deadline));
    if (*input.extended_deadline <= input.deadline) {
      return Error::invalid("extended_deadline",
                            "extended_deadline must be after the deadline " + input.deadline);
    }
    obligation.extended_deadline = input.extended_deadline;
  }
  CONCORD_ASSIGN_OR_RETURN(obligation.visibility, checked_visibility(input.visibility));
  return obligation;
}

Result<Need> PlanService::checked_need(Transaction& transaction, const Plan& plan,
                                       const NeedInput& input) const {
  Need need;
  need.plan_id = plan.id;
  need.state = plan.state;
  std::optional<Theme> obligation_theme;
  if (input.obligation_id) {
    auto obligation = assistance::get_obligation(transaction, *input.obligation_id);
    if (!obligation.ok() || obligation->plan_id != plan.id) {
      if (!obligation.ok() && obligation.error().code != ErrorCode::not_found) {
        return std::move(obligation).error();
      }
      return Error::invalid("obligation_id", "obligation_id must be an obligation of plan " +
                                                 plan.id + ", got '" + *input.obligation_id + "'");
    }
    need.obligation_id = input.obligation_id;
    obligation_theme = obligation->theme;
  }
  if (input.theme) {
    CONCORD_ASSIGN_OR_RETURN(need.theme,
                             checked_name("theme", *input.theme, theme_from_string, themes_list()));
  } else if (obligation_theme) {
    need.theme = *obligation_theme;
  } else {
    return Error::invalid("theme", "give the need's theme or its obligation_id");
  }
  CONCORD_ASSIGN_OR_RETURN(need.description,
                           checked_text("description", input.description, 3, 2000));
  CONCORD_ASSIGN_OR_RETURN(need.kind, checked_name("kind", input.kind, assistance_kind_from_string,
                                                   assistance_kinds_list()));
  if (reference_.currency(input.currency) == nullptr) {
    return Error::invalid(
        "currency", "currency must be an ISO 4217 code such as USD, got '" + input.currency + "'");
  }
  need.currency = input.currency;
  CONCORD_ASSIGN_OR_RETURN(need.visibility, checked_visibility(input.visibility));
  if (input.years.empty()) return Error::invalid("years", "give the cost of at least one year");
  std::set<int> seen;
  for (std::size_t i = 0; i < input.years.size(); ++i) {
    const auto& year = input.years[i];
    const std::string at = "years[" + std::to_string(i) + "]";
    if (year.year < plan.first_year || year.year > plan.last_year) {
      return Error::invalid(at + ".year", at + ".year must be within the plan's years " +
                                              std::to_string(plan.first_year) + "-" +
                                              std::to_string(plan.last_year) + ", got " +
                                              std::to_string(year.year));
    }
    if (!seen.insert(year.year).second) {
      return Error::invalid(at + ".year", "year " + std::to_string(year.year) + " is given twice");
    }
    CONCORD_ASSIGN_OR_RETURN(const Money cost,
                             Money::parse(year.cost, need.currency, reference_, at + ".cost"));
    CONCORD_ASSIGN_OR_RETURN(const Money national, Money::parse(year.national, need.currency,
                                                                reference_, at + ".national"));
    if (cost.minor_units < 0)
      return Error::invalid(at + ".cost", at + ".cost must not be negative");
    if (national.minor_units < 0) {
      return Error::invalid(at + ".national", at + ".national must not be negative");
    }
    if (national.minor_units > cost.minor_units) {
      return Error::invalid(at + ".national",
                            at + ".national must not exceed the year's cost " + year.cost);
    }
    need.years.push_back({year.year, cost.minor_units, national.minor_units});
  }
  std::sort(need.years.begin(), need.years.end(),
            [](const NeedYear& a, const NeedYear& b) { return a.year < b.year; });
  // Totals must stay within int64 for every reader.
  std::int64_t total = 0;
  for (const auto& year : need.years) {
    if (__builtin_add_overflow(total, year.cost_minor, &total)) {
      return Error::invalid("years", "the total cost is too large");
    }
  }
  return need;
}

Result<ProgressReport> PlanService::checked_progress(const ProgressInput& input) const {
  ProgressReport report;
  CONCORD_TRY(checked_date("as_of", input.as_of));
  const std::string today = format_iso8601(clock_.now()).substr(0, 10);
  if (input.as_of > today) {
    return Error::invalid("as_of", "as_of must not be in the future (today is " + today + ")");
  }
  report.as_of = input.as_of;
  CONCORD_ASSIGN_OR_RETURN(report.achieved_quantity,
                           checked_quantity("achieved_quantity", input.achieved_quantity, false));
  CONCORD_ASSIGN_OR_RETURN(report.note, checked_text("note", input.note, 0, 2000));
  return report;
}

Result<Plan> PlanService::visible_plan(Transaction& transaction, const Principal& reader,
                                       const std::string& plan_id) const {
  CONCORD_ASSIGN_OR_RETURN(Plan plan, assistance::get_plan(transaction, plan_id));
  if (plan.visibility == Visibility::restricted && !sees_restricted_parts(reader, plan.state)) {
    return Error::not_found("plan_id", "no plan with id " + plan_id);
  }
  return plan;
}

Result<Obligation> PlanService::visible_obligation(Transaction& transaction,
                                                   const Principal& reader,
                                                   const std::string& obligation_id) const {
  CONCORD_ASSIGN_OR_RETURN(Obligation obligation,
                           assistance::get_obligation(transaction, obligation_id));
  CONCORD_ASSIGN_OR_RETURN(Plan plan, assistance::get_plan(transaction, obligation.plan_id));
  if (!all_public({plan.visibility, obligation.visibility}) &&
      !sees_restricted_parts(reader, plan.state)) {
    return Error::not_found("obligation_id", "no obligation with id " + obligation_id);
  }
  return obligation;
}

// ---- plans

Result<Plan> PlanService::create_plan(const Principal& actor, const PlanInput& input) {
  CONCORD_TRY(access::authorize(actor, "plans.publish"));
  CONCORD_ASSIGN_OR_RETURN(const std::string state, acting_state(actor));
  CONCORD_TRY(checked_country("state", state, reference_));
  CONCORD_ASSIGN_OR_RETURN(Plan plan, checked_plan(input));
  plan.id = ids_.next();
  plan.state = state;
  plan.created_by = actor.username;
  plan.created_at = format_iso8601(clock_.now());
  plan.updated_at = plan.created_at;
  return store::in_transaction(
      db_, TransactionMode::read_write, [&](Transaction& tx) -> Result<Plan> {
        CONCORD_TRY(insert_plan(tx, plan));
        CONCORD_TRY(
            record_write(tx, actor, "plan", plan.id, plan.state, "created", plan_json(plan)));
        return plan;
      });
}

Result<Plan> PlanService::update_plan(const Principal& actor, const std::string& plan_id,
                                      const PlanInput& input) {
  CONCORD_TRY(access::authorize(actor, "plans.publish"));
  CONCORD_ASSIGN_OR_RETURN(const Plan checked, checked_plan(input));
  return owned_write(actor, [&](Transaction& tx, std::optional<Plan>& refused) -> Result<Plan> {
    CONCORD_ASSIGN_OR_RETURN(Plan plan, assistance::get_plan(tx, plan_id));
    CONCORD_TRY(check_owner(actor, plan, refused));
    NeedFilter of_plan;
    of_plan.plan_id = plan.id;
    CONCORD_ASSIGN_OR_RETURN(const auto needs, assistance::list_needs(tx, of_plan));
    for (const auto& need : needs) {
      for (const auto& year : need.years) {
        if (year.year < checked.first_year || year.year > checked.last_year) {
          return Error::invalid(year.year < checked.first_year ? "first_year" : "last_year",
                                "need " + need.id + " has costs in " + std::to_string(year.year) +
                                    ", outside the plan's new years");
        }
      }
    }
    plan.title = checked.title;
    plan.summary = checked.summary;
    plan.first_year = checked.first_year;
    plan.last_year = checked.last_year;
    plan.visibility = checked.visibility;
    plan.updated_at = format_iso8601(clock_.now());
    CONCORD_TRY(assistance::update_plan(tx, plan));
    CONCORD_TRY(record_write(tx, actor, "plan", plan.id, plan.state, "updated", plan_json(plan)));
    return plan;
  });
}

Result<PlanView> PlanService::get_plan(const Principal& reader, const std::string& plan_id) {
  CONCORD_TRY(access::authorize(reader, "assistance.read"));
  return store::in_transaction(
      db_, TransactionMode::read_only, [&](Transaction& tx) -> Result<PlanView> {
        PlanView view;
        CONCORD_ASSIGN_OR_RETURN(view.plan, visible_plan(tx, reader, plan_id));
        const bool restricted_too = sees_restricted_parts(reader, view.plan.state);
        CONCORD_ASSIGN_OR_RETURN(view.obligations,
                                 assistance::list_obligations(tx, plan_id, !restricted_too));
        NeedFilter of_plan;
        of_plan.plan_id = plan_id;
        of_plan.public_only = !restricted_too;
        CONCORD_ASSIGN_OR_RETURN(view.needs, assistance::list_needs(tx, of_plan));
        return view;
      });
}

Result<std::vector<Plan>> PlanService::list_plans(const Principal& reader,
                                                  const std::optional<std::string>& state) {
  CONCORD_TRY(access::authorize(reader, "assistance.read"));
  return store::in_transaction(
      db_, TransactionMode::read_only, [&](Transaction& tx) -> Result<std::vector<Plan>> {
        CONCORD_ASSIGN_OR_RETURN(auto plans, assistance::list_plans(tx, state, false));
        std::erase_if(plans, [&](const Plan& plan) {
          return plan.visibility == Visibility::restricted &&
                 !sees_restricted_parts(reader, plan.state);
        });
        return plans;
      });
}

// ---- obligations and progress

Result<Obligation> PlanService::add_obligation(const Principal& actor, const std::string& plan_id,
                                               const ObligationInput& input) {
  CONCORD_TRY(access::authorize(actor, "plans.publish"));
  CONCORD_ASSIGN_OR_RETURN(Obligation obligation, checked_obligation(input));
  obligation.id = ids_.next();
  obligation.plan_id = plan_id;
  obligation.created_at = format_iso8601(clock_.now());
  obligation.updated_at = obligation.created_at;
  return owned_write(actor,
                     [&](Transaction& tx, std::optional<Plan>& refused) -> Result<Obligation> {
                       CONCORD_ASSIGN_OR_RETURN(const Plan plan, assistance::get_plan(tx, plan_id));
                       CONCORD_TRY(check_owner(actor, plan, refused));
                       CONCORD_TRY(insert_obligation(tx, obligation));
                       CONCORD_TRY(record_write(tx, actor, "obligation", obligation.id, plan.state,
                                                "created", obligation_json(obligation)));
                       return obligation;
                     });
}

Result<Obligation> PlanService::update_obligation(const Principal& actor,
                                                  const std::string& obligation_id,
                                                  const ObligationInput& input) {
  CONCORD_TRY(access::authorize(actor, "plans.publish"));
  CONCORD_ASSIGN_OR_RETURN(Obligation checked, checked_obligation(input));
  return owned_write(
      actor, [&](Transaction& tx, std::optional<Plan>& refused) -> Result<Obligation> {
        CONCORD_ASSIGN_OR_RETURN(Obligation obligation,
                                 assistance::get_obligation(tx, obligation_id));
        CONCORD_ASSIGN_OR_RETURN(const Plan plan, assistance::get_plan(tx, obligation.plan_id));
        CONCORD_TRY(check_owner(actor, plan, refused));
        checked.id = obligation.id;
        checked.plan_id = obligation.plan_id;
        checked.created_at = obligation.created_at;
        checked.updated_at = format_iso8601(clock_.now());
        checked.latest_progress = obligation.latest_progress;
        CONCORD_TRY(assistance::update_obligation(tx, checked));
        CONCORD_TRY(record_write(tx, actor, "obligation", checked.id, plan.state, "updated",
                                 obligation_json(checked)));
        return checked;
      });
}

Result<Obligation> PlanService::get_obligation(const Principal& reader,
                                               const std::string& obligation_id) {
  CONCORD_TRY(access::authorize(reader, "assistance.read"));
  return store::in_transaction(db_, TransactionMode::read_only,
                               [&](Transaction& tx) -> Result<Obligation> {
                                 return visible_obligation(tx, reader, obligation_id);
                               });
}

Result<ProgressReport> PlanService::add_progress_report(const Principal& actor,
                                                        const std::string& obligation_id,
                                                        const ProgressInput& input) {
  CONCORD_TRY(access::authorize(actor, "plans.publish"));
  CONCORD_ASSIGN_OR_RETURN(ProgressReport report, checked_progress(input));
  report.id = ids_.next();
  report.obligation_id = obligation_id;
  report.reported_by = actor.username;
  report.created_at = format_iso8601(clock_.now());
  return owned_write(
      actor, [&](Transaction& tx, std::optional<Plan>& refused) -> Result<ProgressReport> {
        CONCORD_ASSIGN_OR_RETURN(const Obligation obligation,
                                 assistance::get_obligation(tx, obligation_id));
        CONCORD_ASSIGN_OR_RETURN(const Plan plan, assistance::get_plan(tx, obligation.plan_id));
        CONCORD_TRY(check_owner(actor, plan, refused));
        CONCORD_TRY(insert_progress_report(tx, report));
        CONCORD_TRY(record_write(tx, actor, "progress_report", report.id, plan.state, "created",
                                 progress_report_json(report)));
        return report;
      });
}

Result<std::vector<ProgressReport>> PlanService::list_progress_reports(
    const Principal& reader, const std::string& obligation_id) {
  CONCORD_TRY(access::authorize(reader, "assistance.read"));
  return store::in_transaction(db_, TransactionMode::read_only,
                               [&](Transaction& tx) -> Result<std::vector<ProgressReport>> {
                                 CONCORD_TRY(visible_obligation(tx, reader, obligation_id));
                                 return assistance::list_progress_reports(tx, obligation_id);
                               });
}

// ---- needs

Result<Need> PlanService::add_need(const Principal& actor, const std::string& plan_id,
                                   const NeedInput& input) {
  CONCORD_TRY(access::authorize(actor, "plans.publish"));
  return owned_write(actor, [&](Transaction& tx, std::optional<Plan>& refused) -> Result<Need> {
    CONCORD_ASSIGN_OR_RETURN(const Plan plan, assistance::get_plan(tx, plan_id));
    CONCORD_TRY(check_owner(actor, plan, refused));
    CONCORD_ASSIGN_OR_RETURN(Need need, checked_need(tx, plan, input));
    need.id = ids_.next();
    need.created_at = format_iso8601(clock_.now());
    need.updated_at = need.created_at;
    CONCORD_TRY(insert_need(tx, need));
    CONCORD_TRY(record_write(tx, actor, "need", need.id, plan.state, "created",
                             need_json(need, reference_)));
    return need;
  });
}

Result<Need> PlanService::update_need(const Principal& actor, const std::string& need_id,
                                      const NeedInput& input) {
  CONCORD_TRY(access::authorize(actor, "plans.publish"));
  return owned_write(actor, [&](Transaction& tx, std::optional<Plan>& refused) -> Result<Need> {
    CONCORD_ASSIGN_OR_RETURN(const Need existing, assistance::get_need(tx, need_id));
    CONCORD_ASSIGN_OR_RETURN(const Plan plan, assistance::get_plan(tx, existing.plan_id));
    CONCORD_TRY(check_owner(actor, plan, refused));
    CONCORD_ASSIGN_OR_RETURN(Need need, checked_need(tx, plan, input));
    need.id = existing.id;
    need.created_at = existing.created_at;
    need.updated_at = format_iso8601(clock_.now());
    CONCORD_TRY(assistance::update_need(tx, need));
    CONCORD_TRY(record_write(tx, actor, "need", need.id, plan.state, "updated",
                             need_json(need, reference_)));
    return need;
  });
}

Result<Need> PlanService::get_need(const Principal& reader, const std::string& need_id) {
  CONCORD_TRY(access::authorize(reader, "assistance.read"));
  return store::in_transaction(
      db_, TransactionMode::read_only, [&](Transaction& tx) -> Result<Need> {
        CONCORD_ASSIGN_OR_RETURN(Need need, assistance::get_need(tx, need_id));
        if (sees_restricted_parts(reader, need.state)) return need;
        NeedFilter visible;
        visible.plan_id = need.plan_id;
        visible.public_only = true;
        CONCORD_ASSIGN_OR_RETURN(const auto needs, assistance::list_needs(tx, visible));
        const bool shown = std::any_of(needs.begin(), needs.end(),
                                       [&](const Need& other) { return other.id == need.id; });
        if (!shown) return Error::not_found("need_id", "no need with id " + need_id);
        return need;
      });
}

Result<std::vector<Need>> PlanService::list_needs(const Principal& reader, const NeedQuery& query) {
  CONCORD_TRY(access::authorize(reader, "assistance.read"));
  NeedFilter filter;
  filter.state = query.state;
  filter.plan_id = query.plan_id;
  if (query.theme) {
    CONCORD_ASSIGN_OR_RETURN(filter.theme,
                             checked_name("theme", *query.theme, theme_from_string, themes_list()));
  }
  if (query.state) CONCORD_TRY(checked_country("state", *query.state, reference_));
  return store::in_transaction(
      db_, TransactionMode::read_only, [&](Transaction& tx) -> Result<std::vector<Need>> {
        // The assistance community sees every state's restricted parts; others see public parts,
        // and a state's own users its own.
        if (in_assistance_community(reader)) return assistance::list_needs(tx, filter);
        NeedFilter visible = filter;
        visible.public_only = true;
        CONCORD_ASSIGN_OR_RETURN(auto needs, assistance::list_needs(tx, visible));
        if (reader.state && (!filter.state || *filter.state == *reader.state)) {
          NeedFilter own = filter;
          own.state = reader.state;
          CONCORD_ASSIGN_OR_RETURN(auto own_needs, assistance::list_needs(tx, own));
          std::erase_if(needs, [&](const Need& need) { return need.state == *reader.state; });
          needs.insert(needs.end(), own_needs.begin(), own_needs.end());
          std::sort(needs.begin(), needs.end(),
                    [](const Need& a, const Need& b) { return a.id < b.id; });
        }
        return needs;
      });
}

// ---- regions

Result<Region> PlanService::set_region(const Principal& actor, const std::string& name,
                                       const std::vector<std::string>& countries) {
  CONCORD_TRY(access::authorize(actor, "regions.edit"));
  Region region;
  CONCORD_ASSIGN_OR_RETURN(region.name, checked_text("name", name, 2, 64));
  // A region's name is a path segment of the API and is listed with commas in the CLI.
  if (region.name.find_first_of("/,") != std::string::npos) {
    return Error::invalid("name", "a region's name must not contain '/' or ','");
  }
  if (countries.empty()) return Error::invalid("countries", "a region holds at least one country");
  std::set<std::string> members;
  for (std::size_t i = 0; i < countries.size(); ++i) {
    CONCORD_TRY(checked_country("countries[" + std::to_string(i) + "]", countries[i], reference_));
    members.insert(countries[i]);
  }
  region.countries.assign(members.begin(), members.end());
  return store::in_transaction(
      db_, TransactionMode::read_write, [&](Transaction& tx) -> Result<Region> {
        CONCORD_TRY(replace_region(tx, region.name, region.countries));
        const nlohmann::ordered_json payload{{"name", region.name},
                                             {"countries", region.countries}};
        CONCORD_TRY(audit_.record(tx, actor,
                                  {"regions.edit", "region", region.name, std::nullopt,
                                   access::Outcome::success, payload.dump()}));
        CONCORD_TRY(store::append_change(tx, {0, format_iso8601(clock_.now()), "assistance",
                                              "region", region.name, "updated", payload.dump()}));
        return region;
      });
}

Result<std::vector<Region>> PlanService::list_regions(const Principal& reader) {
  CONCORD_TRY(access::authorize(reader, "assistance.read"));
  return store::in_transaction(db_, TransactionMode::read_only,
                               [&](Transaction& tx) -> Result<std::vector<Region>> {
                                 CONCORD_ASSIGN_OR_RETURN(auto rows, assistance::list_regions(tx));
                                 std::vector<Region> regions;
                                 for (auto& [name, countries] : rows)
                                   regions.push_back({name, std::move(countries)});
                                 return regions;
                               });
}

}  // namespace concord::assistance
