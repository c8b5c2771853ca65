#include "assistance/iati_import.h"

#include <libxml/parser.h>
#include <libxml/tree.h>

#include <charconv>
#include <cmath>
#include <memory>
#include <optional>

#include "assistance/iati_codes.h"
#include "core/clock.h"
#include "core/money.h"
#include "core/text.h"

namespace concord::assistance {
namespace {

// libxml2 takes UTF-8 as unsigned char; BAD_CAST is an old-style cast.
const xmlChar* as_xml(const char* text) {
  return reinterpret_cast<const xmlChar*>(text);
}

struct DocFree {
  void operator()(xmlDoc* doc) const { xmlFreeDoc(doc); }
};
struct ContextFree {
  void operator()(xmlParserCtxt* context) const { xmlFreeParserCtxt(context); }
};

// An element of the IATI vocabulary: no namespace (extensions in other namespaces are ignored).
bool is_element(const xmlNode* node, const char* name) {
  return node->type == XML_ELEMENT_NODE && node->ns == nullptr &&
         xmlStrcmp(node->name, as_xml(name)) == 0;
}

std::vector<const xmlNode*> children(const xmlNode* parent, const char* name) {
  std::vector<const xmlNode*> found;
  for (const xmlNode* child = parent->children; child != nullptr; child = child->next) {
    if (is_element(child, name)) found.push_back(child);
  }
  return found;
}

const xmlNode* first_child(const xmlNode* parent, const char* name) {
  for (const xmlNode* child = parent->children; child != nullptr; child = child->next) {
    if (is_element(child, name)) return child;
  }
  return nullptr;
}

std::optional<std::string> attribute(const xmlNode* node, const char* name) {
  xmlChar* value = xmlGetNoNsProp(node, as_xml(name));
  if (value == nullptr) return std::nullopt;
  std::string text(trim(reinterpret_cast<const char*>(value)));
  xmlFree(value);
  return text;
}

std::string content(const xmlNode* node) {
  xmlChar* value = xmlNodeGetContent(node);
  if (value == nullptr) return {};
  std::string text(trim(reinterpret_cast<const char*>(value)));
  xmlFree(value);
  return text;
}

// The first narrative of `parent`'s child `name` (title, description), "" when none.
std::string narrative_of(const xmlNode* parent, const char* name) {
  const xmlNode* holder = parent == nullptr ? nullptr : first_child(parent, name);
  const xmlNode* narrative = holder == nullptr ? nullptr : first_child(holder, "narrative");
  return narrative == nullptr ? std::string() : content(narrative);
}

int line_of(const xmlNode* node) {
  return static_cast<int>(xmlGetLineNo(node));
}

Error broken(const xmlNode* node, const std::string& activity, const std::string& message) {
  std::string where = "line " + std::to_string(line_of(node)) + ", <" +
                      reinterpret_cast<const char*>(node->name) + ">";
  if (!activity.empty()) where += " of activity '" + activity + "'";
  return Error::invalid("xml", where + ": " + message);
}

// YYYY-MM-DD, digits where digits belong, and a real calendar date.
bool is_date(const std::string& text) {
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') return false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (i != 4 && i != 7 && (text[i] < '0' || text[i] > '9')) return false;
  }
  return parse_iso8601(text).has_value();
}

// A required YYYY-MM-DD attribute.
Result<std::string> date_attribute(const xmlNode* node, const char* name,
                                   const std::string& activity) {
  const auto value = attribute(node, name);
  if (!value) return broken(node, activity, std::string("the ") + name + " attribute is missing");
  if (!is_date(*value)) {
    return broken(node, activity,
                  std::string(name) + " must be a date written YYYY-MM-DD, got '" + *value + "'");
  }
  return *value;
}

// An optional percentage; 0 when absent.
Result<double> percentage(const xmlNode* node, const std::string& activity) {
  const auto value = attribute(node, "percentage");
  if (!value || value->empty()) return 0.0;
  double parsed = 0;
  const char* end = value->data() + value->size();
  const auto [stop, problem] = std::from_chars(value->data(), end, parsed);
  if (problem != std::errc() || stop != end || !std::isfinite(parsed) || parsed < 0 ||
      parsed > 100) {
    return broken(node, activity,
                  "percentage must be a number from 0 to 100, got '" + *value + "'");
  }
  return parsed;
}

// xsd:decimal text in a form Money::parse reads: no leading '+', no trailing zero decimals
// ("1000.00" in JPY, "12.3400" in EUR are exact amounts).
std::string plain_decimal(std::string text) {
  if (!text.empty() && text.front() == '+') text.erase(0, 1);
  if (text.find('.') != std::string::npos) {
    while (!text.empty() && text.back() == '0')
      text.pop_back();
    if (!text.empty() && text.back() == '.') text.pop_back();
  }
  return text;
}

// Of several coded elements (countries, sectors), the one with the largest percentage (the first
// on a tie), with a note saying so.
struct Coded {
  std::string code;
  double share = 0;
};
std::optional<std::string> largest_share(const std::vector<Coded>& coded, const std::string& what,
                                         const std::string& activity,
                                         std::vector<std::string>& notes) {
  if (coded.empty()) return std::nullopt;
  const Coded* best = &coded.front();
  for (const Coded& candidate : coded) {
    if (candidate.share > best->share) best = &candidate;
  }
  if (coded.size() > 1) {
    notes.push_back("activity '" + activity + "' names " + std::to_string(coded.size()) + " " +
                    what + "; the one with the largest share, " + best->code + ", is used");
  }
  return best->code;
}

bool is_dac_vocabulary(const xmlNode* sector) {
  const auto vocabulary = attribute(sector, "vocabulary");
  return !vocabulary || vocabulary->empty() || *vocabulary == "1";
}

// The Concord theme a vocabulary-99 sector names, when it does.
std::optional<Theme> theme_hint(const xmlNode* parent) {
  for (const xmlNode* sector : children(parent, "sector")) {
    if (attribute(sector, "vocabulary").value_or("") != kIatiThemeVocabulary) continue;
    if (auto theme = theme_from_string(attribute(sector, "code").value_or(""))) return theme;
  }
  return std::nullopt;
}

class ActivityReader {
 public:
  ActivityReader(const ReferenceData& reference, IatiDocument& document)
      : reference_(reference), document_(document) {}

  Result<void> read(const xmlNode* node) {
    const xmlNode* identifier_node = first_child(node, "iati-identifier");
    activity_ = identifier_node == nullptr ? "" : content(identifier_node);
    if (activity_.empty()) return broken(node, "", "an activity needs a non-empty iati-identifier");
    ++document_.activities;
    default_currency_ = attribute(node, "default-currency").value_or("");
    problem_.clear();
    std::vector<IatiFlow> flows;

    std::vector<Coded> countries;
    for (const xmlNode* country : children(node, "recipient-country")) {
      CONCORD_ASSIGN_OR_RETURN(double share, percentage(country, activity_));
      countries.push_back({attribute(country, "code").value_or(""), share});
    }
    activity_country_ = largest_share(countries, "recipient countries", activity_, document_.notes);
    std::vector<Coded> sectors;
    for (const xmlNode* sector : children(node, "sector")) {
      if (!is_dac_vocabulary(sector)) continue;
      CONCORD_ASSIGN_OR_RETURN(double share, percentage(sector, activity_));
      sectors.push_back({attribute(sector, "code").value_or(""), share});
    }
    activity_sector_ = largest_share(sectors, "DAC sectors", activity_, document_.notes);
    activity_theme_ = theme_hint(node);

    for (const xmlNode* transaction : children(node, "transaction")) {
      CONCORD_ASSIGN_OR_RETURN(auto flow, read_transaction(transaction));
      if (flow) flows.push_back(std::move(*flow));
    }
    if (!problem_.empty()) {
      document_.skipped.push_back({activity_, line_of(node), "iati-activity", problem_});
      return {};
    }
    for (auto& flow : flows)
      document_.flows.push_back(std::move(flow));
    return {};
  }

 private:
  // The flow of one transaction; nullopt when it is left out (listed in skipped) or when the
  // activity cannot be imported (problem_).
  Result<std::optional<IatiFlow>> read_transaction(const xmlNode* node) {
    const xmlNode* type_node = first_child(node, "transaction-type");
    if (type_node == nullptr)
      return broken(node, activity_, "a transaction needs a transaction-type");
    const std::string type = attribute(type_node, "code").value_or("");
    const auto kind = flow_kind_from_iati(type);
    if (!kind) {
      skip(node, "transaction type '" + type +
                     "' is not a pledge, commitment, disbursement or expenditure");
      return std::optional<IatiFlow>();
    }
    const xmlNode* date_node = first_child(node, "transaction-date");
    if (date_node == nullptr)
      return broken(node, activity_, "a transaction needs a transaction-date");
    CONCORD_ASSIGN_OR_RETURN(std::string date, date_attribute(date_node, "iso-date", activity_));
    const xmlNode* value_node = first_child(node, "value");
    if (value_node == nullptr) return broken(node, activity_, "a transaction needs a value");

    IatiFlow flow;
    flow.activity = activity_;
    flow.kind = *kind;
    flow.line = line_of(node);
    flow.value_date = date;
    if (attribute(value_node, "value-date")) {
      CONCORD_ASSIGN_OR_RETURN(flow.value_date,
                               date_attribute(value_node, "value-date", activity_));
    }
    flow.budget_year = std::stoi(flow.value_date.substr(0, 4));
    const std::string currency = attribute(value_node, "currency").value_or(default_currency_);
    if (currency.empty()) {
      return broken(value_node, activity_,
                    "the value has no currency attribute and the activity no default-currency");
    }
    auto amount = Money::parse(plain_decimal(content(value_node)), currency, reference_);
    if (!amount.ok()) return broken(value_node, activity_, amount.error().message);
    if (amount->minor_units < 0) {
      skip(node, "a negative value (a correction) is not imported as a flow");
      return std::optional<IatiFlow>();
    }
    flow.amount_minor = amount->minor_units;
    flow.currency = amount->currency;
    flow.description = narrative_of(node, "description");

    const xmlNode* country_node = first_child(node, "recipient-country");
    const auto country =
        country_node != nullptr ? attribute(country_node, "code") : activity_country_;
    if (!country || country->empty()) {
      return unusable("it names no recipient country (Concord records flows to states)");
    }
    if (reference_.country(*country) == nullptr) {
      return unusable("recipient country '" + *country + "' is not an ISO 3166-1 alpha-2 code");
    }
    flow.recipient_state = *country;

    std::optional<std::string> sector = activity_sector_;
    for (const xmlNode* sector_node : children(node, "sector")) {
      if (is_dac_vocabulary(sector_node)) sector = attribute(sector_node, "code");
    }
    if (!sector || sector->empty()) {
      return unusable("it has no DAC 5-digit sector (vocabulary 1)");
    }
    if (*sector != dac_sector(Theme::clearance) && *sector != dac_sector(Theme::salw_control)) {
      return unusable("sector " + *sector +
                      " is neither 15250 (mine action) nor 15240 (SALW control)");
    }
    flow.sector = *sector;
    // The vocabulary-99 theme Concord writes, when it fits the sector; else the sector's own.
    auto theme = theme_hint(node);
    if (!theme) theme = activity_theme_;
    if (!theme || dac_sector(*theme) != flow.sector) {
      theme =
          flow.sector == dac_sector(Theme::salw_control) ? Theme::salw_control : Theme::clearance;
    }
    flow.theme = *theme;
    return std::optional<IatiFlow>(std::move(flow));
  }

  void skip(const xmlNode* node, std::string reason) {
    document_.skipped.push_back({activity_, line_of(node), "transaction", std::move(reason)});
  }

  // The whole activity is left out, for the first reason found; its other transactions are
  // still checked, so that a broken file is refused whatever it holds.
  Result<std::optional<IatiFlow>> unusable(std::string reason) {
    if (problem_.empty()) problem_ = std::move(reason);
    return std::optional<IatiFlow>();
  }

  const ReferenceData& reference_;
  IatiDocument& document_;
  std::string activity_;
  std::string default_currency_;
  std::optional<std::string> activity_country_;
  std::optional<std::string> activity_sector_;
  std::optional<Theme> activity_theme_;
  std::string problem_;
};

}  // namespace

Result<IatiDocument> parse_iati_activities(std::string_view xml, const ReferenceData& reference) {
  if (xml.size() > kIatiMaxBytes) {
    return Error{ErrorCode::payload_too_large,
                 "an IATI file may hold at most " + std::to_string(kIatiMaxBytes / (1024 * 1024)) +
                     " MiB; split it by activity",
                 "xml"};
  }
  static const bool initialised = [] {
    xmlInitParser();
    return true;
  }();
  (void)initialised;
  std::unique_ptr<xmlParserCtxt, ContextFree> context(xmlNewParserCtxt());
  if (!context) return Error::internal("libxml2 could not allocate a parser");
  // No network, no DTD loading, no entity substitution; errors are collected, not printed.
  const int options = XML_PARSE_NONET | XML_PARSE_NOBLANKS | XML_PARSE_NOERROR |
                      XML_PARSE_NOWARNING | XML_PARSE_NOCDATA;
  std::unique_ptr<xmlDoc, DocFree> doc(xmlCtxtReadMemory(
      context.get(), xml.data(), static_cast<int>(xml.size()), "iati.xml", nullptr, options));
  if (!doc || !context->wellFormed) {
    const xmlError* error = xmlCtxtGetLastError(context.get());
    const std::string line = error != nullptr ? std::to_string(error->line) : "?";
    const std::string what = error != nullptr && error->message != nullptr
                                 ? std::string(trim(error->message))
                                 : std::string("the document is empty");
    return Error::invalid("xml", "line " + line + ": the file is not well-formed XML: " + what);
  }
  if (doc->intSubset != nullptr) {
    return Error::invalid("xml", "line 1: a DOCTYPE is not allowed in an IATI activity file");
  }
  const xmlNode* root = xmlDocGetRootElement(doc.get());
  if (root == nullptr || !is_element(root, "iati-activities")) {
    return Error::invalid("xml", "line " + std::to_string(root ? line_of(root) : 1) +
                                     ": the root element must be <iati-activities> (an IATI "
                                     "activity file), not <" +
                                     (root ? reinterpret_cast<const char*>(root->name) : "") + ">");
  }
  IatiDocument document;
  document.version = attribute(root, "version").value_or("");
  if (document.version.size() != 4 || !document.version.starts_with("2.0") ||
      document.version[3] < '1' || document.version[3] > '9') {
    return broken(
        root, "",
        "version must be an IATI 2.x version such as 2.03, got '" + document.version + "'");
  }
  ActivityReader reader(reference, document);
  for (const xmlNode* activity : children(root, "iati-activity")) {
    CONCORD_TRY(reader.read(activity));
  }
  return document;
}

}  // namespace concord::assistance
