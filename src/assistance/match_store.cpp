// The assistance_matches table. Decisions are stored as "", "accepted" or "declined"; the score is
// a double and the explanation JSON text, both as they were when the match was proposed.
#include "assistance/match_store.h"

#include "core/enum_names.h"

namespace concord::assistance {
namespace {

using store::Row;
using store::Transaction;
using store::Value;

constexpr EnumNames<MatchStatus, 3> kMatchStatusNames({{
    {MatchStatus::proposed, "proposed"},
    {MatchStatus::partnership, "partnership"},
    {MatchStatus::declined, "declined"},
}});

constexpr EnumNames<MatchDecision, 3> kMatchDecisionNames({{
    {MatchDecision::pending, ""},
    {MatchDecision::accepted, "accepted"},
    {MatchDecision::declined, "declined"},
}});

constexpr std::string_view kMatchColumns =
    "id, need_id, offer_id, state, donor_type, donor_ref, amount_minor, currency, score, "
    "explanation, status, state_decision, donor_decision, decision_note, proposed_by, created_at, "
    "updated_at, partnership_at";

Match match_from_row(const Row& row) {
  Match match;
  match.id = row.text(0);
  match.need_id = row.text(1);
  match.offer_id = row.text(2);
  match.state = row.text(3);
  match.donor = {donor_type_from_string(row.text(4)).value_or(DonorType::organisation),
                 row.text(5)};
  match.amount_minor = row.integer(6);
  match.currency = row.text(7);
  match.score = row.real(8);
  match.explanation = row.text(9);
  match.status = match_status_from_string(row.text(10)).value_or(MatchStatus::declined);
  match.state_decision = match_decision_from_string(row.text(11)).value_or(MatchDecision::pending);
  match.donor_decision = match_decision_from_string(row.text(12)).value_or(MatchDecision::pending);
  match.decision_note = row.text(13);
  match.proposed_by = row.text(14);
  match.created_at = row.text(15);
  match.updated_at = row.text(16);
  match.partnership_at = row.text(17);
  return match;
}

}  // namespace

std::string_view to_string(MatchStatus status) {
  return kMatchStatusNames.name(status);
}
std::optional<MatchStatus> match_status_from_string(std::string_view text) {
  return kMatchStatusNames.parse(text);
}
std::string match_statuses_list() {
  return kMatchStatusNames.list();
}
std::string_view to_string(MatchDecision decision) {
  return kMatchDecisionNames.name(decision);
}
std::optional<MatchDecision> match_decision_from_string(std::string_view text) {
  return kMatchDecisionNames.parse(text);
}

Result<void> insert_match(Transaction& transaction, const Match& match) {
  auto inserted = transaction.execute(
      "INSERT INTO assistance_matches (" + std::string(kMatchColumns) +
          ") VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, "
          "$18)",
      {match.id, match.need_id, match.offer_id, match.state,
       std::string(to_string(match.donor.type)), match.donor.ref, match.amount_minor,
       match.currency, match.score, match.explanation, std::string(to_string(match.status)),
       std::string(to_string(match.state_decision)), std::string(to_string(match.donor_decision)),
       match.decision_note, match.proposed_by, match.created_at, match.updated_at,
       match.partnership_at});
  if (!inserted.ok()) {
    if (inserted.error().code == ErrorCode::already_exists) {
      return Error{ErrorCode::already_exists, "the need and the offer already have an open match",
                   "offer_id"};
    }
    return inserted.error();
  }
  return {};
}

Result<void> update_match(Transaction& transaction, const Match& match) {
  CONCORD_ASSIGN_OR_RETURN(
      auto changed,
      transaction.execute(
          "UPDATE assistance_matches SET status = $2, state_decision = $3, donor_decision = $4, "
          "decision_note = $5, updated_at = $6, partnership_at = $7 WHERE id = $1",
          {match.id, std::string(to_string(match.status)),
           std::string(to_string(match.state_decision)),
           std::string(to_string(match.donor_decision)), match.decision_note, match.updated_at,
           match.partnership_at}));
  if (changed == 0) return Error::not_found("match_id", "no match with id " + match.id);
  return {};
}

Result<Match> get_match(Transaction& transaction, const std::string& id) {
  CONCORD_ASSIGN_OR_RETURN(
      auto rows,
      transaction.query(
          "SELECT " + std::string(kMatchColumns) + " FROM assistance_matches WHERE id = $1", {id}));
  if (rows.rows.empty()) return Error::not_found("match_id", "no match with id " + id);
  return match_from_row(rows.rows.front());
}

Result<std::vector<Match>> list_matches(Transaction& transaction, const MatchFilter& filter) {
  std::string where;
  std::vector<Value> params;
  const auto add = [&](std::string_view column, Value value) {
    params.push_back(std::move(value));
    where += (where.empty() ? " WHERE " : " AND ") + std::string(column) + " = $" +
             std::to_string(params.size());
  };
  if (filter.state) add("state", *filter.state);
  if (filter.donor) {
    add("donor_type", std::string(to_string(filter.donor->type)));
    add("donor_ref", filter.donor->ref);
  }
  if (filter.need_id) add("need_id", *filter.need_id);
  if (filter.offer_id) add("offer_id", *filter.offer_id);
  if (filter.status) add("status", std::string(to_string(*filter.status)));
  CONCORD_ASSIGN_OR_RETURN(
      auto rows, transaction.query("SELECT " + std::string(kMatchColumns) +
                                       " FROM assistance_matches" + where + " ORDER BY id",
                                   params));
  std::vector<Match> matches;
  matches.reserve(rows.rows.size());
  for (const auto& row : rows.rows)
    matches.push_back(match_from_row(row));
  return matches;
}

Result<std::optional<Match>> open_match_for_pair(Transaction& transaction,
                                                 const std::string& need_id,
                                                 const std::string& offer_id) {
  CONCORD_ASSIGN_OR_RETURN(auto rows,
                           transaction.query("SELECT " + std::string(kMatchColumns) +
                                                 " FROM assistance_matches WHERE need_id = $1 AND "
                                                 "offer_id = $2 AND status <> 'declined'",
                                             {need_id, offer_id}));
  if (rows.rows.empty()) return std::optional<Match>();
  return std::optional<Match>(match_from_row(rows.rows.front()));
}

}  // namespace concord::assistance
