#include "api/assistance_body.h"

namespace concord::api {

Result<std::optional<std::string>> optional_decimal(http::ObjectReader& reader,
                                                    const std::string& key) {
  CONCORD_ASSIGN_OR_RETURN(auto value, reader.optional_value(key));
  if (!value || value->is_null()) return std::optional<std::string>{};
  if (value->is_string()) {
    const auto& text = value->get_ref<const std::string&>();
    if (text.size() > 40) {
      return Error::invalid(reader.field_name(key), reader.field_name(key) + " is too long");
    }
    return std::optional<std::string>{text};
  }
  if (value->is_number_integer()) return std::optional<std::string>{value->dump()};
  return Error::invalid(reader.field_name(key),
                        reader.field_name(key) +
                            " must be a decimal amount written as a string, such as \"1250.75\"");
}

Result<std::string> required_decimal(http::ObjectReader& reader, const std::string& key) {
  CONCORD_ASSIGN_OR_RETURN(auto text, optional_decimal(reader, key));
  if (!text) return Error::invalid(reader.field_name(key), reader.field_name(key) + " is required");
  return *text;
}

Result<std::optional<double>> optional_number(http::ObjectReader& reader, const std::string& key) {
  CONCORD_ASSIGN_OR_RETURN(auto value, reader.optional_value(key));
  if (!value || value->is_null()) return std::optional<double>{};
  if (!value->is_number()) {
    return Error::invalid(reader.field_name(key), reader.field_name(key) + " must be a number");
  }
  return std::optional<double>{value->get<double>()};
}

Result<double> required_number(http::ObjectReader& reader, const std::string& key) {
  CONCORD_ASSIGN_OR_RETURN(auto number, optional_number(reader, key));
  if (!number)
    return Error::invalid(reader.field_name(key), reader.field_name(key) + " is required");
  return *number;
}

}  // namespace concord::api
