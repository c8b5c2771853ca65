// Draft transparency reports: the pure rendering (HTML escaping, the DRAFT mark, no external
// resource, links back to the records; CSV quoting and formula neutralising) and what each kind
// of report holds.
#include <gtest/gtest.h>

#include "operations/transparency_report.h"

namespace concord::operations {
namespace {

const ReferenceData& reference() {
  static const auto loaded = ReferenceData::load("/usr/share/iso-codes/json");
  return **loaded;
}

CountryProfile small_profile() {
  CountryProfile profile;
  profile.state = "LA";
  profile.year = 2025;
  profile.year_end = "2025-12-31";
  for (const char* type : {"mines", "cluster_munition_remnants", "other_erw"}) {
    profile.contamination.remaining_km2[type] = {
        {"suspected", 0}, {"confirmed", 0}, {kUnclassified, 0}};
    profile.contamination.bands.push_back({type, "km2", 0, "light"});
  }
  profile.contamination.remaining_km2["mines"]["confirmed"] = 12.5;
  profile.contamination.areas.push_back({"01JAREA",
                                         "Ban <Naphia> & \"Co\"",
                                         "Xieng Khouang",
                                         "mines",
                                         "confirmed",
                                         20,
                                         12.5,
                                         {3, 2, 0}});
  StockpileFigure mines;
  mines.category = "anti_personnel_mines";
  mines.declared = 800;
  mines.declared_as_of = "2024-01-01";
  mines.destroyed_in_year = 200;
  mines.destroyed_cumulative = 500;
  DestructionProgress progress;
  progress.remaining = 280;
  progress.status = DeadlineStatus::overdue;
  mines.progress = progress;
  profile.destruction.stockpiles.push_back(mines);
  StockpileFigure rounds;
  rounds.category = "ammunition";
  rounds.ammunition_type = "7.62 x 39";
  rounds.declared = 10;
  profile.destruction.stockpiles.push_back(rounds);
  profile.casualties.year = 2025;
  profile.casualties.total = 5;
  profile.casualties.by_outcome = {{"killed", 3}, {"injured", 2}};
  profile.victim_assistance["medical_care"] = {80, 300, 80.0 / 300.0, 2};
  profile.funding.currency = "USD";
  profile.funding.rates_on = "2025-12-31";
  profile.funding.by_donor.push_back({"state:NO", 100000, 0, 100000, 60000, 2});
  return profile;
}

TEST(OperationsTransparencyReport, KindsHaveTheirRouteNames) {
  EXPECT_EQ(to_string(ReportKind::ccm_article_7), "ccm-article-7");
  EXPECT_EQ(report_kind_from_string("poa-national-report"), ReportKind::poa_national_report);
  EXPECT_FALSE(report_kind_from_string("article-7").has_value());
}

TEST(OperationsTransparencyReport, HtmlEscapesEveryText) {
  EXPECT_EQ(html_escape("<a href=\"x\">R&D's</a>"),
            "&lt;a href=&quot;x&quot;&gt;R&amp;D&#39;s&lt;/a&gt;");
  const auto report =
      ccm_article_7_report(small_profile(), {}, reference(), "2026-01-05T10:00:00Z");
  const auto html = render_report_html(report);
  EXPECT_NE(html.find("Ban &lt;Naphia&gt; &amp; &quot;Co&quot;"), std::string::npos);
  EXPECT_EQ(html.find("<Naphia>"), std::string::npos);
}

TEST(OperationsTransparencyReport, HtmlIsADraftWithPrintStylesAndNothingExternal) {
  const auto html =
      render_report_html(ccm_article_7_report(small_profile(), {}, reference(), "2026-01-05"));
  EXPECT_NE(html.find("DRAFT"), std::string::npos);
  EXPECT_NE(html.find("@media print"), std::string::npos);
  EXPECT_NE(html.find("Lao People"), std::string::npos);
  EXPECT_EQ(html.find("<script"), std::string::npos);
  EXPECT_EQ(html.find("<link"), std::string::npos);
  EXPECT_EQ(html.find("http://"), std::string::npos);
  EXPECT_EQ(html.find("https://"), std::string::npos);
  EXPECT_EQ(html.find("src="), std::string::npos);
}

TEST(OperationsTransparencyReport, FiguresLinkBackToTheirRecords) {
  const auto report = ccm_article_7_report(small_profile(), {}, reference(), "2026-01-05");
  const auto html = render_report_html(report);
  EXPECT_NE(html.find("href=\"/api/v1/hazardous-areas/01JAREA?on=2025-12-31\""), std::string::npos);
  EXPECT_NE(html.find("href=\"/api/v1/countries/LA/stockpiles/destructions?year=2025\""),
            std::string::npos);
  EXPECT_NE(html.find("href=\"/api/v1/countries/LA/casualties?year=2025\""), std::string::npos);
  EXPECT_NE(html.find("href=\"/api/v1/countries/LA/victim-services?year=2025\""),
            std::string::npos);
  // The ammunition type is encoded as a query value, and & escaped in the attribute.
  EXPECT_NE(html.find("/api/v1/countries/LA/stockpiles/progress?category=ammunition&amp;"
                      "ammunition_type=7.62%20x%2039&amp;on=2025-12-31"),
            std::string::npos);
  EXPECT_NE(html.find("href=\"stockpiles.csv\""), std::string::npos);
}

TEST(OperationsTransparencyReport, CcmArticle7HoldsEveryRequiredSection) {
  std::vector<RiskEducationLine> risk{{"01JOBL", "01JPLAN", "Risk education sessions", "people", 0,
                                       10000, "2027-12-31", 4200, "2025-11-30"}};
  const auto report = ccm_article_7_report(small_profile(), risk, reference(), "2026-01-05");
  for (const char* id :
       {"stockpiles", "destruction", "contamination", "hazardous-areas", "land-release",
        "deadlines", "risk-education", "casualties", "victim-assistance"}) {
    EXPECT_NE(report.table(id), nullptr) << id;
  }
  const auto* risk_table = report.table("risk-education");
  ASSERT_EQ(risk_table->rows.size(), 1u);
  EXPECT_EQ(risk_table->rows[0].cells[4], "4200.00");
  EXPECT_EQ(risk_table->rows[0].link, "/api/v1/assistance/obligations/01JOBL/progress");
  EXPECT_EQ(report.table("destruction")->rows[0].cells[2], "200");
  EXPECT_EQ(report.table("contamination")->rows[0].cells[2], "12.500");
}

TEST(OperationsTransparencyReport, PoaReportHoldsMarkingRecordsTracingSalwAndAssistance) {
  PoaInputs poa;
  poa.marking.published = true;
  poa.marking.version = 2;
  poa.marking.manufacturer_codes = 3;
  poa.records = {{"registry", "active", 42}, {"lost", "active", 1}};
  poa.tracing.from = "2025-01-01T00:00:00Z";
  poa.tracing.to = "2026-01-01T00:00:00Z";
  poa.tracing.received = 4;
  poa.tracing.share_answered_by_due_date = 0.75;
  poa.given = {{"KH", 250050, 0, 250050, 0, 1}};
  auto profile = small_profile();
  StockpileFigure rifles;
  rifles.category = "small_arms";
  rifles.declared = 1200;
  profile.destruction.stockpiles.insert(profile.destruction.stockpiles.begin() + 1, rifles);
  const auto report = poa_national_report(profile, poa, reference(), "2026-01-05");
  const auto* records = report.table("record-keeping");
  ASSERT_NE(records, nullptr);
  EXPECT_EQ(records->rows[0].cells[2], "42");
  EXPECT_EQ(records->rows[0].link, "/api/v1/records?kind=registry&status=active");
  const auto* tracing = report.table("tracing");
  ASSERT_NE(tracing, nullptr);
  EXPECT_EQ(tracing->rows[5].cells[1], "75.0 %");
  EXPECT_EQ(tracing->rows[0].link,
            "/api/v1/reports/timeliness?from=2025-01-01T00:00:00Z&to=2026-01-01T00:00:00Z");
  EXPECT_EQ(report.table("marking")->rows[0].link, "/api/v1/marking-systems/LA");
  // SALW categories only: small arms and ammunition, not anti-personnel mines.
  const auto* salw = report.table("stockpiles");
  ASSERT_EQ(salw->rows.size(), 2u);
  EXPECT_EQ(salw->rows[0].cells[0], "small_arms");
  EXPECT_EQ(salw->rows[1].cells[0], "ammunition");
  const auto* given = report.table("assistance-given");
  ASSERT_EQ(given->rows.size(), 1u);
  EXPECT_EQ(given->rows[0].cells[1], "2500.50");
  EXPECT_EQ(given->rows[0].link,
            "/api/v1/assistance/flows?budget_year=2025&donor=state:LA&recipient_state=KH");
  const auto* received = report.table("assistance-received");
  EXPECT_EQ(received->rows[0].cells[0], "state:NO");
  EXPECT_EQ(received->rows[0].cells[1], "1000.00");
}

TEST(OperationsTransparencyReport, AnUnpublishedMarkingSystemSaysSo) {
  const auto report = poa_national_report(small_profile(), {}, reference(), "2026-01-05");
  const auto html = render_report_html(report);
  EXPECT_NE(html.find("The state has published no marking system"), std::string::npos);
}

TEST(OperationsTransparencyReport, CsvQuotesOnlyWhatNeedsIt) {
  EXPECT_EQ(csv_field("plain"), "plain");
  EXPECT_EQ(csv_field("a,b"), "\"a,b\"");
  EXPECT_EQ(csv_field("say \"hi\""), "\"say \"\"hi\"\"\"");
  EXPECT_EQ(csv_field("two\nlines"), "\"two\nlines\"");
  EXPECT_EQ(csv_field(""), "");
}

TEST(OperationsTransparencyReport, CsvNeutralisesFormulasButNotNumbers) {
  EXPECT_EQ(csv_field("=HYPERLINK(\"x\")"), "\"'=HYPERLINK(\"\"x\"\")\"");
  EXPECT_EQ(csv_field("@SUM(A1)"), "'@SUM(A1)");
  EXPECT_EQ(csv_field("+1 555"), "'+1 555");
  EXPECT_EQ(csv_field("-12.5"), "-12.5");
  EXPECT_EQ(csv_field("-"), "'-");
}

TEST(OperationsTransparencyReport, TableCsvHasHeaderRowsAndRecordsColumn) {
  ReportTable table{"t", "T", {"Area", "km²"}, {{{"Ban, Naphia", "1.500"}, "/api/v1/x?a=1"}}};
  EXPECT_EQ(render_table_csv(table), "Area,km²,records\r\n\"Ban, Naphia\",1.500,/api/v1/x?a=1\r\n");
}

}  // namespace
}  // namespace concord::operations
