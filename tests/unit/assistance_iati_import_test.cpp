// Reading IATI 2.x activity files: what becomes a flow, what is left out and why, and the broken
// files that are refused whole with the line and element named.
#include <gtest/gtest.h>

#include "assistance/iati_import.h"

namespace concord::assistance {
namespace {

const ReferenceData& reference() {
  static const auto loaded = ReferenceData::load("/usr/share/iso-codes/json");
  EXPECT_TRUE(loaded.ok());
  return **loaded;
}

std::string file(const std::string& activities, const std::string& version = "2.03") {
  return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<iati-activities version=\"" + version +
         "\">\n" + activities + "</iati-activities>\n";
}

// A minimal IATI 2.02-style activity published by someone else.
std::string activity(const std::string& transactions, const std::string& head = "",
                     const std::string& identifier = "GB-GOV-1-300123") {
  return "<iati-activity default-currency=\"GBP\" xmlns:x=\"urn:example:ext\">\n"
         " <iati-identifier>" +
         identifier +
         "</iati-identifier>\n"
         " <reporting-org ref=\"GB-GOV-1\" "
         "type=\"10\"><narrative>FCDO</narrative></reporting-org>\n"
         " <title><narrative>Demining in Angola</narrative></title>\n"
         " <x:extension>anything</x:extension><unknown-element a=\"1\"/>\n" +
         (head.empty() ? " <recipient-country code=\"AO\"/>\n <sector code=\"15250\"/>\n" : head) +
         transactions + "</iati-activity>\n";
}

std::string transaction(const std::string& type, const std::string& value,
                        const std::string& value_attributes = "value-date=\"2026-04-01\"",
                        const std::string& extra = "") {
  return " <transaction>\n  <transaction-type code=\"" + type +
         "\"/>\n  <transaction-date iso-date=\"2026-04-02\"/>\n  <value " + value_attributes + ">" +
         value + "</value>\n" + extra + " </transaction>\n";
}

Result<IatiDocument> read(const std::string& text) {
  return parse_iati_activities(text, reference());
}

TEST(AssistanceIatiImport, ReadsTransactionsWithTheDefaultCurrency) {
  auto document = read(
      file(activity(transaction("2", "250000.00") + transaction("3", "100000.0000") +
                    transaction("12", "5000", "currency=\"EUR\" value-date=\"2027-01-10\"",
                                "  <description><narrative>pledged at the conference</narrative>"
                                "</description>\n")),
           "2.02"));
  ASSERT_TRUE(document.ok()) << document.error().message;
  EXPECT_EQ(document->version, "2.02");
  EXPECT_EQ(document->activities, 1);
  ASSERT_EQ(document->flows.size(), 3u);
  const IatiFlow& commitment = document->flows[0];
  EXPECT_EQ(commitment.activity, "GB-GOV-1-300123");
  EXPECT_EQ(commitment.kind, FlowKind::commitment);
  EXPECT_EQ(commitment.amount_minor, 25000000);
  EXPECT_EQ(commitment.currency, "GBP");
  EXPECT_EQ(commitment.recipient_state, "AO");
  EXPECT_EQ(commitment.sector, "15250");
  EXPECT_EQ(commitment.theme, Theme::clearance);
  EXPECT_EQ(commitment.value_date, "2026-04-01");
  EXPECT_EQ(commitment.budget_year, 2026);
  EXPECT_EQ(document->flows[1].kind, FlowKind::disbursement);
  EXPECT_EQ(document->flows[1].amount_minor, 10000000);
  const IatiFlow& pledge = document->flows[2];
  EXPECT_EQ(pledge.kind, FlowKind::pledge);
  EXPECT_EQ(pledge.currency, "EUR");
  EXPECT_EQ(pledge.budget_year, 2027);
  EXPECT_EQ(pledge.description, "pledged at the conference");
  EXPECT_TRUE(document->skipped.empty());
}

TEST(AssistanceIatiImport, MapsTransactionTypesAndReportsTheOthers) {
  auto document =
      read(file(activity(transaction("11", "10") + transaction("4", "5") + transaction("1", "99") +
                         transaction("13", "7") + transaction("6", "3"))));
  ASSERT_TRUE(document.ok()) << document.error().message;
  ASSERT_EQ(document->flows.size(), 3u);
  EXPECT_EQ(document->flows[0].kind, FlowKind::commitment);  // 11 incoming commitment
  EXPECT_EQ(document->flows[1].kind, FlowKind::expenditure);
  EXPECT_EQ(document->flows[2].kind, FlowKind::pledge);  // 13 incoming pledge
  ASSERT_EQ(document->skipped.size(), 2u);
  EXPECT_EQ(document->skipped[0].element, "transaction");
  EXPECT_NE(document->skipped[0].reason.find("transaction type '1'"), std::string::npos);
  EXPECT_GT(document->skipped[0].line, 0);
}

TEST(AssistanceIatiImport, SkipsActivitiesOutsideMineActionAndSalwWithTheReason) {
  auto document =
      read(file(activity(transaction("2", "10"),
                         " <recipient-country code=\"AO\"/>\n <sector code=\"15110\"/>\n", "A-1") +
                activity(transaction("2", "10"), " <recipient-country code=\"AO\"/>\n", "A-2") +
                activity(transaction("2", "10"),
                         " <recipient-region code=\"298\"/>\n <sector code=\"15240\"/>\n", "A-3") +
                activity(transaction("2", "10"),
                         " <recipient-country code=\"AO\"/>\n <sector code=\"15240\"/>\n", "A-4")));
  ASSERT_TRUE(document.ok()) << document.error().message;
  EXPECT_EQ(document->activities, 4);
  ASSERT_EQ(document->flows.size(), 1u);
  EXPECT_EQ(document->flows[0].activity, "A-4");
  EXPECT_EQ(document->flows[0].theme, Theme::salw_control);
  ASSERT_EQ(document->skipped.size(), 3u);
  EXPECT_EQ(document->skipped[0].activity, "A-1");
  EXPECT_EQ(document->skipped[0].element, "iati-activity");
  EXPECT_NE(document->skipped[0].reason.find("15110"), std::string::npos);
  EXPECT_NE(document->skipped[1].reason.find("no DAC 5-digit sector"), std::string::npos);
  EXPECT_NE(document->skipped[2].reason.find("no recipient country"), std::string::npos);
}

TEST(AssistanceIatiImport, TakesTheLargestCountryAndSectorAndSaysSo) {
  auto document =
      read(file(activity(transaction("2", "10"),
                         " <recipient-country code=\"AO\" percentage=\"30\"/>\n"
                         " <recipient-country code=\"MZ\" percentage=\"70\"/>\n"
                         " <sector vocabulary=\"1\" code=\"15250\" percentage=\"100\"/>\n"
                         " <sector vocabulary=\"2\" code=\"152\" percentage=\"100\"/>\n")));
  ASSERT_TRUE(document.ok()) << document.error().message;
  ASSERT_EQ(document->flows.size(), 1u);
  EXPECT_EQ(document->flows[0].recipient_state, "MZ");
  ASSERT_EQ(document->notes.size(), 1u);
  EXPECT_NE(document->notes[0].find("MZ"), std::string::npos);
}

TEST(AssistanceIatiImport, TransactionCountryAndSectorOverrideTheActivity) {
  auto document = read(file(activity(transaction("3", "10", "value-date=\"2026-04-01\"",
                                                 "  <sector vocabulary=\"1\" code=\"15240\"/>\n"
                                                 "  <recipient-country code=\"KH\"/>\n"),
                                     " <sector code=\"15250\"/>\n")));
  ASSERT_TRUE(document.ok()) << document.error().message;
  ASSERT_EQ(document->flows.size(), 1u);
  EXPECT_EQ(document->flows[0].recipient_state, "KH");
  EXPECT_EQ(document->flows[0].sector, "15240");
  EXPECT_EQ(document->flows[0].theme, Theme::salw_control);
}

TEST(AssistanceIatiImport, LeavesOutNegativeCorrectionsAndSaysSo) {
  auto document = read(file(activity(transaction("3", "-500.00") + transaction("3", "+20"))));
  ASSERT_TRUE(document.ok()) << document.error().message;
  ASSERT_EQ(document->flows.size(), 1u);
  EXPECT_EQ(document->flows[0].amount_minor, 2000);
  ASSERT_EQ(document->skipped.size(), 1u);
  EXPECT_NE(document->skipped[0].reason.find("negative"), std::string::npos);
}

void expect_refused(const std::string& text, const std::string& words) {
  auto document = read(text);
  ASSERT_FALSE(document.ok()) << "accepted: " << text;
  EXPECT_EQ(document.error().code, ErrorCode::invalid_argument);
  EXPECT_EQ(document.error().field, "xml");
  EXPECT_NE(document.error().message.find(words), std::string::npos) << document.error().message;
  EXPECT_NE(document.error().message.find("line "), std::string::npos) << document.error().message;
}

TEST(AssistanceIatiImport, RefusesBrokenFilesWholeNamingLineAndElement) {
  expect_refused("<iati-activities version=\"2.03\"><iati-activity>", "not well-formed");
  expect_refused("", "not well-formed");
  expect_refused("<?xml version=\"1.0\"?>\n<iati-organisations version=\"2.03\"/>",
                 "<iati-activities>");
  expect_refused(file(activity(transaction("2", "10")), "1.05"), "version must be an IATI 2.x");
  expect_refused(file(activity(transaction("2", "12,50"))),
                 "line 13, <value> of activity 'GB-GOV-1-300123'");
  expect_refused(file(activity(transaction("2", "12.505"))), "<value>");
  expect_refused(
      file(activity(transaction("2", "10", "currency=\"XYZ\" value-date=\"2026-01-01\""))), "XYZ");
  expect_refused(file(activity(transaction("2", "10", "value-date=\"2026-13-01\""))),
                 "value-date must be a date");
  expect_refused(file(activity(" <transaction><transaction-date iso-date=\"2026-01-01\"/>"
                               "</transaction>\n")),
                 "transaction-type");
  expect_refused(file("<iati-activity><iati-identifier> </iati-identifier></iati-activity>"),
                 "iati-identifier");
  // A later broken activity refuses the whole file, earlier good ones included.
  expect_refused(file(activity(transaction("2", "10"), "", "GOOD-1") +
                      activity(transaction("3", "abc"), "", "BAD-2")),
                 "BAD-2");
}

TEST(AssistanceIatiImport, RefusesDoctypesAndEntities) {
  const std::string laughs =
      "<?xml version=\"1.0\"?>\n<!DOCTYPE lolz [<!ENTITY lol \"lol\">"
      "<!ENTITY lol2 \"&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;\">]>\n"
      "<iati-activities version=\"2.03\"><iati-activity><iati-identifier>&lol2;"
      "</iati-identifier></iati-activity></iati-activities>";
  expect_refused(laughs, "DOCTYPE");
  const std::string external =
      "<?xml version=\"1.0\"?>\n<!DOCTYPE x SYSTEM \"http://example.org/x.dtd\">\n"
      "<iati-activities version=\"2.03\"/>";
  expect_refused(external, "DOCTYPE");
}

TEST(AssistanceIatiImport, RefusesFilesOverTheSizeLimit) {
  std::string huge(kIatiMaxBytes + 1, ' ');
  auto document = read(huge);
  ASSERT_FALSE(document.ok());
  EXPECT_EQ(document.error().code, ErrorCode::payload_too_large);
}

}  // namespace
}  // namespace concord::assistance
