#include "marking/marking_system_store.h"

#include <nlohmann/json.hpp>

#include "access/policy.h"
#include "marking/marking_system_json.h"
#include "store/change_feed.h"

namespace concord::marking {
namespace {

using store::Transaction;
using store::TransactionMode;

// Stored documents were validated when published; reading one back goes through the same
// parser, with the stored version and publication time.
Result<MarkingSystem> system_from_row(const store::Row& row, const ReferenceData& reference) {
  auto parsed = parse_marking_system(row.text(2), reference, row.text(0));
  if (!parsed.ok()) {
    return Error::internal("the stored marking system of " + row.text(0) + " version " +
                           std::to_string(row.integer(1)) +
                           " no longer reads: " + parsed.error().message);
  }
  parsed->version = static_cast<int>(row.integer(1));
  parsed->published_at = row.text(3);
  return parsed;
}

constexpr std::string_view kLatestSql =
    "SELECT s.state, s.version, s.document, s.published_at FROM marking_systems s "
    "WHERE s.version = (SELECT MAX(m.version) FROM marking_systems m WHERE m.state = s.state) "
    "ORDER BY s.state";

}  // namespace

Result<std::vector<MarkingSystem>> load_latest_marking_systems(store::Database& db,
                                                               const ReferenceData& reference) {
  return store::in_transaction(
      db, TransactionMode::read_only, [&](Transaction& tx) -> Result<std::vector<MarkingSystem>> {
        CONCORD_ASSIGN_OR_RETURN(auto rows, tx.query(kLatestSql));
        std::vector<MarkingSystem> systems;
        for (const auto& row : rows.rows) {
          CONCORD_ASSIGN_OR_RETURN(auto system, system_from_row(row, reference));
          systems.push_back(std::move(system));
        }
        return systems;
      });
}

MarkingSystemService::MarkingSystemService(store::Database& db, const ReferenceData& reference,
                                           const Clock& clock, const access::AuditTrail& audit)
    : db_(db), reference_(reference), clock_(clock), audit_(audit) {}

Result<std::string> MarkingSystemService::checked_state(const std::string& state) const {
  std::string code = state;
  for (char& c : code) {
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
  }
  if (reference_.country(code) == nullptr) {
    return Error::invalid(
        "state", "state must be an ISO 3166-1 alpha-2 code such as FR, got '" + state + "'");
  }
  return code;
}

Result<MarkingSystem> MarkingSystemService::publish(const access::Principal& actor,
                                                    const std::string& state,
                                                    const std::string& document) {
  CONCORD_ASSIGN_OR_RETURN(const std::string publisher, checked_state(state));
  // Before parsing: a refusal must not depend on (or reveal anything about) the document.
  const access::RecordAccess owner{publisher, access::Sharing::public_, {}};
  auto allowed = access::authorize(actor, "marking_systems.publish", &owner);
  if (!allowed.ok()) {
    if (!actor.is_anonymous()) {
      (void)audit_.record(db_, actor,
                          {"marking_systems.publish", "marking_system", publisher, publisher,
                           access::Outcome::denied, "{}"});
    }
    return std::move(allowed).error();
  }
  CONCORD_ASSIGN_OR_RETURN(MarkingSystem system,
                           parse_marking_system(document, reference_, publisher));
  system.published_at = format_iso8601(clock_.now());
  return store::in_transaction(
      db_, TransactionMode::read_write, [&](Transaction& tx) -> Result<MarkingSystem> {
        CONCORD_ASSIGN_OR_RETURN(
            auto latest,
            tx.query("SELECT MAX(version) FROM marking_systems WHERE state = $1", {publisher}));
        system.version =
            static_cast<int>(latest.rows.empty() ? 0 : latest.rows.front().integer(0)) + 1;
        const std::string stored = marking_system_json(system).dump();
        auto inserted = tx.execute(
            "INSERT INTO marking_systems (state, version, document, published_at, published_by) "
            "VALUES ($1, $2, $3, $4, $5)",
            {publisher, std::int64_t{system.version}, stored, system.published_at, actor.username});
        if (!inserted.ok()) {
          if (inserted.error().code == ErrorCode::already_exists) {
            return Error{ErrorCode::conflict,
                         "another version of the marking system of " + publisher +
                             " was published at the same moment; publish again",
                         "state"};
          }
          return std::move(inserted).error();
        }
        const nlohmann::json summary = {{"state", publisher},
                                        {"version", system.version},
                                        {"manufacturer_codes", system.manufacturer_codes.size()},
                                        {"country_marks", system.country_marks.size()},
                                        {"year_codes", system.year_codes.size()},
                                        {"import_mark_formats", system.import_mark_formats.size()}};
        CONCORD_TRY(audit_.record(tx, actor,
                                  {"marking_systems.publish", "marking_system", publisher,
                                   publisher, access::Outcome::success, summary.dump()}));
        // Last: on PostgreSQL the feed's lock is held until commit.
        CONCORD_TRY(store::append_change(
            tx, {0, system.published_at, "marking", "marking_system", publisher, "published",
                 nlohmann::json{{"state", publisher}, {"version", system.version}}.dump()}));
        return system;
      });
}

Result<std::vector<PublishedSystemSummary>> MarkingSystemService::list(
    const access::Principal& actor) {
  CONCORD_TRY(access::authorize(actor, "marking_systems.read"));
  return store::in_transaction(
      db_, TransactionMode::read_only,
      [&](Transaction& tx) -> Result<std::vector<PublishedSystemSummary>> {
        CONCORD_ASSIGN_OR_RETURN(auto rows, tx.query(kLatestSql));
        std::vector<PublishedSystemSummary> list;
        for (const auto& row : rows.rows) {
          PublishedSystemSummary summary;
          summary.state = row.text(0);
          summary.latest_version = static_cast<int>(row.integer(1));
          summary.published_at = row.text(3);
          // The description alone; a malformed document shows up when the system is read.
          const auto document = nlohmann::json::parse(row.text(2), nullptr, false);
          if (document.is_object() && document.contains("description") &&
              document["description"].is_string()) {
            summary.description = document["description"].get<std::string>();
          }
          list.push_back(std::move(summary));
        }
        return list;
      });
}

Result<MarkingSystem> MarkingSystemService::get(const access::Principal& actor,
                                                const std::string& state,
                                                std::optional<int> version) {
  CONCORD_TRY(access::authorize(actor, "marking_systems.read"));
  CONCORD_ASSIGN_OR_RETURN(const std::string publisher, checked_state(state));
  if (version && *version < 1) return Error::invalid("version", "version counts from 1");
  return store::in_transaction(
      db_, TransactionMode::read_only, [&](Transaction& tx) -> Result<MarkingSystem> {
        store::QueryResult rows;
        if (version) {
          CONCORD_ASSIGN_OR_RETURN(
              rows, tx.query("SELECT state, version, document, published_at FROM marking_systems "
                             "WHERE state = $1 AND version = $2",
                             {publisher, std::int64_t{*version}}));
          if (rows.rows.empty()) {
            return Error::not_found("version", publisher + " has published no version " +
                                                   std::to_string(*version) +
                                                   " of its marking system");
          }
        } else {
          CONCORD_ASSIGN_OR_RETURN(
              rows, tx.query("SELECT state, version, document, published_at FROM marking_systems "
                             "WHERE state = $1 ORDER BY version DESC LIMIT 1",
                             {publisher}));
          if (rows.rows.empty()) {
            return Error::not_found("state", publisher + " has published no marking system");
          }
        }
        return system_from_row(rows.rows.front(), reference_);
      });
}

Result<DecodedMarkings> MarkingSystemService::decode(const access::Principal& actor,
                                                     const std::vector<TypedMarking>& markings) {
  CONCORD_TRY(access::authorize(actor, "markings.decode"));
  CONCORD_ASSIGN_OR_RETURN(auto systems, load_latest_marking_systems(db_, reference_));
  return decode_markings(systems, markings);
}

}  // namespace concord::marking
