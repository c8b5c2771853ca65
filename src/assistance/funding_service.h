// FundingService: funding flows (versioned, never overwritten), the exchange-rate table and the
// funding views.
//
// Recording needs `flows.record`. A pledge, commitment or disbursement is recorded by its donor:
// the caller acts as donor_of(caller) (the system principal as the donor it names, or its
// Principal::state / organisation_id). An expenditure is the recipient's spending: it is recorded
// by the recipient state's users, naming the donor whose funds were spent. The same owner amends
// and withdraws. A change inserts version n+1 with the caller's expected_version + 1: a stale
// expected_version is a conflict and stores nothing. Withdrawing inserts a version with status
// withdrawn, which counts for nothing; a withdrawn flow is not amended again.
//
// Importing rates needs `rates.edit`: CSV with the header date,currency,quote,rate[,source];
// every row is checked first and an error names its line and column; then all rows are stored or
// none. Reads and views need `assistance.read` (anyone); needs of restricted plans count only for
// readers who may see them (plan_service.h).
//
// Every write is one transaction with its audit entry and a change-feed entry (area
// "assistance", entities "funding_flow" and "exchange_rates").
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "access/audit_trail.h"
#include "access/principal.h"
#include "assistance/exchange_rates.h"
#include "assistance/flow_store.h"
#include "assistance/funding_flow.h"
#include "assistance/funding_views.h"
#include "core/clock.h"
#include "core/id.h"
#include "core/reference_data.h"
#include "core/result.h"
#include "store/database.h"

namespace concord::assistance {

// A flow as the API and the CLI receive it; the service parses and checks every field.
struct NewFlow {
  std::string kind;                  // pledge, commitment, disbursement, expenditure
  std::optional<std::string> donor;  // "state:NO"; required for an expenditure, else the caller's
  std::string recipient_state;       // alpha-2
  std::string amount;                // decimal in `currency`: "125000.50", >= 0
  std::string currency;              // ISO 4217
  std::string value_date;            // YYYY-MM-DD
  int budget_year = 0;
  std::optional<std::string> theme;   // defaults to the need's or obligation's theme
  std::optional<std::string> sector;  // DAC 5-digit code; defaults to dac_sector(theme)
  std::optional<std::string> plan_id;
  std::optional<std::string> obligation_id;
  std::optional<std::string> need_id;
  std::optional<std::string> match_id;
  std::optional<std::string> activity;  // defaults to "<donor's IATI ref>-<need, obligation,
                                        // plan or recipient>", so a donor's flows to one need
                                        // share an activity and are counted together
  std::string description;
  std::string source = "manual";  // manual, iati
};

// What an amendment changes; fields left empty keep their value.
struct FlowChanges {
  std::optional<std::string> kind;  // between pledge, commitment and disbursement only
  std::optional<std::string> amount;
  std::optional<std::string> currency;
  std::optional<std::string> value_date;
  std::optional<int> budget_year;
  std::optional<std::string> description;
};

struct FlowQuery {
  std::optional<std::string> recipient_state;
  std::optional<std::string> donor;  // donor key
  std::optional<std::string> plan_id;
  std::optional<std::string> obligation_id;
  std::optional<std::string> need_id;
  std::optional<std::string> activity;
  std::optional<std::string> theme;
  std::optional<int> budget_year;
  bool include_withdrawn = false;
};

struct RatesImport {
  int rows = 0;  // rates stored (new or replaced)
};

// What the views are over and how they are shown.
struct FundingQuery {
  std::string currency = "USD";
  std::optional<std::string> rates_on;  // YYYY-MM-DD; today when absent
  std::optional<std::string> state;     // only this recipient's needs and flows
  std::optional<std::string> plan_id;   // only this plan's
};

class FundingService {
 public:
  // All references must outlive the service.
  FundingService(store::Database& db, const ReferenceData& reference, const Clock& clock,
                 IdGenerator& ids, const access::AuditTrail& audit)
      : db_(db), reference_(reference), clock_(clock), ids_(ids), audit_(audit) {}

  // For encoding amounts in their currency's decimals.
  const ReferenceData& reference() const { return reference_; }

  Result<FundingFlow> record(const access::Principal& actor, const NewFlow& input);
  Result<FundingFlow> amend(const access::Principal& actor, const std::string& flow_id,
                            const FlowChanges& changes, int expected_version);
  Result<FundingFlow> withdraw(const access::Principal& actor, const std::string& flow_id,
                               int expected_version);
  // Every version, oldest first.
  Result<std::vector<FundingFlow>> history(const access::Principal& reader,
                                           const std::string& flow_id);
  // Current versions, ordered by flow id.
  Result<std::vector<FundingFlow>> list(const access::Principal& reader, const FlowQuery& query);

  Result<RatesImport> import_rates_csv(const access::Principal& actor, const std::string& text);
  Result<std::vector<ExchangeRate>> list_rates(const access::Principal& reader);

  Result<FundingView> view(const access::Principal& reader, const FundingQuery& query,
                           FundingGrouping by);
  // Years after the conversion date's year.
  Result<ContinuityView> continuity(const access::Principal& reader, const FundingQuery& query);
  Result<ConcentrationView> concentration(const access::Principal& reader,
                                          const FundingQuery& query);

 private:
  Result<FundingFlow> checked_flow(store::Transaction& transaction, const access::Principal& actor,
                                   const NewFlow& input) const;
  Result<void> check_owner(const access::Principal& actor, const FundingFlow& flow) const;
  Result<FundingFlow> write_version(const access::Principal& actor, const std::string& flow_id,
                                    int expected_version, const std::string& action_name,
                                    const std::function<Result<void>(FundingFlow&)>& change);
  struct Loaded;
  Result<Loaded> load(const access::Principal& reader, const FundingQuery& query);

  store::Database& db_;
  const ReferenceData& reference_;
  const Clock& clock_;
  IdGenerator& ids_;
  const access::AuditTrail& audit_;
};

}  // namespace concord::assistance
