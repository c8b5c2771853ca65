#include "operations/stockpile_json.h"

#include "core/json_text.h"
#include "http/json_body.h"

namespace concord::operations {
namespace {

using ordered_json = nlohmann::ordered_json;

// Lengths here only bound the work: validate() applies the domain's limits.
constexpr std::size_t kMaxRead = 10000;

ordered_json optional_text(const std::optional<std::string>& text) {
  return text ? ordered_json(*text) : ordered_json(nullptr);
}

Result<void> check_object(const nlohmann::json& object) {
  if (!object.is_object()) {
    return Error::invalid("body", "the body must be a JSON object, not " + json_type_name(object));
  }
  return ok();
}

Result<StockpileCategory> category_field(http::ObjectReader& reader) {
  CONCORD_ASSIGN_OR_RETURN(auto text, reader.required_string("category", 1, kMaxRead));
  return parse_stockpile_category(text, reader.field_name("category"));
}

Result<std::string> ammunition_type_field(http::ObjectReader& reader) {
  CONCORD_ASSIGN_OR_RETURN(auto text, reader.optional_string("ammunition_type", 0, kMaxRead));
  return text.value_or("");
}

Result<std::int64_t> quantity_field(http::ObjectReader& reader) {
  CONCORD_ASSIGN_OR_RETURN(auto value, reader.optional_value("quantity"));
  if (!value) return Error::invalid("quantity", "quantity is required");
  return quantity_from_json(*value, "quantity");
}

template <typename Enum, typename Parse>
Result<Enum> name_field(http::ObjectReader& reader, const std::string& key, Parse&& parse,
                        const std::string& known) {
  CONCORD_ASSIGN_OR_RETURN(auto text, reader.required_string(key, 1, kMaxRead));
  if (auto value = parse(text)) return *value;
  return Error::invalid(key, "unknown " + key + " '" + text + "' (known: " + known + ")");
}

}  // namespace

ordered_json declaration_json(const StockpileDeclaration& declaration) {
  return {{"id", declaration.id},
          {"state", declaration.state},
          {"category", to_string(declaration.category)},
          {"ammunition_type", declaration.ammunition_type},
          {"quantity", declaration.quantity},
          {"as_of", declaration.as_of}};
}

ordered_json destruction_json(const DestructionEvent& event) {
  return {{"id", event.id},
          {"state", event.state},
          {"date", event.date},
          {"category", to_string(event.category)},
          {"ammunition_type", event.ammunition_type},
          {"quantity", event.quantity},
          {"method", to_string(event.method)},
          {"site", event.site},
          {"verified_by", event.verified_by}};
}

ordered_json retained_json(const RetainedQuantity& retained) {
  return {{"id", retained.id},
          {"state", retained.state},
          {"category", to_string(retained.category)},
          {"ammunition_type", retained.ammunition_type},
          {"quantity", retained.quantity},
          {"as_of", retained.as_of},
          {"purpose", to_string(retained.purpose)}};
}

ordered_json stockpile_records_json(const StockpileRecords& records) {
  ordered_json declarations = ordered_json::array();
  for (const auto& declaration : records.declarations)
    declarations.push_back(declaration_json(declaration));
  ordered_json destructions = ordered_json::array();
  for (const auto& event : records.events)
    destructions.push_back(destruction_json(event));
  ordered_json retained = ordered_json::array();
  for (const auto& one : records.retained)
    retained.push_back(retained_json(one));
  return {{"declarations", std::move(declarations)},
          {"destructions", std::move(destructions)},
          {"retained", std::move(retained)}};
}

ordered_json deadline_json(const TreatyDeadline& deadline) {
  return {{"state", deadline.state},
          {"instrument", to_string(deadline.instrument)},
          {"obligation", to_string(deadline.obligation)},
          {"category",
           deadline.category ? ordered_json(to_string(*deadline.category)) : ordered_json(nullptr)},
          {"deadline", deadline.deadline.date},
          {"extended_to", optional_text(deadline.deadline.extended_to)},
          {"effective", deadline.deadline.effective()},
          {"updated_by", deadline.updated_by},
          {"updated_at", deadline.updated_at}};
}

ordered_json deadlines_json(const std::vector<TreatyDeadline>& deadlines) {
  ordered_json list = ordered_json::array();
  for (const auto& deadline : deadlines)
    list.push_back(deadline_json(deadline));
  return {{"deadlines", std::move(list)}};
}

ordered_json progress_json(const ProgressQuery& query, const DestructionProgress& progress) {
  ordered_json json{{"state", query.state},
                    {"category", to_string(query.category)},
                    {"ammunition_type", query.ammunition_type},
                    {"on", query.on}};
  json.update(progress_figures_json(progress));
  return json;
}

ordered_json progress_figures_json(const DestructionProgress& progress) {
  return {{"declared", progress.declared},
          {"declared_as_of", progress.declared_as_of},
          {"destroyed", progress.destroyed},
          {"retained", progress.retained},
          {"remaining", progress.remaining},
          {"inconsistent", progress.inconsistent},
          {"percent_done", progress.percent_done},
          {"projected_completion", optional_text(progress.projected_completion)},
          {"deadline", optional_text(progress.deadline)},
          {"status", to_string(progress.status)},
          {"trend_points", progress.trend_points}};
}

Result<StockpileDeclaration> declaration_from_json(const nlohmann::json& object,
                                                   const std::string& state) {
  CONCORD_TRY(check_object(object));
  http::ObjectReader reader(object);
  StockpileDeclaration declaration;
  declaration.state = state;
  CONCORD_ASSIGN_OR_RETURN(declaration.category, category_field(reader));
  CONCORD_ASSIGN_OR_RETURN(declaration.ammunition_type, ammunition_type_field(reader));
  CONCORD_ASSIGN_OR_RETURN(declaration.quantity, quantity_field(reader));
  CONCORD_ASSIGN_OR_RETURN(declaration.as_of, reader.required_string("as_of", 1, kMaxRead));
  CONCORD_TRY(reader.finish());
  CONCORD_TRY(validate(declaration));
  return declaration;
}

Result<DestructionEvent> destruction_from_json(const nlohmann::json& object,
                                               const std::string& state) {
  CONCORD_TRY(check_object(object));
  http::ObjectReader reader(object);
  DestructionEvent event;
  event.state = state;
  CONCORD_ASSIGN_OR_RETURN(event.date, reader.required_string("date", 1, kMaxRead));
  CONCORD_ASSIGN_OR_RETURN(event.category, category_field(reader));
  CONCORD_ASSIGN_OR_RETURN(event.ammunition_type, ammunition_type_field(reader));
  CONCORD_ASSIGN_OR_RETURN(event.quantity, quantity_field(reader));
  CONCORD_ASSIGN_OR_RETURN(
      event.method, name_field<DestructionMethod>(reader, "method", destruction_method_from_string,
                                                  destruction_methods_list()));
  CONCORD_ASSIGN_OR_RETURN(event.site, reader.required_string("site", 0, kMaxRead));
  CONCORD_ASSIGN_OR_RETURN(event.verified_by, reader.required_string("verified_by", 0, kMaxRead));
  CONCORD_TRY(reader.finish());
  CONCORD_TRY(validate(event));
  return event;
}

Result<RetainedQuantity> retained_from_json(const nlohmann::json& object,
                                            const std::string& state) {
  CONCORD_TRY(check_object(object));
  http::ObjectReader reader(object);
  RetainedQuantity retained;
  retained.state = state;
  CONCORD_ASSIGN_OR_RETURN(retained.category, category_field(reader));
  CONCORD_ASSIGN_OR_RETURN(retained.ammunition_type, ammunition_type_field(reader));
  CONCORD_ASSIGN_OR_RETURN(retained.quantity, quantity_field(reader));
  CONCORD_ASSIGN_OR_RETURN(retained.as_of, reader.required_string("as_of", 1, kMaxRead));
  CONCORD_ASSIGN_OR_RETURN(retained.purpose, name_field<RetentionPurpose>(
                                                 reader, "purpose", retention_purpose_from_string,
                                                 retention_purposes_list()));
  CONCORD_TRY(reader.finish());
  CONCORD_TRY(validate(retained));
  return retained;
}

Result<TreatyDeadline> deadline_from_json(const nlohmann::json& object, const std::string& state) {
  CONCORD_TRY(check_object(object));
  http::ObjectReader reader(object);
  TreatyDeadline deadline;
  deadline.state = state;
  CONCORD_ASSIGN_OR_RETURN(
      deadline.instrument,
      name_field<Instrument>(reader, "instrument", instrument_from_string, instruments_list()));
  CONCORD_ASSIGN_OR_RETURN(
      deadline.obligation,
      name_field<DeadlineObligation>(reader, "obligation", deadline_obligation_from_string,
                                     deadline_obligations_list()));
  CONCORD_ASSIGN_OR_RETURN(auto category, reader.optional_value("category"));
  if (category && !category->is_null()) {
    if (!category->is_string()) {
      return Error::invalid("category",
                            "category must be a string, not " + json_type_name(*category));
    }
    CONCORD_ASSIGN_OR_RETURN(deadline.category,
                             parse_stockpile_category(category->get<std::string>(), "category"));
  }
  CONCORD_ASSIGN_OR_RETURN(deadline.deadline.date, reader.required_string("deadline", 1, kMaxRead));
  CONCORD_ASSIGN_OR_RETURN(auto extended, reader.optional_value("extended_to"));
  if (extended && !extended->is_null()) {
    if (!extended->is_string()) {
      return Error::invalid("extended_to",
                            "extended_to must be a date string, not " + json_type_name(*extended));
    }
    deadline.deadline.extended_to = extended->get<std::string>();
  }
  CONCORD_TRY(reader.finish());
  return deadline;
}

}  // namespace concord::operations
