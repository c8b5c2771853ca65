// AuditTrail: appends to and checks the hash chain in the audit_log table (migration 0003).
//
// How an entry is chained: under a lock (PostgreSQL advisory lock; SQLite's single writer), read
// the newest entry, take sequence = its sequence + 1 and previous_hash = its hash, and insert the
// new row with that explicit sequence. The sequence is not left to the column's identity default
// because PostgreSQL does not roll identity values back: a record() in a transaction that later
// rolled back would leave a gap, and verify() could not tell that gap from a removed row.
#include "access/audit_trail.h"

#include <sodium.h>

#include <array>
#include <nlohmann/json.hpp>
#include <string_view>

#include "core/text.h"
#include "store/advisory_locks.h"

namespace concord::access {
namespace {

using store::QueryResult;
using store::Row;
using store::Transaction;
using store::TransactionMode;
using store::Value;

constexpr std::string_view kGenesisHash =
    "0000000000000000000000000000000000000000000000000000000000000000";
// Entries read per transaction by verify() and export_entries(), so that memory stays bounded
// however long the trail grows.
constexpr std::int64_t kPageSize = 1000;

constexpr std::string_view kColumns =
    "sequence, recorded_at, actor_user_id, actor_username, actor_state, action, target_kind, "
    "target_id, target_state, outcome, client_address, request_id, details, previous_hash, hash";

AuditEntry entry_from_row(const Row& row) {
  AuditEntry entry;
  entry.sequence = row.integer(0);
  entry.recorded_at = row.text(1);
  entry.actor_user_id = row.text(2);
  entry.actor_username = row.text(3);
  entry.actor_state = row.optional_text(4);
  entry.action = row.text(5);
  entry.target_kind = row.text(6);
  entry.target_id = row.text(7);
  entry.target_state = row.optional_text(8);
  entry.outcome = row.text(9);
  entry.client_address = row.text(10);
  entry.request_id = row.text(11);
  entry.details = row.text(12);
  entry.previous_hash = row.text(13);
  entry.hash = row.text(14);
  return entry;
}

std::vector<AuditEntry> entries_from(const QueryResult& result) {
  std::vector<AuditEntry> entries;
  entries.reserve(result.rows.size());
  for (const Row& row : result.rows)
    entries.push_back(entry_from_row(row));
  return entries;
}

Value optional_value(const std::optional<std::string>& text) {
  if (!text) return std::monostate{};
  return *text;
}

// hex(BLAKE2b-256(previous_hash as its 64 hex characters || canonical text)).
std::string chain_hash(const AuditEntry& entry) {
  // Picks the fastest BLAKE2b implementation for this CPU; safe to call from several threads.
  [[maybe_unused]] static const int sodium_ready = sodium_init();
  const std::string canonical = canonical_audit_text(entry);
  std::array<unsigned char, crypto_generichash_BYTES> digest{};
  crypto_generichash_state state;
  crypto_generichash_init(&state, nullptr, 0, digest.size());
  crypto_generichash_update(&state,
                            reinterpret_cast<const unsigned char*>(entry.previous_hash.data()),
                            entry.previous_hash.size());
  crypto_generichash_update(&state, reinterpret_cast<const unsigned char*>(canonical.data()),
                            canonical.size());
  crypto_generichash_final(&state, digest.data(), digest.size());
  std::string hex(digest.size() * 2 + 1, '\0');
  sodium_bin2hex(hex.data(), hex.size(), digest.data(), digest.size());
  hex.pop_back();  // sodium_bin2hex writes a terminating NUL
  return hex;
}

// Text as the audit trail stores it: valid UTF-8 without NUL bytes. Callers pass what clients sent
// (a username tried at sign-in, a path segment), and an audit entry must be written even for
// malformed input, so bad bytes become U+FFFD rather than failing the record. The stored text is
// then exactly what was hashed, and verify() treats any non-UTF-8 text it finds as an edit.
std::string storable(std::string text) {
  if (!utf8_length(text)) {
    const std::string quoted =
        nlohmann::json(text).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
    text = nlohmann::json::parse(quoted).get<std::string>();
  }
  if (text.find('\0') == std::string::npos) return text;
  std::string cleaned;
  cleaned.reserve(text.size() + 8);
  for (char c : text) {
    if (c == '\0') {
      cleaned += "\xEF\xBF\xBD";
    } else {
      cleaned += c;
    }
  }
  return cleaned;
}

std::optional<std::string> storable(const std::optional<std::string>& text) {
  if (!text) return std::nullopt;
  return storable(*text);
}

// The details as compact JSON object text ("{}" when empty). Normalising here keeps every entry on
// one line in exports and makes the stored text the exact bytes that are hashed.
Result<std::string> normalised_details(const std::string& details) {
  if (details.empty()) return std::string("{}");
  auto parsed = nlohmann::ordered_json::parse(details, nullptr, /*allow_exceptions=*/false);
  if (parsed.is_discarded() || !parsed.is_object())
    return Error::invalid("details", "audit details must be a JSON object");
  return storable(parsed.dump());
}

bool all_text_is_utf8(const AuditEntry& entry) {
  for (const std::string* text :
       {&entry.recorded_at, &entry.actor_user_id, &entry.actor_username, &entry.action,
        &entry.target_kind, &entry.target_id, &entry.outcome, &entry.client_address,
        &entry.request_id, &entry.details, &entry.previous_hash, &entry.hash}) {
    if (!utf8_length(*text)) return false;
  }
  for (const std::optional<std::string>* text : {&entry.actor_state, &entry.target_state}) {
    if (*text && !utf8_length(**text)) return false;
  }
  return true;
}

struct ChainBreak {
  std::int64_t sequence;  // the first entry that is missing or does not hold
  std::string problem;
};

std::string entry_name(std::int64_t sequence) {
  std::string name = "entry ";
  name += std::to_string(sequence);
  return name;
}

// What is wrong with `entry`, read after `previous_sequence` whose hash was `running_hash` (0 and
// 64 zeros at the start), or nullopt when it continues the chain.
std::optional<ChainBreak> chain_break(const AuditEntry& entry, std::int64_t previous_sequence,
                                      const std::string& running_hash) {
  const std::string at = entry_name(entry.sequence);
  const std::int64_t expected = previous_sequence + 1;
  if (entry.sequence != expected) {
    // Reported at the first missing sequence: that is where the chain stops holding.
    std::string problem = at;
    if (previous_sequence == 0) {
      problem += " is the first entry: ";
    } else {
      problem += " does not follow ";
      problem += entry_name(previous_sequence);
      problem += ": ";
    }
    if (entry.sequence == expected + 1) {
      problem += entry_name(expected);
      problem += " is missing";
    } else {
      problem += "entries ";
      problem += std::to_string(expected);
      problem += " to ";
      problem += std::to_string(entry.sequence - 1);
      problem += " are missing";
    }
    return ChainBreak{expected, std::move(problem)};
  }
  // Checked before the link to the predecessor, so that an entry edited in place is named itself
  // rather than as a broken link; the sequence is in the hashed text, so a moved entry fails here.
  if (!all_text_is_utf8(entry) || chain_hash(entry) != entry.hash) {
    return ChainBreak{entry.sequence, at + " was edited: its hash does not match its content "
                                           "(changed, or moved from another position)"};
  }
  if (entry.previous_hash == running_hash) return std::nullopt;
  if (previous_sequence == 0) {
    return ChainBreak{entry.sequence,
                      at + " does not start the chain: its previous hash is not 64 zeros"};
  }
  // The entry itself is intact, so its predecessor was rewritten with a fresh hash (or another
  // intact entry was moved here).
  const std::string before = entry_name(previous_sequence);
  std::string problem = at;
  problem += " does not chain to ";
  problem += before;
  problem += ": its previous hash is not the hash of ";
  problem += before;
  problem += " (";
  problem += before;
  problem += " was edited and its hash recomputed, or entries were reordered)";
  return ChainBreak{entry.sequence, std::move(problem)};
}

std::string normalised_since(const std::string& since, bool& ok) {
  auto parsed = parse_iso8601(since);
  ok = parsed.has_value();
  return ok ? format_iso8601(*parsed) : std::string();
}

}  // namespace

std::string_view to_string(Outcome outcome) {
  switch (outcome) {
    case Outcome::success:
      return "success";
    case Outcome::denied:
      return "denied";
    case Outcome::failed:
      return "failed";
  }
  return "failed";
}

namespace {

// The fields every encoding of an entry starts with, in the canonical order; each encoding then
// adds `details`, `previous_hash` (and `hash`) in its own way.
nlohmann::ordered_json entry_fields(const AuditEntry& entry) {
  auto nullable = [](const std::optional<std::string>& text) {
    return text ? nlohmann::ordered_json(*text) : nlohmann::ordered_json(nullptr);
  };
  nlohmann::ordered_json json;
  json["sequence"] = entry.sequence;
  json["recorded_at"] = entry.recorded_at;
  json["actor_user_id"] = entry.actor_user_id;
  json["actor_username"] = entry.actor_username;
  json["actor_state"] = nullable(entry.actor_state);
  json["action"] = entry.action;
  json["target_kind"] = entry.target_kind;
  json["target_id"] = entry.target_id;
  json["target_state"] = nullable(entry.target_state);
  json["outcome"] = entry.outcome;
  json["client_address"] = entry.client_address;
  json["request_id"] = entry.request_id;
  return json;
}

}  // namespace

// Compact JSON exactly as nlohmann::json dumps it: no white space, keys in the order below, text
// in UTF-8 as is with only '"', '\\' and control characters escaped (\b \f \n \r \t, the others as
// \u00xx), absent optionals as null, and `details` as a JSON string holding the stored text, so
// an external verifier hashes the stored bytes without re-encoding any numbers.
std::string canonical_audit_text(const AuditEntry& entry) {
  nlohmann::ordered_json json = entry_fields(entry);
  json["details"] = entry.details;
  json["previous_hash"] = entry.previous_hash;
  // Text edited in the database may not be UTF-8; `replace` keeps this from throwing, and
  // verify() reports such an entry as edited before it gets here.
  return json.dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace);
}

Result<void> AuditTrail::record(Transaction& transaction, const Principal& actor,
                                const AuditEvent& event) const {
  CONCORD_ASSIGN_OR_RETURN(std::string details, normalised_details(event.details));
  const bool postgres = transaction.backend() == store::Backend::postgres;
  if (postgres) {
    // Reading the newest entry and inserting its successor must not interleave with another
    // writer, or two entries would chain to the same predecessor. Held until the transaction
    // ends; SQLite needs nothing, since BEGIN IMMEDIATE admits one writer at a time. PostgreSQL
    // runs at READ COMMITTED, so the SELECT below, a new statement after the lock is granted,
    // sees the entry the previous holder committed.
    CONCORD_TRY(
        transaction.query("SELECT pg_advisory_xact_lock($1)", {store::advisory_lock::audit_log}));
  }
  CONCORD_ASSIGN_OR_RETURN(
      QueryResult last,
      transaction.query("SELECT sequence, hash FROM audit_log ORDER BY sequence DESC LIMIT 1"));

  AuditEntry entry;
  entry.sequence = last.rows.empty() ? 1 : last.rows[0].integer(0) + 1;
  entry.previous_hash = last.rows.empty() ? std::string(kGenesisHash) : last.rows[0].text(1);
  entry.recorded_at = format_iso8601(clock_.now());
  entry.actor_user_id = storable(actor.user_id);
  entry.actor_username = storable(actor.username);
  entry.actor_state = storable(actor.state);
  entry.action = storable(event.action);
  entry.target_kind = storable(event.target_kind);
  entry.target_id = storable(event.target_id);
  entry.target_state = storable(event.target_state);
  entry.outcome = std::string(to_string(event.outcome));
  entry.client_address = storable(actor.client_address);
  entry.request_id = storable(actor.request_id);
  entry.details = std::move(details);
  entry.hash = chain_hash(entry);

  // The explicit sequence needs OVERRIDING SYSTEM VALUE on PostgreSQL, whose column is
  // GENERATED ALWAYS AS IDENTITY; SQLite takes it as it is.
  const std::string sql =
      std::string("INSERT INTO audit_log (") + std::string(kColumns) + ") " +
      (postgres ? "OVERRIDING SYSTEM VALUE " : "") +
      "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15)";
  CONCORD_TRY(transaction.execute(
      sql, {entry.sequence, entry.recorded_at, entry.actor_user_id, entry.actor_username,
            optional_value(entry.actor_state), entry.action, entry.target_kind, entry.target_id,
            optional_value(entry.target_state), entry.outcome, entry.client_address,
            entry.request_id, entry.details, entry.previous_hash, entry.hash}));
  return ok();
}

Result<void> AuditTrail::record(store::Database& db, const Principal& actor,
                                const AuditEvent& event) const {
  return store::in_transaction(
      db, TransactionMode::read_write,
      [&](Transaction& transaction) -> Result<void> { return record(transaction, actor, event); });
}

// Walks the chain oldest first, a page per read-only transaction. Pages need not share one
// snapshot: entries are only ever appended, so a later page simply continues the chain.
// What the chain alone cannot show: removing the newest entries (truncating the tail) leaves a
// shorter chain that still holds. Detecting that needs the head hash kept somewhere else (a later
// step anchors it outside the database).
Result<AuditVerification> AuditTrail::verify(store::Database& db) const {
  AuditVerification verification;
  std::string running_hash(kGenesisHash);
  std::int64_t previous_sequence = 0;
  const std::string sql = "SELECT " + std::string(kColumns) +
                          " FROM audit_log WHERE sequence > $1 ORDER BY sequence LIMIT $2";
  while (true) {
    CONCORD_ASSIGN_OR_RETURN(
        std::vector<AuditEntry> page,
        store::in_transaction(db, TransactionMode::read_only,
                              [&](Transaction& transaction) -> Result<std::vector<AuditEntry>> {
                                CONCORD_ASSIGN_OR_RETURN(
                                    QueryResult result,
                                    transaction.query(sql, {previous_sequence, kPageSize}));
                                return entries_from(result);
                              }));
    for (const AuditEntry& entry : page) {
      ++verification.entries_checked;
      if (auto broken = chain_break(entry, previous_sequence, running_hash)) {
        verification.first_broken_sequence = broken->sequence;
        verification.problem = std::move(broken->problem);
        return verification;
      }
      running_hash = entry.hash;
      previous_sequence = entry.sequence;
    }
    if (static_cast<std::int64_t>(page.size()) < kPageSize) break;
  }
  return verification;
}

Result<std::int64_t> AuditTrail::export_entries(
    store::Database& db, const std::string& since, const std::optional<std::string>& target_state,
    const std::function<void(const AuditEntry&)>& sink) const {
  bool valid = false;
  // Stored times are format_iso8601() UTC, so after bringing `since` to the same form (it may
  // carry an offset or be a bare date) text comparison is time comparison.
  const std::string from = normalised_since(since, valid);
  if (!valid)
    return Error::invalid("since",
                          "since must be an ISO 8601 date or time, such as 2026-01-31 "
                          "or 2026-01-31T12:00:00Z");
  // Two texts rather than "($3 IS NULL OR target_state = $3)": PostgreSQL cannot infer the type
  // of a parameter that is only compared with NULL.
  const std::string sql = "SELECT " + std::string(kColumns) +
                          " FROM audit_log WHERE sequence > $1 AND " + "recorded_at >= $2" +
                          (target_state ? " AND target_state = $4" : "") +
                          " ORDER BY sequence LIMIT $3";
  std::int64_t after = 0;
  std::int64_t count = 0;
  while (true) {
    std::vector<Value> params = {after, from, kPageSize};
    if (target_state) params.emplace_back(*target_state);
    CONCORD_ASSIGN_OR_RETURN(
        std::vector<AuditEntry> page,
        store::in_transaction(db, TransactionMode::read_only,
                              [&](Transaction& transaction) -> Result<std::vector<AuditEntry>> {
                                CONCORD_ASSIGN_OR_RETURN(QueryResult result,
                                                         transaction.query(sql, params));
                                return entries_from(result);
                              }));
    // The sink runs outside the transaction, so a slow consumer holds no connection.
    for (const AuditEntry& entry : page) {
      sink(entry);
      ++count;
    }
    if (static_cast<std::int64_t>(page.size()) < kPageSize) break;
    after = page.back().sequence;
  }
  return count;
}

Result<std::vector<AuditEntry>> AuditTrail::entries_for_target(store::Database& db,
                                                               const std::string& target_kind,
                                                               const std::string& target_id,
                                                               int limit) const {
  if (limit < 1) return Error::invalid("limit", "limit must be at least 1");
  const std::string sql = "SELECT " + std::string(kColumns) +
                          " FROM audit_log WHERE target_kind = $1 AND target_id = $2 "
                          "ORDER BY sequence DESC LIMIT $3";
  return store::in_transaction(
      db, TransactionMode::read_only,
      [&](Transaction& transaction) -> Result<std::vector<AuditEntry>> {
        CONCORD_ASSIGN_OR_RETURN(QueryResult result, transaction.query(sql, {target_kind, target_id,
                                                                             std::int64_t{limit}}));
        return entries_from(result);
      });
}

// One exported entry as a JSON object. `details` is nested as the object it holds so that log
// tools can index its fields; if it does not parse (an edited row), it is kept as a string.
nlohmann::ordered_json audit_entry_json(const AuditEntry& entry) {
  auto details = nlohmann::ordered_json::parse(entry.details, nullptr, /*allow_exceptions=*/false);
  nlohmann::ordered_json json = entry_fields(entry);
  json["details"] = details.is_discarded() ? nlohmann::ordered_json(entry.details) : details;
  json["previous_hash"] = entry.previous_hash;
  json["hash"] = entry.hash;
  return json;
}

}  // namespace concord::access
