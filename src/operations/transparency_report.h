// Draft transparency reports as values, and their two renderings: printable HTML a person
// reviews before submitting (self-contained: inline CSS with @media print, no script, no external
// resource, every text HTML-escaped, marked DRAFT), and each table as CSV (RFC 4180). Each row
// that states a figure carries the relative API path of the records behind it
// (/api/v1/countries/LA/stockpiles/destructions?year=2025), shown as a link in HTML and as the
// last column, "records", in CSV.
//
// Two kinds: the CCM Article 7 report (stockpiles, destruction, contaminated areas, clearance,
// risk education, victim assistance) and the PoA/ITI national report (marking, record-keeping,
// tracing, stockpile management and destruction of SALW, cooperation and assistance given and
// received). The builders are PURE: they take the country profile and the other areas' figures
// as values. Thread-safe.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"
#include "operations/country_profile.h"

namespace concord::operations {

enum class ReportKind { ccm_article_7, poa_national_report };
std::string_view to_string(ReportKind kind);  // "ccm-article-7", "poa-national-report"
std::optional<ReportKind> report_kind_from_string(std::string_view text);
std::string report_kinds_list();

struct ReportRow {
  std::vector<std::string> cells;  // one per column
  std::string link;                // the records behind the row: "/api/v1/...", or ""
};

struct ReportTable {
  std::string id;  // a-z, 0-9 and '-': the CSV file name (id + ".csv") and the route's {table}
  std::string title;
  std::vector<std::string> columns;
  std::vector<ReportRow> rows;
  std::string empty_text = "Nothing recorded.";  // shown instead of an empty table
};

struct ReportSection {
  std::string title;
  std::vector<std::string> paragraphs;
  std::vector<ReportTable> tables;
};

struct TransparencyReport {
  ReportKind kind = ReportKind::ccm_article_7;
  std::string state;       // alpha-2
  std::string state_name;  // "Lao People's Democratic Republic"
  int year = 0;
  std::string generated_at;  // ISO 8601
  std::string title;
  std::vector<ReportSection> sections;

  // The table with `id`, or nullptr.
  const ReportTable* table(std::string_view id) const;
};

// --- the other areas' figures, as values

// An obligation of the state's assistance plans on risk education, with its latest progress
// report on or before the year end.
struct RiskEducationLine {
  std::string obligation_id;
  std::string plan_id;
  std::string description;
  std::string unit;
  double baseline = 0;
  double target = 0;
  std::string deadline;  // the effective deadline
  std::optional<double> achieved;
  std::string achieved_as_of;  // "" when no progress report
};

struct MarkingFigures {
  bool published = false;
  int version = 0;
  std::string published_at;
  std::string description;
  int manufacturer_codes = 0;
  int country_marks = 0;
  int proof_marks = 0;
  int year_codes = 0;
  int importers = 0;
  int import_mark_formats = 0;
  int serial_formats = 0;
};

struct RecordCount {
  std::string kind;    // RecordKind name
  std::string status;  // RecordStatus name
  std::int64_t count = 0;
};

struct TracingFigures {
  std::string from;  // the period, ISO 8601
  std::string to;
  int received = 0;
  int acknowledged = 0;
  int answered = 0;
  std::optional<double> median_hours_to_acknowledge;
  std::optional<double> median_hours_to_answer;
  std::optional<double> share_answered_by_due_date;
  int overdue_now = 0;
};

// Funding the state gave as a donor in the year, per recipient (FundingLine keys are alpha-2).
struct PoaInputs {
  MarkingFigures marking;
  std::vector<RecordCount> records;  // by kind, then status
  TracingFigures tracing;
  std::vector<FundingLine> given;  // by recipient
};

TransparencyReport ccm_article_7_report(const CountryProfile& profile,
                                        const std::vector<RiskEducationLine>& risk_education,
                                        const ReferenceData& reference,
                                        const std::string& generated_at);
TransparencyReport poa_national_report(const CountryProfile& profile, const PoaInputs& poa,
                                       const ReferenceData& reference,
                                       const std::string& generated_at);

// --- renderings

// &, <, >, " and ' as entities.
std::string html_escape(std::string_view text);
// One CSV field: quoted when it holds a comma, quote, CR or LF (quotes doubled); a text that a
// spreadsheet would run as a formula (starting with =, +, -, @, tab or CR, and not a number) gets
// a leading apostrophe first.
std::string csv_field(std::string_view text);

std::string render_report_html(const TransparencyReport& report);
// The table as CSV: a header of its columns plus "records", then one line per row, CRLF ends.
std::string render_table_csv(const ReportTable& table);

}  // namespace concord::operations
