// OfferService: donors' offers (Action 42), and telling affected states of new offers that fit
// their needs.
//
// A caller publishes, updates and withdraws offers as its own donor (`donor_of`: its state, else
// its organisation; the system principal acts for Principal::state or organisation_id), with
// `offers.publish`; another donor's offer is permission_denied. Offers are public: reads need
// `assistance.read` (anyone). Every write is one transaction with its audit entry and a
// change-feed entry (area "assistance"); bad input is invalid_argument naming the field and
// stores nothing.
//
// When an offer is published, in the same transaction, each state with an open need (one with a
// part left for others: cost above national resources) whose theme is among the offer's themes
// and for which the offer is eligible gets one notification in its inbox (topic
// "assistance.offer", subject the offer), however many of its needs fit.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "access/audit_trail.h"
#include "access/principal.h"
#include "assistance/offer.h"
#include "core/clock.h"
#include "core/id.h"
#include "core/reference_data.h"
#include "core/result.h"
#include "store/database.h"

namespace concord::assistance {

constexpr std::string_view kOfferTopic = "assistance.offer";

// An offer as the API and the CLI receive it; the service parses and checks every field.
struct OfferInput {
  std::string kind = "funding";
  std::string title;
  std::vector<std::string> themes;              // at least one
  std::vector<std::string> eligible_countries;  // alpha-2; none and no region: every country
  std::vector<std::string> eligible_regions;    // names of existing regions
  std::vector<std::string> priority_countries;  // alpha-2
  std::string amount;                           // decimal in `currency`: "250000" or "1250.75"
  std::string currency;                         // ISO 4217
  int first_year = 0;
  int last_year = 0;
  std::string modality = "grant";
  std::string conditions;
};

struct OfferQuery {
  std::optional<std::string> donor;  // "state:NO" or "organisation:<id>"
  std::optional<std::string> theme;
  bool open_only = false;
};

struct PublishedOffer {
  Offer offer;
  std::vector<std::string> notified_states;  // sorted; empty on update and withdrawal
};

class OfferService {
 public:
  // All references must outlive the service.
  OfferService(store::Database& db, const ReferenceData& reference, const Clock& clock,
               IdGenerator& ids, const access::AuditTrail& audit)
      : db_(db), reference_(reference), clock_(clock), ids_(ids), audit_(audit) {}

  // The reference data amounts are written with (for encoders).
  const ReferenceData& reference() const { return reference_; }

  // A new open offer of the caller's donor; notifies the states whose open needs it fits.
  Result<PublishedOffer> publish(const access::Principal& actor, const OfferInput& input);
  // Replaces the fields of an open or closed offer of the caller's donor; a withdrawn offer is
  // conflict.
  Result<Offer> update(const access::Principal& actor, const std::string& offer_id,
                       const OfferInput& input);
  // Withdraws an offer of the caller's donor; withdrawing twice is conflict.
  Result<Offer> withdraw(const access::Principal& actor, const std::string& offer_id);

  Result<Offer> get(const access::Principal& reader, const std::string& offer_id);
  // Newest first. A malformed donor or theme is invalid_argument naming it.
  Result<std::vector<Offer>> list(const access::Principal& reader, const OfferQuery& query);

 private:
  Result<Donor> acting_donor(const access::Principal& actor) const;
  Result<Offer> checked_offer(store::Transaction& transaction, const OfferInput& input) const;
  // The offer of `offer_id`, when it is the actor's donor's; permission_denied otherwise.
  Result<Offer> owned_offer(store::Transaction& transaction, const access::Principal& actor,
                            const std::string& offer_id) const;
  Result<std::vector<std::string>> notify_fitting_states(store::Transaction& transaction,
                                                         const Offer& offer);
  Result<void> record_write(store::Transaction& transaction, const access::Principal& actor,
                            const Offer& offer, std::string_view change) const;
  // Audits a refused change of `offer_id` (permission_denied), after its transaction ended.
  void audit_refusal(const access::Principal& actor, const std::string& offer_id,
                     const Result<Offer>& result) const;

  store::Database& db_;
  const ReferenceData& reference_;
  const Clock& clock_;
  IdGenerator& ids_;
  const access::AuditTrail& audit_;
};

}  // namespace concord::assistance
