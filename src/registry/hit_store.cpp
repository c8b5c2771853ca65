#include "registry/hit_store.h"

#include <algorithm>

namespace concord::registry {
namespace {

constexpr std::string_view kColumns =
    "id, query_record_id, query_state, query_kind, query_marking, query_status, query_note, "
    "query_reviewed_by, query_reviewed_at, matched_record_id, matched_state, matched_kind, "
    "matched_marking, matched_status, matched_note, matched_reviewed_by, matched_reviewed_at, "
    "score, created_at";

HitSide side_from_row(const store::Row& row, std::size_t first) {
  HitSide side;
  side.record_id = row.text(first);
  side.state = row.text(first + 1);
  side.kind = row.text(first + 2);
  side.marking = row.text(first + 3);
  side.status = review_status_from_string(row.text(first + 4)).value_or(ReviewStatus::new_);
  side.note = row.text(first + 5);
  side.reviewed_by = row.text(first + 6);
  side.reviewed_at = row.text(first + 7);
  return side;
}

Hit hit_from_row(const store::Row& row) {
  Hit hit;
  hit.id = row.text(0);
  hit.query = side_from_row(row, 1);
  hit.matched = side_from_row(row, 9);
  hit.score = row.real(17);
  hit.created_at = row.text(18);
  return hit;
}

std::vector<Hit> hits_from(const store::QueryResult& rows) {
  std::vector<Hit> hits;
  hits.reserve(rows.rows.size());
  for (const auto& row : rows.rows)
    hits.push_back(hit_from_row(row));
  return hits;
}

}  // namespace

Result<bool> insert_hit(store::Transaction& transaction, const Hit& hit) {
  const auto& [low, high] = std::minmax(hit.query.record_id, hit.matched.record_id);
  CONCORD_ASSIGN_OR_RETURN(
      const auto inserted,
      transaction.execute(
          "INSERT INTO cross_check_hits (id, record_low, record_high, query_record_id, "
          "query_state, query_kind, query_marking, matched_record_id, matched_state, "
          "matched_kind, matched_marking, score, created_at) "
          "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13) "
          "ON CONFLICT (record_low, record_high) DO NOTHING",
          {hit.id, low, high, hit.query.record_id, hit.query.state, hit.query.kind,
           hit.query.marking, hit.matched.record_id, hit.matched.state, hit.matched.kind,
           hit.matched.marking, hit.score, hit.created_at}));
  return inserted == 1;
}

Result<Hit> get_hit(store::Transaction& transaction, const std::string& id) {
  CONCORD_ASSIGN_OR_RETURN(auto rows, transaction.query("SELECT " + std::string(kColumns) +
                                                            " FROM cross_check_hits WHERE id = $1",
                                                        {id}));
  if (rows.rows.empty()) return Error::not_found("id", "no hit with id '" + id + "'");
  return hit_from_row(rows.rows.front());
}

Result<std::vector<Hit>> list_hits_of_state(store::Transaction& transaction,
                                            const std::string& state,
                                            const std::optional<ReviewStatus>& status,
                                            const std::string& before, int limit) {
  // Two index range scans (one per side) rather than one OR over both columns.
  std::string sql = "SELECT " + std::string(kColumns) + " FROM (SELECT * FROM cross_check_hits " +
                    "WHERE query_state = $1 AND ($2 = '' OR id < $2)" +
                    (status ? " AND query_status = $4" : "") +
                    " UNION SELECT * FROM cross_check_hits WHERE matched_state = $1 " +
                    "AND ($2 = '' OR id < $2)" + (status ? " AND matched_status = $4" : "") +
                    ") AS hits ORDER BY id DESC LIMIT $3";
  std::vector<store::Value> params = {state, before, std::int64_t{limit}};
  if (status) params.emplace_back(std::string(to_string(*status)));
  CONCORD_ASSIGN_OR_RETURN(auto rows, transaction.query(sql, params));
  return hits_from(rows);
}

Result<std::vector<Hit>> list_hits_of_record(store::Transaction& transaction,
                                             const std::string& record_id) {
  CONCORD_ASSIGN_OR_RETURN(
      auto rows,
      transaction.query("SELECT " + std::string(kColumns) +
                            " FROM cross_check_hits WHERE record_low = $1 OR record_high = $1 "
                            "ORDER BY id DESC",
                        {record_id}));
  return hits_from(rows);
}

Result<void> set_review(store::Transaction& transaction, const std::string& hit_id,
                        const std::string& record_id, const HitSide& review) {
  CONCORD_ASSIGN_OR_RETURN(const Hit hit, get_hit(transaction, hit_id));
  const char* side = nullptr;
  if (hit.query.record_id == record_id)
    side = "query";
  else if (hit.matched.record_id == record_id)
    side = "matched";
  if (side == nullptr) {
    return Error::invalid("record_id", "record '" + record_id + "' is not part of hit " + hit_id);
  }
  const std::string prefix(side);
  CONCORD_ASSIGN_OR_RETURN(
      const auto updated,
      transaction.execute("UPDATE cross_check_hits SET " + prefix + "_status = $2, " + prefix +
                              "_note = $3, " + prefix + "_reviewed_by = $4, " + prefix +
                              "_reviewed_at = $5 WHERE id = $1",
                          {hit_id, std::string(to_string(review.status)), review.note,
                           review.reviewed_by, review.reviewed_at}));
  if (updated != 1) return Error::not_found("id", "no hit with id '" + hit_id + "'");
  return ok();
}

Result<std::int64_t> read_cross_check_cursor(store::Transaction& transaction) {
  CONCORD_ASSIGN_OR_RETURN(
      auto rows, transaction.query("SELECT position FROM cross_check_cursor WHERE name = 'hits'"));
  if (rows.rows.empty()) return std::int64_t{0};
  return rows.rows.front().integer(0);
}

Result<void> advance_cross_check_cursor(store::Transaction& transaction, std::int64_t position,
                                        const std::string& now) {
  CONCORD_TRY(
      transaction.execute("UPDATE cross_check_cursor SET position = $1, updated_at = $2 "
                          "WHERE name = 'hits' AND position < $1",
                          {position, now}));
  return ok();
}

}  // namespace concord::registry
