#include "marking/marking_system_json.h"

#include <map>
#include <set>

#include "core/json_text.h"
#include "core/text.h"
#include "marking/marking_system_pattern.h"

namespace concord::marking {
namespace {

using nlohmann::json;

constexpr int kMaxNesting = 8;

// Reads one object's fields by name, remembering which were read so that finish() can refuse the
// others. `path` is the object's JSON path ("" for the document, "manufacturer_codes[3]").
class Fields {
 public:
  Fields(const json& object, std::string path) : object_(object), path_(std::move(path)) {}

  std::string path_of(const std::string& key) const {
    return path_.empty() ? key : path_ + "." + key;
  }

  // nullptr when absent or null.
  const json* find(const std::string& key) {
    read_.insert(key);
    auto found = object_.find(key);
    if (found == object_.end() || found->is_null()) return nullptr;
    return &*found;
  }

  Result<std::optional<std::string>> optional_text(const std::string& key, size_t max_length) {
    const json* value = find(key);
    if (value == nullptr) return std::optional<std::string>();
    const std::string name = path_of(key);
    if (!value->is_string())
      return Error::invalid(name, name + " must be a string, not " + json_type_name(*value));
    std::string text(trim(value->get_ref<const std::string&>()));
    const auto length = utf8_length(text);
    if (!length) return Error::invalid(name, name + " is not valid UTF-8");
    if (has_control_characters(text))
      return Error::invalid(name, name + " contains control characters");
    if (*length > max_length) {
      return Error::invalid(name, name + " must be at most " + std::to_string(max_length) +
                                      " characters, got " + std::to_string(*length));
    }
    return std::optional<std::string>(std::move(text));
  }

  Result<std::string> required_text(const std::string& key, size_t max_length) {
    CONCORD_ASSIGN_OR_RETURN(auto text, optional_text(key, max_length));
    const std::string name = path_of(key);
    if (!text) return Error::invalid(name, name + " is required");
    if (text->empty()) return Error::invalid(name, name + " must not be empty");
    return std::move(*text);
  }

  Result<std::optional<int>> optional_integer(const std::string& key, int min, int max) {
    const json* value = find(key);
    if (value == nullptr) return std::optional<int>();
    const std::string name = path_of(key);
    if (!value->is_number_integer())
      return Error::invalid(name, name + " must be a whole number, not " + json_type_name(*value));
    const bool too_big =
        value->is_number_unsigned() ? value->get<std::uint64_t>() > std::uint64_t(max) : false;
    const std::int64_t number = too_big ? std::int64_t(max) + 1 : value->get<std::int64_t>();
    if (number < min || number > max) {
      return Error::invalid(
          name, name + " must be between " + std::to_string(min) + " and " + std::to_string(max));
    }
    return std::optional<int>(static_cast<int>(number));
  }

  // The entries of an array field (empty when absent), at most `max_entries`.
  Result<const json*> optional_array(const std::string& key, size_t max_entries) {
    const json* value = find(key);
    if (value == nullptr) return value;
    const std::string name = path_of(key);
    if (!value->is_array())
      return Error::invalid(name, name + " must be an array, not " + json_type_name(*value));
    if (value->size() > max_entries) {
      return Error::invalid(name, name + " must have at most " + std::to_string(max_entries) +
                                      " entries, got " + std::to_string(value->size()));
    }
    return value;
  }

  Result<void> finish() const {
    for (const auto& [key, value] : object_.items()) {
      if (!read_.contains(key)) {
        const std::string name = path_of(key.empty() ? "\"\"" : key);
        return Error::invalid(name, "unknown field " + name);
      }
    }
    return ok();
  }

 private:
  const json& object_;
  std::string path_;
  std::set<std::string> read_;
};

std::string entry_path(const std::string& array, size_t index) {
  return array + "[" + std::to_string(index) + "]";
}

Result<Fields> entry_fields(const json& entry, const std::string& path) {
  if (!entry.is_object())
    return Error::invalid(path, path + " must be an object, not " + json_type_name(entry));
  return Fields(entry, path);
}

// Codes are compared canonically, so they must keep at least one symbol, must not use the
// unreadable-character marks and must not repeat within their table.
class CodeTable {
 public:
  explicit CodeTable(std::string array) : array_(std::move(array)) {}

  Result<std::string> code(Fields& fields, const std::string& key, size_t index) {
    CONCORD_ASSIGN_OR_RETURN(std::string text, fields.required_text(key, 200));
    const std::string name = fields.path_of(key);
    if (text.find_first_of("?*") != std::string::npos) {
      return Error::invalid(name, name +
                                      " must not contain '?' or '*', which stand for "
                                      "unreadable characters");
    }
    const std::u32string canonical = canonical_key(text);
    if (canonical.empty()) {
      return Error::invalid(name, name +
                                      " has no letter or digit once punctuation and spaces "
                                      "are set aside");
    }
    if (canonical.size() > kMaxCodeSymbols) {
      return Error::invalid(name, name + " must have at most " + std::to_string(kMaxCodeSymbols) +
                                      " letters and digits");
    }
    auto [existing, inserted] = seen_.emplace(canonical, index);
    if (!inserted) {
      return Error::invalid(name, name + " '" + text + "' is the same code as " +
                                      entry_path(array_, existing->second) + "." + key);
    }
    return text;
  }

 private:
  std::string array_;
  std::map<std::u32string, size_t> seen_;
};

Result<std::string> country_code(Fields& fields, const std::string& key,
                                 const ReferenceData& reference) {
  CONCORD_ASSIGN_OR_RETURN(std::string code, fields.required_text(key, 10));
  for (char& c : code) {
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
  }
  if (reference.country(code) == nullptr) {
    const std::string name = fields.path_of(key);
    return Error::invalid(
        name, name + " must be an ISO 3166-1 alpha-2 code such as FR, got '" + code + "'");
  }
  return code;
}

constexpr int kEarliestYear = 1800;
constexpr int kLatestYear = 2200;

// Each entry of `array` through `read_entry(fields, index)`, which must read every field.
template <typename ReadEntry>
Result<void> each_entry(Fields& document, const std::string& array, size_t max_entries,
                        ReadEntry&& read_entry) {
  CONCORD_ASSIGN_OR_RETURN(const json* entries, document.optional_array(array, max_entries));
  if (entries == nullptr) return ok();
  for (size_t i = 0; i < entries->size(); ++i) {
    CONCORD_ASSIGN_OR_RETURN(Fields fields, entry_fields((*entries)[i], entry_path(array, i)));
    CONCORD_TRY(read_entry(fields, i));
    CONCORD_TRY(fields.finish());
  }
  return ok();
}

Result<std::vector<std::string>> formats(Fields& document, const std::string& array) {
  std::vector<std::string> out;
  CONCORD_ASSIGN_OR_RETURN(const json* entries, document.optional_array(array, kMaxFormats));
  if (entries == nullptr) return out;
  std::set<std::string> seen;
  for (size_t i = 0; i < entries->size(); ++i) {
    const std::string path = entry_path(array, i);
    const json& entry = (*entries)[i];
    if (!entry.is_string())
      return Error::invalid(path, path + " must be a string, not " + json_type_name(entry));
    std::string text(trim(entry.get_ref<const std::string&>()));
    if (has_control_characters(text))
      return Error::invalid(path, path + " contains control characters");
    CONCORD_TRY(parse_mark_pattern(text, path));
    if (!seen.insert(text).second)
      return Error::invalid(path, path + " repeats an earlier pattern");
    out.push_back(std::move(text));
  }
  return out;
}

}  // namespace

Result<MarkingSystem> parse_marking_system(std::string_view document,
                                           const ReferenceData& reference, std::string_view state) {
  if (document.size() > kMaxMarkingSystemBytes) {
    return Error{
        ErrorCode::payload_too_large,
        "a marking system must be at most " + std::to_string(kMaxMarkingSystemBytes) + " bytes",
        "body"};
  }
  CONCORD_ASSIGN_OR_RETURN(json parsed,
                           parse_json_object(document, "a marking system", kMaxNesting));

  MarkingSystem system;
  Fields fields(parsed, "");
  CONCORD_ASSIGN_OR_RETURN(auto named_state, fields.optional_text("state", 10));
  std::string publisher(state);
  for (char& c : publisher) {
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
  }
  if (named_state) {
    CONCORD_ASSIGN_OR_RETURN(std::string code, country_code(fields, "state", reference));
    if (!publisher.empty() && code != publisher) {
      return Error::invalid("state", "the document is the marking system of " + code +
                                         ", but it is being published for " + publisher);
    }
    publisher = code;
  }
  if (publisher.empty())
    return Error::invalid("state", "state is required: the ISO 3166-1 code of the publisher");
  if (reference.country(publisher) == nullptr) {
    return Error::invalid(
        "state", "state must be an ISO 3166-1 alpha-2 code such as FR, got '" + publisher + "'");
  }
  system.state = publisher;
  // Accepted so that a document read back can be published again; the store assigns both.
  (void)fields.find("version");
  (void)fields.find("published_at");
  CONCORD_ASSIGN_OR_RETURN(auto description, fields.optional_text("description", 2000));
  system.description = description.value_or("");

  CodeTable manufacturer_codes("manufacturer_codes");
  CONCORD_TRY(each_entry(
      fields, "manufacturer_codes", kMaxTableEntries,
      [&](Fields& entry, size_t index) -> Result<void> {
        ManufacturerCode code;
        CONCORD_ASSIGN_OR_RETURN(code.code, manufacturer_codes.code(entry, "code", index));
        CONCORD_ASSIGN_OR_RETURN(code.manufacturer, entry.required_text("manufacturer", 200));
        CONCORD_ASSIGN_OR_RETURN(code.country, country_code(entry, "country", reference));
        system.manufacturer_codes.push_back(std::move(code));
        return ok();
      }));
  CodeTable country_marks("country_marks");
  CONCORD_TRY(each_entry(
      fields, "country_marks", kMaxTableEntries, [&](Fields& entry, size_t index) -> Result<void> {
        CountryMark mark;
        CONCORD_ASSIGN_OR_RETURN(mark.mark, country_marks.code(entry, "mark", index));
        CONCORD_ASSIGN_OR_RETURN(mark.country, country_code(entry, "country", reference));
        system.country_marks.push_back(std::move(mark));
        return ok();
      }));
  CodeTable proof_marks("proof_marks");
  CONCORD_TRY(each_entry(
      fields, "proof_marks", kMaxTableEntries, [&](Fields& entry, size_t index) -> Result<void> {
        ProofMark mark;
        CONCORD_ASSIGN_OR_RETURN(mark.mark, proof_marks.code(entry, "mark", index));
        CONCORD_ASSIGN_OR_RETURN(mark.proof_house, entry.required_text("proof_house", 200));
        CONCORD_ASSIGN_OR_RETURN(mark.country, country_code(entry, "country", reference));
        system.proof_marks.push_back(std::move(mark));
        return ok();
      }));
  CodeTable year_codes("year_codes");
  CONCORD_TRY(each_entry(
      fields, "year_codes", kMaxTableEntries, [&](Fields& entry, size_t index) -> Result<void> {
        YearCode code;
        CONCORD_ASSIGN_OR_RETURN(code.code, year_codes.code(entry, "code", index));
        const std::string year_path = entry.path_of("year");
        CONCORD_ASSIGN_OR_RETURN(auto year,
                                 entry.optional_integer("year", kEarliestYear, kLatestYear));
        if (!year) return Error::invalid(year_path, year_path + " is required");
        code.year = *year;
        system.year_codes.push_back(std::move(code));
        return ok();
      }));
  CONCORD_ASSIGN_OR_RETURN(auto two_digit_from,
                           fields.optional_integer("two_digit_years_from", kEarliestYear, 2100));
  system.two_digit_years_from = two_digit_from.value_or(1930);
  CodeTable importers("importers");
  CONCORD_TRY(each_entry(
      fields, "importers", kMaxTableEntries, [&](Fields& entry, size_t index) -> Result<void> {
        Importer importer;
        CONCORD_ASSIGN_OR_RETURN(importer.code, importers.code(entry, "code", index));
        CONCORD_ASSIGN_OR_RETURN(importer.name, entry.required_text("name", 200));
        system.importers.push_back(std::move(importer));
        return ok();
      }));
  CONCORD_ASSIGN_OR_RETURN(system.import_mark_formats, formats(fields, "import_mark_formats"));
  CONCORD_ASSIGN_OR_RETURN(system.serial_formats, formats(fields, "serial_formats"));
  CONCORD_TRY(fields.finish());
  return system;
}

nlohmann::ordered_json marking_system_json(const MarkingSystem& system) {
  using ordered = nlohmann::ordered_json;
  ordered manufacturer_codes = ordered::array();
  for (const auto& code : system.manufacturer_codes) {
    manufacturer_codes.push_back(
        {{"code", code.code}, {"manufacturer", code.manufacturer}, {"country", code.country}});
  }
  ordered country_marks = ordered::array();
  for (const auto& mark : system.country_marks)
    country_marks.push_back({{"mark", mark.mark}, {"country", mark.country}});
  ordered proof_marks = ordered::array();
  for (const auto& mark : system.proof_marks) {
    proof_marks.push_back(
        {{"mark", mark.mark}, {"proof_house", mark.proof_house}, {"country", mark.country}});
  }
  ordered year_codes = ordered::array();
  for (const auto& code : system.year_codes)
    year_codes.push_back({{"code", code.code}, {"year", code.year}});
  ordered importers = ordered::array();
  for (const auto& importer : system.importers)
    importers.push_back({{"code", importer.code}, {"name", importer.name}});
  return {{"state", system.state},
          {"version", system.version},
          {"published_at", system.published_at},
          {"description", system.description},
          {"manufacturer_codes", manufacturer_codes},
          {"country_marks", country_marks},
          {"proof_marks", proof_marks},
          {"year_codes", year_codes},
          {"two_digit_years_from", system.two_digit_years_from},
          {"importers", importers},
          {"import_mark_formats", system.import_mark_formats},
          {"serial_formats", system.serial_formats}};
}

}  // namespace concord::marking
