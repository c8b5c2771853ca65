// The IATI 2.03 export: checks that need no schema always run (well-formed, parsed back with
// libxml2, counts, identifiers, element order, currency and value-date on every value), and
// validation with xmllint against the official schema when CONCORD_IATI_SCHEMA_DIR names it
// (.ci/run sets it). The export read back by the importer gives the same flows.
#include <gtest/gtest.h>
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <memory>

#include "assistance/iati_export.h"
#include "assistance/iati_import.h"

namespace concord::assistance {
namespace {

const ReferenceData& reference() {
  static const auto loaded = ReferenceData::load("/usr/share/iso-codes/json");
  EXPECT_TRUE(loaded.ok());
  return **loaded;
}

FundingFlow flow(const std::string& id, FlowKind kind, const std::string& activity,
                 const Donor& donor, const std::string& recipient, Theme theme, int year,
                 std::int64_t amount_minor, const std::string& currency, const std::string& date) {
  FundingFlow result;
  result.flow_id = id;
  result.kind = kind;
  result.donor = donor;
  result.recipient_state = recipient;
  result.activity = activity;
  result.theme = theme;
  result.sector = std::string(dac_sector(theme));
  result.budget_year = year;
  result.amount_minor = amount_minor;
  result.currency = currency;
  result.value_date = date;
  result.recorded_at = "2027-03-01T10:00:00Z";
  return result;
}

const Donor kFrance{DonorType::state, "FR"};
const Donor kFund{DonorType::organisation, "01JFUND0000000000000000000"};

// Two activities: France's clearance in Laos over three years (one recipient, one theme: on the
// activity), and a fund's work in Cambodia and Laos on two themes (on each transaction).
IatiExportInput sample() {
  IatiExportInput input;
  input.generated_at = "2027-03-10T09:00:00Z";
  const std::string laos = "XX-CONCORD-STATE-FR-LA-CLEARANCE";
  const std::string fund = "XX-CONCORD-ORG-01JFUND-SEA";
  input.flows = {
      flow("F1", FlowKind::pledge, laos, kFrance, "LA", Theme::clearance, 2029, 5000000, "EUR",
           "2027-01-15"),
      flow("F2", FlowKind::commitment, laos, kFrance, "LA", Theme::clearance, 2027, 12000050, "EUR",
           "2027-02-01"),
      flow("F3", FlowKind::commitment, laos, kFrance, "LA", Theme::clearance, 2028, 10000000, "EUR",
           "2027-02-01"),
      flow("F4", FlowKind::disbursement, laos, kFrance, "LA", Theme::clearance, 2027, 6000000,
           "EUR", "2027-03-05"),
      flow("F5", FlowKind::commitment, fund, kFund, "KH", Theme::risk_education, 2027, 30000000,
           "JPY", "2027-01-20"),
      flow("F6", FlowKind::disbursement, fund, kFund, "LA", Theme::salw_control, 2027, 1250000,
           "USD", "2027-02-20"),
      flow("F7", FlowKind::expenditure, fund, kFund, "KH", Theme::risk_education, 2027, 9000000,
           "JPY", "2027-02-28"),
  };
  input.flows[3].description = "first tranche & survey <north>";
  FundingFlow withdrawn = flow("F8", FlowKind::commitment, laos, kFrance, "LA", Theme::clearance,
                               2030, 700, "EUR", "2027-02-02");
  withdrawn.status = FlowStatus::withdrawn;
  input.flows.push_back(withdrawn);
  input.titles[laos] = "Clearance of cluster munition remnants in Xieng Khouang";
  input.donors[kFund] = {"South-East Asia Demining Fund", "40"};
  return input;
}

struct DocFree {
  void operator()(xmlDoc* doc) const { xmlFreeDoc(doc); }
};
using Doc = std::unique_ptr<xmlDoc, DocFree>;

Doc parse(const std::string& text) {
  return Doc(xmlReadMemory(text.data(), static_cast<int>(text.size()), "export.xml", nullptr,
                           XML_PARSE_NONET | XML_PARSE_NOBLANKS));
}

std::string name_of(const xmlNode* node) {
  return reinterpret_cast<const char*>(node->name);
}

std::vector<const xmlNode*> elements(const xmlNode* parent, const std::string& name = "") {
  std::vector<const xmlNode*> found;
  for (const xmlNode* child = parent->children; child != nullptr; child = child->next) {
    if (child->type == XML_ELEMENT_NODE && (name.empty() || name_of(child) == name)) {
      found.push_back(child);
    }
  }
  return found;
}

std::string attribute(const xmlNode* node, const char* name) {
  xmlChar* value = xmlGetProp(node, reinterpret_cast<const xmlChar*>(name));
  if (value == nullptr) return "<absent>";
  std::string text(reinterpret_cast<const char*>(value));
  xmlFree(value);
  return text;
}

std::string content(const xmlNode* node) {
  xmlChar* value = xmlNodeGetContent(node);
  std::string text(reinterpret_cast<const char*>(value));
  xmlFree(value);
  return text;
}

void collect(const xmlNode* node, const std::string& name, std::vector<const xmlNode*>& found) {
  for (const xmlNode* child : elements(node)) {
    if (name_of(child) == name) found.push_back(child);
    collect(child, name, found);
  }
}

// The children of iati-activity in the order of the 2.03 schema's xsd:sequence.
const std::vector<std::string> kActivitySequence = {"iati-identifier",
                                                    "reporting-org",
                                                    "title",
                                                    "description",
                                                    "participating-org",
                                                    "other-identifier",
                                                    "activity-status",
                                                    "activity-date",
                                                    "contact-info",
                                                    "activity-scope",
                                                    "recipient-country",
                                                    "recipient-region",
                                                    "location",
                                                    "sector",
                                                    "tag",
                                                    "country-budget-items",
                                                    "humanitarian-scope",
                                                    "policy-marker",
                                                    "collaboration-type",
                                                    "default-flow-type",
                                                    "default-finance-type",
                                                    "default-aid-type",
                                                    "default-tied-status",
                                                    "budget",
                                                    "planned-disbursement",
                                                    "capital-spend",
                                                    "transaction",
                                                    "document-link"};
const std::vector<std::string> kTransactionSequence = {
    "transaction-type", "transaction-date",     "value",  "description",      "provider-org",
    "receiver-org",     "disbursement-channel", "sector", "recipient-country"};

void expect_in_sequence(const xmlNode* parent, const std::vector<std::string>& sequence) {
  std::size_t position = 0;
  for (const xmlNode* child : elements(parent)) {
    const auto found = std::find(sequence.begin(), sequence.end(), name_of(child));
    ASSERT_NE(found, sequence.end()) << name_of(child) << " is not in the schema's sequence";
    const auto index = static_cast<std::size_t>(found - sequence.begin());
    EXPECT_GE(index, position) << name_of(child) << " comes too late in " << name_of(parent);
    position = index;
  }
}

TEST(AssistanceIatiExport, WritesOneActivityPerActivityWithItsTransactions) {
  auto text = write_iati_activities(sample(), reference());
  ASSERT_TRUE(text.ok()) << text.error().message;
  Doc doc = parse(*text);
  ASSERT_TRUE(doc) << "the export is not well-formed XML";
  const xmlNode* root = xmlDocGetRootElement(doc.get());
  EXPECT_EQ(name_of(root), "iati-activities");
  EXPECT_EQ(attribute(root, "version"), "2.03");
  EXPECT_EQ(attribute(root, "generated-datetime"), "2027-03-10T09:00:00Z");

  const auto activities = elements(root, "iati-activity");
  ASSERT_EQ(activities.size(), 2u);
  // Sorted by identifier: the fund's activity first.
  const xmlNode* fund = activities[0];
  const xmlNode* laos = activities[1];
  EXPECT_EQ(content(elements(fund, "iati-identifier").at(0)), "XX-CONCORD-ORG-01JFUND-SEA");
  EXPECT_EQ(content(elements(laos, "iati-identifier").at(0)), "XX-CONCORD-STATE-FR-LA-CLEARANCE");

  // The first elements, in the schema's order.
  const auto first = elements(laos);
  ASSERT_GE(first.size(), 6u);
  EXPECT_EQ(name_of(first[0]), "iati-identifier");
  EXPECT_EQ(name_of(first[1]), "reporting-org");
  EXPECT_EQ(name_of(first[2]), "title");
  EXPECT_EQ(name_of(first[3]), "description");
  EXPECT_EQ(name_of(first[4]), "participating-org");
  for (const xmlNode* activity : activities) {
    expect_in_sequence(activity, kActivitySequence);
    for (const xmlNode* transaction : elements(activity, "transaction")) {
      expect_in_sequence(transaction, kTransactionSequence);
    }
  }

  // France reports its own activity, as a government, funding (1) Laos's government (4).
  const xmlNode* reporting = elements(laos, "reporting-org").at(0);
  EXPECT_EQ(attribute(reporting, "ref"), "XX-CONCORD-STATE-FR");
  EXPECT_EQ(attribute(reporting, "type"), "10");
  EXPECT_EQ(content(reporting), "Government of France");
  EXPECT_EQ(content(elements(laos, "title").at(0)),
            "Clearance of cluster munition remnants in Xieng Khouang");
  const auto parties = elements(laos, "participating-org");
  ASSERT_EQ(parties.size(), 2u);
  EXPECT_EQ(attribute(parties[0], "role"), "1");
  EXPECT_EQ(attribute(parties[1], "role"), "4");
  EXPECT_EQ(attribute(parties[1], "ref"), "XX-CONCORD-STATE-LA");
  EXPECT_EQ(attribute(elements(laos, "activity-status").at(0), "code"), "2");
  EXPECT_EQ(attribute(elements(laos, "activity-date").at(0), "type"), "2");
  EXPECT_EQ(attribute(elements(laos, "activity-date").at(0), "iso-date"), "2027-03-05");
  EXPECT_EQ(attribute(laos, "default-currency"), "EUR");
  const auto countries = elements(laos, "recipient-country");
  ASSERT_EQ(countries.size(), 1u);
  EXPECT_EQ(attribute(countries[0], "code"), "LA");
  EXPECT_EQ(attribute(countries[0], "percentage"), "100");
  const auto sectors = elements(laos, "sector");
  ASSERT_EQ(sectors.size(), 2u);
  EXPECT_EQ(attribute(sectors[0], "vocabulary"), "1");
  EXPECT_EQ(attribute(sectors[0], "code"), "15250");
  EXPECT_EQ(attribute(sectors[0], "percentage"), "100");
  EXPECT_EQ(attribute(sectors[1], "vocabulary"), "99");
  EXPECT_EQ(attribute(sectors[1], "code"), "clearance");

  // One budget per year of commitments (the withdrawn 2030 commitment is left out).
  const auto budgets = elements(laos, "budget");
  ASSERT_EQ(budgets.size(), 2u);
  EXPECT_EQ(attribute(elements(budgets[0], "period-start").at(0), "iso-date"), "2027-01-01");
  EXPECT_EQ(attribute(elements(budgets[0], "period-end").at(0), "iso-date"), "2027-12-31");
  EXPECT_EQ(content(elements(budgets[0], "value").at(0)), "120000.50");
  EXPECT_EQ(content(elements(budgets[1], "value").at(0)), "100000.00");

  // Transactions: pledge 12, commitments 2, disbursement 3, in date order.
  const auto transactions = elements(laos, "transaction");
  ASSERT_EQ(transactions.size(), 4u);
  std::vector<std::string> codes;
  for (const xmlNode* transaction : transactions) {
    codes.push_back(attribute(elements(transaction, "transaction-type").at(0), "code"));
  }
  EXPECT_EQ(codes, (std::vector<std::string>{"12", "2", "2", "3"}));
  EXPECT_EQ(content(elements(transactions[3], "description").at(0)),
            "first tranche & survey <north>");
  EXPECT_EQ(content(elements(transactions[3], "value").at(0)), "60000.00");

  // Two recipients and two themes: each transaction carries its own country and sectors.
  EXPECT_TRUE(elements(fund, "recipient-country").empty());
  EXPECT_TRUE(elements(fund, "sector").empty());
  EXPECT_EQ(attribute(fund, "default-currency"), "<absent>");
  EXPECT_EQ(attribute(elements(fund, "reporting-org").at(0), "type"), "40");
  const auto fund_transactions = elements(fund, "transaction");
  ASSERT_EQ(fund_transactions.size(), 3u);
  for (const xmlNode* transaction : fund_transactions) {
    EXPECT_EQ(elements(transaction, "recipient-country").size(), 1u);
    EXPECT_EQ(elements(transaction, "sector").size(), 2u);
  }
  EXPECT_EQ(content(elements(fund_transactions[0], "value").at(0)), "30000000");  // JPY

  // Every value states its currency and value date.
  std::vector<const xmlNode*> values;
  collect(root, "value", values);
  EXPECT_EQ(values.size(), 2u + 4u + 1u + 3u);  // budgets and transactions of both activities
  for (const xmlNode* value : values) {
    EXPECT_NE(attribute(value, "currency"), "<absent>");
    EXPECT_NE(attribute(value, "value-date"), "<absent>");
  }
}

TEST(AssistanceIatiExport, ValidatesAgainstTheOfficialSchema) {
  const char* schema_dir = std::getenv("CONCORD_IATI_SCHEMA_DIR");
  if (schema_dir == nullptr || *schema_dir == '\0') {
    GTEST_SKIP() << "CONCORD_IATI_SCHEMA_DIR is not set: set it to the directory holding "
                    "iati-activities-schema.xsd (IATI 2.03) to validate the export with xmllint";
  }
  const std::filesystem::path schema =
      std::filesystem::path(schema_dir) / "iati-activities-schema.xsd";
  ASSERT_TRUE(std::filesystem::exists(schema)) << schema << " does not exist";
  auto text = write_iati_activities(sample(), reference());
  ASSERT_TRUE(text.ok()) << text.error().message;
  const std::filesystem::path file = std::filesystem::temp_directory_path() /
                                     ("concord-iati-export-" + std::to_string(::getpid()) + ".xml");
  std::ofstream(file) << *text;
  const std::string command =
      "xmllint --noout --nonet --schema '" + schema.string() + "' '" + file.string() + "' 2>&1";
  const int status = std::system(command.c_str());
  std::filesystem::remove(file);
  EXPECT_EQ(status, 0) << "xmllint refused the export: " << command << "\n" << *text;
}

TEST(AssistanceIatiExport, ReadsBackAsTheSameFlows) {
  const IatiExportInput input = sample();
  auto text = write_iati_activities(input, reference());
  ASSERT_TRUE(text.ok()) << text.error().message;
  auto document = parse_iati_activities(*text, reference());
  ASSERT_TRUE(document.ok()) << document.error().message;
  EXPECT_EQ(document->version, "2.03");
  EXPECT_EQ(document->activities, 2);
  EXPECT_TRUE(document->skipped.empty());
  ASSERT_EQ(document->flows.size(), 7u);
  for (const FundingFlow& original : input.flows) {
    if (original.status == FlowStatus::withdrawn) continue;
    const auto match =
        std::find_if(document->flows.begin(), document->flows.end(), [&](const IatiFlow& read) {
          return read.activity == original.activity && read.kind == original.kind &&
                 read.amount_minor == original.amount_minor && read.currency == original.currency &&
                 read.value_date == original.value_date &&
                 read.recipient_state == original.recipient_state &&
                 read.sector == original.sector && read.theme == original.theme &&
                 read.description == original.description;
        });
    EXPECT_NE(match, document->flows.end()) << "flow " << original.flow_id << " did not come back";
  }
  // IATI transactions carry no budget year: it is read as the value date's year, so a
  // commitment dated 2027 for 2028 comes back in 2027 (docs/assistance.md says so).
  for (const IatiFlow& read : document->flows) {
    EXPECT_EQ(read.budget_year, std::stoi(read.value_date.substr(0, 4)));
  }
}

TEST(AssistanceIatiExport, NamesOrganisationTypesFromDirectoryKinds) {
  EXPECT_EQ(iati_organisation_type("united_nations"), "40");
  EXPECT_EQ(iati_organisation_type("academic"), "80");
  EXPECT_EQ(iati_organisation_type("non_governmental"), "21");
  EXPECT_EQ(iati_organisation_type("something_new"), "90");
}

}  // namespace
}  // namespace concord::assistance
