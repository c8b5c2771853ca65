#include "directory/directory_service.h"

#include <map>
#include <nlohmann/json.hpp>

#include "access/policy.h"
#include "core/text.h"
#include "store/change_feed.h"

namespace concord::directory {
namespace {

using store::Row;
using store::Transaction;
using store::TransactionMode;

State state_from_row(const Row& row) {
  return {row.text(0), row.text(1), row.text(2), row.text(3), row.text(4)};
}

constexpr std::string_view kOrganisationColumns =
    "id, name, acronym, kind, headquarters, website, created_at";

Organisation organisation_from_row(const Row& row) {
  Organisation organisation;
  organisation.id = row.text(0);
  organisation.name = row.text(1);
  organisation.acronym = row.optional_text(2);
  organisation.kind =
      organisation_kind_from_string(row.text(3)).value_or(OrganisationKind::intergovernmental);
  organisation.headquarters = row.optional_text(4);
  organisation.website = row.optional_text(5);
  organisation.created_at = row.text(6);
  return organisation;
}

std::string upper_ascii(std::string text) {
  for (char& c : text) {
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
  }
  return text;
}

// Folds a name so "UNODA" and "unoda " collide. ASCII case folding is enough for the uniqueness
// guard; full Unicode folding arrives with the marking normaliser.
std::string name_key(std::string_view name) {
  std::string key;
  bool pending_space = false;
  for (char c : trim(name)) {
    if (c == ' ' || c == '\t') {
      pending_space = true;
      continue;
    }
    if (pending_space) key += ' ';
    pending_space = false;
    key += (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
  }
  return key;
}

Result<std::string> checked_text(std::string_view field, std::string_view raw, size_t min_length,
                                 size_t max_length) {
  const std::string_view text = trim(raw);
  const std::string name(field);
  const auto length = utf8_length(text);
  if (!length) return Error::invalid(name, name + " is not valid UTF-8");
  if (has_control_characters(text))
    return Error::invalid(name, name + " contains control characters");
  if (*length < min_length) {
    return Error::invalid(name,
                          name + " must be at least " + std::to_string(min_length) + " characters");
  }
  if (*length > max_length) {
    return Error::invalid(name,
                          name + " must be at most " + std::to_string(max_length) + " characters");
  }
  return std::string(text);
}

nlohmann::json organisation_payload(const Organisation& organisation) {
  return {{"id", organisation.id},
          {"name", organisation.name},
          {"kind", to_string(organisation.kind)},
          {"headquarters", organisation.headquarters.value_or("")}};
}

}  // namespace

DirectoryService::DirectoryService(store::Database& db, const ReferenceData& reference,
                                   const Clock& clock, IdGenerator& ids,
                                   const access::AuditTrail& audit)
    : db_(db), reference_(reference), clock_(clock), ids_(ids), audit_(audit) {}

Result<int> DirectoryService::sync_states() {
  return store::in_transaction(
      db_, TransactionMode::read_write, [&](Transaction& tx) -> Result<int> {
        CONCORD_ASSIGN_OR_RETURN(
            auto existing,
            tx.query("SELECT alpha2, alpha3, numeric_code, name, official_name FROM states"));
        std::map<std::string, State> current;
        for (const auto& row : existing.rows) {
          State state = state_from_row(row);
          current.emplace(state.alpha2, std::move(state));
        }
        int changed = 0;
        for (const Country& country : reference_.countries()) {
          auto found = current.find(country.alpha2);
          if (found != current.end() && found->second.alpha3 == country.alpha3 &&
              found->second.numeric == country.numeric && found->second.name == country.name &&
              found->second.official_name == country.official_name) {
            continue;
          }
          CONCORD_TRY(tx.execute(
              "INSERT INTO states (alpha2, alpha3, numeric_code, name, official_name) "
              "VALUES ($1, $2, $3, $4, $5) ON CONFLICT (alpha2) DO UPDATE SET alpha3 = $2, "
              "numeric_code = $3, name = $4, official_name = $5",
              {country.alpha2, country.alpha3, country.numeric, country.name,
               country.official_name}));
          CONCORD_TRY(store::append_change(
              tx, {0, format_iso8601(clock_.now()), "directory", "state", country.alpha2,
                   found == current.end() ? "created" : "updated",
                   nlohmann::json{{"alpha2", country.alpha2}, {"name", country.name}}.dump()}));
          ++changed;
        }
        return changed;
      });
}

Result<std::vector<State>> DirectoryService::list_states() {
  return store::in_transaction(
      db_, TransactionMode::read_only, [&](Transaction& tx) -> Result<std::vector<State>> {
        CONCORD_ASSIGN_OR_RETURN(auto rows, tx.query("SELECT alpha2, alpha3, numeric_code, name, "
                                                     "official_name FROM states ORDER BY alpha2"));
        std::vector<State> states;
        states.reserve(rows.rows.size());
        for (const auto& row : rows.rows)
          states.push_back(state_from_row(row));
        return states;
      });
}

Result<State> DirectoryService::get_state(const std::string& alpha2) {
  const std::string code = upper_ascii(alpha2);
  if (code.size() != 2) {
    return Error::invalid("alpha2", "a state is named by its ISO 3166-1 alpha-2 code, such as FR");
  }
  return store::in_transaction(
      db_, TransactionMode::read_only, [&](Transaction& tx) -> Result<State> {
        CONCORD_ASSIGN_OR_RETURN(
            auto rows, tx.query("SELECT alpha2, alpha3, numeric_code, name, official_name "
                                "FROM states WHERE alpha2 = $1",
                                {code}));
        if (rows.rows.empty()) {
          return Error::not_found("alpha2", "no state with ISO 3166-1 code '" + code + "'");
        }
        return state_from_row(rows.rows.front());
      });
}

Result<OrganisationPage> DirectoryService::list_organisations(
    int limit, const std::optional<std::string>& after) {
  if (limit < 1 || limit > 1000) return Error::invalid("limit", "limit must be between 1 and 1000");
  return store::in_transaction(
      db_, TransactionMode::read_only, [&](Transaction& tx) -> Result<OrganisationPage> {
        // One row more than asked tells whether another page follows.
        const std::string sql = "SELECT " + std::string(kOrganisationColumns) +
                                " FROM organisations WHERE id > $1 ORDER BY id LIMIT $2";
        CONCORD_ASSIGN_OR_RETURN(auto rows,
                                 tx.query(sql, {after.value_or(""), std::int64_t{limit} + 1}));
        OrganisationPage page;
        for (const auto& row : rows.rows) {
          if (static_cast<int>(page.organisations.size()) == limit) {
            page.next_after = page.organisations.back().id;
            break;
          }
          page.organisations.push_back(organisation_from_row(row));
        }
        return page;
      });
}

Result<Organisation> DirectoryService::get_organisation(const std::string& id) {
  return store::in_transaction(
      db_, TransactionMode::read_only, [&](Transaction& tx) -> Result<Organisation> {
        const std::string sql =
            "SELECT " + std::string(kOrganisationColumns) + " FROM organisations WHERE id = $1";
        CONCORD_ASSIGN_OR_RETURN(auto rows, tx.query(sql, {id}));
        if (rows.rows.empty())
          return Error::not_found("id", "no organisation with id '" + id + "'");
        return organisation_from_row(rows.rows.front());
      });
}

Result<Organisation> DirectoryService::create_organisation(const access::Principal& actor,
                                                           const NewOrganisation& input) {
  CONCORD_TRY(access::authorize(actor, "organisations.create"));
  Organisation organisation;
  CONCORD_ASSIGN_OR_RETURN(organisation.name, checked_text("name", input.name, 2, 200));
  if (input.acronym) {
    CONCORD_ASSIGN_OR_RETURN(organisation.acronym, checked_text("acronym", *input.acronym, 1, 32));
  }
  const auto kind = organisation_kind_from_string(input.kind);
  if (!kind) {
    return Error::invalid(
        "kind", "kind must be one of " + organisation_kinds_list() + ", got '" + input.kind + "'");
  }
  organisation.kind = *kind;
  if (input.headquarters) {
    if (reference_.country(*input.headquarters) == nullptr) {
      return Error::invalid("headquarters",
                            "headquarters must be an ISO 3166-1 alpha-2 code such "
                            "as CH, got '" +
                                *input.headquarters + "'");
    }
    organisation.headquarters = input.headquarters;
  }
  if (input.website) {
    CONCORD_ASSIGN_OR_RETURN(std::string website, checked_text("website", *input.website, 10, 300));
    if (!website.starts_with("https://") && !website.starts_with("http://")) {
      return Error::invalid("website", "website must start with https:// or http://");
    }
    if (website.find_first_of(" \t\"<>") != std::string::npos) {
      return Error::invalid("website", "website must not contain spaces, quotes or angle brackets");
    }
    organisation.website = website;
  }
  organisation.id = ids_.next();
  organisation.created_at = format_iso8601(clock_.now());

  return store::in_transaction(
      db_, TransactionMode::read_write, [&](Transaction& tx) -> Result<Organisation> {
        auto optional_value = [](const std::optional<std::string>& text) -> store::Value {
          return text ? store::Value(*text) : store::Value();
        };
        auto inserted = tx.execute(
            "INSERT INTO organisations (id, name, name_key, acronym, kind, headquarters, website, "
            "created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
            {organisation.id, organisation.name, name_key(organisation.name),
             optional_value(organisation.acronym), std::string(to_string(organisation.kind)),
             optional_value(organisation.headquarters), optional_value(organisation.website),
             organisation.created_at});
        if (!inserted.ok()) {
          if (inserted.error().code == ErrorCode::already_exists) {
            return Error{ErrorCode::already_exists,
                         "an organisation named '" + organisation.name + "' already exists",
                         "name"};
          }
          return std::move(inserted).error();
        }
        CONCORD_TRY(audit_.record(
            tx, actor,
            {"organisations.create", "organisation", organisation.id, std::nullopt,
             access::Outcome::success, nlohmann::json{{"name", organisation.name}}.dump()}));
        // Last: on PostgreSQL the feed's lock is held until commit.
        CONCORD_TRY(store::append_change(
            tx, {0, organisation.created_at, "directory", "organisation", organisation.id,
                 "created", organisation_payload(organisation).dump()}));
        return organisation;
      });
}

}  // namespace concord::directory
