// The audit trail on both backends: chaining under concurrent writers, rollback, and that
// verify() names the first entry that was edited, removed, reordered or re-hashed.
#include "access/audit_trail.h"

#include <gtest/gtest.h>
#include <sodium.h>

#include <array>
#include <atomic>
#include <chrono>
#include <thread>
#include <vector>

#include "store/migrations.h"
#include "support/test_database.h"

namespace concord::access {
namespace {

using namespace std::chrono;
using store::Transaction;
using store::TransactionMode;

constexpr std::string_view kZeros =
    "0000000000000000000000000000000000000000000000000000000000000000";

Principal person(const std::string& username, std::optional<std::string> state) {
  Principal principal;
  principal.user_id = "user-" + username;
  principal.username = username;
  principal.state = std::move(state);
  principal.credential = Credential::session;
  principal.client_address = "192.0.2.7";
  principal.request_id = "req-" + username;
  return principal;
}

AuditEvent event(const std::string& action, const std::string& target_id,
                 std::optional<std::string> target_state = std::nullopt, std::string details = {}) {
  return AuditEvent{action,           "organisation",    target_id, std::move(target_state),
                    Outcome::success, std::move(details)};
}

// What record() stores as `hash`, computed here independently of the implementation.
std::string blake2b_hex(const std::string& previous_hash, const std::string& canonical) {
  const std::string input = previous_hash + canonical;
  std::array<unsigned char, 32> digest{};
  crypto_generichash(digest.data(), digest.size(),
                     reinterpret_cast<const unsigned char*>(input.data()), input.size(), nullptr,
                     0);
  std::array<char, 65> hex{};
  sodium_bin2hex(hex.data(), hex.size(), digest.data(), digest.size());
  return hex.data();
}

class AuditChain : public ::testing::TestWithParam<store::Backend> {
 protected:
  void SetUp() override {
    url_ = concord::testing::fresh_database_url(GetParam());
    auto opened = store::open_database(url_);
    ASSERT_TRUE(opened.ok()) << opened.error().message;
    db_ = std::move(opened).value();
    ASSERT_TRUE(store::migrate(*db_).ok());
  }

  void record(const std::string& action, const std::string& target_id,
              std::optional<std::string> target_state = std::nullopt) {
    auto recorded =
        trail_.record(*db_, person("ana", "KE"), event(action, target_id, std::move(target_state)));
    ASSERT_TRUE(recorded.ok()) << recorded.error().message;
  }

  void record_many(int count) {
    for (int i = 1; i <= count; ++i)
      record("organisations.update", "org-" + std::to_string(i));
  }

  void execute(const std::string& sql, const std::vector<store::Value>& params = {}) {
    auto done = store::in_transaction(
        *db_, TransactionMode::read_write,
        [&](Transaction& transaction) { return transaction.execute(sql, params); });
    ASSERT_TRUE(done.ok()) << sql << ": " << done.error().message;
  }

  std::vector<AuditEntry> all_entries() {
    std::vector<AuditEntry> entries;
    auto exported =
        trail_.export_entries(*db_, "1970-01-01", std::nullopt,
                              [&](const AuditEntry& entry) { entries.push_back(entry); });
    EXPECT_TRUE(exported.ok());
    return entries;
  }

  AuditVerification verify() {
    auto verification = trail_.verify(*db_);
    EXPECT_TRUE(verification.ok()) << verification.error().message;
    return verification.ok() ? *verification : AuditVerification{};
  }

  ManualClock clock_{TimePoint(milliseconds(1'800'000'000'000))};  // 2027-01-15T08:00:00Z
  AuditTrail trail_{clock_};
  std::string url_;
  std::unique_ptr<store::Database> db_;
};

TEST_P(AuditChain, AnEmptyChainVerifies) {
  const AuditVerification verification = verify();
  EXPECT_EQ(verification.entries_checked, 0);
  EXPECT_FALSE(verification.first_broken_sequence);
  EXPECT_TRUE(verification.problem.empty());
}

TEST_P(AuditChain, RecordsWhatTheHashCoversAndChainsFromZeros) {
  Principal system = Principal::system("operator");
  ASSERT_TRUE(trail_
                  .record(*db_, system,
                          AuditEvent{"states.sync", "state", "KE", "KE", Outcome::success, ""})
                  .ok());
  clock_.advance(seconds(1));
  ASSERT_TRUE(trail_.record(*db_, person("ana", "KE"), event("x", "y")).ok());
  const auto entries = all_entries();
  ASSERT_EQ(entries.size(), 2u);
  const AuditEntry& first = entries[0];
  EXPECT_EQ(first.sequence, 1);
  EXPECT_EQ(first.recorded_at, "2027-01-15T08:00:00.000Z");
  EXPECT_EQ(first.actor_username, "operator");
  EXPECT_FALSE(first.actor_state);
  EXPECT_EQ(first.details, "{}");  // empty details are stored as an empty object
  EXPECT_EQ(first.previous_hash, kZeros);
  // Golden: the same on both backends, and reproducible by any BLAKE2b-256 implementation
  // (this value was computed with Python's hashlib.blake2b(digest_size=32)).
  EXPECT_EQ(first.hash, "45b3a2dea6f2a4c770713309026f29411084296aa069f9d73551a53900dcec82");
  EXPECT_EQ(first.hash, blake2b_hex(first.previous_hash, canonical_audit_text(first)));

  const AuditEntry& second = entries[1];
  EXPECT_EQ(second.sequence, 2);
  EXPECT_EQ(second.recorded_at, "2027-01-15T08:00:01.000Z");
  EXPECT_EQ(second.actor_user_id, "user-ana");
  EXPECT_EQ(second.actor_state, "KE");
  EXPECT_EQ(second.client_address, "192.0.2.7");
  EXPECT_EQ(second.request_id, "req-ana");
  EXPECT_EQ(second.outcome, "success");
  EXPECT_EQ(second.previous_hash, first.hash);
  EXPECT_EQ(verify().entries_checked, 2);
}

TEST_P(AuditChain, ConcurrentWritersChainContiguously) {
  // Two pools on the same database stand for two server processes; two threads in each.
  auto second_pool = store::open_database(url_);
  ASSERT_TRUE(second_pool.ok());
  constexpr int kThreads = 4;
  constexpr int kEntries = 50;
  std::atomic<int> failures{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    store::Database& db = t % 2 == 0 ? *db_ : **second_pool;
    threads.emplace_back([&, t] {
      for (int i = t; i < kEntries; i += kThreads) {
        auto recorded = trail_.record(db, person("writer" + std::to_string(t), std::nullopt),
                                      event("organisations.create", "org-" + std::to_string(i)));
        if (!recorded.ok()) {
          ADD_FAILURE() << recorded.error().message;
          ++failures;
        }
      }
    });
  }
  for (auto& thread : threads)
    thread.join();
  ASSERT_EQ(failures.load(), 0);

  const AuditVerification verification = verify();
  EXPECT_EQ(verification.entries_checked, kEntries);
  EXPECT_FALSE(verification.first_broken_sequence) << verification.problem;
  const auto entries = all_entries();
  ASSERT_EQ(entries.size(), static_cast<size_t>(kEntries));
  for (int i = 0; i < kEntries; ++i)
    EXPECT_EQ(entries[static_cast<size_t>(i)].sequence, i + 1);
}

TEST_P(AuditChain, AnEditedEntryIsNamed) {
  record_many(10);
  execute("UPDATE audit_log SET action = 'x' WHERE sequence = 7");
  const AuditVerification verification = verify();
  EXPECT_EQ(verification.first_broken_sequence, 7);
  EXPECT_EQ(verification.entries_checked, 7);
  EXPECT_NE(verification.problem.find("entry 7 was edited"), std::string::npos)
      << verification.problem;
}

TEST_P(AuditChain, OneChangedByteOfTheDetailsIsNamed) {
  for (int i = 1; i <= 5; ++i) {
    ASSERT_TRUE(trail_
                    .record(*db_, person("ana", "KE"),
                            event("weapons.read", "w-" + std::to_string(i), "KE",
                                  R"({"fields": ["serial"], "count": 12})"))
                    .ok());
  }
  EXPECT_EQ(all_entries().at(2).details, R"({"fields":["serial"],"count":12})");  // compacted
  execute("UPDATE audit_log SET details = $1 WHERE sequence = 3",
          {std::string(R"({"fields":["serial"],"count":13})")});
  const AuditVerification verification = verify();
  EXPECT_EQ(verification.first_broken_sequence, 3);
  EXPECT_NE(verification.problem.find("entry 3 was edited"), std::string::npos);
}

TEST_P(AuditChain, ARemovedEntryIsNamed) {
  record_many(10);
  execute("DELETE FROM audit_log WHERE sequence = 7");
  const AuditVerification verification = verify();
  EXPECT_EQ(verification.first_broken_sequence, 7);
  EXPECT_EQ(verification.problem, "entry 8 does not follow entry 6: entry 7 is missing");

  execute("DELETE FROM audit_log WHERE sequence = 8");
  EXPECT_EQ(verify().problem, "entry 9 does not follow entry 6: entries 7 to 8 are missing");
}

TEST_P(AuditChain, ARemovedFirstEntryIsNamed) {
  record_many(3);
  execute("DELETE FROM audit_log WHERE sequence = 1");
  const AuditVerification verification = verify();
  EXPECT_EQ(verification.first_broken_sequence, 1);
  EXPECT_EQ(verification.problem, "entry 2 is the first entry: entry 1 is missing");
}

TEST_P(AuditChain, SwappedEntriesBreakAtTheFirstOfThem) {
  record_many(6);
  // Move every column but the sequence: entries 3 and 5 trade places.
  const auto entries = all_entries();
  for (const auto& [to, from] : {std::pair{3, 5}, std::pair{5, 3}}) {
    const AuditEntry& source = entries.at(static_cast<size_t>(from - 1));
    execute(
        "UPDATE audit_log SET recorded_at = $1, actor_user_id = $2, actor_username = $3, "
        "action = $4, target_kind = $5, target_id = $6, outcome = $7, details = $8, "
        "previous_hash = $9, hash = $10 WHERE sequence = $11",
        {source.recorded_at, source.actor_user_id, source.actor_username, source.action,
         source.target_kind, source.target_id, source.outcome, source.details, source.previous_hash,
         source.hash, std::int64_t{to}});
  }
  const AuditVerification verification = verify();
  EXPECT_EQ(verification.first_broken_sequence, 3);
  EXPECT_NE(verification.problem.find("entry 3 was edited"), std::string::npos)
      << verification.problem;
}

TEST_P(AuditChain, AnEditWithARecomputedHashBreaksAtTheNextEntry) {
  record_many(10);
  AuditEntry forged = all_entries().at(6);
  ASSERT_EQ(forged.sequence, 7);
  forged.action = "organisations.read";
  forged.hash = blake2b_hex(forged.previous_hash, canonical_audit_text(forged));
  execute("UPDATE audit_log SET action = $1, hash = $2 WHERE sequence = 7",
          {forged.action, forged.hash});
  const AuditVerification verification = verify();
  EXPECT_EQ(verification.first_broken_sequence, 8);
  EXPECT_NE(verification.problem.find("entry 8 does not chain to entry 7"), std::string::npos)
      << verification.problem;
}

TEST_P(AuditChain, AnEntryThatDoesNotStartFromZerosIsNamed) {
  record_many(2);
  AuditEntry forged = all_entries().at(0);
  forged.previous_hash = std::string(64, '1');
  forged.hash = blake2b_hex(forged.previous_hash, canonical_audit_text(forged));
  execute("UPDATE audit_log SET previous_hash = $1, hash = $2 WHERE sequence = 1",
          {forged.previous_hash, forged.hash});
  const AuditVerification verification = verify();
  EXPECT_EQ(verification.first_broken_sequence, 1);
  EXPECT_EQ(verification.problem,
            "entry 1 does not start the chain: its previous hash is not 64 zeros");
}

TEST_P(AuditChain, ARolledBackRecordLeavesNoEntryAndNoGap) {
  record_many(2);
  {
    auto transaction = db_->begin(TransactionMode::read_write);
    ASSERT_TRUE(transaction.ok());
    ASSERT_TRUE(
        trail_.record(**transaction, person("ana", "KE"), event("organisations.delete", "gone"))
            .ok());
  }  // destroyed without commit: rolled back
  EXPECT_EQ(verify().entries_checked, 2);
  EXPECT_TRUE(trail_.entries_for_target(*db_, "organisation", "gone", 10)->empty());

  // The next entry takes the rolled-back one's place; PostgreSQL's identity counter, which did
  // move on, is not used, so there is no gap for verify() to mistake for a removed entry.
  record("organisations.create", "next");
  const AuditVerification verification = verify();
  EXPECT_EQ(verification.entries_checked, 3);
  EXPECT_FALSE(verification.first_broken_sequence) << verification.problem;
  EXPECT_EQ(all_entries().back().sequence, 3);
}

TEST_P(AuditChain, AnEntryCommitsWithTheChangeItRecords) {
  auto done = store::in_transaction(
      *db_, TransactionMode::read_write, [&](Transaction& transaction) -> Result<void> {
        CONCORD_TRY(transaction.execute(
            "INSERT INTO organisations (id, name, name_key, kind, created_at) "
            "VALUES ('o1', 'One', 'one', 'regional', '2027-01-15T08:00:00.000Z')"));
        return trail_.record(transaction, person("ana", "KE"), event("organisations.create", "o1"));
      });
  ASSERT_TRUE(done.ok()) << done.error().message;
  EXPECT_EQ(trail_.entries_for_target(*db_, "organisation", "o1", 10)->size(), 1u);
}

TEST_P(AuditChain, RefusesDetailsThatAreNotAJsonObject) {
  for (const char* details : {"[1,2]", "\"text\"", "{not json", "42"}) {
    auto refused = trail_.record(*db_, person("ana", "KE"), event("a", "b", std::nullopt, details));
    ASSERT_FALSE(refused.ok()) << details;
    EXPECT_EQ(refused.error().code, ErrorCode::invalid_argument);
    EXPECT_EQ(refused.error().field, "details");
  }
  EXPECT_EQ(verify().entries_checked, 0);
}

TEST_P(AuditChain, TextThatIsNotUtf8IsStoredReplacedAndStillVerifies) {
  // What a client typed reaches the trail as it is (a username tried at sign-in); one bad byte
  // must neither fail the record nor the verification.
  Principal stranger = Principal::anonymous("198.51.100.1", "req-1");
  stranger.username = std::string("bad\xff") + '\0' + "name";
  ASSERT_TRUE(trail_.record(*db_, stranger, event("session.sign_in", "x")).ok());
  EXPECT_EQ(all_entries().at(0).actor_username, "bad\xEF\xBF\xBD\xEF\xBF\xBDname");
  EXPECT_FALSE(verify().first_broken_sequence);
}

TEST_P(AuditChain, ExportsFromATimeAndForAState) {
  record("organisations.create", "a", "KE");  // 08:00:00
  clock_.advance(minutes(1));
  record("organisations.create", "b", "UG");  // 08:01:00
  clock_.advance(minutes(1));
  record("organisations.create", "c", "KE");  // 08:02:00
  record("organisations.read", "d");          // 08:02:00, no state

  auto ids_since = [&](const std::string& since, const std::optional<std::string>& state) {
    std::vector<std::string> ids;
    auto count = trail_.export_entries(
        *db_, since, state, [&](const AuditEntry& entry) { ids.push_back(entry.target_id); });
    EXPECT_TRUE(count.ok()) << since;
    if (count.ok()) {
      EXPECT_EQ(*count, static_cast<std::int64_t>(ids.size()));
    }
    return ids;
  };
  using Ids = std::vector<std::string>;
  EXPECT_EQ(ids_since("2027-01-15", std::nullopt), (Ids{"a", "b", "c", "d"}));
  EXPECT_EQ(ids_since("2027-01-15T08:01:00Z", std::nullopt), (Ids{"b", "c", "d"}));
  EXPECT_EQ(ids_since("2027-01-15T08:01:00.001Z", std::nullopt), (Ids{"c", "d"}));
  // An offset is brought to UTC before comparing: 11:01 in Nairobi is 08:01 UTC.
  EXPECT_EQ(ids_since("2027-01-15T11:01:00+03:00", std::nullopt), (Ids{"b", "c", "d"}));
  EXPECT_EQ(ids_since("2027-01-15", std::string("KE")), (Ids{"a", "c"}));
  EXPECT_EQ(ids_since("2027-01-15T08:01:00Z", std::string("KE")), (Ids{"c"}));
  EXPECT_EQ(ids_since("2027-01-16", std::nullopt), Ids{});

  auto malformed = trail_.export_entries(*db_, "yesterday", std::nullopt, [](const AuditEntry&) {});
  ASSERT_FALSE(malformed.ok());
  EXPECT_EQ(malformed.error().field, "since");
}

TEST_P(AuditChain, EntriesForATargetComeNewestFirst) {
  record("organisations.create", "a");
  record("organisations.create", "b");
  record("organisations.update", "a");
  record("organisations.read", "a");
  auto entries = trail_.entries_for_target(*db_, "organisation", "a", 10);
  ASSERT_TRUE(entries.ok());
  ASSERT_EQ(entries->size(), 3u);
  EXPECT_EQ((*entries)[0].action, "organisations.read");
  EXPECT_EQ((*entries)[1].action, "organisations.update");
  EXPECT_EQ((*entries)[2].action, "organisations.create");
  EXPECT_EQ(trail_.entries_for_target(*db_, "organisation", "a", 2)->size(), 2u);
  EXPECT_TRUE(trail_.entries_for_target(*db_, "user", "a", 10)->empty());
  EXPECT_EQ(trail_.entries_for_target(*db_, "organisation", "a", 0).error().field, "limit");
}

TEST_P(AuditChain, VerifiesAndExportsAcrossPages) {
  // More than one page (1000 entries) of each, written in one transaction to keep the test fast.
  constexpr int kEntries = 2345;
  auto written = store::in_transaction(
      *db_, TransactionMode::read_write, [&](Transaction& transaction) -> Result<void> {
        for (int i = 0; i < kEntries; ++i) {
          CONCORD_TRY(trail_.record(transaction, person("ana", "KE"),
                                    event("organisations.read", "o" + std::to_string(i))));
        }
        return ok();
      });
  ASSERT_TRUE(written.ok()) << written.error().message;
  EXPECT_EQ(verify().entries_checked, kEntries);
  EXPECT_EQ(all_entries().size(), static_cast<size_t>(kEntries));
  execute("UPDATE audit_log SET target_id = 'z' WHERE sequence = 2001");
  EXPECT_EQ(verify().first_broken_sequence, 2001);
}

TEST(AuditCanonicalText, IsStableForAFixedEntry) {
  AuditEntry entry;
  entry.sequence = 3;
  entry.recorded_at = "2027-01-15T08:00:00.000Z";
  entry.actor_user_id = "01JDZQ4M0R3ZB8X2YH6V7K9T1C";
  entry.actor_username = "ana.k";
  entry.actor_state = "KE";
  entry.action = "organisations.update";
  entry.target_kind = "organisation";
  entry.target_id = "01JDZQ7W5N2A4G8C6E0M3P9R5T";
  entry.outcome = "success";
  entry.client_address = "192.0.2.7";
  entry.request_id = "req-42";
  entry.details = R"({"fields":["name"],"note":"line\nbreak é"})";
  for (int i = 0; i < 32; ++i)
    entry.previous_hash += "ab";
  entry.hash = "not part of the canonical text";
  const std::string canonical = canonical_audit_text(entry);
  EXPECT_EQ(
      canonical,
      R"({"sequence":3,"recorded_at":"2027-01-15T08:00:00.000Z",)"
      R"("actor_user_id":"01JDZQ4M0R3ZB8X2YH6V7K9T1C","actor_username":"ana.k","actor_state":"KE",)"
      R"("action":"organisations.update","target_kind":"organisation",)"
      R"("target_id":"01JDZQ7W5N2A4G8C6E0M3P9R5T","target_state":null,"outcome":"success",)"
      R"("client_address":"192.0.2.7","request_id":"req-42",)"
      R"("details":"{\"fields\":[\"name\"],\"note\":\"line\\nbreak é\"}",)"
      R"("previous_hash":"abababababababababababababababababababababababababababababababab"})");
  // Computed with Python's hashlib.blake2b(digest_size=32) over previous_hash + canonical.
  EXPECT_EQ(blake2b_hex(entry.previous_hash, canonical),
            "51e2c9c9b08e064475908f1ebc806f29f40c85317bea9fc65f53b119f3a5222b");
}

TEST(AuditOutcome, HasStableNames) {
  EXPECT_EQ(to_string(Outcome::success), "success");
  EXPECT_EQ(to_string(Outcome::denied), "denied");
  EXPECT_EQ(to_string(Outcome::failed), "failed");
}

std::string backend_name(const ::testing::TestParamInfo<store::Backend>& param) {
  return std::string(store::to_string(param.param));
}

INSTANTIATE_TEST_SUITE_P(Backends, AuditChain,
                         ::testing::ValuesIn(concord::testing::all_backends()), backend_name);

}  // namespace
}  // namespace concord::access
