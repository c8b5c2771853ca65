#include "operations/casualty_json.h"

#include <algorithm>
#include <charconv>
#include <sstream>

#include "core/csv_reader.h"
#include "core/json_text.h"
#include "http/json_body.h"

namespace concord::operations {
namespace {

using ordered_json = nlohmann::ordered_json;

constexpr std::size_t kMaxRead = 10000;

ordered_json counts_json(const std::map<std::string, std::int64_t>& counts) {
  ordered_json out = ordered_json::object();
  for (const auto& [name, count] : counts)
    out[name] = count;
  return out;
}

// The row's error with its place in the batch in front of the field: "rows[3].sex".
Error in_row(const Error& error, const std::string& prefix, const std::string& context = {}) {
  const std::string field = prefix + (error.field.empty() ? "" : "." + error.field);
  return Error{error.code, context + error.message, field};
}

Result<void> check_batch_size(std::size_t size, const std::string& field) {
  if (size == 0) return Error::invalid(field, field + " must hold at least one row");
  if (size > kMaxCasualtyBatch) {
    return Error::invalid(field, field + " holds more than " + std::to_string(kMaxCasualtyBatch) +
                                     " rows: split it into smaller batches");
  }
  return ok();
}

// A CSV cell as the JSON value the row reader expects: whole numbers for year and count (text
// that is not one stays text, so the reader refuses it by name), absent for an empty cell.
std::optional<nlohmann::json> cell_value(const std::string& column, const std::string& cell) {
  if (cell.empty()) return std::nullopt;
  if (column == "year" || column == "count") {
    std::int64_t number = 0;
    const auto* end = cell.data() + cell.size();
    const auto [at, error] = std::from_chars(cell.data(), end, number);
    if (error == std::errc() && at == end) return nlohmann::json(number);
  }
  return nlohmann::json(cell);
}

}  // namespace

ordered_json casualty_json(const CasualtyCount& row) {
  return {{"id", row.id},
          {"state", row.state},
          {"year", row.year},
          {"area", row.area},
          {"device_type", to_string(row.device_type)},
          {"outcome", to_string(row.outcome)},
          {"sex", to_string(row.sex)},
          {"age_group", to_string(row.age_group)},
          {"status", to_string(row.status)},
          {"count", row.count}};
}

ordered_json casualties_json(const std::vector<CasualtyCount>& rows) {
  ordered_json list = ordered_json::array();
  for (const auto& row : rows)
    list.push_back(casualty_json(row));
  return {{"casualties", std::move(list)}};
}

ordered_json casualty_summary_json(const std::string& state, const CasualtySummary& summary) {
  return {{"state", state},
          {"year", summary.year},
          {"total", summary.total},
          {"by_outcome", counts_json(summary.by_outcome)},
          {"by_sex", counts_json(summary.by_sex)},
          {"by_age_group", counts_json(summary.by_age_group)},
          {"by_status", counts_json(summary.by_status)},
          {"by_device_type", counts_json(summary.by_device_type)},
          {"by_area", counts_json(summary.by_area)}};
}

ordered_json victim_service_json(const VictimService& service) {
  return {{"id", service.id},
          {"state", service.state},
          {"year", service.year},
          {"service", to_string(service.service)},
          {"area", service.area},
          {"provider", service.provider},
          {"people_reached", service.people_reached},
          {"people_in_need", service.people_in_need},
          {"coverage", service.coverage()},
          {"recorded_by", service.recorded_by},
          {"created_at", service.created_at}};
}

ordered_json victim_services_json(const std::vector<VictimService>& services) {
  ordered_json list = ordered_json::array();
  for (const auto& service : services)
    list.push_back(victim_service_json(service));
  return {{"services", std::move(list)}};
}

Result<std::vector<CasualtyCount>> casualty_rows_from_json_array(const nlohmann::json& rows) {
  if (!rows.is_array()) {
    return Error::invalid("rows", "rows must be an array of objects, not " + json_type_name(rows));
  }
  CONCORD_TRY(check_batch_size(rows.size(), "rows"));
  std::vector<CasualtyCount> out;
  out.reserve(rows.size());
  for (std::size_t i = 0; i < rows.size(); ++i) {
    auto row = casualty_count_from_json(rows[i]);
    if (!row.ok()) {
      const std::string prefix = "rows[" + std::to_string(i) + "]";
      // A row that is not an object is refused on "body"; name the row instead.
      if (row.error().field == "body") return Error::invalid(prefix, row.error().message);
      return in_row(row.error(), prefix);
    }
    out.push_back(std::move(*row));
  }
  return out;
}

Result<std::vector<CasualtyCount>> casualty_batch_from_json(const nlohmann::json& body) {
  if (!body.is_object()) {
    return Error::invalid("body", "the body must be a JSON object, not " + json_type_name(body));
  }
  http::ObjectReader reader(body);
  CONCORD_ASSIGN_OR_RETURN(auto rows, reader.optional_value("rows"));
  CONCORD_TRY(reader.finish());
  if (!rows) return Error::invalid("rows", "rows is required: {\"rows\": [{...}, ...]}");
  return casualty_rows_from_json_array(*rows);
}

Result<std::vector<CasualtyCount>> casualty_rows_from_csv(std::string_view text) {
  std::istringstream input{std::string(text)};
  CsvReader reader(input);
  CsvRecord record;
  auto has_header = reader.next(record);
  if (!has_header.ok()) {
    return Error::invalid(
        "header", "line " + std::to_string(record.line) + ": " + has_header.error().message);
  }
  if (!*has_header) return Error::invalid("rows", "the CSV is empty: it needs a header and rows");
  const std::vector<std::string> header = record.fields;
  for (std::size_t column = 0; column < header.size(); ++column) {
    if (std::count(header.begin(), header.end(), header[column]) > 1) {
      return Error::invalid("header", "column \"" + header[column] + "\" appears twice");
    }
  }
  std::vector<CasualtyCount> rows;
  for (std::size_t index = 0;; ++index) {
    auto more = reader.next(record);
    const std::string prefix = "rows[" + std::to_string(index) + "]";
    const std::string context = "line " + std::to_string(record.line) + ": ";
    if (!more.ok()) return Error::invalid(prefix, context + more.error().message);
    if (!*more) break;
    if (record.fields.size() != header.size()) {
      return Error::invalid(prefix, context + "has " + std::to_string(record.fields.size()) +
                                        " fields where the header has " +
                                        std::to_string(header.size()));
    }
    if (rows.size() == kMaxCasualtyBatch) return check_batch_size(index + 1, "rows").error();
    nlohmann::json object = nlohmann::json::object();
    for (std::size_t column = 0; column < header.size(); ++column) {
      if (auto value = cell_value(header[column], record.fields[column])) {
        object[header[column]] = std::move(*value);
      }
    }
    auto row = casualty_count_from_json(object);
    if (!row.ok()) return in_row(row.error(), prefix, context);
    rows.push_back(std::move(*row));
  }
  CONCORD_TRY(check_batch_size(rows.size(), "rows"));
  return rows;
}

Result<VictimService> victim_service_from_json(const nlohmann::json& object,
                                               const std::string& state) {
  if (!object.is_object()) {
    return Error::invalid("body", "the body must be a JSON object, not " + json_type_name(object));
  }
  http::ObjectReader reader(object);
  VictimService service;
  service.state = state;
  CONCORD_ASSIGN_OR_RETURN(const auto year,
                           reader.required_integer("year", kFirstCasualtyYear, kLastCasualtyYear));
  service.year = static_cast<int>(year);
  CONCORD_ASSIGN_OR_RETURN(const auto type, reader.required_string("service", 1, kMaxRead));
  const auto parsed = victim_service_type_from_string(type);
  if (!parsed) {
    return Error::invalid(
        "service", "unknown service '" + type + "' (known: " + victim_service_types_list() + ")");
  }
  service.service = *parsed;
  CONCORD_ASSIGN_OR_RETURN(service.area, reader.required_string("area", 0, kMaxRead));
  CONCORD_ASSIGN_OR_RETURN(service.provider, reader.required_string("provider", 0, kMaxRead));
  CONCORD_ASSIGN_OR_RETURN(service.people_reached,
                           reader.required_integer("people_reached", 0, kMaxCasualtyCount));
  CONCORD_ASSIGN_OR_RETURN(service.people_in_need,
                           reader.required_integer("people_in_need", 1, kMaxCasualtyCount));
  CONCORD_TRY(reader.finish());
  return service;
}

}  // namespace concord::operations
