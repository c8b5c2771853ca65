// CrossChecker: the continuous cross-check. Every weapon record that is created or changed is
// searched against the whole marking index as soon as this node's index holds it; each pair worth
// a hit (cross_check_rules.h) that scores at or above the threshold becomes a Hit, and both owning
// states are notified once (topic "hit.created").
//
// It follows the change feed from a durable cursor (table cross_check_cursor) shared by every
// node, so records written while no server ran (a CLI import) are checked at the next start, and
// a restart resumes where the last batch committed. It never reads past the position the local
// index has applied, so the index always holds every record up to the one checked: the later
// record of any pair finds the earlier one, whichever arrived first. Hits are unique per pair, and
// a hit, its notifications and the cursor move commit together; two nodes checking the same
// changes therefore create one hit and one set of notifications.
//
// Thread-safe: check_pending() serialises itself; start() runs it on a thread of its own.
#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

#include "access/audit_trail.h"
#include "core/clock.h"
#include "core/id.h"
#include "core/result.h"
#include "marking/alignment.h"
#include "registry/hit.h"
#include "search/marking_index.h"
#include "store/database.h"

namespace concord::registry {

inline marking::AlignmentCosts cross_check_costs() {
  marking::AlignmentCosts costs;
  costs.substitution = 2.5;
  costs.lost_edge = 1.0;
  return costs;
}

struct CrossCheckOptions {
  double threshold = 0.85;  // a pair scoring at or above this is a hit (in (0, 1])
  int batch_size = 500;     // change feed entries checked and committed per transaction
  int top = 1000;           // candidates read per marking searched
  // How a pair's markings are compared. Makers number in sequence, so a registry's neighbouring
  // serials differ in one clearly read symbol, most often the last: at search costs every intact
  // seizure would also hit its neighbours' records. Here a clearly read symbol that is neither
  // the record's nor one of its look-alikes counts 2.5 errors, and a record symbol beyond the end
  // of the reading a full one, so a neighbour costs 2 whichever way it is aligned, while a '?',
  // a look-alike, two swapped symbols or one unnoticed deletion cost what they cost in search.
  marking::AlignmentCosts costs = cross_check_costs();
};

// A hit found by a check, with the record it matched as the index holds it.
struct FoundHit {
  Hit hit;  // without id and created_at until stored
  search::IndexedRecord matched;
};

struct CrossCheckProgress {
  std::size_t records_checked = 0;
  std::size_t hits_created = 0;
  std::int64_t position = 0;  // the cursor after the call
};

class CrossChecker {
 public:
  // `indexed_position` says how far the local index has applied the change feed
  // (MarkingIndexFeed::position). Everything passed must outlive the checker.
  CrossChecker(store::Database& db, const search::MarkingIndex& index,
               std::function<std::int64_t()> indexed_position, IdGenerator& ids, const Clock& clock,
               const access::AuditTrail& audit, CrossCheckOptions options = {});
  ~CrossChecker() { stop(); }
  CrossChecker(const CrossChecker&) = delete;
  CrossChecker& operator=(const CrossChecker&) = delete;

  // Checks every weapon change after the cursor up to the indexed position, a batch per
  // transaction, logging progress when there is a backlog; returns early, between batches, once
  // stop() is called. A failed batch is retried from the cursor on the next call (never skipped).
  Result<CrossCheckProgress> check_pending();

  // The hits `record` makes with the records in the index now, without storing anything: what a
  // batch stores for each record it checks.
  Result<std::vector<FoundHit>> find_hits(const search::IndexedRecord& record) const;

  // Runs check_pending() every `interval` until stop(); failures are logged and retried.
  void start(std::chrono::milliseconds interval);
  void stop();

  const CrossCheckOptions& options() const { return options_; }

 private:
  Result<CrossCheckProgress> check_batch(std::int64_t cursor, std::int64_t limit, bool& done);
  Result<void> announce(store::Transaction& transaction, const Hit& hit,
                        const search::IndexedRecord& query, const search::IndexedRecord& matched);

  store::Database& db_;
  const search::MarkingIndex& index_;
  std::function<std::int64_t()> indexed_position_;
  IdGenerator& ids_;
  const Clock& clock_;
  const access::AuditTrail& audit_;
  CrossCheckOptions options_;
  std::mutex checking_;
  std::mutex stopping_;
  std::condition_variable wake_;
  bool stop_requested_ = false;
  // Read between batches, so that stop() does not wait for a whole backlog.
  std::atomic<bool> abandon_backlog_{false};
  std::thread thread_;
};

}  // namespace concord::registry
