#include "tracing/answer.h"

#include <algorithm>
#include <chrono>

#include "core/enum_names.h"
#include "tracing/text_fields.h"

namespace concord::tracing {
namespace {

constexpr EnumNames<AnswerOutcome, 4> kOutcomeNames({{
    {AnswerOutcome::full, "full"},
    {AnswerOutcome::partial, "partial"},
    {AnswerOutcome::restricted, "restricted"},
    {AnswerOutcome::untraceable, "untraceable"},
}});

constexpr EnumNames<RestrictionReason, 3> kReasonNames({{
    {RestrictionReason::ongoing_criminal_investigation, "ongoing_criminal_investigation"},
    {RestrictionReason::legal_confidentiality, "legal_confidentiality"},
    {RestrictionReason::national_security, "national_security"},
}});

constexpr EnumNames<CustodyEventKind, 6> kEventNames({{
    {CustodyEventKind::manufacture, "manufacture"},
    {CustodyEventKind::export_, "export"},
    {CustodyEventKind::import, "import"},
    {CustodyEventKind::transfer, "transfer"},
    {CustodyEventKind::last_legal_holder, "last_legal_holder"},
    {CustodyEventKind::diversion, "diversion"},
}});

constexpr size_t kMaxEvents = 200;
constexpr size_t kMaxPartiesPerEvent = 20;
constexpr size_t kMaxDocumentsPerEvent = 50;

bool all_digits(std::string_view text) {
  return std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; });
}

Result<void> validate_event(const CustodyEvent& event, const std::string& path,
                            const ReferenceData& reference,
                            const std::vector<std::string>& attachment_ids) {
  if (!is_partial_iso_date(event.date)) {
    return Error::invalid(path + "date", path +
                                             "date must be an ISO 8601 date: YYYY, YYYY-MM or "
                                             "YYYY-MM-DD");
  }
  if (event.parties.size() > kMaxPartiesPerEvent) {
    return Error::invalid(path + "parties",
                          "at most " + std::to_string(kMaxPartiesPerEvent) + " parties per event");
  }
  for (size_t i = 0; i < event.parties.size(); ++i) {
    const std::string at = path + "parties[" + std::to_string(i) + "].";
    CONCORD_TRY(check_text(at + "name", event.parties[i].name, 1, 500));
    const auto& country = event.parties[i].country;
    if (!country.empty() && reference.country(country) == nullptr) {
      return Error::invalid(at + "country", at + "country must be an ISO 3166-1 alpha-2 code");
    }
  }
  if (event.documents.size() > kMaxDocumentsPerEvent) {
    return Error::invalid(path + "documents", "at most " + std::to_string(kMaxDocumentsPerEvent) +
                                                  " documents per event");
  }
  for (size_t i = 0; i < event.documents.size(); ++i) {
    const std::string at = path + "documents[" + std::to_string(i) + "]";
    const auto& document = event.documents[i];
    if (document.attachment_id.empty() == document.reference.empty()) {
      return Error::invalid(at, at + " must have exactly one of attachment_id and reference");
    }
    if (!document.attachment_id.empty() &&
        std::find(attachment_ids.begin(), attachment_ids.end(), document.attachment_id) ==
            attachment_ids.end()) {
      return Error::invalid(at + ".attachment_id", "attachment " +
                                                       document.attachment_id.substr(0, 40) +
                                                       " is not attached to this request");
    }
    if (!document.reference.empty())
      CONCORD_TRY(check_text(at + ".reference", document.reference, 1, 500));
  }
  CONCORD_TRY(check_text(path + "note", event.note, 0, 4000));
  return ok();
}

}  // namespace

std::string_view to_string(AnswerOutcome outcome) {
  return kOutcomeNames.name(outcome);
}
std::optional<AnswerOutcome> answer_outcome_from_string(std::string_view text) {
  return kOutcomeNames.parse(text);
}
std::string answer_outcomes_list() {
  return kOutcomeNames.list();
}
std::string_view to_string(RestrictionReason reason) {
  return kReasonNames.name(reason);
}
std::optional<RestrictionReason> restriction_reason_from_string(std::string_view text) {
  return kReasonNames.parse(text);
}
std::string restriction_reasons_list() {
  return kReasonNames.list();
}
std::string_view to_string(CustodyEventKind kind) {
  return kEventNames.name(kind);
}
std::optional<CustodyEventKind> custody_event_kind_from_string(std::string_view text) {
  return kEventNames.parse(text);
}
std::string custody_event_kinds_list() {
  return kEventNames.list();
}

bool is_partial_iso_date(std::string_view text) {
  if (text.size() != 4 && text.size() != 7 && text.size() != 10) return false;
  if (!all_digits(text.substr(0, 4))) return false;
  const int year = std::stoi(std::string(text.substr(0, 4)));
  if (year < 1800) return false;
  if (text.size() == 4) return true;
  if (text[4] != '-' || !all_digits(text.substr(5, 2))) return false;
  const unsigned month = static_cast<unsigned>(std::stoi(std::string(text.substr(5, 2))));
  if (month < 1 || month > 12) return false;
  if (text.size() == 7) return true;
  if (text[7] != '-' || !all_digits(text.substr(8, 2))) return false;
  const unsigned day = static_cast<unsigned>(std::stoi(std::string(text.substr(8, 2))));
  return std::chrono::year_month_day{std::chrono::year{year}, std::chrono::month{month},
                                     std::chrono::day{day}}
      .ok();
}

Result<void> validate_answer(const Answer& answer, const ReferenceData& reference,
                             const std::vector<std::string>& attachment_ids) {
  const bool restricted = answer.outcome == AnswerOutcome::restricted;
  if (restricted && !answer.restriction_reason) {
    return Error::invalid("restriction_reason", "a restricted answer needs its reason: one of " +
                                                    restriction_reasons_list());
  }
  if (!restricted && answer.restriction_reason) {
    return Error::invalid("restriction_reason",
                          "only a restricted answer has a restriction_reason");
  }
  const bool needs_events =
      answer.outcome == AnswerOutcome::full || answer.outcome == AnswerOutcome::partial;
  if (needs_events && answer.chain_of_custody.empty()) {
    return Error::invalid("chain_of_custody", "a " + std::string(to_string(answer.outcome)) +
                                                  " answer gives at least one custody event");
  }
  if (answer.chain_of_custody.size() > kMaxEvents) {
    return Error::invalid("chain_of_custody",
                          "at most " + std::to_string(kMaxEvents) + " custody events");
  }
  for (size_t i = 0; i < answer.chain_of_custody.size(); ++i) {
    CONCORD_TRY(validate_event(answer.chain_of_custody[i],
                               "chain_of_custody[" + std::to_string(i) + "].", reference,
                               attachment_ids));
  }
  CONCORD_TRY(check_text("note", answer.note, 0, 8000));
  return ok();
}

}  // namespace concord::tracing
