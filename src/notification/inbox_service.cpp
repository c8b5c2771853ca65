// InboxService: one visibility condition, built once per call from the reader, and shared by every
// query. Marking read writes notification_reads rows with ON CONFLICT DO NOTHING, so concurrent
// marks and repeats are harmless.
#include "notification/inbox_service.h"

#include <algorithm>

#include "access/policy.h"
#include "core/id.h"
#include "notification/topics.h"

namespace concord::notification {
namespace {

using store::Transaction;
using store::TransactionMode;
using store::Value;

// The SQL condition (on alias n) selecting what the reader may see, and its parameters: $1 is
// always the reader's user id (kFromWithReads relies on it), $2 their state when they see it.
struct Visibility {
  std::string condition;
  std::vector<Value> params;
};

Result<Visibility> visibility(const access::Principal& reader) {
  if (reader.user_id.empty()) {
    return Error{ErrorCode::permission_denied, "an inbox belongs to a signed-in user", {}};
  }
  // inbox.read is open to every signed-in user, but an inbox of a user whose roles read
  // confidential records holds confidential news: the second factor the policy asks of such users
  // for confidential records is asked here too.
  const bool needs_second_factor =
      std::any_of(reader.roles.begin(), reader.roles.end(), access::reads_confidential_records);
  if (needs_second_factor && !reader.second_factor) {
    return Error{ErrorCode::permission_denied, "enrol and use a second factor (TOTP) first", {}};
  }
  Visibility v;
  v.params = {reader.user_id};
  v.condition = "n.user_id = $1";
  if (access::is_law_enforcement(reader) && reader.state) {
    v.params.emplace_back(*reader.state);
    v.condition = "(n.user_id = $1 OR (n.user_id IS NULL AND n.state = $2))";
  }
  return v;
}

constexpr std::string_view kColumns =
    "n.id, n.state, n.user_id, n.topic, n.subject_type, n.subject_id, n.summary, n.payload, "
    "n.created_at, r.read_at";
constexpr std::string_view kFromWithReads =
    " FROM notifications n LEFT JOIN notification_reads r ON r.notification_id = n.id AND "
    "r.user_id = $1 ";

InboxEntry entry_from_row(const store::Row& row) {
  InboxEntry entry;
  entry.id = row.text(0);
  entry.state = row.text(1);
  entry.user_id = row.optional_text(2).value_or("");
  entry.topic = row.text(3);
  entry.subject_type = row.text(4);
  entry.subject_id = row.text(5);
  entry.summary = row.text(6);
  entry.payload = nlohmann::json::parse(row.text(7), nullptr, false);
  if (entry.payload.is_discarded()) entry.payload = nlohmann::json::object();
  entry.created_at = row.text(8);
  entry.read_at = row.optional_text(9);
  return entry;
}

// "AND n.topic = $k" or a prefix test for "x.*"; nothing for "" and "*".
std::string topic_condition(const std::string& topic, std::vector<Value>& params) {
  if (topic.empty() || topic == "*") return "";
  if (topic.ends_with(".*")) {
    const std::string prefix = topic.substr(0, topic.size() - 1);  // keeps the dot
    params.emplace_back(prefix);
    return " AND substr(n.topic, 1, " + std::to_string(prefix.size()) + ") = $" +
           std::to_string(params.size());
  }
  params.emplace_back(topic);
  return " AND n.topic = $" + std::to_string(params.size());
}

}  // namespace

Result<InboxPage> InboxService::list(const access::Principal& reader, const InboxQuery& query) {
  CONCORD_TRY(access::authorize(reader, "inbox.read"));
  if (query.limit < 1 || query.limit > kMaxInboxPage) {
    return Error::invalid("limit", "limit must be between 1 and " + std::to_string(kMaxInboxPage));
  }
  if (!query.after.empty() && !is_valid_id(query.after)) {
    return Error::invalid("after", "after is the id of an inbox entry");
  }
  if (!query.topic.empty()) CONCORD_TRY(validate_topic_pattern(query.topic, "topic"));
  CONCORD_ASSIGN_OR_RETURN(Visibility v, visibility(reader));

  std::vector<Value> params = v.params;
  std::string sql =
      "SELECT " + std::string(kColumns) + std::string(kFromWithReads) + "WHERE " + v.condition;
  if (!query.after.empty()) {
    params.emplace_back(query.after);
    sql += " AND n.id < $" + std::to_string(params.size());
  }
  if (query.unread_only) sql += " AND r.read_at IS NULL";
  sql += topic_condition(query.topic, params);
  params.emplace_back(std::int64_t{query.limit + 1});
  sql += " ORDER BY n.id DESC LIMIT $" + std::to_string(params.size());

  return store::in_transaction(
      db_, TransactionMode::read_only, [&](Transaction& tx) -> Result<InboxPage> {
        CONCORD_ASSIGN_OR_RETURN(auto result, tx.query(sql, params));
        InboxPage page;
        for (const store::Row& row : result.rows) {
          if (page.entries.size() == static_cast<std::size_t>(query.limit)) {
            page.next_after = page.entries.back().id;
            break;
          }
          page.entries.push_back(entry_from_row(row));
        }
        return page;
      });
}

Result<std::int64_t> InboxService::count_unread(const access::Principal& reader) {
  CONCORD_TRY(access::authorize(reader, "inbox.read"));
  CONCORD_ASSIGN_OR_RETURN(Visibility v, visibility(reader));
  return store::in_transaction(
      db_, TransactionMode::read_only, [&](Transaction& tx) -> Result<std::int64_t> {
        CONCORD_ASSIGN_OR_RETURN(
            auto result, tx.query("SELECT COUNT(*)" + std::string(kFromWithReads) + "WHERE " +
                                      v.condition + " AND r.read_at IS NULL",
                                  v.params));
        return result.rows.at(0).integer(0);
      });
}

Result<InboxEntry> InboxService::mark_read(const access::Principal& reader, const std::string& id) {
  CONCORD_TRY(access::authorize(reader, "inbox.mark_read"));
  if (!is_valid_id(id)) return Error::invalid("id", "not an inbox entry id");
  CONCORD_ASSIGN_OR_RETURN(Visibility v, visibility(reader));
  const std::string now = format_iso8601(clock_.now());
  return store::in_transaction(
      db_, TransactionMode::read_write, [&](Transaction& tx) -> Result<InboxEntry> {
        std::vector<Value> params = v.params;
        params.emplace_back(id);
        const std::string select = "SELECT " + std::string(kColumns) + std::string(kFromWithReads) +
                                   "WHERE " + v.condition + " AND n.id = $" +
                                   std::to_string(params.size());
        CONCORD_ASSIGN_OR_RETURN(auto found, tx.query(select, params));
        if (found.rows.empty()) return Error::not_found("id", "no such entry in your inbox");
        CONCORD_TRY(tx.execute(
            "INSERT INTO notification_reads (notification_id, user_id, read_at) VALUES ($1, $2, "
            "$3) ON CONFLICT (user_id, notification_id) DO NOTHING",
            {id, reader.user_id, now}));
        InboxEntry entry = entry_from_row(found.rows[0]);
        if (!entry.read_at) entry.read_at = now;
        return entry;
      });
}

Result<std::int64_t> InboxService::mark_all_read(const access::Principal& reader) {
  CONCORD_TRY(access::authorize(reader, "inbox.mark_read"));
  CONCORD_ASSIGN_OR_RETURN(Visibility v, visibility(reader));
  std::vector<Value> params = v.params;
  params.emplace_back(format_iso8601(clock_.now()));
  return store::in_transaction(
      db_, TransactionMode::read_write, [&](Transaction& tx) -> Result<std::int64_t> {
        return tx.execute(
            "INSERT INTO notification_reads (notification_id, user_id, read_at) SELECT n.id, $1, "
            "$" +
                std::to_string(params.size()) + std::string(kFromWithReads) + "WHERE " +
                v.condition +
                " AND r.read_at IS NULL ON CONFLICT (user_id, notification_id) DO NOTHING",
            params);
      });
}

}  // namespace concord::notification
