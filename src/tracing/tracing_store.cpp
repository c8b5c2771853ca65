#include "tracing/tracing_store.h"

#include <algorithm>
#include <map>

#include "tracing/answer_json.h"

namespace concord::tracing {
namespace {

using store::QueryResult;
using store::Row;
using store::Transaction;
using store::Value;

constexpr std::string_view kRequestColumns =
    "id, requesting_state, record_id, hit_id, status, priority, urgency_justification, "
    "illicit_nature, legal_basis, circumstances, intended_use, confidentiality, weapon_snapshot, "
    "created_by, created_at, updated_at, sent_at, closed_at";

constexpr std::string_view kLegColumns =
    "id, request_id, position, from_state, to_state, forwarded_from, status, role, reason, "
    "sent_at, acknowledged_at, information_requested_at, started_at, concluded_at, closed_at, "
    "acknowledge_due_at, answer_due_at, time_zone, answer, decline_reason, forward_note, "
    "updated_at";

constexpr std::string_view kOpenStatuses =
    "('sent', 'acknowledged', 'more_information_requested', 'in_progress')";

Value optional_value(const std::optional<std::string>& text) {
  if (!text) return std::monostate{};
  return *text;
}

std::vector<Value> request_parameters(const TracingRequest& request) {
  return {request.id,
          request.requesting_state,
          request.record_id,
          optional_value(request.content.hit_id),
          std::string(to_string(request.status)),
          std::string(to_string(request.content.priority)),
          request.content.urgency_justification,
          request.content.illicit_nature,
          request.content.legal_basis,
          request.content.circumstances,
          request.content.intended_use,
          request.content.confidentiality,
          request.weapon.is_null() ? Value(std::monostate{}) : Value(request.weapon.dump()),
          request.created_by,
          request.created_at,
          request.updated_at,
          request.sent_at,
          request.closed_at};
}

std::vector<Value> leg_parameters(const Leg& leg) {
  return {leg.id,
          leg.request_id,
          std::int64_t{leg.position},
          leg.from_state,
          leg.to_state,
          leg.forwarded_from,
          std::string(to_string(leg.status)),
          leg.role,
          leg.reason,
          leg.sent_at,
          leg.acknowledged_at,
          leg.information_requested_at,
          leg.started_at,
          leg.concluded_at,
          leg.closed_at,
          leg.acknowledge_due_at,
          leg.answer_due_at,
          leg.time_zone,
          leg.answer ? Value(answer_to_json(*leg.answer).dump()) : Value(std::monostate{}),
          leg.decline_reason,
          leg.forward_note,
          leg.updated_at};
}

std::string placeholders(size_t count, size_t first = 1) {
  std::string text;
  for (size_t i = 0; i < count; ++i) {
    if (i > 0) text += ", ";
    text += "$" + std::to_string(first + i);
  }
  return text;
}

std::string assignments(std::string_view columns) {
  // "a, b, c" -> "b = $2, c = $3" (the first column is the key, $1).
  std::string text;
  size_t index = 0, start = 0;
  while (start <= columns.size()) {
    size_t comma = columns.find(',', start);
    if (comma == std::string_view::npos) comma = columns.size();
    std::string_view name = columns.substr(start, comma - start);
    while (!name.empty() && name.front() == ' ')
      name.remove_prefix(1);
    ++index;
    if (index > 1) {
      if (index > 2) text += ", ";
      text += std::string(name) + " = $" + std::to_string(index);
    }
    start = comma + 1;
  }
  return text;
}

Result<TracingRequest> request_from_row(const Row& row) {
  TracingRequest request;
  request.id = row.text(0);
  request.requesting_state = row.text(1);
  request.record_id = row.text(2);
  request.content.hit_id = row.optional_text(3);
  request.status = request_status_from_string(row.text(4)).value_or(RequestStatus::draft);
  request.content.priority = priority_from_string(row.text(5)).value_or(Priority::routine);
  request.content.urgency_justification = row.text(6);
  request.content.illicit_nature = row.text(7);
  request.content.legal_basis = row.text(8);
  request.content.circumstances = row.text(9);
  request.content.intended_use = row.text(10);
  request.content.confidentiality = row.text(11);
  if (auto snapshot = row.optional_text(12)) {
    request.weapon = nlohmann::json::parse(*snapshot, nullptr, false);
    if (request.weapon.is_discarded()) {
      return Error::internal("the weapon snapshot of tracing request " + request.id +
                             " is not JSON");
    }
  }
  request.created_by = row.text(13);
  request.created_at = row.text(14);
  request.updated_at = row.text(15);
  request.sent_at = row.text(16);
  request.closed_at = row.text(17);
  return request;
}

Result<Leg> leg_from_row(const Row& row) {
  Leg leg;
  leg.id = row.text(0);
  leg.request_id = row.text(1);
  leg.position = static_cast<int>(row.integer(2));
  leg.from_state = row.text(3);
  leg.to_state = row.text(4);
  leg.forwarded_from = row.text(5);
  auto status = leg_status_from_string(row.text(6));
  if (!status) return Error::internal("tracing leg " + leg.id + " has an unknown status");
  leg.status = *status;
  leg.role = row.text(7);
  leg.reason = row.text(8);
  leg.sent_at = row.text(9);
  leg.acknowledged_at = row.text(10);
  leg.information_requested_at = row.text(11);
  leg.started_at = row.text(12);
  leg.concluded_at = row.text(13);
  leg.closed_at = row.text(14);
  leg.acknowledge_due_at = row.text(15);
  leg.answer_due_at = row.text(16);
  leg.time_zone = row.text(17);
  if (auto stored = row.optional_text(18)) {
    auto parsed = nlohmann::json::parse(*stored, nullptr, false);
    auto answer = answer_from_json(parsed);
    if (!answer.ok())
      return Error::internal("the answer on tracing leg " + leg.id + " is unreadable");
    leg.answer = std::move(answer).value();
  }
  leg.decline_reason = row.text(19);
  leg.forward_note = row.text(20);
  leg.updated_at = row.text(21);
  return leg;
}

Result<std::vector<Leg>> legs_of(Transaction& transaction, const std::vector<std::string>& ids) {
  std::vector<Leg> legs;
  if (ids.empty()) return legs;
  std::vector<Value> params(ids.begin(), ids.end());
  CONCORD_ASSIGN_OR_RETURN(
      QueryResult rows,
      transaction.query("SELECT " + std::string(kLegColumns) +
                            " FROM tracing_legs WHERE request_id IN (" + placeholders(ids.size()) +
                            ") ORDER BY request_id, position",
                        params));
  for (const Row& row : rows.rows) {
    CONCORD_ASSIGN_OR_RETURN(Leg leg, leg_from_row(row));
    legs.push_back(std::move(leg));
  }
  return legs;
}

DueRule rule_from_row(const Row& row) {
  DueRule rule;
  rule.kind = due_kind_from_string(row.text(0)).value_or(DueKind::answer);
  rule.priority = priority_from_string(row.text(1));
  rule.from_state = row.text(2);
  rule.to_state = row.text(3);
  rule.within = parse_due_duration(row.text(4), "within").value();
  return rule;
}

}  // namespace

Result<void> insert_request(Transaction& transaction, const TracingRequest& request) {
  auto params = request_parameters(request);
  CONCORD_TRY(transaction.execute("INSERT INTO tracing_requests (" + std::string(kRequestColumns) +
                                      ") VALUES (" + placeholders(params.size()) + ")",
                                  params));
  for (const auto& leg : request.legs)
    CONCORD_TRY(insert_leg(transaction, leg));
  return ok();
}

Result<void> update_request(Transaction& transaction, const TracingRequest& request) {
  CONCORD_ASSIGN_OR_RETURN(std::int64_t changed,
                           transaction.execute("UPDATE tracing_requests SET " +
                                                   assignments(kRequestColumns) + " WHERE id = $1",
                                               request_parameters(request)));
  if (changed != 1) return Error::not_found("id", "no tracing request " + request.id);
  return ok();
}

Result<void> insert_leg(Transaction& transaction, const Leg& leg) {
  auto params = leg_parameters(leg);
  CONCORD_TRY(transaction.execute("INSERT INTO tracing_legs (" + std::string(kLegColumns) +
                                      ") VALUES (" + placeholders(params.size()) + ")",
                                  params));
  return ok();
}

Result<void> save_leg(Transaction& transaction, const Leg& leg) {
  auto params = leg_parameters(leg);
  CONCORD_TRY(transaction.execute("INSERT INTO tracing_legs (" + std::string(kLegColumns) +
                                      ") VALUES (" + placeholders(params.size()) +
                                      ") ON CONFLICT (id) DO UPDATE SET " +
                                      assignments(kLegColumns),
                                  params));
  return ok();
}

Result<void> delete_draft_legs(Transaction& transaction, const std::string& request_id) {
  CONCORD_TRY(transaction.execute(
      "DELETE FROM tracing_legs WHERE request_id = $1 AND status = 'draft'", {request_id}));
  return ok();
}

Result<void> lock_request(Transaction& transaction, const std::string& id) {
  CONCORD_ASSIGN_OR_RETURN(
      std::int64_t locked,
      transaction.execute("UPDATE tracing_requests SET updated_at = updated_at WHERE id = $1",
                          {id}));
  if (locked != 1) return Error::not_found("id", "no tracing request " + id.substr(0, 40));
  return ok();
}

Result<TracingRequest> load_request(Transaction& transaction, const std::string& id) {
  CONCORD_ASSIGN_OR_RETURN(
      QueryResult rows,
      transaction.query(
          "SELECT " + std::string(kRequestColumns) + " FROM tracing_requests WHERE id = $1", {id}));
  if (rows.rows.empty()) return Error::not_found("id", "no tracing request " + id.substr(0, 40));
  CONCORD_ASSIGN_OR_RETURN(TracingRequest request, request_from_row(rows.rows.front()));
  CONCORD_ASSIGN_OR_RETURN(request.legs, legs_of(transaction, {id}));
  return request;
}

Result<std::vector<TracingRequest>> list_requests(Transaction& transaction,
                                                  const ListFilter& filter) {
  std::vector<Value> params = {filter.state};
  // The legs a filter looks at: the state's own when received, any when sent.
  const std::string leg_scope = filter.box == Box::received ? " AND l.to_state = $1" : "";
  // $1 is always the state, so that parameters keep their numbers; Box::all ignores it.
  std::string sql = "SELECT " + std::string(kRequestColumns) + " FROM tracing_requests r WHERE ";
  if (filter.box == Box::all) {
    sql += "(r.requesting_state = $1 OR r.requesting_state <> $1)";
  } else if (filter.box == Box::sent) {
    sql += "r.requesting_state = $1";
  } else {
    sql +=
        "EXISTS (SELECT 1 FROM tracing_legs l WHERE l.request_id = r.id AND l.to_state = $1 "
        "AND l.status <> 'draft')";
  }
  if (filter.status) {
    params.push_back(*filter.status);
    const std::string at = "$" + std::to_string(params.size());
    sql +=
        " AND (r.status = " + at +
        " OR EXISTS (SELECT 1 FROM tracing_legs l WHERE l.request_id = r.id AND l.status = " + at +
        leg_scope + "))";
  }
  if (filter.overdue_only) {
    params.push_back(filter.now);
    const std::string at = "$" + std::to_string(params.size());
    sql += " AND EXISTS (SELECT 1 FROM tracing_legs l WHERE l.request_id = r.id AND l.status IN " +
           std::string(kOpenStatuses) + " AND (l.answer_due_at < " + at +
           " OR (l.status = 'sent' AND l.acknowledge_due_at < " + at + "))" + leg_scope + ")";
  }
  if (!filter.before_id.empty()) {
    params.push_back(filter.before_id);
    sql += " AND r.id < $" + std::to_string(params.size());
  }
  params.emplace_back(std::int64_t{filter.limit});
  sql += " ORDER BY r.id DESC LIMIT $" + std::to_string(params.size());
  // The column names are unqualified in kRequestColumns; r is the only table in the outer query.
  CONCORD_ASSIGN_OR_RETURN(QueryResult rows, transaction.query(sql, params));
  std::vector<TracingRequest> requests;
  std::vector<std::string> ids;
  for (const Row& row : rows.rows) {
    CONCORD_ASSIGN_OR_RETURN(TracingRequest request, request_from_row(row));
    ids.push_back(request.id);
    requests.push_back(std::move(request));
  }
  CONCORD_ASSIGN_OR_RETURN(std::vector<Leg> legs, legs_of(transaction, ids));
  std::map<std::string, TracingRequest*> by_id;
  for (auto& request : requests)
    by_id[request.id] = &request;
  for (auto& leg : legs)
    by_id.at(leg.request_id)->legs.push_back(std::move(leg));
  return requests;
}

Result<void> insert_message(Transaction& transaction, const Message& message) {
  CONCORD_TRY(transaction.execute(
      "INSERT INTO tracing_messages (id, request_id, kind, from_state, to_state, author, body, "
      "created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
      {message.id, message.request_id, std::string(to_string(message.kind)), message.from_state,
       message.to_state, message.author, message.body, message.created_at}));
  return ok();
}

Result<std::vector<Message>> list_messages(Transaction& transaction,
                                           const std::string& request_id) {
  CONCORD_ASSIGN_OR_RETURN(
      QueryResult rows,
      transaction.query("SELECT id, request_id, kind, from_state, to_state, author, body, "
                        "created_at FROM tracing_messages WHERE request_id = $1 ORDER BY id",
                        {request_id}));
  std::vector<Message> messages;
  for (const Row& row : rows.rows) {
    Message message;
    message.id = row.text(0);
    message.request_id = row.text(1);
    message.kind = message_kind_from_string(row.text(2)).value_or(MessageKind::message);
    message.from_state = row.text(3);
    message.to_state = row.text(4);
    message.author = row.text(5);
    message.body = row.text(6);
    message.created_at = row.text(7);
    messages.push_back(std::move(message));
  }
  return messages;
}

Result<std::vector<DueRule>> load_due_rules(Transaction& transaction) {
  CONCORD_ASSIGN_OR_RETURN(
      QueryResult rows,
      transaction.query("SELECT kind, priority, from_state, to_state, within FROM "
                        "tracing_due_rules ORDER BY kind, priority, from_state, to_state"));
  std::vector<DueRule> rules;
  for (const Row& row : rows.rows)
    rules.push_back(rule_from_row(row));
  return rules;
}

Result<void> replace_due_rules(Transaction& transaction, const std::vector<DueRule>& rules,
                               const std::string& now) {
  CONCORD_TRY(transaction.execute("DELETE FROM tracing_due_rules"));
  for (const auto& rule : rules) {
    CONCORD_TRY(transaction.execute(
        "INSERT INTO tracing_due_rules (kind, priority, from_state, to_state, within, "
        "updated_at) VALUES ($1, $2, $3, $4, $5, $6)",
        {std::string(to_string(rule.kind)),
         rule.priority ? std::string(to_string(*rule.priority)) : std::string(), rule.from_state,
         rule.to_state, format_due_duration(rule.within), now}));
  }
  return ok();
}

Result<std::string> load_time_zone(Transaction& transaction, const std::string& state) {
  CONCORD_ASSIGN_OR_RETURN(
      QueryResult rows,
      transaction.query("SELECT time_zone FROM tracing_time_zones WHERE state = $1", {state}));
  if (rows.rows.empty()) return std::string("UTC");
  return rows.rows.front().text(0);
}

Result<void> save_time_zone(Transaction& transaction, const std::string& state,
                            const std::string& time_zone, const std::string& now) {
  CONCORD_TRY(transaction.execute(
      "INSERT INTO tracing_time_zones (state, time_zone, updated_at) VALUES ($1, $2, $3) "
      "ON CONFLICT (state) DO UPDATE SET time_zone = $2, updated_at = $3",
      {state, time_zone, now}));
  return ok();
}

Result<std::vector<Leg>> open_legs_due_before(Transaction& transaction,
                                              const std::string& horizon) {
  CONCORD_ASSIGN_OR_RETURN(
      QueryResult rows,
      transaction.query("SELECT " + std::string(kLegColumns) +
                            " FROM tracing_legs WHERE status IN " + std::string(kOpenStatuses) +
                            " AND (answer_due_at < $1 OR (status = 'sent' AND "
                            "acknowledge_due_at < $1)) ORDER BY id",
                        {horizon}));
  std::vector<Leg> legs;
  for (const Row& row : rows.rows) {
    CONCORD_ASSIGN_OR_RETURN(Leg leg, leg_from_row(row));
    legs.push_back(std::move(leg));
  }
  return legs;
}

Result<std::set<std::string>> claimed_reminders(Transaction& transaction,
                                                const std::vector<std::string>& leg_ids) {
  std::set<std::string> claimed;
  constexpr size_t kChunk = 500;
  for (size_t start = 0; start < leg_ids.size(); start += kChunk) {
    const size_t count = std::min(kChunk, leg_ids.size() - start);
    std::vector<Value> params(leg_ids.begin() + static_cast<std::ptrdiff_t>(start),
                              leg_ids.begin() + static_cast<std::ptrdiff_t>(start + count));
    CONCORD_ASSIGN_OR_RETURN(
        QueryResult rows,
        transaction.query("SELECT leg_id, due_kind, reminder FROM tracing_reminders WHERE leg_id "
                          "IN (" +
                              placeholders(count) + ")",
                          params));
    for (const Row& row : rows.rows) {
      claimed.insert(row.text(0) + "/" + row.text(1) + "/" + row.text(2));
    }
  }
  return claimed;
}

Result<bool> claim_reminder(Transaction& transaction, const std::string& leg_id, DueKind kind,
                            const std::string& reminder, const std::string& due_at,
                            const std::string& now) {
  CONCORD_ASSIGN_OR_RETURN(
      std::int64_t inserted,
      transaction.execute("INSERT INTO tracing_reminders (leg_id, due_kind, reminder, due_at, "
                          "sent_at) VALUES ($1, $2, $3, $4, $5) ON CONFLICT (leg_id, due_kind, "
                          "reminder) DO NOTHING",
                          {leg_id, std::string(to_string(kind)), reminder, due_at, now}));
  return inserted == 1;
}

Result<std::vector<LegTimes>> leg_times_sent_between(Transaction& transaction,
                                                     const std::string& from,
                                                     const std::string& to) {
  CONCORD_ASSIGN_OR_RETURN(
      QueryResult rows,
      transaction.query("SELECT to_state, status, sent_at, acknowledged_at, concluded_at, "
                        "acknowledge_due_at, answer_due_at FROM tracing_legs WHERE sent_at <> '' "
                        "AND sent_at >= $1 AND sent_at < $2 ORDER BY id",
                        {from, to}));
  std::vector<LegTimes> legs;
  const auto time = [](const std::string& text) -> std::optional<TimePoint> {
    if (text.empty()) return std::nullopt;
    return parse_iso8601(text);
  };
  for (const Row& row : rows.rows) {
    LegTimes leg;
    leg.to_state = row.text(0);
    leg.status = leg_status_from_string(row.text(1)).value_or(LegStatus::sent);
    auto sent = time(row.text(2));
    auto acknowledge_due = time(row.text(5));
    auto answer_due = time(row.text(6));
    if (!sent || !acknowledge_due || !answer_due) {
      return Error::internal("a sent tracing leg has an unreadable timestamp");
    }
    leg.sent_at = *sent;
    leg.acknowledged_at = time(row.text(3));
    leg.concluded_at = time(row.text(4));
    leg.acknowledge_due_at = *acknowledge_due;
    leg.answer_due_at = *answer_due;
    legs.push_back(std::move(leg));
  }
  return legs;
}

}  // namespace concord::tracing
