// The plan, obligation, need, progress, offer and region tables of migration 0012. Lists of
// themes and countries on an offer are JSON arrays in text columns; ids are ULIDs, so ordering by
// id is creation order. Optional filters become WHERE clauses numbered $1..$N as they are added.
#include "assistance/plan_store.h"

#include <algorithm>
#include <nlohmann/json.hpp>

namespace concord::assistance {
namespace {

using store::Row;
using store::Transaction;
using store::Value;

constexpr std::string_view kPlanColumns =
    "id, state, title, summary, first_year, last_year, visibility, created_by, created_at, "
    "updated_at";
constexpr std::string_view kObligationColumns =
    "id, plan_id, theme, capacity_area, treaty_basis, description, unit, target_quantity, "
    "baseline_quantity, deadline, extended_deadline, visibility, created_at, updated_at";
constexpr std::string_view kProgressColumns =
    "id, obligation_id, as_of, achieved_quantity, note, reported_by, created_at";
constexpr std::string_view kNeedColumns =
    "id, plan_id, obligation_id, state, theme, description, kind, currency, visibility, "
    "created_at, updated_at";
constexpr std::string_view kOfferColumns =
    "id, donor_type, donor_ref, kind, title, themes, eligible_countries, eligible_regions, "
    "priority_countries, amount_minor, currency, first_year, last_year, modality, conditions, "
    "status, created_by, created_at, updated_at";

// WHERE clauses with their parameters, numbered as they are added.
class Conditions {
 public:
  void add(std::string_view column_and_operator, Value value) {
    params_.push_back(std::move(value));
    clauses_.push_back(std::string(column_and_operator) + " $" + std::to_string(params_.size()));
  }
  void add_literal(std::string clause) { clauses_.push_back(std::move(clause)); }
  std::string where() const {
    std::string sql;
    for (const auto& clause : clauses_)
      sql += (sql.empty() ? " WHERE " : " AND ") + clause;
    return sql;
  }
  const std::vector<Value>& params() const { return params_; }

 private:
  std::vector<std::string> clauses_;
  std::vector<Value> params_;
};

std::string visibility_text(Visibility visibility) {
  return std::string(to_string(visibility));
}

Visibility visibility_of(const std::string& text) {
  return visibility_from_string(text).value_or(Visibility::restricted);  // unknown: safe side
}

Plan plan_from_row(const Row& row) {
  Plan plan;
  plan.id = row.text(0);
  plan.state = row.text(1);
  plan.title = row.text(2);
  plan.summary = row.text(3);
  plan.first_year = static_cast<int>(row.integer(4));
  plan.last_year = static_cast<int>(row.integer(5));
  plan.visibility = visibility_of(row.text(6));
  plan.created_by = row.text(7);
  plan.created_at = row.text(8);
  plan.updated_at = row.text(9);
  return plan;
}

std::vector<Value> plan_params(const Plan& plan) {
  return {plan.id,
          plan.state,
          plan.title,
          plan.summary,
          std::int64_t{plan.first_year},
          std::int64_t{plan.last_year},
          visibility_text(plan.visibility),
          plan.created_by,
          plan.created_at,
          plan.updated_at};
}

Obligation obligation_from_row(const Row& row) {
  Obligation obligation;
  obligation.id = row.text(0);
  obligation.plan_id = row.text(1);
  obligation.theme = theme_from_string(row.text(2)).value_or(Theme::clearance);
  if (const auto area = row.text(3); !area.empty()) {
    obligation.capacity_area = capacity_area_from_string(area);
  }
  obligation.treaty_basis = treaty_basis_from_string(row.text(4)).value_or(TreatyBasis::ccm);
  obligation.description = row.text(5);
  obligation.unit = row.text(6);
  obligation.target_quantity = row.real(7);
  obligation.baseline_quantity = row.real(8);
  obligation.deadline = row.text(9);
  if (auto extended = row.text(10); !extended.empty()) {
    obligation.extended_deadline = std::move(extended);
  }
  obligation.visibility = visibility_of(row.text(11));
  obligation.created_at = row.text(12);
  obligation.updated_at = row.text(13);
  return obligation;
}

std::vector<Value> obligation_params(const Obligation& obligation) {
  return {obligation.id,
          obligation.plan_id,
          std::string(to_string(obligation.theme)),
          obligation.capacity_area ? std::string(to_string(*obligation.capacity_area)) : "",
          std::string(to_string(obligation.treaty_basis)),
          obligation.description,
          obligation.unit,
          obligation.target_quantity,
          obligation.baseline_quantity,
          obligation.deadline,
          obligation.extended_deadline.value_or(""),
          visibility_text(obligation.visibility),
          obligation.created_at,
          obligation.updated_at};
}

ProgressReport progress_from_row(const Row& row) {
  ProgressReport report;
  report.id = row.text(0);
  report.obligation_id = row.text(1);
  report.as_of = row.text(2);
  report.achieved_quantity = row.real(3);
  report.note = row.text(4);
  report.reported_by = row.text(5);
  report.created_at = row.text(6);
  return report;
}

Result<std::optional<ProgressReport>> latest_progress(Transaction& tx,
                                                      const std::string& obligation_id) {
  CONCORD_ASSIGN_OR_RETURN(auto rows,
                           tx.query("SELECT " + std::string(kProgressColumns) +
                                        " FROM assistance_progress_reports WHERE obligation_id = "
                                        "$1 ORDER BY as_of DESC, id DESC LIMIT 1",
                                    {obligation_id}));
  if (rows.rows.empty()) return std::optional<ProgressReport>{};
  return std::optional<ProgressReport>{progress_from_row(rows.rows.front())};
}

Need need_from_row(const Row& row) {
  Need need;
  need.id = row.text(0);
  need.plan_id = row.text(1);
  need.obligation_id = row.optional_text(2);
  if (need.obligation_id && need.obligation_id->empty()) need.obligation_id.reset();
  need.state = row.text(3);
  need.theme = theme_from_string(row.text(4)).value_or(Theme::clearance);
  need.description = row.text(5);
  need.kind = assistance_kind_from_string(row.text(6)).value_or(AssistanceKind::funding);
  need.currency = row.text(7);
  need.visibility = visibility_of(row.text(8));
  need.created_at = row.text(9);
  need.updated_at = row.text(10);
  return need;
}

Result<void> fill_years(Transaction& tx, Need& need) {
  CONCORD_ASSIGN_OR_RETURN(auto rows, tx.query("SELECT year, cost_minor, national_minor FROM "
                                               "assistance_need_years WHERE need_id = $1 ORDER "
                                               "BY year",
                                               {need.id}));
  need.years.clear();
  for (const auto& row : rows.rows) {
    need.years.push_back({static_cast<int>(row.integer(0)), row.integer(1), row.integer(2)});
  }
  return {};
}

Result<void> write_years(Transaction& tx, const Need& need) {
  CONCORD_TRY(tx.execute("DELETE FROM assistance_need_years WHERE need_id = $1", {need.id}));
  for (const auto& year : need.years) {
    CONCORD_TRY(tx.execute(
        "INSERT INTO assistance_need_years (need_id, year, cost_minor, national_minor) VALUES "
        "($1, $2, $3, $4)",
        {need.id, std::int64_t{year.year}, year.cost_minor, year.national_minor}));
  }
  return {};
}

std::string json_array(const std::vector<std::string>& items) {
  return nlohmann::json(items).dump();
}

std::string themes_json(const std::vector<Theme>& themes) {
  nlohmann::json array = nlohmann::json::array();
  for (const auto theme : themes)
    array.push_back(std::string(to_string(theme)));
  return array.dump();
}

// A JSON array of strings written by this file; anything else is a corrupt row.
Result<std::vector<std::string>> strings_from_json(const std::string& text,
                                                   std::string_view column) {
  const auto parsed = nlohmann::json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (!parsed.is_array()) {
    return Error::internal("assistance_offers." + std::string(column) + " is not a JSON array");
  }
  std::vector<std::string> items;
  for (const auto& item : parsed) {
    if (!item.is_string()) {
      return Error::internal("assistance_offers." + std::string(column) +
                             " holds a value that is not text");
    }
    items.push_back(item.get<std::string>());
  }
  return items;
}

Result<Offer> offer_from_row(const Row& row) {
  Offer offer;
  offer.id = row.text(0);
  offer.donor.type = donor_type_from_string(row.text(1)).value_or(DonorType::state);
  offer.donor.ref = row.text(2);
  offer.kind = assistance_kind_from_string(row.text(3)).value_or(AssistanceKind::funding);
  offer.title = row.text(4);
  CONCORD_ASSIGN_OR_RETURN(auto theme_names, strings_from_json(row.text(5), "themes"));
  for (const auto& name : theme_names) {
    const auto theme = theme_from_string(name);
    if (!theme) return Error::internal("assistance_offers.themes holds unknown theme " + name);
    offer.themes.push_back(*theme);
  }
  CONCORD_ASSIGN_OR_RETURN(offer.eligible_countries,
                           strings_from_json(row.text(6), "eligible_countries"));
  CONCORD_ASSIGN_OR_RETURN(offer.eligible_regions,
                           strings_from_json(row.text(7), "eligible_regions"));
  CONCORD_ASSIGN_OR_RETURN(offer.priority_countries,
                           strings_from_json(row.text(8), "priority_countries"));
  offer.amount_minor = row.integer(9);
  offer.currency = row.text(10);
  offer.first_year = static_cast<int>(row.integer(11));
  offer.last_year = static_cast<int>(row.integer(12));
  offer.modality = modality_from_string(row.text(13)).value_or(Modality::grant);
  offer.conditions = row.text(14);
  offer.status = offer_status_from_string(row.text(15)).value_or(OfferStatus::open);
  offer.created_by = row.text(16);
  offer.created_at = row.text(17);
  offer.updated_at = row.text(18);
  return offer;
}

std::vector<Value> offer_params(const Offer& offer) {
  return {offer.id,
          std::string(to_string(offer.donor.type)),
          offer.donor.ref,
          std::string(to_string(offer.kind)),
          offer.title,
          themes_json(offer.themes),
          json_array(offer.eligible_countries),
          json_array(offer.eligible_regions),
          json_array(offer.priority_countries),
          offer.amount_minor,
          offer.currency,
          std::int64_t{offer.first_year},
          std::int64_t{offer.last_year},
          std::string(to_string(offer.modality)),
          offer.conditions,
          std::string(to_string(offer.status)),
          offer.created_by,
          offer.created_at,
          offer.updated_at};
}

// "$1, $2, ..., $n".
std::string placeholders(std::size_t count) {
  std::string sql;
  for (std::size_t i = 1; i <= count; ++i) {
    if (i > 1) sql += ", ";
    sql += "$" + std::to_string(i);
  }
  return sql;
}

// "UPDATE table SET a = $2, b = $3, ... WHERE id = $1" over every column of `columns` but the
// first (the id) and those in `fixed`, with the parameters it takes, from `params` (one per
// column, in order).
std::pair<std::string, std::vector<Value>> update_statement(
    std::string_view table, std::string_view columns, std::vector<Value> params,
    const std::vector<std::string_view>& fixed) {
  std::string sql = "UPDATE " + std::string(table) + " SET ";
  std::vector<Value> used{params.at(0)};
  std::size_t index = 0;
  std::size_t start = 0;
  while (start <= columns.size()) {
    auto end = columns.find(',', start);
    if (end == std::string_view::npos) end = columns.size();
    auto name = columns.substr(start, end - start);
    while (!name.empty() && name.front() == ' ')
      name.remove_prefix(1);
    if (index > 0 && std::find(fixed.begin(), fixed.end(), name) == fixed.end()) {
      if (used.size() > 1) sql += ", ";
      used.push_back(params.at(index));
      sql += std::string(name) + " = $" + std::to_string(used.size());
    }
    ++index;
    start = end + 1;
  }
  return {sql + " WHERE id = $1", std::move(used)};
}

Result<void> expect_one_row(std::int64_t changed, std::string_view field, std::string_view what,
                            const std::string& id) {
  if (changed == 0) {
    return Error::not_found(std::string(field), "no " + std::string(what) + " with id " + id);
  }
  return {};
}

}  // namespace

Result<void> insert_plan(Transaction& transaction, const Plan& plan) {
  CONCORD_TRY(transaction.execute("INSERT INTO assistance_plans (" + std::string(kPlanColumns) +
                                      ") VALUES (" + placeholders(10) + ")",
                                  plan_params(plan)));
  return {};
}

Result<void> update_plan(Transaction& transaction, const Plan& plan) {
  // The state, author and creation time of a plan never change.
  const auto [sql, params] = update_statement("assistance_plans", kPlanColumns, plan_params(plan),
                                              {"state", "created_by", "created_at"});
  CONCORD_ASSIGN_OR_RETURN(auto changed, transaction.execute(sql, params));
  return expect_one_row(changed, "plan_id", "plan", plan.id);
}

Result<Plan> get_plan(Transaction& transaction, const std::string& id) {
  CONCORD_ASSIGN_OR_RETURN(auto rows, transaction.query("SELECT " + std::string(kPlanColumns) +
                                                            " FROM assistance_plans WHERE id = $1",
                                                        {id}));
  if (rows.rows.empty()) return Error::not_found("plan_id", "no plan with id " + id);
  return plan_from_row(rows.rows.front());
}

Result<std::vector<Plan>> list_plans(Transaction& transaction,
                                     const std::optional<std::string>& state, bool public_only) {
  Conditions conditions;
  if (state) conditions.add("state =", *state);
  if (public_only) conditions.add_literal("visibility = 'public'");
  CONCORD_ASSIGN_OR_RETURN(
      auto rows,
      transaction.query("SELECT " + std::string(kPlanColumns) + " FROM assistance_plans" +
                            conditions.where() + " ORDER BY created_at DESC, id DESC",
                        conditions.params()));
  std::vector<Plan> plans;
  for (const auto& row : rows.rows)
    plans.push_back(plan_from_row(row));
  return plans;
}

Result<void> insert_obligation(Transaction& transaction, const Obligation& obligation) {
  CONCORD_TRY(transaction.execute("INSERT INTO assistance_obligations (" +
                                      std::string(kObligationColumns) + ") VALUES (" +
                                      placeholders(14) + ")",
                                  obligation_params(obligation)));
  return {};
}

Result<void> update_obligation(Transaction& transaction, const Obligation& obligation) {
  const auto [sql, params] =
      update_statement("assistance_obligations", kObligationColumns, obligation_params(obligation),
                       {"plan_id", "created_at"});
  CONCORD_ASSIGN_OR_RETURN(auto changed, transaction.execute(sql, params));
  return expect_one_row(changed, "obligation_id", "obligation", obligation.id);
}

Result<Obligation> get_obligation(Transaction& transaction, const std::string& id) {
  CONCORD_ASSIGN_OR_RETURN(auto rows,
                           transaction.query("SELECT " + std::string(kObligationColumns) +
                                                 " FROM assistance_obligations WHERE "
                                                 "id = $1",
                                             {id}));
  if (rows.rows.empty()) return Error::not_found("obligation_id", "no obligation with id " + id);
  Obligation obligation = obligation_from_row(rows.rows.front());
  CONCORD_ASSIGN_OR_RETURN(obligation.latest_progress, latest_progress(transaction, id));
  return obligation;
}

Result<std::vector<Obligation>> list_obligations(Transaction& transaction,
                                                 const std::string& plan_id, bool public_only) {
  std::string sql = "SELECT " + std::string(kObligationColumns) +
                    " FROM assistance_obligations WHERE plan_id = $1";
  if (public_only) {
    sql +=
        " AND visibility = 'public' AND plan_id IN (SELECT id FROM assistance_plans WHERE "
        "visibility = 'public')";
  }
  CONCORD_ASSIGN_OR_RETURN(auto rows, transaction.query(sql + " ORDER BY id", {plan_id}));
  std::vector<Obligation> obligations;
  for (const auto& row : rows.rows) {
    Obligation obligation = obligation_from_row(row);
    CONCORD_ASSIGN_OR_RETURN(obligation.latest_progress,
                             latest_progress(transaction, obligation.id));
    obligations.push_back(std::move(obligation));
  }
  return obligations;
}

Result<void> insert_progress_report(Transaction& transaction, const ProgressReport& report) {
  CONCORD_TRY(
      transaction.execute("INSERT INTO assistance_progress_reports (" +
                              std::string(kProgressColumns) + ") VALUES (" + placeholders(7) + ")",
                          {report.id, report.obligation_id, report.as_of, report.achieved_quantity,
                           report.note, report.reported_by, report.created_at}));
  return {};
}

Result<std::vector<ProgressReport>> list_progress_reports(Transaction& transaction,
                                                          const std::string& obligation_id) {
  CONCORD_ASSIGN_OR_RETURN(auto rows,
                           transaction.query("SELECT " + std::string(kProgressColumns) +
                                                 " FROM assistance_progress_reports WHERE "
                                                 "obligation_id = $1 ORDER BY as_of, id",
                                             {obligation_id}));
  std::vector<ProgressReport> reports;
  for (const auto& row : rows.rows)
    reports.push_back(progress_from_row(row));
  return reports;
}

Result<void> insert_need(Transaction& transaction, const Need& need) {
  CONCORD_TRY(transaction.execute(
      "INSERT INTO assistance_needs (" + std::string(kNeedColumns) + ") VALUES (" +
          placeholders(11) + ")",
      {need.id, need.plan_id,
       need.obligation_id ? Value{*need.obligation_id} : Value{std::monostate{}}, need.state,
       std::string(to_string(need.theme)), need.description, std::string(to_string(need.kind)),
       need.currency, visibility_text(need.visibility), need.created_at, need.updated_at}));
  return write_years(transaction, need);
}

Result<void> update_need(Transaction& transaction, const Need& need) {
  // The plan and state of a need never change.
  CONCORD_ASSIGN_OR_RETURN(
      auto changed,
      transaction.execute(
          "UPDATE assistance_needs SET obligation_id = $2, theme = $3, description = $4, kind = "
          "$5, currency = $6, visibility = $7, updated_at = $8 WHERE id = $1",
          {need.id, need.obligation_id ? Value{*need.obligation_id} : Value{std::monostate{}},
           std::string(to_string(need.theme)), need.description, std::string(to_string(need.kind)),
           need.currency, visibility_text(need.visibility), need.updated_at}));
  CONCORD_TRY(expect_one_row(changed, "need_id", "need", need.id));
  return write_years(transaction, need);
}

Result<Need> get_need(Transaction& transaction, const std::string& id) {
  CONCORD_ASSIGN_OR_RETURN(auto rows, transaction.query("SELECT " + std::string(kNeedColumns) +
                                                            " FROM assistance_needs WHERE id = $1",
                                                        {id}));
  if (rows.rows.empty()) return Error::not_found("need_id", "no need with id " + id);
  Need need = need_from_row(rows.rows.front());
  CONCORD_TRY(fill_years(transaction, need));
  return need;
}

Result<std::vector<Need>> list_needs(Transaction& transaction, const NeedFilter& filter) {
  Conditions conditions;
  if (filter.plan_id) conditions.add("plan_id =", *filter.plan_id);
  if (filter.obligation_id) conditions.add("obligation_id =", *filter.obligation_id);
  if (filter.state) conditions.add("state =", *filter.state);
  if (filter.theme) conditions.add("theme =", std::string(to_string(*filter.theme)));
  if (filter.public_only) {
    // A need tied to a restricted obligation is restricted with it.
    conditions.add_literal("visibility = 'public'");
    conditions.add_literal(
        "plan_id IN (SELECT id FROM assistance_plans WHERE visibility = 'public')");
    conditions.add_literal(
        "(obligation_id IS NULL OR obligation_id IN (SELECT id FROM assistance_obligations WHERE "
        "visibility = 'public'))");
  }
  CONCORD_ASSIGN_OR_RETURN(auto rows, transaction.query("SELECT " + std::string(kNeedColumns) +
                                                            " FROM assistance_needs" +
                                                            conditions.where() + " ORDER BY id",
                                                        conditions.params()));
  std::vector<Need> needs;
  for (const auto& row : rows.rows) {
    Need need = need_from_row(row);
    CONCORD_TRY(fill_years(transaction, need));
    needs.push_back(std::move(need));
  }
  return needs;
}

Result<void> insert_offer(Transaction& transaction, const Offer& offer) {
  CONCORD_TRY(transaction.execute("INSERT INTO assistance_offers (" + std::string(kOfferColumns) +
                                      ") VALUES (" + placeholders(19) + ")",
                                  offer_params(offer)));
  return {};
}

Result<void> update_offer(Transaction& transaction, const Offer& offer) {
  // The donor, author and creation time of an offer never change.
  const auto [sql, params] =
      update_statement("assistance_offers", kOfferColumns, offer_params(offer),
                       {"donor_type", "donor_ref", "created_by", "created_at"});
  CONCORD_ASSIGN_OR_RETURN(auto changed, transaction.execute(sql, params));
  return expect_one_row(changed, "offer_id", "offer", offer.id);
}

Result<Offer> get_offer(Transaction& transaction, const std::string& id) {
  CONCORD_ASSIGN_OR_RETURN(auto rows, transaction.query("SELECT " + std::string(kOfferColumns) +
                                                            " FROM assistance_offers WHERE id = "
                                                            "$1",
                                                        {id}));
  if (rows.rows.empty()) return Error::not_found("offer_id", "no offer with id " + id);
  return offer_from_row(rows.rows.front());
}

Result<std::vector<Offer>> list_offers(Transaction& transaction, const OfferFilter& filter) {
  Conditions conditions;
  if (filter.donor) {
    conditions.add("donor_type =", std::string(to_string(filter.donor->type)));
    conditions.add("donor_ref =", filter.donor->ref);
  }
  if (filter.open_only) conditions.add_literal("status = 'open'");
  CONCORD_ASSIGN_OR_RETURN(
      auto rows,
      transaction.query("SELECT " + std::string(kOfferColumns) + " FROM assistance_offers" +
                            conditions.where() + " ORDER BY created_at DESC, id DESC",
                        conditions.params()));
  std::vector<Offer> offers;
  for (const auto& row : rows.rows) {
    CONCORD_ASSIGN_OR_RETURN(auto offer, offer_from_row(row));
    // Themes are a JSON array, so the theme filter is applied here on both backends alike.
    if (filter.theme &&
        std::find(offer.themes.begin(), offer.themes.end(), *filter.theme) == offer.themes.end()) {
      continue;
    }
    offers.push_back(std::move(offer));
  }
  return offers;
}

Result<std::vector<std::string>> region_countries(Transaction& transaction,
                                                  const std::string& region) {
  CONCORD_ASSIGN_OR_RETURN(
      auto rows,
      transaction.query("SELECT country FROM assistance_regions WHERE name = $1 ORDER BY country",
                        {region}));
  std::vector<std::string> countries;
  for (const auto& row : rows.rows)
    countries.push_back(row.text(0));
  return countries;
}

Result<std::vector<std::pair<std::string, std::vector<std::string>>>> list_regions(
    Transaction& transaction) {
  CONCORD_ASSIGN_OR_RETURN(
      auto rows,
      transaction.query("SELECT name, country FROM assistance_regions ORDER BY name, country"));
  std::vector<std::pair<std::string, std::vector<std::string>>> regions;
  for (const auto& row : rows.rows) {
    auto name = row.text(0);
    if (regions.empty() || regions.back().first != name) regions.push_back({name, {}});
    regions.back().second.push_back(row.text(1));
  }
  return regions;
}

Result<void> replace_region(Transaction& transaction, const std::string& region,
                            const std::vector<std::string>& countries) {
  CONCORD_TRY(transaction.execute("DELETE FROM assistance_regions WHERE name = $1", {region}));
  for (const auto& country : countries) {
    CONCORD_TRY(transaction.execute(
        "INSERT INTO assistance_regions (name, country) VALUES ($1, $2) ON CONFLICT DO NOTHING",
        {region, country}));
  }
  return {};
}

Result<bool> offer_eligible_for(Transaction& transaction, const Offer& offer,
                                const std::string& state) {
  if (offer.open_to_every_country()) return true;
  if (std::find(offer.eligible_countries.begin(), offer.eligible_countries.end(), state) !=
      offer.eligible_countries.end()) {
    return true;
  }
  for (const auto& region : offer.eligible_regions) {
    CONCORD_ASSIGN_OR_RETURN(
        auto rows,
        transaction.query("SELECT 1 FROM assistance_regions WHERE name = $1 AND country = $2",
                          {region, state}));
    if (!rows.rows.empty()) return true;
  }
  return false;
}

}  // namespace concord::assistance
