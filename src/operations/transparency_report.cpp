#include "operations/transparency_report.h"

#include <cmath>
#include <cstdio>
#include <utility>

#include "core/enum_names.h"
#include "core/money.h"

namespace concord::operations {
namespace {

constexpr EnumNames<ReportKind, 2> kReportKindNames({{
    {ReportKind::ccm_article_7, "ccm-article-7"},
    {ReportKind::poa_national_report, "poa-national-report"},
}});

// A query value as it may stand in a URL: unreserved characters as they are, the rest %XX.
std::string query_value(std::string_view text) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (const char c : text) {
    const auto byte = static_cast<unsigned char>(c);
    if ((byte >= 'A' && byte <= 'Z') || (byte >= 'a' && byte <= 'z') ||
        (byte >= '0' && byte <= '9') || c == '-' || c == '.' || c == '_' || c == '~' || c == ':') {
      out += c;
    } else {
      out += '%';
      out += kHex[byte >> 4];
      out += kHex[byte & 0x0F];
    }
  }
  return out;
}

std::string km2_text(double value) {
  char buffer[64];
  std::snprintf(buffer, sizeof buffer, "%.3f", std::abs(value) < 5e-4 ? 0.0 : value);
  return buffer;
}

std::string percent_text(std::optional<double> share) {
  if (!share) return "n/a";
  char buffer[64];
  std::snprintf(buffer, sizeof buffer, "%.1f %%", *share * 100);
  return buffer;
}

std::string hours_text(std::optional<double> hours) {
  if (!hours) return "n/a";
  char buffer[64];
  std::snprintf(buffer, sizeof buffer, "%.1f", *hours);
  return buffer;
}

std::string number_text(double value) {
  char buffer[64];
  std::snprintf(buffer, sizeof buffer, "%.2f", value);
  return buffer;
}

std::string amount_text(std::int64_t minor, const std::string& currency,
                        const ReferenceData& reference) {
  return Money{minor, currency}.to_decimal(reference);
}

std::string country_base(const CountryProfile& profile) {
  return "/api/v1/countries/" + profile.state;
}

std::string state_name_of(const CountryProfile& profile, const ReferenceData& reference) {
  const Country* country = reference.country(profile.state);
  return country ? country->name : profile.state;
}

TransparencyReport report_frame(ReportKind kind, const CountryProfile& profile,
                                const ReferenceData& reference, const std::string& generated_at,
                                std::string title) {
  TransparencyReport report;
  report.kind = kind;
  report.state = profile.state;
  report.state_name = state_name_of(profile, reference);
  report.year = profile.year;
  report.generated_at = generated_at;
  report.title = std::move(title);
  return report;
}

// Stockpiles of the categories `wanted` (all when empty) and their destruction.
ReportTable stockpile_table(const CountryProfile& profile,
                            const std::vector<StockpileCategory>& wanted) {
  ReportTable table{
      "stockpiles",
      "Stockpiles declared, destroyed and retained",
      {"Category", "Ammunition type", "Declared", "Declared as of",
       "Destroyed in " + std::to_string(profile.year), "Destroyed in total", "Retained",
       "Remaining", "Percent destroyed", "Deadline", "Status", "Projected completion"},
      {}};
  for (const auto& figure : profile.destruction.stockpiles) {
    if (!wanted.empty()) {
      bool found = false;
      for (const auto category : wanted)
        found = found || figure.category == to_string(category);
      if (!found) continue;
    }
    const auto& progress = figure.progress;
    std::string link = country_base(profile) + "/stockpiles/progress?category=" + figure.category;
    if (!figure.ammunition_type.empty()) {
      link += "&ammunition_type=" + query_value(figure.ammunition_type);
    }
    link += "&on=" + profile.year_end;
    table.rows.push_back(
        {{figure.category, figure.ammunition_type, std::to_string(figure.declared),
          figure.declared_as_of, std::to_string(figure.destroyed_in_year),
          std::to_string(figure.destroyed_cumulative), std::to_string(figure.retained),
          progress ? std::to_string(progress->remaining) : "n/a",
          progress ? number_text(progress->percent_done) : "n/a",
          progress && progress->deadline ? *progress->deadline : "",
          progress ? std::string(to_string(progress->status)) : "nothing declared",
          progress && progress->projected_completion ? *progress->projected_completion : ""},
         link});
  }
  return table;
}

ReportTable destruction_events_table(const CountryProfile& profile) {
  ReportTable table{"destruction",
                    "Items destroyed in " + std::to_string(profile.year),
                    {"Source", "Category or device type", "Destroyed", "Found"},
                    {}};
  for (const auto& figure : profile.destruction.stockpiles) {
    if (figure.destroyed_in_year == 0) continue;
    std::string what = figure.category;
    if (!figure.ammunition_type.empty()) what += " (" + figure.ammunition_type + ")";
    table.rows.push_back(
        {{"stockpile destruction", what, std::to_string(figure.destroyed_in_year), ""},
         country_base(profile) + "/stockpiles/destructions?year=" + std::to_string(profile.year)});
  }
  for (const auto& [device, items] : profile.destruction.clearance_items) {
    if (items.found == 0 && items.destroyed == 0) continue;
    table.rows.push_back(
        {{"clearance", device, std::to_string(items.destroyed), std::to_string(items.found)},
         country_base(profile) + "/hazardous-areas?on=" + profile.year_end});
  }
  return table;
}

ReportTable deadlines_table(const CountryProfile& profile) {
  ReportTable table{"deadlines",
                    "Treaty deadlines",
                    {"Instrument", "Obligation", "Category", "Deadline", "Extended from", "Target",
                     "Achieved", "Remaining", "Unit", "Status", "Projected completion"},
                    {}};
  for (const auto& figure : profile.deadlines) {
    const bool items = figure.unit == "items";
    auto amount = [&](double value) {
      return items ? std::to_string(std::llround(value)) : km2_text(value);
    };
    table.rows.push_back({{figure.instrument, figure.obligation, figure.category, figure.deadline,
                           figure.extended ? figure.original_deadline : "", amount(figure.target),
                           amount(figure.achieved), amount(figure.remaining), figure.unit,
                           figure.status, figure.projected_completion.value_or("")},
                          country_base(profile) + "/deadlines"});
  }
  return table;
}

ReportTable contamination_table(const CountryProfile& profile) {
  ReportTable table{
      "contamination",
      "Remaining contaminated area at " + profile.year_end + " (km²)",
      {"Contamination", "Suspected", "Confirmed", "Unclassified", "Total", "Severity band"},
      {}};
  for (const auto& band : profile.contamination.bands) {
    const auto& by_class = profile.contamination.remaining_km2.at(band.contamination);
    double total = 0;
    for (const auto& [name, km2] : by_class)
      total += km2;
    table.rows.push_back(
        {{band.contamination, km2_text(by_class.at("suspected")),
          km2_text(by_class.at("confirmed")), km2_text(by_class.at(kUnclassified)), km2_text(total),
          band.band.empty() ? "(" + band.measure + ")" : band.band},
         country_base(profile) + "/hazardous-areas?on=" + profile.year_end});
  }
  return table;
}

ReportTable areas_table(const CountryProfile& profile) {
  ReportTable table{"hazardous-areas",
                    "Hazardous areas",
                    {"Area", "Region", "Contamination", "Classification", "Area km²",
                     "Remaining km²", "Released in " + std::to_string(profile.year) + " km²"},
                    {}};
  for (const auto& area : profile.contamination.areas) {
    table.rows.push_back(
        {{area.name, area.region, area.contamination, area.classification, km2_text(area.area_km2),
          km2_text(area.remaining_km2), km2_text(area.released_in_year.total())},
         "/api/v1/hazardous-areas/" + area.id + "?on=" + profile.year_end});
  }
  return table;
}

ReportTable clearance_table(const CountryProfile& profile) {
  ReportTable table{"land-release",
                    "Land released (km²)",
                    {"Method", "In " + std::to_string(profile.year), "In total"},
                    {}};
  const auto& in_year = profile.contamination.released_in_year;
  const auto& total = profile.contamination.released_cumulative;
  const std::string link = country_base(profile) + "/hazardous-areas?on=" + profile.year_end;
  table.rows.push_back(
      {{"cleared", km2_text(in_year.cleared_km2), km2_text(total.cleared_km2)}, link});
  table.rows.push_back(
      {{"reduced_by_technical_survey", km2_text(in_year.reduced_km2), km2_text(total.reduced_km2)},
       link});
  table.rows.push_back({{"cancelled_by_non_technical_survey", km2_text(in_year.cancelled_km2),
                         km2_text(total.cancelled_km2)},
                        link});
  table.rows.push_back({{"total", km2_text(in_year.total()), km2_text(total.total())}, link});
  return table;
}

ReportTable casualty_table(const CountryProfile& profile) {
  ReportTable table{"casualties",
                    "Casualties in " + std::to_string(profile.year),
                    {"Breakdown", "Value", "People"},
                    {}};
  const std::string link =
      country_base(profile) + "/casualties?year=" + std::to_string(profile.year);
  const auto& summary = profile.casualties;
  table.rows.push_back({{"total", "", std::to_string(summary.total)}, link});
  const std::pair<const char*, const std::map<std::string, std::int64_t>*> breakdowns[] = {
      {"outcome", &summary.by_outcome},         {"sex", &summary.by_sex},
      {"age_group", &summary.by_age_group},     {"status", &summary.by_status},
      {"device_type", &summary.by_device_type}, {"area", &summary.by_area}};
  for (const auto& [name, values] : breakdowns) {
    for (const auto& [value, count] : *values) {
      table.rows.push_back({{name, value, std::to_string(count)}, link});
    }
  }
  return table;
}

ReportTable victim_assistance_table(const CountryProfile& profile) {
  ReportTable table{
      "victim-assistance",
      "Victim assistance services in " + std::to_string(profile.year),
      {"Service", "Services recorded", "People reached", "People in need", "Coverage"},
      {}};
  for (const auto& [service, coverage] : profile.victim_assistance) {
    table.rows.push_back(
        {{service, std::to_string(coverage.services), std::to_string(coverage.people_reached),
          std::to_string(coverage.people_in_need), percent_text(coverage.coverage)},
         country_base(profile) + "/victim-services?year=" + std::to_string(profile.year)});
  }
  return table;
}

ReportTable risk_education_table(const CountryProfile& profile,
                                 const std::vector<RiskEducationLine>& lines) {
  ReportTable table{"risk-education",
                    "Risk education",
                    {"Obligation", "Unit", "Baseline", "Target", "Achieved", "As of", "Deadline"},
                    {}};
  table.empty_text = "No risk education obligation in the state's assistance plans.";
  (void)profile;
  for (const auto& line : lines) {
    table.rows.push_back(
        {{line.description, line.unit, number_text(line.baseline), number_text(line.target),
          line.achieved ? number_text(*line.achieved) : "no progress reported", line.achieved_as_of,
          line.deadline},
         "/api/v1/assistance/obligations/" + line.obligation_id + "/progress"});
  }
  return table;
}

ReportTable funding_table(const CountryProfile& profile, const ReferenceData& reference,
                          std::string id, std::string title, std::string key_column,
                          const std::vector<FundingLine>& lines, bool given) {
  const auto& funding = profile.funding;
  ReportTable table{
      std::move(id),
      std::move(title) + " (" + funding.currency + ", rates of " + funding.rates_on + ")",
      {std::move(key_column), "Counted funding", "Committed", "Disbursed", "Pledged (not counted)"},
      {}};
  for (const auto& line : lines) {
    std::string link = "/api/v1/assistance/flows?budget_year=" + std::to_string(profile.year);
    if (given) {
      link += "&donor=state:" + profile.state + "&recipient_state=" + query_value(line.key);
    } else {
      link += "&recipient_state=" + profile.state;
      if (line.key.find(':') != std::string::npos) link += "&donor=" + query_value(line.key);
    }
    table.rows.push_back({{line.key, amount_text(line.counted_minor, funding.currency, reference),
                           amount_text(line.committed_minor, funding.currency, reference),
                           amount_text(line.disbursed_minor, funding.currency, reference),
                           amount_text(line.pledged_minor, funding.currency, reference)},
                          link});
  }
  return table;
}

void escape_into(std::string& out, std::string_view text) {
  out += html_escape(text);
}

constexpr std::string_view kStyle = R"css(
body { font-family: "DejaVu Sans", Arial, sans-serif; margin: 2em; color: #111; }
.draft { border: 3px solid #b00; color: #b00; padding: 0.5em 1em; font-weight: bold; }
h1 { font-size: 1.6em; } h2 { font-size: 1.3em; border-bottom: 1px solid #999; margin-top: 1.5em; }
h3 { font-size: 1.05em; }
table { border-collapse: collapse; margin: 0.5em 0 1em; font-size: 0.9em; }
th, td { border: 1px solid #888; padding: 0.25em 0.5em; text-align: left; vertical-align: top; }
th { background: #eee; }
td.records a { font-size: 0.85em; }
.meta { color: #444; }
.table-scroll { max-width: 100%; overflow-x: auto; }
@page { size: A4 landscape; margin: 1cm; }
@media print {
  body { margin: 0; }
  .table-scroll { overflow: visible; }
  table { font-size: 0.75em; }
  .draft { border-width: 2px; }
  a { color: #111; text-decoration: none; }
  td.records a::after { content: " (" attr(href) ")"; font-size: 0.75em; }
  table, h2, h3 { page-break-inside: avoid; }
}
)css";

}  // namespace

std::string_view to_string(ReportKind kind) {
  return kReportKindNames.name(kind);
}
std::optional<ReportKind> report_kind_from_string(std::string_view text) {
  return kReportKindNames.parse(text);
}
std::string report_kinds_list() {
  return kReportKindNames.list();
}

const ReportTable* TransparencyReport::table(std::string_view id) const {
  for (const auto& section : sections) {
    for (const auto& candidate : section.tables) {
      if (candidate.id == id) return &candidate;
    }
  }
  return nullptr;
}

TransparencyReport ccm_article_7_report(const CountryProfile& profile,
                                        const std::vector<RiskEducationLine>& risk_education,
                                        const ReferenceData& reference,
                                        const std::string& generated_at) {
  auto report = report_frame(ReportKind::ccm_article_7, profile, reference, generated_at,
                             "Convention on Cluster Munitions: Article 7 transparency report");
  report.sections.push_back(
      {"Stockpiles of cluster munitions and their destruction (Articles 3, 7.1(b), 7.1(e))",
       {"Declared stockpiles, destruction and quantities retained under Article 3(6), as they "
        "stood at " +
        profile.year_end + "."},
       {stockpile_table(profile, {}), destruction_events_table(profile)}});
  report.sections.push_back(
      {"Contaminated areas (Article 7.1(f))",
       {"Remaining area is derived from each hazardous area and its recorded land release; it "
        "is never typed in."},
       {contamination_table(profile), areas_table(profile)}});
  report.sections.push_back({"Clearance and land release (Articles 4, 7.1(g))",
                             {},
                             {clearance_table(profile), deadlines_table(profile)}});
  report.sections.push_back(
      {"Risk education (Article 4.2(e), 7.1(k))",
       {"From the risk education obligations of the state's assistance plans and their latest "
        "progress reports."},
       {risk_education_table(profile, risk_education)}});
  report.sections.push_back({"Victim assistance (Article 5, 7.1(k))",
                             {"Casualty statistics hold no personal identifier."},
                             {casualty_table(profile), victim_assistance_table(profile)}});
  return report;
}

TransparencyReport poa_national_report(const CountryProfile& profile, const PoaInputs& poa,
                                       const ReferenceData& reference,
                                       const std::string& generated_at) {
  auto report =
      report_frame(ReportKind::poa_national_report, profile, reference, generated_at,
                   "Programme of Action on Small Arms and Light Weapons and International Tracing "
                   "Instrument: national report");

  ReportTable marking{"marking", "Marking system", {"Item", "Value"}, {}};
  const std::string marking_link = "/api/v1/marking-systems/" + profile.state;
  if (poa.marking.published) {
    const std::pair<const char*, std::string> items[] = {
        {"version", std::to_string(poa.marking.version)},
        {"published_at", poa.marking.published_at},
        {"description", poa.marking.description},
        {"manufacturer_codes", std::to_string(poa.marking.manufacturer_codes)},
        {"country_marks", std::to_string(poa.marking.country_marks)},
        {"proof_marks", std::to_string(poa.marking.proof_marks)},
        {"year_codes", std::to_string(poa.marking.year_codes)},
        {"importers", std::to_string(poa.marking.importers)},
        {"import_mark_formats", std::to_string(poa.marking.import_mark_formats)},
        {"serial_formats", std::to_string(poa.marking.serial_formats)}};
    for (const auto& [name, value] : items)
      marking.rows.push_back({{name, value}, marking_link});
  }
  marking.empty_text = "The state has published no marking system in Concord.";
  report.sections.push_back({"Marking (ITI Section III; PoA II.7)", {}, {std::move(marking)}});

  ReportTable records{
      "record-keeping", "Weapon records in the registry", {"Kind", "Status", "Records"}, {}};
  for (const auto& count : poa.records) {
    records.rows.push_back({{count.kind, count.status, std::to_string(count.count)},
                            "/api/v1/records?kind=" + count.kind + "&status=" + count.status});
  }
  report.sections.push_back({"Record-keeping (ITI Section IV; PoA II.9)",
                             {"Counts of the state's weapon records, by kind and status."},
                             {std::move(records)}});

  ReportTable tracing{"tracing", "Tracing requests received", {"Figure", "Value"}, {}};
  const std::string tracing_link =
      "/api/v1/reports/timeliness?from=" + query_value(poa.tracing.from) +
      "&to=" + query_value(poa.tracing.to);
  const std::pair<const char*, std::string> tracing_items[] = {
      {"received", std::to_string(poa.tracing.received)},
      {"acknowledged", std::to_string(poa.tracing.acknowledged)},
      {"answered", std::to_string(poa.tracing.answered)},
      {"median_hours_to_acknowledge", hours_text(poa.tracing.median_hours_to_acknowledge)},
      {"median_hours_to_answer", hours_text(poa.tracing.median_hours_to_answer)},
      {"share_answered_by_due_date", percent_text(poa.tracing.share_answered_by_due_date)},
      {"overdue_now", std::to_string(poa.tracing.overdue_now)}};
  for (const auto& [name, value] : tracing_items) {
    tracing.rows.push_back({{name, value}, tracing_link});
  }
  report.sections.push_back(
      {"Tracing (ITI Section V; PoA II.36)",
       {"Requests addressed to the state from " + poa.tracing.from + " to " + poa.tracing.to + "."},
       {std::move(tracing)}});

  auto salw =
      stockpile_table(profile, {StockpileCategory::small_arms, StockpileCategory::light_weapons,
                                StockpileCategory::ammunition});
  salw.title = "Small arms, light weapons and ammunition: stockpiles and destruction";
  report.sections.push_back(
      {"Stockpile management and destruction (PoA II.17-19)", {}, {std::move(salw)}});

  report.sections.push_back(
      {"International cooperation and assistance (PoA III)",
       {"Counted funding by the assistance rules: pledges are shown but never counted."},
       {funding_table(profile, reference, "assistance-given",
                      "Assistance given by the state as donor", "Recipient", poa.given, true),
        funding_table(profile, reference, "assistance-received", "Assistance received by donor",
                      "Donor", profile.funding.by_donor, false)}});
  return report;
}

std::string html_escape(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (const char c : text) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&#39;";
        break;
      default:
        out += c;
    }
  }
  return out;
}

std::string csv_field(std::string_view text) {
  std::string value(text);
  if (!value.empty() && (value[0] == '=' || value[0] == '+' || value[0] == '-' || value[0] == '@' ||
                         value[0] == '\t' || value[0] == '\r')) {
    char* end = nullptr;
    const std::string copy = value;
    std::strtod(copy.c_str(), &end);
    const bool number = end != nullptr && *end == '\0' && copy.size() > 1;
    if (!number) value = "'" + value;
  }
  if (value.find_first_of(",\"\r\n") == std::string::npos) return value;
  std::string out = "\"";
  for (const char c : value) {
    if (c == '"') out += '"';
    out += c;
  }
  out += '"';
  return out;
}

std::string render_table_csv(const ReportTable& table) {
  std::string out;
  for (const auto& column : table.columns) {
    out += csv_field(column);
    out += ',';
  }
  out += "records\r\n";
  for (const auto& row : table.rows) {
    for (const auto& cell : row.cells) {
      out += csv_field(cell);
      out += ',';
    }
    out += csv_field(row.link);
    out += "\r\n";
  }
  return out;
}

std::string render_report_html(const TransparencyReport& report) {
  std::string out;
  out += "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>DRAFT: ";
  escape_into(out, report.title);
  out += " (";
  escape_into(out, report.state_name);
  out += ", " + std::to_string(report.year) + ")</title>\n<style>";
  out += kStyle;
  out += "</style>\n</head>\n<body>\n";
  out +=
      "<p class=\"draft\" id=\"draft-banner\">DRAFT for review by the national contact: not "
      "submitted. Check every figure against the records behind it before submitting.</p>\n";
  out += "<h1>";
  escape_into(out, report.title);
  out += "</h1>\n<p class=\"meta\">";
  escape_into(out, report.state_name);
  out += " (";
  escape_into(out, report.state);
  out += "), reporting year " + std::to_string(report.year) + ". Generated ";
  escape_into(out, report.generated_at);
  out += " by Concord.</p>\n";
  for (const auto& section : report.sections) {
    out += "<section>\n<h2>";
    escape_into(out, section.title);
    out += "</h2>\n";
    for (const auto& paragraph : section.paragraphs) {
      out += "<p>";
      escape_into(out, paragraph);
      out += "</p>\n";
    }
    for (const auto& table : section.tables) {
      out += "<h3 id=\"";
      escape_into(out, table.id);
      out += "\">";
      escape_into(out, table.title);
      out += " <a class=\"csv\" href=\"";
      escape_into(out, table.id + ".csv");
      out += "\">CSV</a></h3>\n";
      if (table.rows.empty()) {
        out += "<p class=\"empty\">";
        escape_into(out, table.empty_text);
        out += "</p>\n";
        continue;
      }
      // Wide tables scroll inside their box on a narrow screen instead of running off the page.
      out += "<div class=\"table-scroll\"><table data-table=\"";
      escape_into(out, table.id);
      out += "\">\n<thead><tr>";
      for (const auto& column : table.columns) {
        out += "<th>";
        escape_into(out, column);
        out += "</th>";
      }
      out += "<th>Records</th></tr></thead>\n<tbody>\n";
      for (const auto& row : table.rows) {
        out += "<tr>";
        for (const auto& cell : row.cells) {
          out += "<td>";
          escape_into(out, cell);
          out += "</td>";
        }
        out += "<td class=\"records\">";
        if (!row.link.empty()) {
          out += "<a href=\"";
          escape_into(out, row.link);
          out += "\">records</a>";
        }
        out += "</td></tr>\n";
      }
      out += "</tbody>\n</table></div>\n";
    }
    out += "</section>\n";
  }
  out += "</body>\n</html>\n";
  return out;
}

}  // namespace concord::operations
