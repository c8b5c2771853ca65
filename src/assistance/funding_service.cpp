// FundingService: checks, ownership, versions and the loading behind the views. Each write reads
// the current version in the same transaction it inserts the next one in, and the primary key
// (flow_id, version) settles two writers racing for the same version.
#include "assistance/funding_service.h"

#include <set>

#include "access/policy.h"
#include "assistance/funding_json.h"
#include "assistance/iati_codes.h"
#include "assistance/plan_service.h"
#include "assistance/plan_store.h"
#include "assistance/rates_csv.h"
#include "core/money.h"
#include "core/text.h"
#include "store/change_feed.h"

namespace concord::assistance {
namespace {

using access::Principal;
using store::Transaction;
using store::TransactionMode;

constexpr int kFirstBudgetYear = 1990;
constexpr int kLastBudgetYear = 2100;
constexpr std::size_t kMaxActivityBytes = 200;
constexpr std::size_t kMaxDescriptionBytes = 4000;

bool is_system(const Principal& principal) {
  return principal.credential == access::Credential::system;
}

Error denied(std::string message) {
  return Error{ErrorCode::permission_denied, std::move(message), {}};
}

// A reference the caller gave that does not exist is bad input, named by its field.
template <typename T>
Result<T> referenced(Result<T> found, const std::string& field, const std::string& id) {
  if (found.ok()) return found;
  if (found.error().code == ErrorCode::not_found) {
    return Error::invalid(field, "no such record: '" + id + "'");
  }
  return std::move(found).error();
}

Result<void> check_text(const std::string& field, const std::string& text, std::size_t max) {
  if (text.size() > max) {
    return Error::invalid(field, "must be at most " + std::to_string(max) + " bytes");
  }
  if (has_control_characters(text)) return Error::invalid(field, "has control characters");
  return {};
}

Result<std::int64_t> checked_amount(const std::string& amount, const std::string& currency,
                                    const ReferenceData& reference) {
  if (reference.currency(currency) == nullptr) {
    return Error::invalid("currency", "unknown ISO 4217 currency '" + currency + "'");
  }
  CONCORD_ASSIGN_OR_RETURN(auto money, Money::parse(amount, currency, reference, "amount"));
  if (money.minor_units < 0) return Error::invalid("amount", "must not be negative");
  return money.minor_units;
}

Result<void> check_value_date(const std::string& date) {
  if (!is_iso_date(date)) return Error::invalid("value_date", "must be a date written YYYY-MM-DD");
  return {};
}

Result<void> check_budget_year(int year) {
  if (year < kFirstBudgetYear || year > kLastBudgetYear) {
    return Error::invalid("budget_year", "must be a year from " + std::to_string(kFirstBudgetYear) +
                                             " to " + std::to_string(kLastBudgetYear));
  }
  return {};
}

bool donor_kind(FlowKind kind) {
  return kind != FlowKind::expenditure;
}

}  // namespace

struct FundingService::Loaded {
  std::vector<Need> needs;
  std::vector<FundingFlow> flows;
  ExchangeRateTable rates;
  std::string currency;
  std::string rates_on;
};

Result<FundingFlow> FundingService::checked_flow(Transaction& transaction, const Principal& actor,
                                                 const NewFlow& input) const {
  FundingFlow flow;
  auto kind = flow_kind_from_string(input.kind);
  if (!kind) return Error::invalid("kind", "must be one of " + flow_kinds_list());
  flow.kind = *kind;
  if (reference_.country(input.recipient_state) == nullptr) {
    return Error::invalid("recipient_state",
                          "unknown ISO 3166-1 alpha-2 code '" + input.recipient_state + "'");
  }
  flow.recipient_state = input.recipient_state;

  // Who the flow is from, and whether the caller may say so.
  if (flow.kind == FlowKind::expenditure) {
    if (!input.donor) {
      return Error::invalid("donor", "an expenditure names the donor whose funds were spent");
    }
    CONCORD_ASSIGN_OR_RETURN(flow.donor, parse_donor_key(*input.donor, "donor"));
    const bool own_state = actor.state && *actor.state == flow.recipient_state;
    if (!own_state && !(is_system(actor) && !actor.state)) {
      return denied("an expenditure is recorded by the recipient state's users");
    }
  } else if (is_system(actor) && input.donor) {
    CONCORD_ASSIGN_OR_RETURN(flow.donor, parse_donor_key(*input.donor, "donor"));
  } else {
    CONCORD_ASSIGN_OR_RETURN(flow.donor, donor_of(actor));
    if (input.donor && *input.donor != donor_key(flow.donor)) {
      return denied("a flow is recorded by its own donor; you act as " + donor_key(flow.donor));
    }
  }
  if (flow.donor.type == DonorType::state && reference_.country(flow.donor.ref) == nullptr) {
    return Error::invalid("donor", "unknown ISO 3166-1 alpha-2 code '" + flow.donor.ref + "'");
  }

  CONCORD_ASSIGN_OR_RETURN(flow.amount_minor,
                           checked_amount(input.amount, input.currency, reference_));
  flow.currency = input.currency;
  CONCORD_TRY(check_value_date(input.value_date));
  flow.value_date = input.value_date;
  CONCORD_TRY(check_budget_year(input.budget_year));
  flow.budget_year = input.budget_year;

  // What it funds: each reference must exist and belong to the recipient; a need names its
  // obligation and plan, an obligation its plan.
  std::optional<Theme> implied_theme;
  if (input.need_id) {
    CONCORD_ASSIGN_OR_RETURN(
        auto need, referenced(get_need(transaction, *input.need_id), "need_id", *input.need_id));
    if (need.state != flow.recipient_state) {
      return Error::invalid("need_id",
                            "the need belongs to " + need.state + ", not " + flow.recipient_state);
    }
    if (input.plan_id && *input.plan_id != need.plan_id) {
      return Error::invalid("plan_id", "the need belongs to plan " + need.plan_id);
    }
    if (input.obligation_id && need.obligation_id && *input.obligation_id != *need.obligation_id) {
      return Error::invalid("obligation_id",
                            "the need belongs to obligation " + *need.obligation_id);
    }
    flow.need_id = need.id;
    flow.plan_id = need.plan_id;
    flow.obligation_id = need.obligation_id.value_or(input.obligation_id.value_or(""));
    implied_theme = need.theme;
  }
  if (input.obligation_id || !flow.obligation_id.empty()) {
    const std::string id = flow.obligation_id.empty() ? *input.obligation_id : flow.obligation_id;
    CONCORD_ASSIGN_OR_RETURN(auto obligation,
                             referenced(get_obligation(transaction, id), "obligation_id", id));
    const std::string plan_given =
        !flow.plan_id.empty() ? flow.plan_id : input.plan_id.value_or("");
    if (!plan_given.empty() && plan_given != obligation.plan_id) {
      return Error::invalid(input.need_id ? "obligation_id" : "plan_id",
                            "the obligation belongs to plan " + obligation.plan_id);
    }
    flow.obligation_id = obligation.id;
    flow.plan_id = obligation.plan_id;
    if (!implied_theme) implied_theme = obligation.theme;
  }
  if (input.plan_id || !flow.plan_id.empty()) {
    const std::string id = flow.plan_id.empty() ? *input.plan_id : flow.plan_id;
    CONCORD_ASSIGN_OR_RETURN(auto plan, referenced(get_plan(transaction, id), "plan_id", id));
    if (plan.state != flow.recipient_state) {
      return Error::invalid("plan_id",
                            "the plan belongs to " + plan.state + ", not " + flow.recipient_state);
    }
    flow.plan_id = plan.id;
  }
  if (input.match_id) {
    CONCORD_ASSIGN_OR_RETURN(
        auto match,
        transaction.query("SELECT state FROM assistance_matches WHERE id = $1", {*input.match_id}));
    if (match.rows.empty()) {
      return Error::invalid("match_id", "no such record: '" + *input.match_id + "'");
    }
    if (match.rows.front().text(0) != flow.recipient_state) {
      return Error::invalid("match_id", "the match is with " + match.rows.front().text(0) +
                                            ", not " + flow.recipient_state);
    }
    flow.match_id = *input.match_id;
  }

  if (input.theme) {
    auto theme = theme_from_string(*input.theme);
    if (!theme) return Error::invalid("theme", "must be one of " + themes_list());
    flow.theme = *theme;
  } else if (implied_theme) {
    flow.theme = *implied_theme;
  } else {
    return Error::invalid("theme", "give the theme, or a need or obligation to take it from");
  }
  if (input.sector) {
    const bool five_digits = input.sector->size() == 5 &&
                             input.sector->find_first_not_of("0123456789") == std::string::npos;
    if (!five_digits) return Error::invalid("sector", "must be a 5-digit OECD DAC purpose code");
    flow.sector = *input.sector;
  } else {
    flow.sector = std::string(dac_sector(flow.theme));
  }

  if (input.activity) {
    if (input.activity->empty()) return Error::invalid("activity", "must not be empty");
    CONCORD_TRY(check_text("activity", *input.activity, kMaxActivityBytes));
    flow.activity = *input.activity;
  } else {
    // One activity per donor and what it funds, so that a commitment and the disbursements
    // that follow it fall in one counting group.
    const std::string& target =
        !flow.need_id.empty()         ? flow.need_id
        : !flow.obligation_id.empty() ? flow.obligation_id
        : !flow.plan_id.empty()       ? flow.plan_id
                                : flow.recipient_state + "-" + std::string(to_string(flow.theme));
    flow.activity = iati_organisation_ref(flow.donor) + "-" + target;
  }
  CONCORD_TRY(check_text("description", input.description, kMaxDescriptionBytes));
  flow.description = input.description;
  if (input.source != "manual" && input.source != "iati") {
    return Error::invalid("source", "must be manual or iati");
  }
  flow.source = input.source;
  return flow;
}

Result<void> FundingService::check_owner(const Principal& actor, const FundingFlow& flow) const {
  if (is_system(actor) && !actor.state && !actor.organisation_id) return {};
  if (flow.kind == FlowKind::expenditure) {
    if (actor.state && *actor.state == flow.recipient_state) return {};
    return denied("an expenditure is changed only by the recipient state's users");
  }
  auto donor = donor_of(actor);
  if (donor.ok() && *donor == flow.donor) return {};
  return denied("a flow is changed only by its donor, " + donor_key(flow.donor));
}

Result<FundingFlow> FundingService::record(const Principal& actor, const NewFlow& input) {
  CONCORD_TRY(access::authorize(actor, "flows.record"));
  auto recorded = store::in_transaction(
      db_, TransactionMode::read_write, [&](Transaction& tx) -> Result<FundingFlow> {
        CONCORD_ASSIGN_OR_RETURN(auto flow, checked_flow(tx, actor, input));
        flow.flow_id = ids_.next();
        flow.version = 1;
        flow.recorded_by = actor.username;
        flow.recorded_at = format_iso8601(clock_.now());
        CONCORD_TRY(insert_flow_version(tx, flow));
        const auto payload = flow_json(flow, reference_);
        CONCORD_TRY(audit_.record(
            tx, actor,
            {"flows.record", "funding_flow", flow.flow_id, flow.recipient_state,
             access::Outcome::success,
             nlohmann::ordered_json{{"change", "created"}, {"flow", payload}}.dump()}));
        CONCORD_TRY(store::append_change(tx, {0, flow.recorded_at, "assistance", "funding_flow",
                                              flow.flow_id, "created", payload.dump()}));
        return flow;
      });
  if (!recorded.ok() && recorded.error().code == ErrorCode::permission_denied) {
    (void)audit_.record(
        db_, actor,
        {"flows.record", "funding_flow", "", input.recipient_state, access::Outcome::denied,
         nlohmann::json{{"reason", recorded.error().message}}.dump()});
  }
  return recorded;
}

Result<FundingFlow> FundingService::write_version(
    const Principal& actor, const std::string& flow_id, int expected_version,
    const std::string& change_name, const std::function<Result<void>(FundingFlow&)>& change) {
  CONCORD_TRY(access::authorize(actor, "flows.record"));
  std::optional<std::string> target_state;
  auto written = store::in_transaction(
      db_, TransactionMode::read_write, [&](Transaction& tx) -> Result<FundingFlow> {
        CONCORD_ASSIGN_OR_RETURN(auto versions, flow_history(tx, flow_id));
        FundingFlow flow = versions.back();
        target_state = flow.recipient_state;
        CONCORD_TRY(check_owner(actor, flow));
        if (flow.version != expected_version) {
          return Error{ErrorCode::conflict,
                       "flow " + flow_id + " is at version " + std::to_string(flow.version) +
                           ", not " + std::to_string(expected_version) +
                           ": read it again and retry",
                       "expected_version"};
        }
        if (flow.status == FlowStatus::withdrawn) {
          return Error{ErrorCode::conflict, "flow " + flow_id + " was withdrawn", "flow_id"};
        }
        CONCORD_TRY(change(flow));
        flow.version += 1;
        flow.recorded_by = actor.username;
        flow.recorded_at = format_iso8601(clock_.now());
        auto inserted = insert_flow_version(tx, flow);
        if (!inserted.ok() && inserted.error().code == ErrorCode::already_exists) {
          return Error{ErrorCode::conflict, "flow " + flow_id + " changed meanwhile",
                       "expected_version"};
        }
        CONCORD_TRY(inserted);
        const auto payload = flow_json(flow, reference_);
        CONCORD_TRY(audit_.record(
            tx, actor,
            {"flows.record", "funding_flow", flow.flow_id, flow.recipient_state,
             access::Outcome::success,
             nlohmann::ordered_json{{"change", change_name}, {"flow", payload}}.dump()}));
        CONCORD_TRY(store::append_change(tx, {0, flow.recorded_at, "assistance", "funding_flow",
                                              flow.flow_id, change_name, payload.dump()}));
        return flow;
      });
  if (!written.ok() && written.error().code == ErrorCode::permission_denied) {
    (void)audit_.record(
        db_, actor,
        {"flows.record", "funding_flow", flow_id, target_state, access::Outcome::denied,
         nlohmann::json{{"reason", written.error().message}}.dump()});
  }
  return written;
}

Result<FundingFlow> FundingService::amend(const Principal& actor, const std::string& flow_id,
                                          const FlowChanges& changes, int expected_version) {
  return write_version(
      actor, flow_id, expected_version, "amended", [&](FundingFlow& flow) -> Result<void> {
        if (changes.kind) {
          auto kind = flow_kind_from_string(*changes.kind);
          if (!kind) {
            return Error::invalid("kind", "must be one of " + flow_kinds_list());
          }
          if (donor_kind(*kind) != donor_kind(flow.kind)) {
            return Error::invalid("kind",
                                  "an expenditure stays an expenditure, and a donor's "
                                  "flow never becomes one");
          }
          flow.kind = *kind;
        }
        if (changes.currency && !changes.amount) {
          return Error::invalid("amount", "give the amount in the new currency too");
        }
        if (changes.amount) {
          const std::string currency = changes.currency.value_or(flow.currency);
          CONCORD_ASSIGN_OR_RETURN(flow.amount_minor,
                                   checked_amount(*changes.amount, currency, reference_));
          flow.currency = currency;
        }
        if (changes.value_date) {
          CONCORD_TRY(check_value_date(*changes.value_date));
          flow.value_date = *changes.value_date;
        }
        if (changes.budget_year) {
          CONCORD_TRY(check_budget_year(*changes.budget_year));
          flow.budget_year = *changes.budget_year;
        }
        if (changes.description) {
          CONCORD_TRY(check_text("description", *changes.description, kMaxDescriptionBytes));
          flow.description = *changes.description;
        }
        return {};
      });
}

Result<FundingFlow> FundingService::withdraw(const Principal& actor, const std::string& flow_id,
                                             int expected_version) {
  return write_version(actor, flow_id, expected_version, "withdrawn",
                       [](FundingFlow& flow) -> Result<void> {
                         flow.status = FlowStatus::withdrawn;
                         return {};
                       });
}

Result<std::vector<FundingFlow>> FundingService::history(const Principal& reader,
                                                         const std::string& flow_id) {
  CONCORD_TRY(access::authorize(reader, "assistance.read"));
  return store::in_transaction(db_, TransactionMode::read_only,
                               [&](Transaction& tx) { return flow_history(tx, flow_id); });
}

Result<std::vector<FundingFlow>> FundingService::list(const Principal& reader,
                                                      const FlowQuery& query) {
  CONCORD_TRY(access::authorize(reader, "assistance.read"));
  FlowFilter filter;
  filter.recipient_state = query.recipient_state;
  if (query.donor) {
    CONCORD_ASSIGN_OR_RETURN(auto donor, parse_donor_key(*query.donor, "donor"));
    filter.donor = donor;
  }
  filter.plan_id = query.plan_id;
  filter.obligation_id = query.obligation_id;
  filter.need_id = query.need_id;
  filter.activity = query.activity;
  if (query.theme) {
    auto theme = theme_from_string(*query.theme);
    if (!theme) return Error::invalid("theme", "must be one of " + themes_list());
    filter.theme = theme;
  }
  filter.budget_year = query.budget_year;
  filter.include_withdrawn = query.include_withdrawn;
  return store::in_transaction(db_, TransactionMode::read_only,
                               [&](Transaction& tx) { return list_current_flows(tx, filter); });
}

Result<RatesImport> FundingService::import_rates_csv(const Principal& actor,
                                                     const std::string& text) {
  CONCORD_TRY(access::authorize(actor, "rates.edit"));
  CONCORD_ASSIGN_OR_RETURN(auto rates, parse_rates_csv(text, reference_));
  return store::in_transaction(
      db_, TransactionMode::read_write, [&](Transaction& tx) -> Result<RatesImport> {
        const std::string now = format_iso8601(clock_.now());
        std::set<std::string> currencies;
        std::string first = rates.front().rate_date;
        std::string last = first;
        for (const auto& rate : rates) {
          CONCORD_TRY(upsert_exchange_rate(tx, rate, now));
          currencies.insert(rate.currency);
          currencies.insert(rate.quote);
          first = std::min(first, rate.rate_date);
          last = std::max(last, rate.rate_date);
        }
        const auto details = nlohmann::ordered_json{{"rows", rates.size()},
                                                    {"currencies", currencies},
                                                    {"first_date", first},
                                                    {"last_date", last}};
        CONCORD_TRY(audit_.record(tx, actor,
                                  {"rates.edit", "exchange_rates", "", std::nullopt,
                                   access::Outcome::success, details.dump()}));
        CONCORD_TRY(store::append_change(
            tx, {0, now, "assistance", "exchange_rates", "", "imported", details.dump()}));
        return RatesImport{static_cast<int>(rates.size())};
      });
}

Result<std::vector<ExchangeRate>> FundingService::list_rates(const Principal& reader) {
  CONCORD_TRY(access::authorize(reader, "assistance.read"));
  return store::in_transaction(db_, TransactionMode::read_only,
                               [&](Transaction& tx) -> Result<std::vector<ExchangeRate>> {
                                 CONCORD_ASSIGN_OR_RETURN(auto table, load_exchange_rates(tx));
                                 return table.rates();
                               });
}

Result<FundingService::Loaded> FundingService::load(const Principal& reader,
                                                    const FundingQuery& query) {
  CONCORD_TRY(access::authorize(reader, "assistance.read"));
  Loaded loaded;
  if (reference_.currency(query.currency) == nullptr) {
    return Error::invalid("currency", "unknown ISO 4217 currency '" + query.currency + "'");
  }
  loaded.currency = query.currency;
  loaded.rates_on = query.rates_on.value_or(format_iso8601(clock_.now()).substr(0, 10));
  if (!is_iso_date(loaded.rates_on)) {
    return Error::invalid("rates_on", "must be a date written YYYY-MM-DD");
  }
  if (query.state && reference_.country(*query.state) == nullptr) {
    return Error::invalid("state", "unknown ISO 3166-1 alpha-2 code '" + *query.state + "'");
  }
  CONCORD_TRY(
      store::in_transaction(db_, TransactionMode::read_only, [&](Transaction& tx) -> Result<bool> {
        NeedFilter needs;
        needs.plan_id = query.plan_id;
        needs.state = query.state;
        // Needs of restricted plans count only for those who may see them.
        CONCORD_ASSIGN_OR_RETURN(auto all, list_needs(tx, needs));
        needs.public_only = true;
        CONCORD_ASSIGN_OR_RETURN(auto public_needs, list_needs(tx, needs));
        std::set<std::string> public_ids;
        for (const auto& need : public_needs)
          public_ids.insert(need.id);
        for (auto& need : all) {
          if (public_ids.contains(need.id) || sees_restricted_parts(reader, need.state)) {
            loaded.needs.push_back(std::move(need));
          }
        }
        FlowFilter flows;
        flows.recipient_state = query.state;
        flows.plan_id = query.plan_id;
        CONCORD_ASSIGN_OR_RETURN(loaded.flows, list_current_flows(tx, flows));
        CONCORD_ASSIGN_OR_RETURN(loaded.rates, load_exchange_rates(tx));
        return true;
      }));
  return loaded;
}

Result<FundingView> FundingService::view(const Principal& reader, const FundingQuery& query,
                                         FundingGrouping by) {
  CONCORD_ASSIGN_OR_RETURN(auto loaded, load(reader, query));
  return funding_view(
      {loaded.needs, loaded.flows, loaded.rates, reference_, loaded.currency, loaded.rates_on}, by);
}

Result<ContinuityView> FundingService::continuity(const Principal& reader,
                                                  const FundingQuery& query) {
  CONCORD_ASSIGN_OR_RETURN(auto loaded, load(reader, query));
  const int this_year = std::stoi(loaded.rates_on.substr(0, 4));
  return continuity_view(
      {loaded.needs, loaded.flows, loaded.rates, reference_, loaded.currency, loaded.rates_on},
      this_year);
}

Result<ConcentrationView> FundingService::concentration(const Principal& reader,
                                                        const FundingQuery& query) {
  CONCORD_ASSIGN_OR_RETURN(auto loaded, load(reader, query));
  return concentration_view(
      {loaded.needs, loaded.flows, loaded.rates, reference_, loaded.currency, loaded.rates_on});
}

}  // namespace concord::assistance
