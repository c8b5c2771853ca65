#include "registry/record_fields.h"

#include <algorithm>

#include "core/clock.h"
#include "core/text.h"

namespace concord::registry {
namespace {

constexpr std::size_t kMaxShortText = 200;
constexpr std::size_t kMaxLongText = 2000;
constexpr std::size_t kMaxMarkings = 100;
constexpr int kFirstYear = 1800;

std::string shown(std::string_view text) {
  return "\"" + std::string(text) + "\"";
}

Result<std::string> checked_text(const std::string& field, std::string_view raw,
                                 std::size_t max_length, bool multiline = false) {
  const std::string_view text = trim(raw);
  const auto length = utf8_length(text);
  if (!length) return Error::invalid(field, field + " is not valid UTF-8");
  if (has_control_characters(text) ||
      (!multiline && text.find_first_of("\t\r\n") != std::string_view::npos)) {
    return Error::invalid(field, field + " contains control characters or line breaks");
  }
  if (*length > max_length) {
    return Error::invalid(field,
                          field + " is longer than " + std::to_string(max_length) + " characters");
  }
  return std::string(text);
}

Result<marking::TypedMarking> checked_marking(const MarkingInput& input, const std::string& path) {
  marking::TypedMarking typed;
  const auto kind = marking::marking_kind_from_string(trim(input.kind));
  if (!kind) {
    return Error::invalid(path + ".kind", "unknown marking kind " + shown(input.kind) +
                                              " (one of " + marking::marking_kinds_list() + ")");
  }
  typed.kind = *kind;
  const std::string_view component_text = trim(input.component);
  const auto component = component_text.empty() ? marking::Component::unspecified
                                                : marking::component_from_string(component_text);
  if (!component) {
    return Error::invalid(path + ".component", "unknown component " + shown(input.component) +
                                                   " (one of " + marking::components_list() + ")");
  }
  typed.component = *component;
  CONCORD_ASSIGN_OR_RETURN(typed.text, checked_text(path + ".text", input.text, kMaxShortText));
  if (typed.text.empty()) {
    return Error::invalid(path + ".text",
                          "the marking's text is required, as read ('?' for what cannot be read)");
  }
  const std::string_view condition_text = trim(input.condition);
  const auto condition = condition_text.empty() ? marking::Condition::intact
                                                : marking::condition_from_string(condition_text);
  if (!condition) {
    return Error::invalid(path + ".condition", "unknown condition " + shown(input.condition) +
                                                   " (one of " + marking::conditions_list() + ")");
  }
  typed.condition = *condition;
  CONCORD_ASSIGN_OR_RETURN(
      typed.restoration_method,
      checked_text(path + ".restoration_method", input.restoration_method, kMaxShortText));
  if (typed.condition == marking::Condition::restored && typed.restoration_method.empty()) {
    return Error::invalid(path + ".restoration_method",
                          "a restored marking needs its restoration method (etching, magnetic, "
                          "...)");
  }
  if (typed.condition != marking::Condition::restored && !typed.restoration_method.empty()) {
    return Error::invalid(path + ".restoration_method",
                          "restoration_method is only for markings in condition restored");
  }
  return typed;
}

// Serials first, in component order; the rest after, as given.
void order_markings(std::vector<marking::TypedMarking>& markings) {
  std::stable_sort(markings.begin(), markings.end(),
                   [](const marking::TypedMarking& a, const marking::TypedMarking& b) {
                     const bool a_serial = a.kind == marking::MarkingKind::serial;
                     const bool b_serial = b.kind == marking::MarkingKind::serial;
                     if (a_serial != b_serial) return a_serial;
                     if (!a_serial) return false;
                     return marking::component_rank(a.component) <
                            marking::component_rank(b.component);
                   });
}

}  // namespace

Result<void> apply_record_fields(const ReferenceData& reference, int current_year,
                                 const RecordFields& fields, bool entering, WeaponRecord& record) {
  if (fields.kind) {
    const auto kind = record_kind_from_string(trim(*fields.kind));
    if (!kind) {
      return Error::invalid(
          "kind", "unknown kind " + shown(*fields.kind) + " (one of " + record_kinds_list() + ")");
    }
    record.kind = *kind;
  } else if (entering) {
    return Error::invalid("kind", "kind is required (one of " + record_kinds_list() + ")");
  }
  const std::pair<const std::optional<std::string>*, std::string*> short_texts[] = {
      {&fields.weapon_type, &record.weapon_type},
      {&fields.make, &record.make},
      {&fields.model, &record.model},
      {&fields.calibre, &record.calibre}};
  const char* names[] = {"weapon_type", "make", "model", "calibre"};
  for (std::size_t i = 0; i < std::size(short_texts); ++i) {
    if (!*short_texts[i].first) continue;
    CONCORD_ASSIGN_OR_RETURN(*short_texts[i].second,
                             checked_text(names[i], **short_texts[i].first, kMaxShortText));
  }
  if (fields.other_markings) {
    CONCORD_ASSIGN_OR_RETURN(
        record.other_markings,
        checked_text("other_markings", *fields.other_markings, kMaxLongText, true));
  }
  if (fields.markings) {
    if (fields.markings->size() > kMaxMarkings) {
      return Error::invalid("markings",
                            "at most " + std::to_string(kMaxMarkings) + " markings per record");
    }
    std::vector<marking::TypedMarking> markings;
    for (std::size_t i = 0; i < fields.markings->size(); ++i) {
      CONCORD_ASSIGN_OR_RETURN(auto typed, checked_marking((*fields.markings)[i],
                                                           "markings[" + std::to_string(i) + "]"));
      markings.push_back(std::move(typed));
    }
    record.markings = std::move(markings);
  }
  if (fields.serial) {
    CONCORD_ASSIGN_OR_RETURN(std::string serial,
                             checked_text("serial", *fields.serial, kMaxShortText));
    const bool present = std::any_of(
        record.markings.begin(), record.markings.end(), [&](const marking::TypedMarking& m) {
          return m.kind == marking::MarkingKind::serial && m.text == serial;
        });
    if (!serial.empty() && !present) {
      record.markings.push_back({marking::MarkingKind::serial, marking::Component::unspecified,
                                 serial, marking::Condition::intact, ""});
    }
  }
  order_markings(record.markings);
  record.serial.clear();
  for (const auto& marking : record.markings) {
    if (marking.kind == marking::MarkingKind::serial) {
      record.serial = marking.text;
      break;
    }
  }
  if (record.markings.empty() && record.other_markings.empty()) {
    return Error::invalid("markings",
                          "a record needs at least one marking (markings, serial or "
                          "other_markings)");
  }

  if (fields.country_of_manufacture) {
    CONCORD_ASSIGN_OR_RETURN(std::string country, checked_text("country_of_manufacture",
                                                               *fields.country_of_manufacture, 2));
    if (!country.empty() && reference.country(country) == nullptr) {
      return Error::invalid(
          "country_of_manufacture",
          "unknown country " + shown(country) + " (an ISO 3166-1 alpha-2 code such as BE)");
    }
    record.country_of_manufacture = country;
  }
  if (fields.year_of_manufacture) {
    const auto& year = *fields.year_of_manufacture;
    if (year && (*year < kFirstYear || *year > current_year)) {
      return Error::invalid("year_of_manufacture", "year_of_manufacture must be a year from " +
                                                       std::to_string(kFirstYear) + " to " +
                                                       std::to_string(current_year));
    }
    record.year_of_manufacture = year;
  }
  if (fields.reported_at) {
    CONCORD_ASSIGN_OR_RETURN(std::string reported_at,
                             checked_text("reported_at", *fields.reported_at, 40));
    if (!reported_at.empty() && !parse_iso8601(reported_at)) {
      return Error::invalid("reported_at",
                            "reported_at " + shown(reported_at) +
                                " is not an ISO 8601 date (2024-03-01) or date-time");
    }
    record.reported_at = reported_at;
  }

  if (fields.sharing) {
    const auto sharing = access::sharing_from_string(trim(*fields.sharing));
    if (!sharing) {
      return Error::invalid("sharing", "unknown sharing " + shown(*fields.sharing) +
                                           " (private, named_states, law_enforcement or public)");
    }
    record.sharing = *sharing;
  } else if (entering) {
    record.sharing = record.kind == RecordKind::registry ? access::Sharing::private_
                                                         : access::Sharing::law_enforcement;
  }
  if (fields.shared_with) {
    std::vector<std::string> states;
    for (std::size_t i = 0; i < fields.shared_with->size(); ++i) {
      const std::string field = "shared_with[" + std::to_string(i) + "]";
      const std::string state(trim((*fields.shared_with)[i]));
      if (reference.country(state) == nullptr) {
        return Error::invalid(
            field, "unknown state " + shown(state) + " (an ISO 3166-1 alpha-2 code such as FR)");
      }
      if (state == record.state) {
        return Error::invalid(field, "the owning state needs no sharing with itself");
      }
      if (std::find(states.begin(), states.end(), state) == states.end()) states.push_back(state);
    }
    record.shared_with = std::move(states);
  } else if (fields.sharing && record.sharing != access::Sharing::named_states) {
    record.shared_with.clear();
  }
  if (record.sharing == access::Sharing::named_states && record.shared_with.empty()) {
    return Error::invalid("shared_with", "sharing named_states needs the states in shared_with");
  }
  if (record.sharing != access::Sharing::named_states && !record.shared_with.empty()) {
    return Error::invalid("shared_with", "shared_with is only for sharing named_states");
  }
  return {};
}

Result<MarkingInput> parse_marking_spec(std::string_view spec, const std::string& field) {
  std::vector<std::string> parts;
  std::size_t start = 0;
  for (;;) {
    const std::size_t colon = spec.find(':', start);
    if (colon == std::string_view::npos || parts.size() == 4) {
      parts.emplace_back(spec.substr(start));
      break;
    }
    parts.emplace_back(spec.substr(start, colon - start));
    start = colon + 1;
  }
  if (parts.size() < 4) {
    return Error::invalid(field,
                          "a marking is kind:component:text:condition[:restoration "
                          "method], such as serial:frame:ABC123:intact; got " +
                              shown(spec));
  }
  return MarkingInput{parts[0], parts[1], parts[2], parts[3], parts.size() > 4 ? parts[4] : ""};
}

}  // namespace concord::registry
