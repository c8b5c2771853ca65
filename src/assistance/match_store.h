// Matches and partnerships: the assistance_matches table (migration 0012). A match pairs one need
// with one offer for an amount in the offer's currency, with the score and its explanation as
// they were when proposed. Each side (the need's state, the offer's donor) accepts or declines for
// itself; a match both accepted is a partnership, one either declined is declined. A need and an
// offer have at most one match that is not declined (a unique index holds it). Functions run
// inside the caller's transaction on SQLite and PostgreSQL alike and do no access checks.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "assistance/donor.h"
#include "core/result.h"
#include "store/database.h"

namespace concord::assistance {

enum class MatchStatus { proposed, partnership, declined };
// A side's decision; `pending` is stored as "".
enum class MatchDecision { pending, accepted, declined };

std::string_view to_string(MatchStatus status);
std::optional<MatchStatus> match_status_from_string(std::string_view text);
std::string match_statuses_list();
std::string_view to_string(MatchDecision decision);
std::optional<MatchDecision> match_decision_from_string(std::string_view text);

struct Match {
  std::string id;
  std::string need_id;
  std::string offer_id;
  std::string state;  // the need's state
  Donor donor;        // the offer's donor
  std::int64_t amount_minor = 0;
  std::string currency;     // the offer's
  double score = 0;         // 0..100 when proposed
  std::string explanation;  // JSON: the score's factors when proposed
  MatchStatus status = MatchStatus::proposed;
  MatchDecision state_decision = MatchDecision::pending;
  MatchDecision donor_decision = MatchDecision::pending;
  std::string decision_note;  // the latest decision's note
  std::string proposed_by;    // username
  std::string created_at;
  std::string updated_at;
  std::string partnership_at;  // "" until both accepted
};

struct MatchFilter {
  std::optional<std::string> state;
  std::optional<Donor> donor;
  std::optional<std::string> need_id;
  std::optional<std::string> offer_id;
  std::optional<MatchStatus> status;
};

// already_exists (field "offer_id") when the pair already has a match that is not declined.
Result<void> insert_match(store::Transaction& transaction, const Match& match);
// Writes the decisions, status, note and times; not_found (field "match_id").
Result<void> update_match(store::Transaction& transaction, const Match& match);
// not_found (field "match_id").
Result<Match> get_match(store::Transaction& transaction, const std::string& id);
// Matches matching `filter`, oldest first (by id, a ULID).
Result<std::vector<Match>> list_matches(store::Transaction& transaction, const MatchFilter& filter);
// The pair's match that is not declined, if any.
Result<std::optional<Match>> open_match_for_pair(store::Transaction& transaction,
                                                 const std::string& need_id,
                                                 const std::string& offer_id);

}  // namespace concord::assistance
