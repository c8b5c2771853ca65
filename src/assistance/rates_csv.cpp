// parse_rates_csv: reads with CsvReader, checks each field on its own, and refuses a
// (date, currency, quote) given twice, since which of the two was meant cannot be known.
#include "assistance/rates_csv.h"

#include <array>
#include <set>
#include <sstream>
#include <string>
#include <tuple>

#include "core/csv_reader.h"
#include "core/text.h"

namespace concord::assistance {
namespace {

constexpr std::array<std::string_view, 5> kColumns = {"date", "currency", "quote", "rate",
                                                      "source"};
constexpr std::size_t kRequiredColumns = 4;
constexpr std::size_t kMaxProblems = 10;
constexpr std::size_t kMaxSourceBytes = 200;

struct Problem {
  std::uint64_t line = 0;
  std::string column;
  std::string message;
};

Error failure(const std::vector<Problem>& problems, std::size_t total) {
  std::string message;
  for (const auto& problem : problems) {
    if (!message.empty()) message += "; ";
    message += "line " + std::to_string(problem.line);
    if (!problem.column.empty()) message += ", column \"" + problem.column + "\"";
    message += ": " + problem.message;
  }
  if (total > problems.size()) {
    message += "; and " + std::to_string(total - problems.size()) + " more problem(s)";
  }
  return Error::invalid(problems.front().column.empty() ? "csv" : problems.front().column,
                        "no rates imported: " + message);
}

}  // namespace

Result<std::vector<ExchangeRate>> parse_rates_csv(std::string_view text,
                                                  const ReferenceData& reference) {
  std::istringstream input{std::string(text)};
  CsvReader reader(input);
  CsvRecord record;
  auto header = reader.next(record);
  if (!header.ok()) return Error::invalid("csv", "line 1: " + header.error().message);
  if (!*header) {
    return Error::invalid("csv", "the file is empty: it needs the header date,currency,quote,rate");
  }
  const std::size_t columns = record.fields.size();
  bool header_ok = columns == kRequiredColumns || columns == kColumns.size();
  for (std::size_t i = 0; header_ok && i < columns; ++i) {
    header_ok = trim(record.fields[i]) == kColumns[i];
  }
  if (!header_ok) {
    return Error::invalid("csv",
                          "line 1: the header must be date,currency,quote,rate (and optionally "
                          ",source)");
  }

  std::vector<ExchangeRate> rates;
  std::vector<Problem> problems;
  std::size_t problem_count = 0;
  auto problem = [&](std::uint64_t line, std::string_view column, std::string message) {
    if (problems.size() < kMaxProblems) {
      problems.push_back({line, std::string(column), std::move(message)});
    }
    ++problem_count;
  };
  std::set<std::tuple<std::string, std::string, std::string>> seen;
  while (true) {
    auto read = reader.next(record);
    if (!read.ok()) {
      problem(record.line, "", read.error().message);
      continue;
    }
    if (!*read) break;
    if (record.fields.size() != columns) {
      problem(record.line, "",
              "the row has " + std::to_string(record.fields.size()) + " fields, the header " +
                  std::to_string(columns));
      continue;
    }
    ExchangeRate rate;
    rate.rate_date = std::string(trim(record.fields[0]));
    rate.currency = std::string(trim(record.fields[1]));
    rate.quote = std::string(trim(record.fields[2]));
    rate.rate_text = std::string(trim(record.fields[3]));
    if (columns > kRequiredColumns) rate.source = std::string(trim(record.fields[4]));
    bool good = true;
    if (!is_iso_date(rate.rate_date)) {
      problem(record.line, "date",
              "must be a date written YYYY-MM-DD, got '" + rate.rate_date + "'");
      good = false;
    }
    for (auto [column, code] :
         {std::pair<std::string_view, const std::string&>{"currency", rate.currency},
          {"quote", rate.quote}}) {
      if (reference.currency(code) == nullptr) {
        problem(record.line, column, "unknown ISO 4217 currency '" + code + "'");
        good = false;
      }
    }
    if (good && rate.currency == rate.quote) {
      problem(record.line, "quote", "must differ from the currency");
      good = false;
    }
    auto scaled = parse_rate(rate.rate_text, "rate");
    if (!scaled.ok()) {
      problem(record.line, "rate", scaled.error().message + ", got '" + rate.rate_text + "'");
      good = false;
    } else {
      rate.rate_scaled = *scaled;
    }
    if (rate.source.size() > kMaxSourceBytes || has_control_characters(rate.source)) {
      problem(record.line, "source",
              "must be at most " + std::to_string(kMaxSourceBytes) +
                  " bytes without control characters");
      good = false;
    }
    if (!good) continue;
    if (!seen.insert({rate.rate_date, rate.currency, rate.quote}).second) {
      problem(record.line, "date",
              "the rate of " + rate.currency + " in " + rate.quote + " on " + rate.rate_date +
                  " is given twice");
      continue;
    }
    rates.push_back(std::move(rate));
  }
  if (!problems.empty()) return failure(problems, problem_count);
  if (rates.empty()) return Error::invalid("csv", "the file has a header but no rates");
  return rates;
}

}  // namespace concord::assistance
