// FlowStore: funding_flows rows are only inserted. The current version of a flow is the row with
// the highest version; filters apply to that row, so an amended or withdrawn flow is judged by
// what it is now, never by an older version.
#include "assistance/flow_store.h"

namespace concord::assistance {
namespace {

using store::Row;
using store::Transaction;
using store::Value;

constexpr std::string_view kColumns =
    "flow_id, version, kind, status, donor_type, donor_ref, recipient_state, activity, plan_id, "
    "obligation_id, need_id, match_id, theme, sector, budget_year, amount_minor, currency, "
    "value_date, description, source, recorded_by, recorded_at";

FundingFlow flow_from_row(const Row& row) {
  FundingFlow flow;
  flow.flow_id = row.text(0);
  flow.version = static_cast<int>(row.integer(1));
  flow.kind = flow_kind_from_string(row.text(2)).value_or(FlowKind::commitment);
  flow.status = flow_status_from_string(row.text(3)).value_or(FlowStatus::active);
  flow.donor.type = donor_type_from_string(row.text(4)).value_or(DonorType::state);
  flow.donor.ref = row.text(5);
  flow.recipient_state = row.text(6);
  flow.activity = row.text(7);
  flow.plan_id = row.text(8);
  flow.obligation_id = row.text(9);
  flow.need_id = row.text(10);
  flow.match_id = row.text(11);
  flow.theme = theme_from_string(row.text(12)).value_or(Theme::clearance);
  flow.sector = row.text(13);
  flow.budget_year = static_cast<int>(row.integer(14));
  flow.amount_minor = row.integer(15);
  flow.currency = row.text(16);
  flow.value_date = row.text(17);
  flow.description = row.text(18);
  flow.source = row.text(19);
  flow.recorded_by = row.text(20);
  flow.recorded_at = row.text(21);
  return flow;
}

}  // namespace

Result<void> insert_flow_version(Transaction& transaction, const FundingFlow& flow) {
  const std::vector<Value> params = {
      flow.flow_id,
      std::int64_t{flow.version},
      std::string(to_string(flow.kind)),
      std::string(to_string(flow.status)),
      std::string(to_string(flow.donor.type)),
      flow.donor.ref,
      flow.recipient_state,
      flow.activity,
      flow.plan_id,
      flow.obligation_id,
      flow.need_id,
      flow.match_id,
      std::string(to_string(flow.theme)),
      flow.sector,
      std::int64_t{flow.budget_year},
      flow.amount_minor,
      flow.currency,
      flow.value_date,
      flow.description,
      flow.source,
      flow.recorded_by,
      flow.recorded_at,
  };
  CONCORD_ASSIGN_OR_RETURN(
      auto inserted,
      transaction.execute("INSERT INTO funding_flows (" + std::string(kColumns) +
                              ") VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, "
                              "$14, $15, $16, $17, $18, $19, $20, $21, $22) "
                              "ON CONFLICT (flow_id, version) DO NOTHING",
                          params));
  if (inserted == 0) {
    return Error{
        ErrorCode::already_exists,
        "version " + std::to_string(flow.version) + " of flow " + flow.flow_id + " exists already",
        "version"};
  }
  return {};
}

Result<std::vector<FundingFlow>> list_current_flows(Transaction& transaction,
                                                    const FlowFilter& filter) {
  std::string sql = "SELECT " + std::string(kColumns) +
                    " FROM funding_flows f WHERE f.version = (SELECT MAX(g.version) FROM "
                    "funding_flows g WHERE g.flow_id = f.flow_id)";
  std::vector<Value> params;
  auto where = [&](std::string_view column, Value value) {
    params.push_back(std::move(value));
    sql += " AND f." + std::string(column) + " = $" + std::to_string(params.size());
  };
  if (filter.recipient_state) where("recipient_state", *filter.recipient_state);
  if (filter.donor) {
    where("donor_type", std::string(to_string(filter.donor->type)));
    where("donor_ref", filter.donor->ref);
  }
  if (filter.plan_id) where("plan_id", *filter.plan_id);
  if (filter.obligation_id) where("obligation_id", *filter.obligation_id);
  if (filter.need_id) where("need_id", *filter.need_id);
  if (filter.match_id) where("match_id", *filter.match_id);
  if (filter.activity) where("activity", *filter.activity);
  if (filter.theme) where("theme", std::string(to_string(*filter.theme)));
  if (filter.budget_year) where("budget_year", std::int64_t{*filter.budget_year});
  if (!filter.include_withdrawn) where("status", std::string(to_string(FlowStatus::active)));
  sql += " ORDER BY f.flow_id";
  CONCORD_ASSIGN_OR_RETURN(auto result, transaction.query(sql, params));
  std::vector<FundingFlow> flows;
  flows.reserve(result.rows.size());
  for (const auto& row : result.rows)
    flows.push_back(flow_from_row(row));
  return flows;
}

Result<std::vector<FundingFlow>> flow_history(Transaction& transaction,
                                              const std::string& flow_id) {
  CONCORD_ASSIGN_OR_RETURN(auto result, transaction.query("SELECT " + std::string(kColumns) +
                                                              " FROM funding_flows WHERE "
                                                              "flow_id = $1 ORDER BY version",
                                                          {flow_id}));
  if (result.rows.empty()) {
    return Error::not_found("flow_id", "no funding flow " + flow_id);
  }
  std::vector<FundingFlow> versions;
  versions.reserve(result.rows.size());
  for (const auto& row : result.rows)
    versions.push_back(flow_from_row(row));
  return versions;
}

Result<void> upsert_exchange_rate(Transaction& transaction, const ExchangeRate& rate,
                                  const std::string& imported_at) {
  CONCORD_TRY(transaction.execute(
      "INSERT INTO exchange_rates (rate_date, currency, quote, rate_text, rate_scaled, source, "
      "imported_at) VALUES ($1, $2, $3, $4, $5, $6, $7) "
      "ON CONFLICT (currency, quote, rate_date) DO UPDATE SET rate_text = excluded.rate_text, "
      "rate_scaled = excluded.rate_scaled, source = excluded.source, "
      "imported_at = excluded.imported_at",
      {rate.rate_date, rate.currency, rate.quote, rate.rate_text, rate.rate_scaled, rate.source,
       imported_at}));
  return {};
}

Result<ExchangeRateTable> load_exchange_rates(store::Transaction& transaction) {
  CONCORD_ASSIGN_OR_RETURN(
      auto result,
      transaction.query("SELECT rate_date, currency, quote, rate_text, rate_scaled, source "
                        "FROM exchange_rates ORDER BY currency, quote, rate_date"));
  std::vector<ExchangeRate> rates;
  rates.reserve(result.rows.size());
  for (const auto& row : result.rows) {
    rates.push_back(
        {row.text(0), row.text(1), row.text(2), row.text(3), row.integer(4), row.text(5)});
  }
  return ExchangeRateTable(std::move(rates));
}

}  // namespace concord::assistance
