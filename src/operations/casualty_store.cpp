// Casualty and victim-service tables: plain parameterised SQL that runs unchanged on SQLite and
// PostgreSQL. A stored name that no longer parses is reported as internal, never guessed at.
#include "operations/casualty_store.h"

namespace concord::operations {
namespace {

using store::Row;
using store::Transaction;
using store::Value;

template <typename Enum, typename Parse>
Result<Enum> stored_name(const std::string& text, Parse&& parse, const std::string& what,
                         const std::string& id) {
  if (auto value = parse(text)) return *value;
  return Error::internal("stored " + what + " of " + id + " is unknown: '" + text + "'");
}

Result<CasualtyCount> casualty_from_row(const Row& row) {
  CasualtyCount casualty;
  casualty.id = row.text(0);
  casualty.state = row.text(1);
  casualty.year = static_cast<int>(row.integer(2));
  casualty.area = row.text(3);
  CONCORD_ASSIGN_OR_RETURN(
      casualty.device_type,
      stored_name<DeviceType>(row.text(4), device_type_from_string, "device_type", casualty.id));
  CONCORD_ASSIGN_OR_RETURN(casualty.outcome,
                           stored_name<CasualtyOutcome>(row.text(5), casualty_outcome_from_string,
                                                        "outcome", casualty.id));
  CONCORD_ASSIGN_OR_RETURN(casualty.sex,
                           stored_name<Sex>(row.text(6), sex_from_string, "sex", casualty.id));
  CONCORD_ASSIGN_OR_RETURN(
      casualty.age_group,
      stored_name<AgeGroup>(row.text(7), age_group_from_string, "age_group", casualty.id));
  CONCORD_ASSIGN_OR_RETURN(
      casualty.status,
      stored_name<CasualtyStatus>(row.text(8), casualty_status_from_string, "status", casualty.id));
  casualty.count = row.integer(9);
  return casualty;
}

Result<VictimService> victim_service_from_row(const Row& row) {
  VictimService service;
  service.id = row.text(0);
  service.state = row.text(1);
  service.year = static_cast<int>(row.integer(2));
  CONCORD_ASSIGN_OR_RETURN(
      service.service, stored_name<VictimServiceType>(row.text(3), victim_service_type_from_string,
                                                      "service", service.id));
  service.area = row.text(4);
  service.provider = row.text(5);
  service.people_reached = row.integer(6);
  service.people_in_need = row.integer(7);
  service.recorded_by = row.text(8);
  service.created_at = row.text(9);
  return service;
}

// "WHERE state = $1" and, with a year, "AND year = $2", with their parameters.
std::pair<std::string, std::vector<Value>> state_and_year(const std::string& state,
                                                          std::optional<int> year) {
  if (!year) return {"WHERE state = $1", {Value{state}}};
  return {"WHERE state = $1 AND year = $2", {Value{state}, Value{std::int64_t{*year}}}};
}

}  // namespace

Result<void> insert_casualty_count(Transaction& transaction, const CasualtyCount& row,
                                   const std::string& recorded_by, const std::string& created_at) {
  CONCORD_TRY(transaction.execute(
      "INSERT INTO operations_casualties (id, state, year, area, device_type, outcome, sex, "
      "age_group, status, count, recorded_by, created_at) "
      "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)",
      {row.id, row.state, std::int64_t{row.year}, row.area, std::string(to_string(row.device_type)),
       std::string(to_string(row.outcome)), std::string(to_string(row.sex)),
       std::string(to_string(row.age_group)), std::string(to_string(row.status)), row.count,
       recorded_by, created_at}));
  return ok();
}

Result<std::vector<CasualtyCount>> list_casualty_counts(Transaction& transaction,
                                                        const std::string& state,
                                                        std::optional<int> year) {
  auto [where, params] = state_and_year(state, year);
  CONCORD_ASSIGN_OR_RETURN(
      auto result, transaction.query("SELECT id, state, year, area, device_type, outcome, sex, "
                                     "age_group, status, count FROM operations_casualties " +
                                         where + " ORDER BY year, id",
                                     params));
  std::vector<CasualtyCount> rows;
  rows.reserve(result.rows.size());
  for (const auto& row : result.rows) {
    CONCORD_ASSIGN_OR_RETURN(auto casualty, casualty_from_row(row));
    rows.push_back(std::move(casualty));
  }
  return rows;
}

Result<void> insert_victim_service(Transaction& transaction, const VictimService& service) {
  CONCORD_TRY(transaction.execute(
      "INSERT INTO operations_victim_services (id, state, year, service, area, provider, "
      "people_reached, people_in_need, recorded_by, created_at) "
      "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)",
      {service.id, service.state, std::int64_t{service.year},
       std::string(to_string(service.service)), service.area, service.provider,
       service.people_reached, service.people_in_need, service.recorded_by, service.created_at}));
  return ok();
}

Result<std::vector<VictimService>> list_victim_services(Transaction& transaction,
                                                        const std::string& state,
                                                        std::optional<int> year) {
  auto [where, params] = state_and_year(state, year);
  CONCORD_ASSIGN_OR_RETURN(
      auto result,
      transaction.query("SELECT id, state, year, service, area, provider, people_reached, "
                        "people_in_need, recorded_by, created_at FROM operations_victim_services " +
                            where + " ORDER BY year, id",
                        params));
  std::vector<VictimService> services;
  services.reserve(result.rows.size());
  for (const auto& row : result.rows) {
    CONCORD_ASSIGN_OR_RETURN(auto service, victim_service_from_row(row));
    services.push_back(std::move(service));
  }
  return services;
}

}  // namespace concord::operations
