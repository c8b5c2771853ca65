// Stockpile and deadline tables: plain parameterised SQL that runs unchanged on SQLite and
// PostgreSQL. A stored name that no longer parses is reported as internal, never guessed at.
#include "operations/stockpile_store.h"

namespace concord::operations {
namespace {

using store::Row;
using store::Transaction;
using store::Value;

Error unreadable(const std::string& table, const std::string& id, const std::string& column) {
  return Error::internal("stored " + table + " " + id + " has an unknown " + column);
}

Result<StockpileCategory> stored_category(const std::string& text, const std::string& table,
                                          const std::string& id) {
  if (auto category = stockpile_category_from_string(text)) return *category;
  return unreadable(table, id, "category '" + text + "'");
}

Result<StockpileDeclaration> declaration_from_row(const Row& row) {
  StockpileDeclaration declaration;
  declaration.id = row.text(0);
  declaration.state = row.text(1);
  CONCORD_ASSIGN_OR_RETURN(declaration.category,
                           stored_category(row.text(2), "declaration", declaration.id));
  declaration.ammunition_type = row.text(3);
  declaration.quantity = row.integer(4);
  declaration.as_of = row.text(5);
  return declaration;
}

Result<DestructionEvent> destruction_from_row(const Row& row) {
  DestructionEvent event;
  event.id = row.text(0);
  event.state = row.text(1);
  event.date = row.text(2);
  CONCORD_ASSIGN_OR_RETURN(event.category, stored_category(row.text(3), "destruction", event.id));
  event.ammunition_type = row.text(4);
  event.quantity = row.integer(5);
  const auto method = destruction_method_from_string(row.text(6));
  if (!method) return unreadable("destruction", event.id, "method '" + row.text(6) + "'");
  event.method = *method;
  event.site = row.text(7);
  event.verified_by = row.text(8);
  return event;
}

Result<RetainedQuantity> retained_from_row(const Row& row) {
  RetainedQuantity retained;
  retained.id = row.text(0);
  retained.state = row.text(1);
  CONCORD_ASSIGN_OR_RETURN(retained.category,
                           stored_category(row.text(2), "retained quantity", retained.id));
  retained.ammunition_type = row.text(3);
  retained.quantity = row.integer(4);
  retained.as_of = row.text(5);
  const auto purpose = retention_purpose_from_string(row.text(6));
  if (!purpose)
    return unreadable("retained quantity", retained.id, "purpose '" + row.text(6) + "'");
  retained.purpose = *purpose;
  return retained;
}

Result<TreatyDeadline> deadline_from_row(const Row& row) {
  TreatyDeadline deadline;
  deadline.state = row.text(0);
  const std::string key = deadline.state + "/" + row.text(1) + "/" + row.text(2);
  const auto instrument = instrument_from_string(row.text(1));
  if (!instrument) return unreadable("deadline", key, "instrument");
  deadline.instrument = *instrument;
  const auto obligation = deadline_obligation_from_string(row.text(2));
  if (!obligation) return unreadable("deadline", key, "obligation");
  deadline.obligation = *obligation;
  if (!row.text(3).empty()) {
    CONCORD_ASSIGN_OR_RETURN(deadline.category, stored_category(row.text(3), "deadline", key));
  }
  deadline.deadline.date = row.text(4);
  if (!row.text(5).empty()) deadline.deadline.extended_to = row.text(5);
  deadline.updated_by = row.text(6);
  deadline.updated_at = row.text(7);
  return deadline;
}

template <typename Record, typename Decode>
Result<std::vector<Record>> load(Transaction& transaction, std::string_view sql,
                                 const std::string& state, Decode&& decode) {
  CONCORD_ASSIGN_OR_RETURN(auto result, transaction.query(sql, {Value{state}}));
  std::vector<Record> records;
  records.reserve(result.rows.size());
  for (const auto& row : result.rows) {
    CONCORD_ASSIGN_OR_RETURN(auto record, decode(row));
    records.push_back(std::move(record));
  }
  return records;
}

}  // namespace

Result<void> insert_declaration(Transaction& transaction, const StockpileDeclaration& declaration,
                                const std::string& recorded_by, const std::string& created_at) {
  CONCORD_TRY(transaction.execute(
      "INSERT INTO operations_stockpile_declarations (id, state, category, ammunition_type, "
      "quantity, as_of, recorded_by, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
      {declaration.id, declaration.state, std::string(to_string(declaration.category)),
       declaration.ammunition_type, declaration.quantity, declaration.as_of, recorded_by,
       created_at}));
  return ok();
}

Result<void> insert_destruction(Transaction& transaction, const DestructionEvent& event,
                                const std::string& recorded_by, const std::string& created_at) {
  CONCORD_TRY(transaction.execute(
      "INSERT INTO operations_destruction_events (id, state, date, category, ammunition_type, "
      "quantity, method, site, verified_by, recorded_by, created_at) "
      "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)",
      {event.id, event.state, event.date, std::string(to_string(event.category)),
       event.ammunition_type, event.quantity, std::string(to_string(event.method)), event.site,
       event.verified_by, recorded_by, created_at}));
  return ok();
}

Result<void> insert_retained(Transaction& transaction, const RetainedQuantity& retained,
                             const std::string& recorded_by, const std::string& created_at) {
  CONCORD_TRY(transaction.execute(
      "INSERT INTO operations_retained_quantities (id, state, category, ammunition_type, "
      "quantity, as_of, purpose, recorded_by, created_at) "
      "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
      {retained.id, retained.state, std::string(to_string(retained.category)),
       retained.ammunition_type, retained.quantity, retained.as_of,
       std::string(to_string(retained.purpose)), recorded_by, created_at}));
  return ok();
}

Result<StockpileRecords> load_stockpile_records(Transaction& transaction,
                                                const std::string& state) {
  StockpileRecords records;
  CONCORD_ASSIGN_OR_RETURN(
      records.declarations,
      load<StockpileDeclaration>(transaction,
                                 "SELECT id, state, category, ammunition_type, quantity, as_of "
                                 "FROM operations_stockpile_declarations WHERE state = $1 "
                                 "ORDER BY as_of, id",
                                 state, declaration_from_row));
  CONCORD_ASSIGN_OR_RETURN(
      records.events,
      load<DestructionEvent>(transaction,
                             "SELECT id, state, date, category, ammunition_type, quantity, method, "
                             "site, verified_by FROM operations_destruction_events "
                             "WHERE state = $1 ORDER BY date, id",
                             state, destruction_from_row));
  CONCORD_ASSIGN_OR_RETURN(
      records.retained,
      load<RetainedQuantity>(transaction,
                             "SELECT id, state, category, ammunition_type, quantity, as_of, "
                             "purpose FROM operations_retained_quantities WHERE state = $1 "
                             "ORDER BY as_of, id",
                             state, retained_from_row));
  return records;
}

Result<void> upsert_deadline(Transaction& transaction, const TreatyDeadline& deadline) {
  const std::string category =
      deadline.category ? std::string(to_string(*deadline.category)) : std::string();
  CONCORD_TRY(transaction.execute(
      "INSERT INTO operations_deadlines (state, instrument, obligation, category, deadline, "
      "extended_to, updated_by, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) "
      "ON CONFLICT (state, instrument, obligation, category) DO UPDATE SET "
      "deadline = excluded.deadline, extended_to = excluded.extended_to, "
      "updated_by = excluded.updated_by, updated_at = excluded.updated_at",
      {deadline.state, std::string(to_string(deadline.instrument)),
       std::string(to_string(deadline.obligation)), category, deadline.deadline.date,
       deadline.deadline.extended_to.value_or(""), deadline.updated_by, deadline.updated_at}));
  return ok();
}

Result<std::vector<TreatyDeadline>> list_deadlines(Transaction& transaction,
                                                   const std::string& state) {
  return load<TreatyDeadline>(transaction,
                              "SELECT state, instrument, obligation, category, deadline, "
                              "extended_to, updated_by, updated_at FROM operations_deadlines "
                              "WHERE state = $1 ORDER BY instrument, obligation, category",
                              state, deadline_from_row);
}

}  // namespace concord::operations
