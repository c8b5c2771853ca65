#include "registry/cross_checker.h"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <string>
#include <utility>

#include "access/policy.h"
#include "marking/marking_query.h"
#include "notification/notification.h"
#include "registry/cross_check_rules.h"
#include "registry/hit_store.h"
#include "store/change_feed.h"

namespace concord::registry {
namespace {

// A backlog at least this long is reported in the log as it is worked through.
constexpr std::int64_t kBacklogWorthLogging = 2000;

const access::Principal& checker_principal() {
  static const access::Principal principal = access::Principal::system("cross-check");
  return principal;
}

access::RecordAccess access_of(const search::IndexedRecord& record) {
  access::RecordAccess access;
  access.owner_state = record.state;
  access.sharing = access::sharing_from_string(record.sharing).value_or(access::Sharing::private_);
  access.shared_with.insert(record.shared_with.begin(), record.shared_with.end());
  return access;
}

// A state's inbox is read by every user of the state, whatever their role, so it tells of the
// other state's record only what every one of them may see: the details when the record is public
// or shared with the state by name; otherwise its state, kind and the score (law-enforcement
// users read more through GET /api/v1/hits/{id}, which asks the access policy).
bool inbox_may_see_details(const search::IndexedRecord& other, const std::string& state) {
  const auto access = access_of(other);
  return access.sharing == access::Sharing::public_ ||
         (access.sharing == access::Sharing::named_states && access.shared_with.contains(state));
}

std::string describe(const search::IndexedRecord& record) {
  std::string text;
  for (const std::string* part : {&record.make, &record.model, &record.calibre}) {
    if (part->empty()) continue;
    if (!text.empty()) text += ' ';
    text += *part;
  }
  return text;
}

HitSide side_of(const search::IndexedRecord& record, int marking) {
  HitSide side;
  side.record_id = record.id;
  side.state = record.state;
  side.kind = record.kind;
  side.marking = record.markings[static_cast<std::size_t>(marking)];
  return side;
}

notification::Notification notice_for(const Hit& hit, const HitSide& own,
                                      const search::IndexedRecord& own_record, const HitSide& other,
                                      const search::IndexedRecord& other_record) {
  const std::string score = fmt::format("{:.2f}", hit.score);
  notification::Notification notice;
  notice.state = own.state;
  notice.topic = "hit.created";
  notice.subject_type = "hit";
  notice.subject_id = hit.id;
  nlohmann::json other_json = {{"state", other.state}, {"kind", other.kind}};
  std::string other_text = "a " + other.kind + " record held by " + other.state;
  if (other.state == own.state) {
    other_text = "your " + other.kind + " record " + other_record.external_id;
    other_json["record_id"] = other.record_id;
    other_json["external_id"] = other_record.external_id;
    other_json["marking"] = other.marking;
  } else if (inbox_may_see_details(other_record, own.state)) {
    other_text += " (" + other_record.external_id;
    if (const auto description = describe(other_record); !description.empty())
      other_text += ", " + description;
    other_text += ", marking \"" + other.marking + "\")";
    other_json["record_id"] = other.record_id;
    other_json["external_id"] = other_record.external_id;
    other_json["marking"] = other.marking;
    other_json["make"] = other_record.make;
    other_json["model"] = other_record.model;
    other_json["calibre"] = other_record.calibre;
  }
  notice.summary = "Possible match (score " + score + "): your " + own.kind + " record " +
                   own_record.external_id + " (marking \"" + own.marking + "\") and " + other_text;
  notice.payload = {
      {"hit_id", hit.id},
      {"score", hit.score},
      {"record",
       {{"record_id", own.record_id},
        {"external_id", own_record.external_id},
        {"kind", own.kind},
        {"marking", own.marking}}},
      {"other", other_json},
  };
  if (other.state != own.state) {
    notice.payload["trace"] = {
        {"to_state", other.state}, {"record_id", own.record_id}, {"hit_id", hit.id}};
  }
  return notice;
}

}  // namespace

CrossChecker::CrossChecker(store::Database& db, const search::MarkingIndex& index,
                           std::function<std::int64_t()> indexed_position, IdGenerator& ids,
                           const Clock& clock, const access::AuditTrail& audit,
                           CrossCheckOptions options)
    : db_(db),
      index_(index),
      indexed_position_(std::move(indexed_position)),
      ids_(ids),
      clock_(clock),
      audit_(audit),
      options_(options) {}

Result<std::vector<FoundHit>> CrossChecker::find_hits(const search::IndexedRecord& record) const {
  std::map<std::string, search::IndexedRecord> candidates;
  for (const auto& text : record.markings) {
    auto query = marking::parse_marking_query(text, "marking");
    if (!query.ok()) continue;  // nothing was read: no reading to compare
    search::SearchRequest request;
    request.query = std::move(*query);
    request.viewer.sees_everything = true;
    request.top = options_.top;
    request.min_score = options_.threshold;
    CONCORD_ASSIGN_OR_RETURN(auto found, index_.search(request));
    if (found.hits.size() == static_cast<std::size_t>(options_.top)) {
      spdlog::warn(
          "cross-check: marking \"{}\" of record {} reads as {} or more records at or above {}; "
          "only the best {} were considered",
          text, record.id, options_.top, options_.threshold, options_.top);
    }
    for (auto& hit : found.hits) {
      if (!pair_worth_a_hit(record, hit.record)) continue;
      candidates.try_emplace(hit.id, std::move(hit.record));
    }
  }
  std::vector<FoundHit> hits;
  const auto read = read_markings(record);
  for (auto& [id, other] : candidates) {
    const auto score = pair_score(read, read_markings(other), options_.costs);
    // Scores are in whole hundredths of an edit: the slack only absorbs floating-point error.
    if (!score || score->score + 1e-9 < options_.threshold) continue;
    Hit hit;
    hit.query = side_of(record, score->marking_a);
    hit.matched = side_of(other, score->marking_b);
    hit.score = score->score;
    hits.push_back({std::move(hit), std::move(other)});
  }
  return hits;
}

Result<void> CrossChecker::announce(store::Transaction& transaction, const Hit& hit,
                                    const search::IndexedRecord& query,
                                    const search::IndexedRecord& matched) {
  CONCORD_TRY(notification::notify(transaction, ids_, clock_,
                                   notice_for(hit, hit.query, query, hit.matched, matched)));
  if (hit.matched.state != hit.query.state) {
    CONCORD_TRY(notification::notify(transaction, ids_, clock_,
                                     notice_for(hit, hit.matched, matched, hit.query, query)));
  }
  const std::string details = nlohmann::json{
      {"query_record_id", hit.query.record_id},
      {"matched_record_id", hit.matched.record_id},
      {"score", hit.score}}.dump();
  std::set<std::string> states = {hit.query.state, hit.matched.state};
  for (const auto& state : states) {
    CONCORD_TRY(
        audit_.record(transaction, checker_principal(),
                      {"hits.create", "hit", hit.id, state, access::Outcome::success, details}));
  }
  return ok();
}

Result<CrossCheckProgress> CrossChecker::check_batch(std::int64_t cursor, std::int64_t limit,
                                                     bool& done) {
  CrossCheckProgress progress;
  progress.position = cursor;
  CONCORD_ASSIGN_OR_RETURN(auto changes, store::read_changes(db_, cursor, options_.batch_size));
  // The latest state of each record in the batch, in feed order; a deletion drops it.
  std::vector<std::string> order;
  std::map<std::string, std::optional<search::IndexedRecord>> latest;
  std::int64_t batch_end = cursor;
  for (const auto& change : changes) {
    if (change.position > limit) break;
    batch_end = change.position;
    if (change.area != "registry" || change.entity != "weapon") continue;
    if (!latest.contains(change.entity_id)) order.push_back(change.entity_id);
    if (change.action == "deleted") {
      latest[change.entity_id] = std::nullopt;
      continue;
    }
    auto json = nlohmann::json::parse(change.payload, nullptr, false);
    auto record = json.is_discarded() ? Result<search::IndexedRecord>(Error::internal("not JSON"))
                                      : search::indexed_record_from_json(json);
    if (!record.ok()) {
      return Error::internal("the change feed entry at position " +
                             std::to_string(change.position) +
                             " holds no readable weapon record: " + record.error().message);
    }
    latest[change.entity_id] = std::move(*record);
  }
  done = batch_end == cursor || changes.size() < static_cast<std::size_t>(options_.batch_size) ||
         batch_end >= limit;
  if (batch_end == cursor) return progress;

  // Each hit with both records, for the notifications.
  struct Found {
    FoundHit found;
    const search::IndexedRecord* query = nullptr;
  };
  std::vector<Found> found;
  for (const auto& id : order) {
    const auto& record = latest[id];
    if (!record) continue;
    ++progress.records_checked;
    CONCORD_ASSIGN_OR_RETURN(auto hits, find_hits(*record));
    for (auto& hit : hits)
      found.push_back({std::move(hit), &*record});
  }
  // Pairs go in a fixed order, so that two nodes inserting the same pairs lock rows in the same
  // order and never deadlock.
  std::sort(found.begin(), found.end(), [](const Found& a, const Found& b) {
    return std::minmax(a.found.hit.query.record_id, a.found.hit.matched.record_id) <
           std::minmax(b.found.hit.query.record_id, b.found.hit.matched.record_id);
  });
  const std::string now = format_iso8601(clock_.now());
  CONCORD_ASSIGN_OR_RETURN(
      progress.hits_created,
      store::in_transaction(db_, store::TransactionMode::read_write,
                            [&](store::Transaction& transaction) -> Result<std::size_t> {
                              std::vector<const Found*> created;
                              for (auto& item : found) {
                                item.found.hit.id = ids_.next();
                                item.found.hit.created_at = now;
                                CONCORD_ASSIGN_OR_RETURN(const bool inserted,
                                                         insert_hit(transaction, item.found.hit));
                                if (inserted) created.push_back(&item);
                              }
                              for (const Found* item : created)
                                CONCORD_TRY(announce(transaction, item->found.hit, *item->query,
                                                     item->found.matched));
                              CONCORD_TRY(advance_cross_check_cursor(transaction, batch_end, now));
                              return created.size();
                            }));
  progress.position = batch_end;
  return progress;
}

Result<CrossCheckProgress> CrossChecker::check_pending() {
  std::lock_guard lock(checking_);
  CrossCheckProgress total;
  CONCORD_ASSIGN_OR_RETURN(std::int64_t cursor,
                           store::in_transaction(db_, store::TransactionMode::read_only,
                                                 [](store::Transaction& transaction) {
                                                   return read_cross_check_cursor(transaction);
                                                 }));
  total.position = cursor;
  const std::int64_t limit = indexed_position_();
  const bool backlog = limit - cursor >= kBacklogWorthLogging;
  if (backlog) {
    spdlog::info("cross-check: checking change feed positions {} to {}", cursor + 1, limit);
  }
  for (bool done = cursor >= limit; !done && !abandon_backlog_.load();) {
    CONCORD_ASSIGN_OR_RETURN(auto batch, check_batch(cursor, limit, done));
    total.records_checked += batch.records_checked;
    total.hits_created += batch.hits_created;
    total.position = cursor = batch.position;
    if (backlog) {
      spdlog::info("cross-check: {} records checked, {} hits, at position {} of {}",
                   total.records_checked, total.hits_created, cursor, limit);
    }
  }
  return total;
}

void CrossChecker::start(std::chrono::milliseconds interval) {
  stop();
  {
    std::lock_guard lock(stopping_);
    stop_requested_ = false;
    abandon_backlog_ = false;
  }
  thread_ = std::thread([this, interval] {
    std::unique_lock lock(stopping_);
    while (!stop_requested_) {
      lock.unlock();
      if (auto checked = check_pending(); !checked.ok()) {
        spdlog::error("cross-check: {}", checked.error().message);
      } else if (checked->hits_created > 0) {
        spdlog::info("cross-check: {} records checked, {} new hits", checked->records_checked,
                     checked->hits_created);
      }
      lock.lock();
      wake_.wait_for(lock, interval, [this] { return stop_requested_; });
    }
  });
}

void CrossChecker::stop() {
  {
    std::lock_guard lock(stopping_);
    stop_requested_ = true;
    abandon_backlog_ = true;
  }
  wake_.notify_all();
  if (thread_.joinable()) thread_.join();
}

}  // namespace concord::registry
