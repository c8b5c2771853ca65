#include "tracing/answer_json.h"

#include <set>

namespace concord::tracing {
namespace {

using nlohmann::json;

// Reads the fields of one object and refuses those nobody asked for.
class StrictObject {
 public:
  StrictObject(const json& object, std::string path) : object_(object), path_(std::move(path)) {}

  Result<std::string> text(const std::string& key, bool required) {
    read_.insert(key);
    auto found = object_.find(key);
    if (found == object_.end() || found->is_null()) {
      if (required) return Error::invalid(path_ + key, path_ + key + " is required");
      return std::string();
    }
    if (!found->is_string()) return Error::invalid(path_ + key, path_ + key + " must be a string");
    return found->get<std::string>();
  }

  Result<const json*> array(const std::string& key) {
    read_.insert(key);
    auto found = object_.find(key);
    if (found == object_.end() || found->is_null()) return static_cast<const json*>(nullptr);
    if (!found->is_array()) return Error::invalid(path_ + key, path_ + key + " must be an array");
    return &*found;
  }

  Result<void> finish() const {
    for (const auto& [key, value] : object_.items()) {
      if (!read_.contains(key)) {
        return Error::invalid(path_ + key, "unknown field " + path_ + key.substr(0, 60));
      }
    }
    return ok();
  }

 private:
  const json& object_;
  std::string path_;
  std::set<std::string> read_;
};

Result<void> require_object(const json& value, const std::string& path) {
  if (!value.is_object()) {
    return Error::invalid(
        path.empty() ? "body" : path,
        (path.empty() ? std::string("the answer") : path) + " must be a JSON object");
  }
  return ok();
}

template <typename Enum, typename Parse>
Result<Enum> named(const std::string& text, const std::string& field, Parse parse,
                   const std::string& allowed) {
  auto value = parse(text);
  if (!value) {
    return Error::invalid(
        field, field + " must be one of " + allowed + ", not \"" + text.substr(0, 60) + "\"");
  }
  return *value;
}

Result<CustodyEvent> event_from_json(const json& value, const std::string& path) {
  CONCORD_TRY(require_object(value, path));
  StrictObject object(value, path + ".");
  CustodyEvent event;
  CONCORD_ASSIGN_OR_RETURN(std::string kind, object.text("kind", true));
  CONCORD_ASSIGN_OR_RETURN(
      event.kind, named<CustodyEventKind>(kind, path + ".kind", custody_event_kind_from_string,
                                          custody_event_kinds_list()));
  CONCORD_ASSIGN_OR_RETURN(event.date, object.text("date", true));
  CONCORD_ASSIGN_OR_RETURN(event.note, object.text("note", false));
  CONCORD_ASSIGN_OR_RETURN(const json* parties, object.array("parties"));
  if (parties != nullptr) {
    for (size_t i = 0; i < parties->size(); ++i) {
      const std::string at = path + ".parties[" + std::to_string(i) + "]";
      CONCORD_TRY(require_object((*parties)[i], at));
      StrictObject party((*parties)[i], at + ".");
      CustodyParty read;
      CONCORD_ASSIGN_OR_RETURN(read.name, party.text("name", true));
      CONCORD_ASSIGN_OR_RETURN(read.country, party.text("country", false));
      CONCORD_TRY(party.finish());
      event.parties.push_back(std::move(read));
    }
  }
  CONCORD_ASSIGN_OR_RETURN(const json* documents, object.array("documents"));
  if (documents != nullptr) {
    for (size_t i = 0; i < documents->size(); ++i) {
      const std::string at = path + ".documents[" + std::to_string(i) + "]";
      CONCORD_TRY(require_object((*documents)[i], at));
      StrictObject document((*documents)[i], at + ".");
      CustodyDocument read;
      CONCORD_ASSIGN_OR_RETURN(read.attachment_id, document.text("attachment_id", false));
      CONCORD_ASSIGN_OR_RETURN(read.reference, document.text("reference", false));
      CONCORD_TRY(document.finish());
      event.documents.push_back(std::move(read));
    }
  }
  CONCORD_TRY(object.finish());
  return event;
}

json text_or_null(const std::string& text) {
  return text.empty() ? json() : json(text);
}

}  // namespace

nlohmann::json answer_to_json(const Answer& answer) {
  json chain = json::array();
  for (const auto& event : answer.chain_of_custody) {
    json parties = json::array();
    for (const auto& party : event.parties) {
      parties.push_back({{"name", party.name}, {"country", text_or_null(party.country)}});
    }
    json documents = json::array();
    for (const auto& document : event.documents) {
      documents.push_back(document.attachment_id.empty()
                              ? json{{"reference", document.reference}}
                              : json{{"attachment_id", document.attachment_id}});
    }
    chain.push_back({{"kind", to_string(event.kind)},
                     {"date", event.date},
                     {"parties", parties},
                     {"documents", documents},
                     {"note", text_or_null(event.note)}});
  }
  return {{"outcome", to_string(answer.outcome)},
          {"restriction_reason",
           answer.restriction_reason ? json(to_string(*answer.restriction_reason)) : json()},
          {"chain_of_custody", chain},
          {"note", text_or_null(answer.note)}};
}

Result<Answer> answer_from_json(const nlohmann::json& value, const std::string& path) {
  CONCORD_TRY(require_object(value, path));
  StrictObject object(value, path);
  Answer answer;
  CONCORD_ASSIGN_OR_RETURN(std::string outcome, object.text("outcome", true));
  CONCORD_ASSIGN_OR_RETURN(
      answer.outcome, named<AnswerOutcome>(outcome, path + "outcome", answer_outcome_from_string,
                                           answer_outcomes_list()));
  CONCORD_ASSIGN_OR_RETURN(std::string reason, object.text("restriction_reason", false));
  if (!reason.empty()) {
    CONCORD_ASSIGN_OR_RETURN(
        answer.restriction_reason,
        named<RestrictionReason>(reason, path + "restriction_reason",
                                 restriction_reason_from_string, restriction_reasons_list()));
  }
  CONCORD_ASSIGN_OR_RETURN(answer.note, object.text("note", false));
  CONCORD_ASSIGN_OR_RETURN(const json* chain, object.array("chain_of_custody"));
  if (chain != nullptr) {
    for (size_t i = 0; i < chain->size(); ++i) {
      CONCORD_ASSIGN_OR_RETURN(
          CustodyEvent event,
          event_from_json((*chain)[i], path + "chain_of_custody[" + std::to_string(i) + "]"));
      answer.chain_of_custody.push_back(std::move(event));
    }
  }
  CONCORD_TRY(object.finish());
  return answer;
}

}  // namespace concord::tracing
