#include "registry/hit_service.h"

#include <nlohmann/json.hpp>

#include "access/policy.h"
#include "core/id.h"
#include "core/text.h"
#include "registry/hit_store.h"
#include "registry/weapon_store.h"

namespace concord::registry {
namespace {

using store::Transaction;
using store::TransactionMode;

constexpr std::size_t kMaxNoteLength = 2000;

Result<std::string> caller_state(const access::Principal& actor) {
  if (!actor.state || actor.state->empty()) {
    return Error{ErrorCode::permission_denied, "hits belong to states; you act for none", ""};
  }
  return *actor.state;
}

Error not_party() {
  return {ErrorCode::permission_denied, "this hit does not involve your state's records", ""};
}

// The view of `hit` for `state`, which must hold one of its sides.
HitView view_of(Hit hit, const std::string& state) {
  HitView view;
  view.own_is_query = hit.query.state == state;
  view.hit = std::move(hit);
  return view;
}

}  // namespace

Result<HitPage> HitService::list(const access::Principal& actor, const HitListQuery& query) const {
  CONCORD_TRY(access::authorize(actor, "hits.read"));
  CONCORD_ASSIGN_OR_RETURN(const std::string state, caller_state(actor));
  std::optional<ReviewStatus> status;
  if (query.status) {
    status = review_status_from_string(*query.status);
    if (!status) {
      return Error::invalid("status", "status must be one of " + review_statuses_list() +
                                          ", got '" + *query.status + "'");
    }
  }
  if (query.limit < 1 || query.limit > 200)
    return Error::invalid("limit", "limit must be a whole number from 1 to 200");
  if (!query.before.empty() && !is_valid_id(query.before))
    return Error::invalid("before", "before must be a hit id");
  CONCORD_ASSIGN_OR_RETURN(
      auto hits,
      store::in_transaction(db_, TransactionMode::read_only, [&](Transaction& transaction) {
        return list_hits_of_state(transaction, state, status, query.before, query.limit + 1);
      }));
  HitPage page;
  if (hits.size() > static_cast<std::size_t>(query.limit)) {
    hits.resize(static_cast<std::size_t>(query.limit));
    page.next_before = hits.back().id;
  }
  for (auto& hit : hits)
    page.hits.push_back(view_of(std::move(hit), state));
  return page;
}

Result<HitView> HitService::get(const access::Principal& actor, const std::string& id) const {
  CONCORD_TRY(access::authorize(actor, "hits.read"));
  CONCORD_ASSIGN_OR_RETURN(const std::string state, caller_state(actor));
  struct Read {
    Hit hit;
    std::optional<WeaponRecord> other;
  };
  CONCORD_ASSIGN_OR_RETURN(
      Read read,
      store::in_transaction(db_, TransactionMode::read_only,
                            [&](Transaction& transaction) -> Result<Read> {
                              CONCORD_ASSIGN_OR_RETURN(Hit hit, get_hit(transaction, id));
                              const HitSide* own = hit.side_of(state);
                              if (own == nullptr) return not_party();
                              auto other = get_weapon(transaction, hit.other_than(*own).record_id);
                              if (!other.ok()) {
                                // A record that left the registry shows as state and kind only.
                                if (other.error().code != ErrorCode::not_found)
                                  return std::move(other).error();
                                return Read{std::move(hit), std::nullopt};
                              }
                              return Read{std::move(hit), std::move(*other)};
                            }));
  HitView view = view_of(std::move(read.hit), state);
  view.other_looked_up = true;
  if (!read.other) return view;
  const auto access = record_access(*read.other);
  if (read.other->state != state) {
    if (!access::authorize(actor, "records.read", &access).ok()) return view;
    if (access.sharing != access::Sharing::public_) {
      CONCORD_TRY(audit_.record(
          db_, actor,
          {"records.read", "weapon_record", read.other->id, read.other->state,
           access::Outcome::success, nlohmann::json{{"via", "hit"}, {"hit_id", id}}.dump()}));
    }
  }
  view.other_record = std::move(read.other);
  return view;
}

Result<std::vector<HitView>> HitService::list_for_record(const access::Principal& actor,
                                                         const std::string& record_id) const {
  CONCORD_TRY(access::authorize(actor, "hits.read"));
  CONCORD_ASSIGN_OR_RETURN(const std::string state, caller_state(actor));
  if (!is_valid_id(record_id)) return Error::invalid("id", "id must be a weapon record id");
  CONCORD_ASSIGN_OR_RETURN(
      auto hits,
      store::in_transaction(db_, TransactionMode::read_only, [&](Transaction& transaction) {
        return list_hits_of_record(transaction, record_id);
      }));
  std::vector<HitView> views;
  for (auto& hit : hits) {
    if (hit.side_of(state) == nullptr) continue;
    views.push_back(view_of(std::move(hit), state));
  }
  if (!views.empty()) return views;
  CONCORD_ASSIGN_OR_RETURN(
      const WeaponRecord record,
      store::in_transaction(db_, TransactionMode::read_only, [&](Transaction& transaction) {
        return get_weapon(transaction, record_id);
      }));
  const auto access = record_access(record);
  CONCORD_TRY(access::authorize(actor, "records.read", &access));
  return views;
}

Result<HitView> HitService::review(const access::Principal& actor, const std::string& id,
                                   const HitReviewInput& input) const {
  CONCORD_TRY(access::authorize(actor, "hits.review"));
  CONCORD_ASSIGN_OR_RETURN(const std::string state, caller_state(actor));
  const auto status = review_status_from_string(input.status);
  if (!status || *status == ReviewStatus::new_) {
    return Error::invalid("status",
                          "status must be confirmed or dismissed, got '" + input.status + "'");
  }
  const std::string note(trim(input.note));
  if (*status == ReviewStatus::dismissed && note.empty())
    return Error::invalid("note", "a dismissal needs a note saying why");
  if (const auto length = utf8_length(note); !length || *length > kMaxNoteLength) {
    return Error::invalid("note",
                          "note has at most " + std::to_string(kMaxNoteLength) + " characters");
  }
  return store::in_transaction(
      db_, TransactionMode::read_write, [&](Transaction& transaction) -> Result<HitView> {
        CONCORD_ASSIGN_OR_RETURN(Hit hit, get_hit(transaction, id));
        const HitSide* side = nullptr;
        if (input.record_id) {
          side = hit.side_with(*input.record_id);
          if (side == nullptr) {
            return Error::invalid("record_id",
                                  "record " + *input.record_id + " is not part of this hit");
          }
        } else {
          side = hit.side_of(state);
          if (side == nullptr) return not_party();
          if (hit.query.state == hit.matched.state) {
            return Error::invalid("record_id",
                                  "both records of this hit are your state's: name the one you "
                                  "review in record_id");
          }
        }
        // Only the owning state reviews a side (a write on its record).
        const access::RecordAccess side_access{side->state, access::Sharing::private_, {}};
        CONCORD_TRY(access::authorize(actor, "hits.review", &side_access));
        HitSide review = *side;
        review.status = *status;
        review.note = note;
        review.reviewed_by = actor.username;
        review.reviewed_at = format_iso8601(clock_.now());
        CONCORD_TRY(set_review(transaction, id, side->record_id, review));
        CONCORD_TRY(audit_.record(
            transaction, actor,
            {"hits.review", "hit", id, side->state, access::Outcome::success,
             nlohmann::json{
                 {"record_id", side->record_id}, {"status", to_string(*status)}, {"note", note}}
                 .dump()}));
        CONCORD_ASSIGN_OR_RETURN(Hit updated, get_hit(transaction, id));
        HitView view = view_of(std::move(updated), state);
        view.own_is_query = view.hit.query.record_id == side->record_id;
        return view;
      });
}

}  // namespace concord::registry
