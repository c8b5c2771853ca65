// The answer to a tracing request (ITI §§14-22): an outcome, the chain of custody the addressed
// state could establish (manufacture, exports, imports, transfers, the last legal holder and the
// point of diversion, each with a date, parties and documents) and, when the answer is
// restricted, the ITI reason for it. validate_answer() is pure and names the offending field.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/reference_data.h"
#include "core/result.h"

namespace concord::tracing {

// full, partial or restricted answers end the leg "answered"; untraceable ends it "untraceable".
enum class AnswerOutcome { full, partial, restricted, untraceable };
std::string_view to_string(AnswerOutcome outcome);
std::optional<AnswerOutcome> answer_outcome_from_string(std::string_view text);
std::string answer_outcomes_list();

// The ITI's grounds for restricting an answer (ITI §22).
enum class RestrictionReason {
  ongoing_criminal_investigation,
  legal_confidentiality,  // national legal provisions on confidentiality
  national_security,
};
std::string_view to_string(RestrictionReason reason);
std::optional<RestrictionReason> restriction_reason_from_string(std::string_view text);
std::string restriction_reasons_list();

enum class CustodyEventKind {
  manufacture,
  export_,
  import,
  transfer,
  last_legal_holder,
  diversion
};
std::string_view to_string(CustodyEventKind kind);
std::optional<CustodyEventKind> custody_event_kind_from_string(std::string_view text);
std::string custody_event_kinds_list();

struct CustodyParty {
  std::string name;
  std::string country;  // ISO 3166-1 alpha-2, or "" when unknown
  bool operator==(const CustodyParty&) const = default;
};

// A document behind an event: an attachment of the request, or a reference (a licence number,
// an end-user certificate) held elsewhere. Exactly one of the two.
struct CustodyDocument {
  std::string attachment_id;
  std::string reference;
  bool operator==(const CustodyDocument&) const = default;
};

struct CustodyEvent {
  CustodyEventKind kind = CustodyEventKind::manufacture;
  std::string date;  // ISO 8601 "YYYY", "YYYY-MM" or "YYYY-MM-DD": records often hold only a year
  std::vector<CustodyParty> parties;
  std::vector<CustodyDocument> documents;
  std::string note;
  bool operator==(const CustodyEvent&) const = default;
};

struct Answer {
  AnswerOutcome outcome = AnswerOutcome::full;
  std::optional<RestrictionReason> restriction_reason;  // required exactly when restricted
  std::vector<CustodyEvent> chain_of_custody;           // in date order as given
  std::string note;
  bool operator==(const Answer&) const = default;
};

// Checks an answer: a full or partial answer has at least one event; a restricted one has its
// reason and only it has one; each event has a valid date, known countries, documents with
// exactly one of attachment_id or reference (attachment ids among `attachment_ids`), and text
// within its limits. Errors name the field: "chain_of_custody[2].parties[0].country".
Result<void> validate_answer(const Answer& answer, const ReferenceData& reference,
                             const std::vector<std::string>& attachment_ids);

// True for "YYYY", "YYYY-MM" and "YYYY-MM-DD" naming a real year, month or day.
bool is_partial_iso_date(std::string_view text);

}  // namespace concord::tracing
