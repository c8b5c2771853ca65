// OfferService: inputs are checked in full inside the write transaction (regions are read there),
// before anything is written. An offer's donor never changes, so ownership is decided on a read
// before the write, and a refusal is audited in a transaction of its own.
#include "assistance/offer_service.h"

#include <algorithm>
#include <map>
#include <set>

#include "access/policy.h"
#include "assistance/input_checks.h"
#include "assistance/plan_json.h"
#include "assistance/plan_store.h"
#include "core/money.h"
#include "notification/notification.h"
#include "store/change_feed.h"

namespace concord::assistance {
namespace {

using access::Principal;
using store::Transaction;
using store::TransactionMode;

Error permission_denied(std::string message) {
  return Error{ErrorCode::permission_denied, std::move(message), {}};
}

Result<std::vector<std::string>> checked_countries(const std::string& field,
                                                   const std::vector<std::string>& codes,
                                                   const ReferenceData& reference) {
  std::vector<std::string> countries;
  for (std::size_t i = 0; i < codes.size(); ++i) {
    CONCORD_TRY(checked_country(field + "[" + std::to_string(i) + "]", codes[i], reference));
    if (std::find(countries.begin(), countries.end(), codes[i]) == countries.end()) {
      countries.push_back(codes[i]);
    }
  }
  return countries;
}

// How a notification names the donor: the country's name, or the organisation's.
Result<std::string> donor_name(Transaction& transaction, const Donor& donor,
                               const ReferenceData& reference) {
  if (donor.type == DonorType::state) {
    const auto* country = reference.country(donor.ref);
    return country != nullptr ? country->name : donor.ref;
  }
  CONCORD_ASSIGN_OR_RETURN(
      auto rows, transaction.query("SELECT name FROM organisations WHERE id = $1", {donor.ref}));
  return rows.rows.empty() ? donor_key(donor) : rows.rows.front().text(0);
}

}  // namespace

Result<Donor> OfferService::acting_donor(const Principal& actor) const {
  if (actor.credential == access::Credential::system && !actor.state && !actor.organisation_id) {
    return Error::invalid("donor", "name the donor the system principal acts for");
  }
  return donor_of(actor);
}

Result<Offer> OfferService::checked_offer(Transaction& transaction, const OfferInput& input) const {
  Offer offer;
  CONCORD_ASSIGN_OR_RETURN(offer.kind, checked_name("kind", input.kind, assistance_kind_from_string,
                                                    assistance_kinds_list()));
  CONCORD_ASSIGN_OR_RETURN(offer.title, checked_text("title", input.title, 3, 200));
  if (input.themes.empty()) return Error::invalid("themes", "give at least one theme");
  for (std::size_t i = 0; i < input.themes.size(); ++i) {
    CONCORD_ASSIGN_OR_RETURN(const Theme theme,
                             checked_name("themes[" + std::to_string(i) + "]", input.themes[i],
                                          theme_from_string, themes_list()));
    if (std::find(offer.themes.begin(), offer.themes.end(), theme) == offer.themes.end()) {
      offer.themes.push_back(theme);
    }
  }
  CONCORD_ASSIGN_OR_RETURN(
      offer.eligible_countries,
      checked_countries("eligible_countries", input.eligible_countries, reference_));
  for (std::size_t i = 0; i < input.eligible_regions.size(); ++i) {
    const std::string& region = input.eligible_regions[i];
    CONCORD_ASSIGN_OR_RETURN(const auto members, region_countries(transaction, region));
    if (members.empty()) {
      return Error::invalid("eligible_regions[" + std::to_string(i) + "]",
                            "no region named '" + region + "'");
    }
    if (std::find(offer.eligible_regions.begin(), offer.eligible_regions.end(), region) ==
        offer.eligible_regions.end()) {
      offer.eligible_regions.push_back(region);
    }
  }
  CONCORD_ASSIGN_OR_RETURN(
      offer.priority_countries,
      checked_countries("priority_countries", input.priority_countries, reference_));
  if (reference_.currency(input.currency) == nullptr) {
    return Error::invalid(
        "currency", "currency must be an ISO 4217 code such as EUR, got '" + input.currency + "'");
  }
  CONCORD_ASSIGN_OR_RETURN(const Money amount,
                           Money::parse(input.amount, input.currency, reference_, "amount"));
  if (amount.minor_units < 0 ||
      (offer.kind == AssistanceKind::funding && amount.minor_units == 0)) {
    return Error::invalid("amount", offer.kind == AssistanceKind::funding
                                        ? "amount of funding must be above 0"
                                        : "amount must not be negative");
  }
  offer.amount_minor = amount.minor_units;
  offer.currency = input.currency;
  CONCORD_TRY(checked_year("first_year", input.first_year));
  CONCORD_TRY(checked_year("last_year", input.last_year));
  if (input.last_year < input.first_year) {
    return Error::invalid("last_year", "last_year must not be before first_year");
  }
  offer.first_year = input.first_year;
  offer.last_year = input.last_year;
  CONCORD_ASSIGN_OR_RETURN(offer.modality, checked_name("modality", input.modality,
                                                        modality_from_string, modalities_list()));
  CONCORD_ASSIGN_OR_RETURN(offer.conditions, checked_text("conditions", input.conditions, 0, 4000));
  return offer;
}

Result<Offer> OfferService::owned_offer(Transaction& transaction, const Principal& actor,
                                        const std::string& offer_id) const {
  CONCORD_ASSIGN_OR_RETURN(const Donor donor, acting_donor(actor));
  CONCORD_ASSIGN_OR_RETURN(Offer offer, get_offer(transaction, offer_id));
  if (offer.donor != donor) {
    return permission_denied("only " + donor_key(offer.donor) + " can change its offer");
  }
  return offer;
}

Result<void> OfferService::record_write(Transaction& transaction, const Principal& actor,
                                        const Offer& offer, std::string_view change) const {
  const auto payload = offer_json(offer, reference_);
  CONCORD_TRY(audit_.record(
      transaction, actor,
      {"offers.publish", "offer", offer.id,
       offer.donor.type == DonorType::state ? std::optional<std::string>(offer.donor.ref)
                                            : std::nullopt,
       access::Outcome::success,
       nlohmann::ordered_json{{"change", change}, {"offer", payload}}.dump()}));
  // Last: on PostgreSQL the feed's lock is held until commit.
  CONCORD_TRY(
      store::append_change(transaction, {0, format_iso8601(clock_.now()), "assistance", "offer",
                                         offer.id, std::string(change), payload.dump()}));
  return ok();
}

Result<std::vector<std::string>> OfferService::notify_fitting_states(Transaction& transaction,
                                                                     const Offer& offer) {
  // The fitting open needs, by state.
  std::map<std::string, std::vector<std::string>> needs_by_state;
  std::map<std::string, bool> eligible;
  for (const Theme theme : offer.themes) {
    NeedFilter of_theme;
    of_theme.theme = theme;
    CONCORD_ASSIGN_OR_RETURN(const auto needs, list_needs(transaction, of_theme));
    for (const auto& need : needs) {
      if (need.requested_minor() <= 0) continue;  // fully covered by the state itself
      auto known = eligible.find(need.state);
      if (known == eligible.end()) {
        CONCORD_ASSIGN_OR_RETURN(const bool fits,
                                 offer_eligible_for(transaction, offer, need.state));
        known = eligible.emplace(need.state, fits).first;
      }
      if (known->second) needs_by_state[need.state].push_back(need.id);
    }
  }
  if (needs_by_state.empty()) return std::vector<std::string>{};
  CONCORD_ASSIGN_OR_RETURN(const std::string donor,
                           donor_name(transaction, offer.donor, reference_));
  const std::string amount =
      decimal_amount(offer.amount_minor, offer.currency, reference_) + " " + offer.currency;
  std::vector<std::string> notified;
  for (auto& [state, need_ids] : needs_by_state) {
    notification::Notification notice;
    notice.state = state;
    notice.topic = std::string(kOfferTopic);
    notice.subject_type = "offer";
    notice.subject_id = offer.id;
    notice.summary = donor + " offers \"" + offer.title + "\" (" + amount + ", " +
                     std::to_string(offer.first_year) + "-" + std::to_string(offer.last_year) +
                     "), which fits " + std::to_string(need_ids.size()) + " of your needs";
    notice.payload = {{"offer_id", offer.id},
                      {"donor", donor_key(offer.donor)},
                      {"donor_name", donor},
                      {"title", offer.title},
                      {"amount", decimal_amount(offer.amount_minor, offer.currency, reference_)},
                      {"currency", offer.currency},
                      {"first_year", offer.first_year},
                      {"last_year", offer.last_year},
                      {"need_ids", need_ids}};
    CONCORD_TRY(notification::notify(transaction, ids_, clock_, notice));
    notified.push_back(state);
  }
  return notified;
}

Result<PublishedOffer> OfferService::publish(const Principal& actor, const OfferInput& input) {
  CONCORD_TRY(access::authorize(actor, "offers.publish"));
  CONCORD_ASSIGN_OR_RETURN(const Donor donor, acting_donor(actor));
  return store::in_transaction(
      db_, TransactionMode::read_write, [&](Transaction& tx) -> Result<PublishedOffer> {
        PublishedOffer published;
        CONCORD_ASSIGN_OR_RETURN(published.offer, checked_offer(tx, input));
        Offer& offer = published.offer;
        offer.id = ids_.next();
        offer.donor = donor;
        offer.status = OfferStatus::open;
        offer.created_by = actor.username;
        offer.created_at = format_iso8601(clock_.now());
        offer.updated_at = offer.created_at;
        CONCORD_TRY(insert_offer(tx, offer));
        CONCORD_ASSIGN_OR_RETURN(published.notified_states, notify_fitting_states(tx, offer));
        CONCORD_TRY(record_write(tx, actor, offer, "created"));
        return published;
      });
}

Result<Offer> OfferService::update(const Principal& actor, const std::string& offer_id,
                                   const OfferInput& input) {
  CONCORD_TRY(access::authorize(actor, "offers.publish"));
  auto result = store::in_transaction(
      db_, TransactionMode::read_write, [&](Transaction& tx) -> Result<Offer> {
        CONCORD_ASSIGN_OR_RETURN(const Offer existing, owned_offer(tx, actor, offer_id));
        if (existing.status == OfferStatus::withdrawn) {
          return Error{ErrorCode::conflict, "a withdrawn offer cannot be changed", "offer_id"};
        }
        CONCORD_ASSIGN_OR_RETURN(Offer offer, checked_offer(tx, input));
        offer.id = existing.id;
        offer.donor = existing.donor;
        offer.status = existing.status;
        offer.created_by = existing.created_by;
        offer.created_at = existing.created_at;
        offer.updated_at = format_iso8601(clock_.now());
        CONCORD_TRY(update_offer(tx, offer));
        CONCORD_TRY(record_write(tx, actor, offer, "updated"));
        return offer;
      });
  audit_refusal(actor, offer_id, result);
  return result;
}

Result<Offer> OfferService::withdraw(const Principal& actor, const std::string& offer_id) {
  CONCORD_TRY(access::authorize(actor, "offers.publish"));
  auto result = store::in_transaction(
      db_, TransactionMode::read_write, [&](Transaction& tx) -> Result<Offer> {
        CONCORD_ASSIGN_OR_RETURN(Offer offer, owned_offer(tx, actor, offer_id));
        if (offer.status == OfferStatus::withdrawn) {
          return Error{ErrorCode::conflict, "the offer is already withdrawn", "offer_id"};
        }
        offer.status = OfferStatus::withdrawn;
        offer.updated_at = format_iso8601(clock_.now());
        CONCORD_TRY(update_offer(tx, offer));
        CONCORD_TRY(record_write(tx, actor, offer, "withdrawn"));
        return offer;
      });
  audit_refusal(actor, offer_id, result);
  return result;
}

void OfferService::audit_refusal(const Principal& actor, const std::string& offer_id,
                                 const Result<Offer>& result) const {
  if (result.ok() || result.error().code != ErrorCode::permission_denied) return;
  // In a transaction of its own, after the refused one ended: SQLite has one writer at a time.
  (void)audit_.record(db_, actor,
                      {"offers.publish", "offer", offer_id, std::nullopt, access::Outcome::denied,
                       nlohmann::json{{"reason", result.error().message}}.dump()});
}

Result<Offer> OfferService::get(const Principal& reader, const std::string& offer_id) {
  CONCORD_TRY(access::authorize(reader, "assistance.read"));
  return store::in_transaction(db_, TransactionMode::read_only,
                               [&](Transaction& tx) { return get_offer(tx, offer_id); });
}

Result<std::vector<Offer>> OfferService::list(const Principal& reader, const OfferQuery& query) {
  CONCORD_TRY(access::authorize(reader, "assistance.read"));
  OfferFilter filter;
  if (query.donor) {
    CONCORD_ASSIGN_OR_RETURN(filter.donor, parse_donor_key(*query.donor, "donor"));
  }
  if (query.theme) {
    CONCORD_ASSIGN_OR_RETURN(filter.theme,
                             checked_name("theme", *query.theme, theme_from_string, themes_list()));
  }
  filter.open_only = query.open_only;
  return store::in_transaction(db_, TransactionMode::read_only,
                               [&](Transaction& tx) { return list_offers(tx, filter); });
}

}  // namespace concord::assistance
