// The continuous cross-check on both backends: hits in both orders of arrival, damaged markings,
// the threshold, no self-hits, which pairs of kinds make hits, one hit and one set of
// notifications across two checkers (two nodes) and restarts (the durable cursor), records
// written before the checker started, bounded batches; and what each state learns through
// HitService: the other record's details as far as its sharing allows, reviews of its own side
// only, and refusals for states not party to the hit and for observers.
#include <gtest/gtest.h>

#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <thread>

#include "access/audit_trail.h"
#include "directory/directory_service.h"
#include "registry/cross_check_rules.h"
#include "registry/cross_checker.h"
#include "registry/hit_service.h"
#include "registry/hit_store.h"
#include "registry/marking_index_feed.h"
#include "registry/weapon_generator.h"
#include "registry/weapon_store.h"
#include "store/change_feed.h"
#include "store/migrations.h"
#include "support/test_database.h"

namespace concord::registry {
namespace {

using namespace std::chrono;

const ReferenceData& reference() {
  static const auto loaded = ReferenceData::load("/usr/share/iso-codes/json");
  return **loaded;
}

// One node: its own index, following the feed, and its own checker.
struct Node {
  Node(store::Database& db, IdGenerator& ids, const Clock& clock, const access::AuditTrail& audit,
       CrossCheckOptions options = {})
      : feed(db, index),
        checker(
            db, index, [this] { return feed.position(); }, ids, clock, audit, options) {}

  // Takes in every change so far, then checks what the cursor has not reached.
  CrossCheckProgress check() {
    auto applied = feed.catch_up();
    EXPECT_TRUE(applied.ok()) << applied.error().message;
    auto checked = checker.check_pending();
    EXPECT_TRUE(checked.ok()) << checked.error().message;
    return checked.ok() ? *checked : CrossCheckProgress{};
  }

  search::MarkingIndex index;
  MarkingIndexFeed feed;
  CrossChecker checker;
};

// Serials unlike one another (splitmix64 digits), so that only the pairs a test makes on purpose
// reach the threshold.
std::string distinct_serial(const std::string& prefix, int i) {
  std::uint64_t x = (static_cast<std::uint64_t>(i) + 1) * 0x9E3779B97F4A7C15ULL;
  x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ULL;
  x = (x ^ (x >> 27)) * 0x94D049BB133111EBULL;
  x ^= x >> 31;
  std::string digits = std::to_string(x % 10000000000ULL);
  return prefix + std::string(10 - digits.size(), '0') + digits;
}

access::Principal user(const std::string& state, access::Role role, std::string name) {
  access::Principal principal;
  principal.user_id = "user-" + name;
  principal.username = std::move(name);
  principal.state = state;
  principal.roles = {role};
  principal.credential = access::Credential::session;
  principal.second_factor = true;
  return principal;
}

class CrossCheck : public ::testing::TestWithParam<store::Backend> {
 protected:
  void SetUp() override {
    db_ = concord::testing::open_fresh_database(GetParam());
    ASSERT_TRUE(store::migrate(*db_).ok());
    directory::DirectoryService directory(*db_, reference(), clock_, ids_, audit_);
    ASSERT_TRUE(directory.sync_states().ok());
  }

  // Stores a record (with the default sharing of its kind unless `sharing` says otherwise, as a
  // later change would) and returns its id.
  std::string add(const std::string& external_id, RecordKind kind, const std::string& state,
                  const std::string& serial, std::optional<access::Sharing> sharing = {},
                  std::vector<std::string> shared_with = {}) {
    WeaponRecord record;
    record.external_id = external_id;
    record.kind = kind;
    record.state = state;
    record.weapon_type = "pistol";
    record.make = "Glock";
    record.model = "17";
    record.calibre = "9x19mm";
    record.serial = serial;
    std::vector<WeaponRecord> records = {record};
    auto inserted = insert_weapons(*db_, ids_, clock_, records);
    EXPECT_TRUE(inserted.ok() && inserted->inserted == 1);
    record = records.front();
    records_[record.id] = record;
    if (sharing) change_sharing(record, *sharing, std::move(shared_with));
    return record.id;
  }

  void change_sharing(WeaponRecord record, access::Sharing sharing,
                      std::vector<std::string> shared_with) {
    record.shared_with = std::move(shared_with);
    std::string named;
    for (const auto& state : record.shared_with)
      named += (named.empty() ? "" : ",") + state;
    auto changed = store::in_transaction(
        *db_, store::TransactionMode::read_write, [&](store::Transaction& tx) -> Result<void> {
          CONCORD_TRY(tx.execute("UPDATE weapons SET sharing = $2, shared_with = $3 WHERE id = $1",
                                 {record.id, std::string(access::to_string(sharing)), named}));
          CONCORD_TRY(store::append_change(
              tx, {0, "", "registry", "weapon", record.id, "updated",
                   search::indexed_record_to_json(to_indexed_record(record, sharing)).dump()}));
          return ok();
        });
    ASSERT_TRUE(changed.ok()) << changed.error().message;
  }

  std::vector<Hit> all_hits() {
    auto hits = store::in_transaction(
        *db_, store::TransactionMode::read_only,
        [](store::Transaction& tx) -> Result<std::vector<Hit>> {
          CONCORD_ASSIGN_OR_RETURN(auto ids,
                                   tx.query("SELECT id FROM cross_check_hits ORDER BY id"));
          std::vector<Hit> all;
          for (const auto& row : ids.rows) {
            CONCORD_ASSIGN_OR_RETURN(auto hit, get_hit(tx, row.text(0)));
            all.push_back(std::move(hit));
          }
          return all;
        });
    EXPECT_TRUE(hits.ok());
    return hits.ok() ? *hits : std::vector<Hit>{};
  }

  struct Notice {
    std::string state;
    std::string summary;
    nlohmann::json payload;
  };
  std::vector<Notice> notifications_of(const std::string& hit_id) {
    auto rows =
        store::in_transaction(*db_, store::TransactionMode::read_only, [&](store::Transaction& tx) {
          return tx.query(
              "SELECT state, summary, payload, topic, subject_type FROM notifications "
              "WHERE subject_id = $1 ORDER BY state",
              {hit_id});
        });
    EXPECT_TRUE(rows.ok());
    std::vector<Notice> out;
    if (!rows.ok()) return out;
    for (const auto& row : rows->rows) {
      EXPECT_EQ(row.text(3), "hit.created");
      EXPECT_EQ(row.text(4), "hit");
      out.push_back({row.text(0), row.text(1), nlohmann::json::parse(row.text(2))});
    }
    return out;
  }

  void expect_damaged_markings_hit(bool seizures_first);

  std::int64_t cursor() {
    auto position =
        store::in_transaction(*db_, store::TransactionMode::read_only,
                              [](store::Transaction& tx) { return read_cross_check_cursor(tx); });
    EXPECT_TRUE(position.ok());
    return position.ok() ? *position : -1;
  }

  ManualClock clock_{TimePoint(milliseconds(1'800'000'000'000))};
  IdGenerator ids_{clock_};
  access::AuditTrail audit_{clock_};
  std::unique_ptr<store::Database> db_;
  std::map<std::string, WeaponRecord> records_;
};

TEST_P(CrossCheck, TheftThenSeizureMakesOneHit) {
  Node node(*db_, ids_, clock_, audit_);
  const auto theft = add("DE-1", RecordKind::stolen, "DE", "AB12345678");
  EXPECT_EQ(node.check().hits_created, 0u);
  const auto seizure = add("FR-1", RecordKind::seized, "FR", "AB12345678");
  EXPECT_EQ(node.check().hits_created, 1u);
  auto hits = all_hits();
  ASSERT_EQ(hits.size(), 1u);
  EXPECT_EQ(hits[0].query.record_id, seizure);
  EXPECT_EQ(hits[0].matched.record_id, theft);
  EXPECT_EQ(hits[0].query.state, "FR");
  EXPECT_EQ(hits[0].matched.state, "DE");
  EXPECT_EQ(hits[0].query.kind, "seized");
  EXPECT_EQ(hits[0].matched.kind, "stolen");
  EXPECT_EQ(hits[0].query.marking, "AB12345678");
  EXPECT_DOUBLE_EQ(hits[0].score, 1.0);
  EXPECT_EQ(hits[0].query.status, ReviewStatus::new_);
}

TEST_P(CrossCheck, SeizureThenTheftMakesTheSameHit) {
  Node node(*db_, ids_, clock_, audit_);
  const auto seizure = add("FR-1", RecordKind::seized, "FR", "AB12345678");
  EXPECT_EQ(node.check().hits_created, 0u);
  const auto theft = add("DE-1", RecordKind::stolen, "DE", "AB12345678");
  EXPECT_EQ(node.check().hits_created, 1u);
  auto hits = all_hits();
  ASSERT_EQ(hits.size(), 1u);
  EXPECT_EQ(hits[0].query.record_id, theft);
  EXPECT_EQ(hits[0].matched.record_id, seizure);
}

TEST_P(CrossCheck, BothInOneBatchMakeOneHit) {
  Node node(*db_, ids_, clock_, audit_);
  add("FR-1", RecordKind::seized, "FR", "AB12345678");
  add("DE-1", RecordKind::stolen, "DE", "AB12345678");
  const auto progress = node.check();
  EXPECT_EQ(progress.records_checked, 2u);
  EXPECT_EQ(progress.hits_created, 1u);
  EXPECT_EQ(all_hits().size(), 1u);
}

// Adds damaged seizure readings and clean theft reports in the given order; all three pairs hit.
void CrossCheck::expect_damaged_markings_hit(bool seizures_first) {
  Node node(*db_, ids_, clock_, audit_);
  auto seizures = [&] {
    add("FR-LOOK", RecordKind::seized, "FR", "AB1234567O");    // O read for 0: a look-alike
    add("FR-GONE", RecordKind::seized, "FR", "CD97?53186");    // one character obliterated
    add("FR-SPACE", RecordKind::found, "FR", "ef 5820-3917");  // spacing and case as read
  };
  auto thefts = [&] {
    add("DE-LOOK", RecordKind::stolen, "DE", "AB12345670");
    add("DE-GONE", RecordKind::lost, "DE", "CD97153186");
    add("DE-SPACE", RecordKind::stolen, "DE", "EF58203917");
  };
  if (seizures_first) {
    seizures();
    EXPECT_EQ(node.check().hits_created, 0u);
    thefts();
  } else {
    thefts();
    EXPECT_EQ(node.check().hits_created, 0u);
    seizures();
  }
  EXPECT_EQ(node.check().hits_created, 3u);
  for (const auto& hit : all_hits()) {
    EXPECT_GE(hit.score, 0.8) << hit.query.marking << " / " << hit.matched.marking;
    EXPECT_NE(hit.query.state, hit.matched.state);
  }
}

// Makers number in sequence: an intact seizure must not hit the registry entries of its
// neighbours, which differ in one clearly read digit, while a digit read as '?' still hits.
TEST_P(CrossCheck, SequentialNeighboursDoNotHitButObliteratedDigitsDo) {
  Node node(*db_, ids_, clock_, audit_);
  add("DE-R1", RecordKind::registry, "DE", "KX10004567");
  add("DE-R2", RecordKind::registry, "DE", "KX10004569");
  add("DE-R3", RecordKind::registry, "DE", "KX1004568");
  EXPECT_EQ(node.check().hits_created, 0u);
  add("FR-S1", RecordKind::seized, "FR", "KX10004568");
  EXPECT_EQ(node.check().hits_created, 1u);  // only the lost-digit reading of DE-R3
  add("FR-S2", RecordKind::seized, "FR", "KX1000456?");
  EXPECT_EQ(node.check().hits_created, 2u);  // both neighbours fit an unreadable last digit
}

TEST_P(CrossCheck, DamagedSeizureReadingsHitEarlierTheftReports) {
  expect_damaged_markings_hit(/*seizures_first=*/false);
}

TEST_P(CrossCheck, LaterTheftReportsHitDamagedSeizureReadings) {
  expect_damaged_markings_hit(/*seizures_first=*/true);
}

TEST_P(CrossCheck, BelowTheThresholdIsNoHit) {
  Node node(*db_, ids_, clock_, audit_);
  add("DE-1", RecordKind::stolen, "DE", "AB12345678");
  add("FR-1", RecordKind::seized, "FR", "AB12KKK678");  // three wrong of ten: 0.7
  add("FR-2", RecordKind::seized, "FR", "XY98765432");
  EXPECT_EQ(node.check().hits_created, 0u);
  EXPECT_TRUE(all_hits().empty());
}

TEST_P(CrossCheck, TheThresholdIsASetting) {
  // One clearly different symbol in ten costs two errors in a cross-check: 0.8, below the
  // default 0.85, above a lenient 0.75.
  CrossCheckOptions lenient;
  lenient.threshold = 0.75;
  Node node(*db_, ids_, clock_, audit_, lenient);
  add("DE-1", RecordKind::stolen, "DE", "AB12345678");
  add("FR-1", RecordKind::seized, "FR", "AB12345679");
  EXPECT_EQ(node.check().hits_created, 1u);
  EXPECT_NEAR(all_hits().at(0).score, 0.8, 1e-9);
}

TEST_P(CrossCheck, OnlyPairsWorthAHitAndNeverARecordWithItself) {
  Node node(*db_, ids_, clock_, audit_);
  add("FR-R1", RecordKind::registry, "FR", "QQ11112222");
  add("DE-R1", RecordKind::registry, "DE", "QQ11112222");  // two registries: no report
  add("FR-S1", RecordKind::stolen, "FR", "QQ11112222");    // its own registry entry: no hit
  add("IT-S1", RecordKind::seized, "IT", "MM55556666");
  add("IT-S2", RecordKind::seized, "IT", "MM55556666");  // one state's seizures twice: no hit
  add("KE-X1", RecordKind::seized, "KE", "UNIQUE0001");  // matches only itself
  node.check();
  auto hits = all_hits();
  // FR-S1 (stolen, FR) pairs with DE's registry entry only.
  ASSERT_EQ(hits.size(), 1u);
  const std::set<std::string> pair = {hits[0].query.state + " " + hits[0].query.kind,
                                      hits[0].matched.state + " " + hits[0].matched.kind};
  EXPECT_EQ(pair, (std::set<std::string>{"FR stolen", "DE registry"}));

  add("DE-S1", RecordKind::seized, "DE", "MM55556666");  // seizures of two states: hits
  node.check();
  EXPECT_EQ(all_hits().size(), 3u);
  for (const auto& hit : all_hits())
    EXPECT_NE(hit.query.record_id, hit.matched.record_id);
}

TEST_P(CrossCheck, AChangedRecordIsCheckedAgainWithoutRepeatingItsHits) {
  Node node(*db_, ids_, clock_, audit_);
  add("DE-1", RecordKind::stolen, "DE", "AB12345678");
  const auto seizure = add("FR-1", RecordKind::seized, "FR", "AB12345678");
  EXPECT_EQ(node.check().hits_created, 1u);
  change_sharing(records_[seizure], access::Sharing::public_, {});
  const auto again = node.check();
  EXPECT_EQ(again.records_checked, 1u);
  EXPECT_EQ(again.hits_created, 0u);
  auto hits = all_hits();
  ASSERT_EQ(hits.size(), 1u);
  EXPECT_EQ(notifications_of(hits[0].id).size(), 2u);
}

TEST_P(CrossCheck, NotifiesEachStateOnceRevealingOnlyWhatSharingAllows) {
  Node node(*db_, ids_, clock_, audit_);
  // DE's registry entry is private; FR's seizure is shared with DE by name.
  add("DE-REG-7", RecordKind::registry, "DE", "AB12345678");
  add("FR-SEIZ-9", RecordKind::seized, "FR", "AB1234567B", access::Sharing::named_states, {"DE"});
  EXPECT_EQ(node.check().hits_created, 1u);
  auto hits = all_hits();
  ASSERT_EQ(hits.size(), 1u);
  auto notices = notifications_of(hits[0].id);
  ASSERT_EQ(notices.size(), 2u);
  const auto& de = notices[0];
  const auto& fr = notices[1];
  EXPECT_EQ(de.state, "DE");
  EXPECT_EQ(fr.state, "FR");
  // FR learns that DE holds a registry record, and how to ask; nothing of the record itself.
  EXPECT_NE(fr.summary.find("registry record held by DE"), std::string::npos) << fr.summary;
  EXPECT_EQ(fr.summary.find("DE-REG-7"), std::string::npos) << fr.summary;
  EXPECT_EQ(fr.summary.find("AB12345678"), std::string::npos) << fr.summary;
  EXPECT_EQ(fr.payload.dump().find("DE-REG-7"), std::string::npos);
  EXPECT_FALSE(fr.payload["other"].contains("record_id"));
  EXPECT_EQ(fr.payload["trace"]["to_state"], "DE");
  EXPECT_EQ(fr.payload["trace"]["hit_id"], hits[0].id);
  // DE may see FR's seizure, shared with it by name.
  EXPECT_NE(de.summary.find("FR-SEIZ-9"), std::string::npos) << de.summary;
  EXPECT_EQ(de.payload["other"]["marking"], "AB1234567B");
  EXPECT_EQ(de.payload["record"]["external_id"], "DE-REG-7");

  // Checking everything again (a restart that lost its place, or a node that lagged) makes no
  // second hit and notifies nobody again.
  ASSERT_TRUE(
      store::in_transaction(*db_, store::TransactionMode::read_write, [](store::Transaction& tx) {
        return tx.execute("UPDATE cross_check_cursor SET position = 0");
      }).ok());
  Node restarted(*db_, ids_, clock_, audit_);
  ASSERT_TRUE(restarted.feed.load().ok());
  const auto rechecked = restarted.checker.check_pending();
  ASSERT_TRUE(rechecked.ok());
  EXPECT_EQ(rechecked->records_checked, 2u);
  EXPECT_EQ(rechecked->hits_created, 0u);
  EXPECT_EQ(all_hits().size(), 1u);
  EXPECT_EQ(notifications_of(hits[0].id).size(), 2u);
}

TEST_P(CrossCheck, TwoNodesCheckingTheSameChangesMakeOneHitAndOneSetOfNotifications) {
  Node first(*db_, ids_, clock_, audit_);
  Node second(*db_, ids_, clock_, audit_);
  for (int i = 0; i < 20; ++i) {
    const std::string serial = distinct_serial("NN", i);
    add("DE-" + std::to_string(i), RecordKind::stolen, "DE", serial);
    add("FR-" + std::to_string(i), RecordKind::seized, "FR", serial);
  }
  ASSERT_TRUE(first.feed.catch_up().ok());
  ASSERT_TRUE(second.feed.catch_up().ok());
  // Both start from the same cursor, at the same time.
  Result<CrossCheckProgress> a = Error::internal("not run"), b = Error::internal("not run");
  std::thread one([&] { a = first.checker.check_pending(); });
  std::thread two([&] { b = second.checker.check_pending(); });
  one.join();
  two.join();
  ASSERT_TRUE(a.ok()) << a.error().message;
  ASSERT_TRUE(b.ok()) << b.error().message;
  EXPECT_EQ(a->hits_created + b->hits_created, 20u);
  auto hits = all_hits();
  EXPECT_EQ(hits.size(), 20u);

  for (const auto& hit : hits)
    EXPECT_EQ(notifications_of(hit.id).size(), 2u);
  EXPECT_EQ(first.check().hits_created, 0u);
  EXPECT_EQ(second.check().hits_created, 0u);
}

TEST_P(CrossCheck, RecordsWrittenBeforeStartAreCheckedOnceTheIndexIsLoaded) {
  add("DE-1", RecordKind::lost, "DE", "KK99887766");
  add("FR-1", RecordKind::found, "FR", "KK99887766");
  Node node(*db_, ids_, clock_, audit_);
  // Before the index is loaded the checker reads nothing: it never gets ahead of the index.
  EXPECT_EQ(node.checker.check_pending()->records_checked, 0u);
  EXPECT_EQ(cursor(), 0);
  ASSERT_TRUE(node.feed.load().ok());
  auto progress = node.checker.check_pending();
  ASSERT_TRUE(progress.ok());
  EXPECT_EQ(progress->records_checked, 2u);
  EXPECT_EQ(progress->hits_created, 1u);
  auto latest = store::latest_change_position(*db_);
  EXPECT_EQ(cursor(), *latest);
}

// A generated registry (dense, realistic serials of every kind) plus damaged seizure readings of a
// third of it, checked in small batches, gives exactly the pairs that comparing every record with
// every other finds: the index misses nothing the threshold admits, whatever the arrival order.
TEST_P(CrossCheck, ABacklogInBoundedBatchesFindsExactlyWhatComparingEveryPairFinds) {
  std::vector<WeaponRecord> records;
  generate_weapons({300, 11}, [&](const WeaponRecord& record) { records.push_back(record); });
  for (std::size_t i = 0; i < 300; i += 3) {
    if (records[i].serial.size() < 4) continue;
    WeaponRecord seizure = records[i];
    seizure.external_id = "SEIZ-" + std::to_string(i);
    seizure.kind = RecordKind::seized;
    seizure.state = records[i].state == "KE" ? "FR" : "KE";
    // One character obliterated: an ASCII digit from the middle on (serials may be Cyrillic).
    const auto digit = seizure.serial.find_first_of("0123456789", seizure.serial.size() / 2);
    if (digit == std::string::npos) continue;
    seizure.serial[digit] = '?';
    records.push_back(seizure);
  }
  ASSERT_TRUE(insert_weapons(*db_, ids_, clock_, records).ok());
  CrossCheckOptions options;
  options.batch_size = 50;
  Node node(*db_, ids_, clock_, audit_, options);
  auto progress = node.check();
  EXPECT_EQ(progress.records_checked, records.size());
  EXPECT_EQ(cursor(), *store::latest_change_position(*db_));

  std::set<std::pair<std::string, std::string>> expected;
  std::vector<search::IndexedRecord> indexed;
  std::vector<std::vector<ReadMarking>> read;
  for (const auto& record : records) {
    indexed.push_back(to_indexed_record(record, default_sharing(record.kind)));
    read.push_back(read_markings(indexed.back()));
  }
  for (std::size_t i = 0; i < indexed.size(); ++i) {
    for (std::size_t j = i + 1; j < indexed.size(); ++j) {
      if (!pair_worth_a_hit(indexed[i], indexed[j])) continue;
      const auto score = pair_score(read[i], read[j], options.costs);
      if (score && score->score + 1e-9 >= options.threshold)
        expected.insert(std::minmax(indexed[i].id, indexed[j].id));
    }
  }
  std::set<std::pair<std::string, std::string>> found;
  for (const auto& hit : all_hits())
    found.insert(std::minmax(hit.query.record_id, hit.matched.record_id));
  EXPECT_GE(expected.size(), 60u);  // most damaged readings at least
  EXPECT_EQ(found, expected);
  EXPECT_EQ(progress.hits_created, expected.size());
}

TEST_P(CrossCheck, StatesSeeTheOtherRecordOnlyAsFarAsItsSharingAllows) {
  Node node(*db_, ids_, clock_, audit_);
  const auto registry_entry = add("DE-REG", RecordKind::registry, "DE", "AB12345678");  // private
  const auto seizure = add("FR-SEIZ", RecordKind::seized, "FR", "AB12345678");  // law enforcement
  node.check();
  auto hits = all_hits();
  ASSERT_EQ(hits.size(), 1u);
  const std::string hit_id = hits[0].id;
  HitService service(*db_, clock_, audit_);

  const auto fr_officer = user("FR", access::Role::tracing_officer, "fr.officer");
  auto fr_view = service.get(fr_officer, hit_id);
  ASSERT_TRUE(fr_view.ok()) << fr_view.error().message;
  EXPECT_EQ(fr_view->own().record_id, seizure);
  EXPECT_EQ(fr_view->other().state, "DE");
  EXPECT_FALSE(fr_view->other_record.has_value());  // private: state, kind and score only

  const auto de_contact = user("DE", access::Role::national_contact, "de.contact");
  auto de_view = service.get(de_contact, hit_id);
  ASSERT_TRUE(de_view.ok());
  EXPECT_EQ(de_view->own().record_id, registry_entry);
  ASSERT_TRUE(de_view->other_record.has_value());  // law-enforcement sharing
  EXPECT_EQ(de_view->other_record->external_id, "FR-SEIZ");
  // That read of FR's confidential record is audited.
  auto audited = audit_.entries_for_target(*db_, "weapon_record", seizure, 10);
  ASSERT_TRUE(audited.ok());
  ASSERT_EQ(audited->size(), 1u);
  EXPECT_EQ((*audited)[0].action, "records.read");
  EXPECT_EQ((*audited)[0].actor_username, "de.contact");

  // States not party to the hit, observers and anonymous callers learn nothing.
  const auto it_officer = user("IT", access::Role::tracing_officer, "it.officer");
  EXPECT_EQ(service.get(it_officer, hit_id).error().code, ErrorCode::permission_denied);
  const auto fr_observer = user("FR", access::Role::civil_society, "fr.observer");
  EXPECT_EQ(service.get(fr_observer, hit_id).error().code, ErrorCode::permission_denied);
  EXPECT_EQ(service.get(access::Principal::anonymous(), hit_id).error().code,
            ErrorCode::unauthenticated);
  EXPECT_EQ(service.list(it_officer, {})->hits.size(), 0u);
  EXPECT_EQ(service.list(fr_officer, {})->hits.size(), 1u);
  EXPECT_EQ(service.list_for_record(it_officer, seizure)->size(), 0u);
  EXPECT_EQ(service.list_for_record(de_contact, seizure)->size(), 1u);
  EXPECT_EQ(service.get(fr_officer, "01JUNKNOWNUNKNOWNUNKNOWN00").error().code,
            ErrorCode::not_found);
}

TEST_P(CrossCheck, EachStateReviewsItsOwnSideOnly) {
  Node node(*db_, ids_, clock_, audit_);
  const auto theft = add("DE-1", RecordKind::stolen, "DE", "AB12345678");
  const auto seizure = add("FR-1", RecordKind::seized, "FR", "AB12345678");
  node.check();
  const std::string hit_id = all_hits().at(0).id;
  HitService service(*db_, clock_, audit_);
  const auto fr_officer = user("FR", access::Role::tracing_officer, "fr.officer");
  const auto de_contact = user("DE", access::Role::national_contact, "de.contact");

  auto confirmed = service.review(fr_officer, hit_id, {"confirmed", "same pistol", {}});
  ASSERT_TRUE(confirmed.ok()) << confirmed.error().message;
  EXPECT_EQ(confirmed->own().record_id, seizure);
  EXPECT_EQ(confirmed->own().status, ReviewStatus::confirmed);
  EXPECT_EQ(confirmed->own().reviewed_by, "fr.officer");
  EXPECT_EQ(confirmed->other().status, ReviewStatus::new_);

  // FR may not review DE's side.
  auto refused = service.review(fr_officer, hit_id, {"dismissed", "not ours", theft});
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().code, ErrorCode::permission_denied);

  auto no_note = service.review(de_contact, hit_id, {"dismissed", "  ", {}});
  ASSERT_FALSE(no_note.ok());
  EXPECT_EQ(no_note.error().field, "note");
  auto bad_status = service.review(de_contact, hit_id, {"maybe", "", {}});
  EXPECT_EQ(bad_status.error().field, "status");
  auto dismissed = service.review(de_contact, hit_id, {"dismissed", "serial reused by maker", {}});
  ASSERT_TRUE(dismissed.ok());
  EXPECT_EQ(dismissed->own().record_id, theft);
  EXPECT_EQ(dismissed->own().note, "serial reused by maker");

  // Filters by the caller's side's status.
  HitListQuery query;
  query.status = "confirmed";
  EXPECT_EQ(service.list(fr_officer, query)->hits.size(), 1u);
  EXPECT_EQ(service.list(de_contact, query)->hits.size(), 0u);
  query.status = "dismissed";
  EXPECT_EQ(service.list(de_contact, query)->hits.size(), 1u);
  query.status = "nonsense";
  EXPECT_EQ(service.list(de_contact, query).error().field, "status");

  const auto it_officer = user("IT", access::Role::tracing_officer, "it.officer");
  EXPECT_EQ(service.review(it_officer, hit_id, {"confirmed", "", {}}).error().code,
            ErrorCode::permission_denied);
  const auto analyst = user("FR", access::Role::analyst, "fr.analyst");
  EXPECT_EQ(service.review(analyst, hit_id, {"confirmed", "", {}}).error().code,
            ErrorCode::permission_denied);
}

TEST_P(CrossCheck, ListsArePagedNewestFirst) {
  Node node(*db_, ids_, clock_, audit_);
  for (int i = 0; i < 5; ++i) {
    const std::string serial = distinct_serial("PG", i);
    add("DE-" + std::to_string(i), RecordKind::stolen, "DE", serial);
    add("FR-" + std::to_string(i), RecordKind::seized, "FR", serial);
    node.check();
    clock_.advance(seconds(1));
  }
  HitService service(*db_, clock_, audit_);
  const auto fr_officer = user("FR", access::Role::tracing_officer, "fr.officer");
  HitListQuery query;
  query.limit = 2;
  std::vector<std::string> seen;
  for (int pages = 0; pages < 5; ++pages) {
    auto page = service.list(fr_officer, query);
    ASSERT_TRUE(page.ok());
    for (const auto& view : page->hits)
      seen.push_back(view.hit.id);
    if (!page->next_before) break;
    query.before = *page->next_before;
  }
  ASSERT_EQ(seen.size(), 5u);
  for (std::size_t i = 1; i < seen.size(); ++i)
    EXPECT_GT(seen[i - 1], seen[i]);
}

INSTANTIATE_TEST_SUITE_P(Backends, CrossCheck,
                         ::testing::ValuesIn(concord::testing::all_backends()));

}  // namespace
}  // namespace concord::registry
