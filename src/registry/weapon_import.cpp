// Weapon import: one pass that reads, checks and stores a batch at a time; in strict mode a first
// pass that only checks, over the same bytes read again from the start.
#include "registry/weapon_import.h"

#include <unistd.h>

#include <array>
#include <cerrno>
#include <charconv>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>

#include "core/csv_reader.h"
#include "core/text.h"
#include "registry/weapon_csv.h"
#include "registry/weapon_store.h"

namespace concord::registry {
namespace {

constexpr std::size_t kColumnCount = kWeaponCsvColumns.size();
constexpr std::size_t kMaxExternalId = 200;
constexpr std::size_t kMaxShortText = 200;
constexpr std::size_t kMaxOtherMarkings = 2000;
constexpr int kFirstYear = 1800;
constexpr int kMaxBatch = 10000;

// Positions of kWeaponCsvColumns, so a column is read by name whatever its place in the file.
enum Column : std::size_t {
  kExternalId,
  kKind,
  kState,
  kWeaponType,
  kMake,
  kModel,
  kCalibre,
  kSerial,
  kOtherMarkings,
  kCountry,
  kYear,
  kReportedAt,
};

// Where each column sits in the file, and how many fields a row must have.
struct Layout {
  std::array<std::size_t, kColumnCount> position{};
  std::size_t width = 0;
};

std::string column_list() {
  std::string out;
  for (std::string_view column : kWeaponCsvColumns) {
    if (!out.empty()) out += ",";
    out += column;
  }
  return out;
}

Result<Layout> read_header(const CsvRecord& header) {
  Layout layout;
  std::array<bool, kColumnCount> seen{};
  for (std::size_t i = 0; i < header.fields.size(); ++i) {
    const std::string name(trim(header.fields[i]));
    std::size_t column = 0;
    while (column < kColumnCount && kWeaponCsvColumns[column] != name)
      ++column;
    if (column == kColumnCount) {
      return Error::invalid(name, "the header names an unknown column \"" + name +
                                      "\"; the columns are " + column_list());
    }
    if (seen[column]) {
      return Error::invalid(name, "the header names the column \"" + name + "\" twice");
    }
    seen[column] = true;
    layout.position[column] = i;
  }
  for (std::size_t column = 0; column < kColumnCount; ++column) {
    if (!seen[column]) {
      const std::string name(kWeaponCsvColumns[column]);
      return Error::invalid(
          name, "the header lacks the column \"" + name + "\"; the columns are " + column_list());
    }
  }
  layout.width = header.fields.size();
  return layout;
}

// `text` quoted for a message, cut short (at a character boundary) when long.
std::string shown(std::string_view text) {
  constexpr std::size_t kMax = 40;
  if (text.size() <= kMax) return "\"" + std::string(text) + "\"";
  std::size_t cut = kMax;
  while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xc0) == 0x80)
    --cut;
  return "\"" + std::string(text.substr(0, cut)) + "...\"";
}

// Checks one row and fills a WeaponRecord from it. Stateless apart from what it is given, so the
// check pass and the store pass of a strict import agree row for row.
class RowChecker {
 public:
  RowChecker(const ReferenceData& reference, const std::optional<std::string>& default_state,
             int current_year)
      : reference_(reference), default_state_(default_state), current_year_(current_year) {}

  // The first fault of the row, or nullopt with `record` filled.
  std::optional<RowError> check(const CsvRecord& row, const Layout& layout,
                                WeaponRecord& record) const {
    if (row.fields.size() != layout.width) {
      return RowError{row.line, "",
                      "expected " + std::to_string(layout.width) + " fields, found " +
                          std::to_string(row.fields.size())};
    }
    std::array<std::string_view, kColumnCount> values;
    for (std::size_t column = 0; column < kColumnCount; ++column) {
      values[column] = trim(row.fields[layout.position[column]]);
      const std::size_t limit = column == kOtherMarkings ? kMaxOtherMarkings
                                : column == kExternalId  ? kMaxExternalId
                                                         : kMaxShortText;
      if (auto problem = text_problem(values[column], limit, column == kOtherMarkings)) {
        return fault(row, column, *problem);
      }
    }

    if (values[kExternalId].empty()) return fault(row, kExternalId, "external_id is required");
    record.external_id = values[kExternalId];

    const auto kind = record_kind_from_string(values[kKind]);
    if (!kind) {
      return fault(
          row, kKind,
          "unknown kind " + shown(values[kKind]) + " (one of " + record_kinds_list() + ")");
    }
    record.kind = *kind;

    if (auto problem = check_state(values[kState], record.state)) {
      return fault(row, kState, *problem);
    }

    record.weapon_type = values[kWeaponType];
    record.make = values[kMake];
    record.model = values[kModel];
    record.calibre = values[kCalibre];
    record.serial = values[kSerial];
    record.other_markings = values[kOtherMarkings];
    if (record.serial.empty() && record.other_markings.empty()) {
      return fault(row, kSerial,
                   "serial and other_markings are both empty: a record needs at least one marking");
    }

    const std::string_view country = values[kCountry];
    if (!country.empty() && reference_.country(country) == nullptr) {
      return fault(
          row, kCountry,
          "unknown country " + shown(country) + " (an ISO 3166-1 alpha-2 code such as BE)");
    }
    record.country_of_manufacture = country;

    record.year_of_manufacture.reset();
    if (const std::string_view year_text = values[kYear]; !year_text.empty()) {
      int year = 0;
      const auto parsed =
          std::from_chars(year_text.data(), year_text.data() + year_text.size(), year);
      if (parsed.ec != std::errc() || parsed.ptr != year_text.data() + year_text.size() ||
          year < kFirstYear || year > current_year_) {
        return fault(row, kYear,
                     "year_of_manufacture " + shown(year_text) + " is not a year from " +
                         std::to_string(kFirstYear) + " to " + std::to_string(current_year_));
      }
      record.year_of_manufacture = year;
    }

    const std::string_view reported_at = values[kReportedAt];
    if (!reported_at.empty() && !parse_iso8601(reported_at)) {
      return fault(row, kReportedAt,
                   "reported_at " + shown(reported_at) +
                       " is not an ISO 8601 date (2024-03-01) or date-time (2024-03-01T09:30:00Z)");
    }
    record.reported_at = reported_at;
    return std::nullopt;
  }

 private:
  static RowError fault(const CsvRecord& row, std::size_t column, std::string message) {
    return {row.line, std::string(kWeaponCsvColumns[column]), std::move(message)};
  }

  static std::optional<std::string> text_problem(std::string_view text, std::size_t max_length,
                                                 bool multiline) {
    const auto length = utf8_length(text);
    if (!length) return "is not valid UTF-8";
    if (has_control_characters(text)) return "contains control characters";
    if (!multiline && text.find_first_of("\t\r\n") != std::string_view::npos) {
      return "contains a tab or line break";
    }
    if (*length > max_length) {
      return "is longer than " + std::to_string(max_length) + " characters";
    }
    return std::nullopt;
  }

  std::optional<std::string> check_state(std::string_view given, std::string& state) const {
    if (given.empty()) {
      if (!default_state_) return "state is required (or give a default with --state)";
      state = *default_state_;
      return std::nullopt;
    }
    if (default_state_ && given != *default_state_) {
      return "the row names state " + shown(given) + " but the import is for state " +
             *default_state_ + " (--state)";
    }
    if (reference_.country(given) == nullptr) {
      return "unknown state " + shown(given) +
             " (an ISO 3166-1 alpha-2 code in upper case, such as FR)";
    }
    state = given;
    return std::nullopt;
  }

  const ReferenceData& reference_;
  const std::optional<std::string>& default_state_;
  int current_year_;
};

struct Context {
  store::Database& db;
  IdGenerator& ids;
  const Clock& clock;
  const ImportOptions& options;
  const RowChecker& checker;
  const ImportProgress& progress;
};

void reject(ImportSummary& summary, const ImportOptions& options, RowError error) {
  ++summary.rejected;
  if (summary.errors.size() < options.max_row_errors) summary.errors.push_back(std::move(error));
}

// Reads the whole input once. With `store`, writes the good rows a batch at a time; without, only
// checks them.
Result<ImportSummary> run_pass(const Context& context, std::istream& input, bool store) {
  CsvReader reader(input);
  CsvRecord row;
  auto header = reader.next(row);
  if (!header.ok()) {
    return Error::invalid("", "line " + std::to_string(row.line) + ": " + header.error().message);
  }
  if (!*header) {
    return Error::invalid(
        "", "the input is empty: it must start with the header line " + column_list());
  }
  CONCORD_ASSIGN_OR_RETURN(const Layout layout, read_header(row));

  ImportSummary summary;
  const auto batch_size = static_cast<std::size_t>(context.options.batch_size);
  std::vector<WeaponRecord> batch;
  batch.reserve(batch_size);
  WeaponRecord scratch;  // where the check pass puts what it reads
  const auto flush = [&]() -> Result<void> {
    if (store && !batch.empty()) {
      CONCORD_ASSIGN_OR_RETURN(const InsertCounts counts,
                               insert_weapons(context.db, context.ids, context.clock, batch));
      summary.imported += counts.inserted;
      summary.already_present += counts.already_present;
      batch.clear();
    }
    if (context.progress) context.progress(summary.rows, reader.bytes_read());
    return ok();
  };

  std::size_t pending = 0;
  for (;;) {
    auto next = reader.next(row);
    if (next.ok() && !*next) break;
    ++summary.rows;
    if (!next.ok()) {
      reject(summary, context.options, {row.line, "", next.error().message});
      continue;
    }
    WeaponRecord& record = store ? batch.emplace_back() : scratch;
    if (auto fault = context.checker.check(row, layout, record)) {
      if (store) batch.pop_back();
      reject(summary, context.options, std::move(*fault));
      continue;
    }
    if (++pending == batch_size) {
      pending = 0;
      CONCORD_TRY(flush());
    }
  }
  CONCORD_TRY(flush());
  return summary;
}

// Copies `input` into an unnamed temporary file (removed from the directory at once, so nothing
// is left behind even after a crash) and leaves `file` positioned at its start.
Result<void> spool(std::istream& input, std::fstream& file) {
  // NOLINTNEXTLINE(concurrency-mt-unsafe): read before any thread of the import exists
  const char* directory = std::getenv("TMPDIR");
  std::string path = std::string(directory != nullptr && *directory != '\0' ? directory : "/tmp") +
                     "/concord-import-XXXXXX";
  const int descriptor = ::mkstemp(path.data());
  if (descriptor < 0) {
    return Error::internal("cannot create a temporary file in " + path + " to check the input: " +
                           std::strerror(errno));  // NOLINT(concurrency-mt-unsafe)
  }
  ::close(descriptor);
  file.open(path, std::ios::in | std::ios::out | std::ios::binary | std::ios::trunc);
  std::remove(path.c_str());
  if (!file) return Error::internal("cannot open the temporary file " + path);
  std::vector<char> buffer(std::size_t{1} << 16);
  while (input) {
    input.read(buffer.data(), static_cast<std::streamsize>(buffer.size()));
    file.write(buffer.data(), input.gcount());
  }
  if (input.bad()) return Error::internal("cannot read the input");
  if (!file) return Error::internal("cannot write the temporary copy of the input (disk full?)");
  file.seekg(0);
  return ok();
}

int current_year(const Clock& clock) {
  const std::chrono::year_month_day date{std::chrono::floor<std::chrono::days>(clock.now())};
  return static_cast<int>(date.year());
}

}  // namespace

Result<ImportSummary> import_weapons(store::Database& db, IdGenerator& ids, const Clock& clock,
                                     const ReferenceData& reference, std::istream& input,
                                     const ImportOptions& options, const ImportProgress& progress) {
  if (options.batch_size < 1 || options.batch_size > kMaxBatch) {
    return Error::invalid("batch_size",
                          "batch_size must be between 1 and " + std::to_string(kMaxBatch));
  }
  if (options.default_state && reference.country(*options.default_state) == nullptr) {
    return Error::invalid("state", "unknown state " + shown(*options.default_state) +
                                       " (an ISO 3166-1 alpha-2 code in upper case, such as FR)");
  }
  const RowChecker checker(reference, options.default_state, current_year(clock));
  const Context context{db, ids, clock, options, checker, progress};
  if (!options.strict) return run_pass(context, input, /*store=*/true);

  std::istream* source = &input;
  std::fstream copy;
  std::streampos start = input.tellg();
  if (start == std::streampos(-1)) {
    input.clear();
    CONCORD_TRY(spool(input, copy));
    source = &copy;
    start = 0;
  }
  CONCORD_ASSIGN_OR_RETURN(ImportSummary checked, run_pass(context, *source, /*store=*/false));
  if (checked.rejected > 0) {
    checked.aborted = true;
    return checked;
  }
  source->clear();
  source->seekg(start);
  if (!*source) return Error::internal("cannot read the input a second time");
  CONCORD_ASSIGN_OR_RETURN(ImportSummary stored, run_pass(context, *source, /*store=*/true));
  if (stored.rejected > 0 || stored.rows != checked.rows) {
    return Error{ErrorCode::conflict,
                 "the input changed between the check and the import; some rows may be stored, "
                 "and importing the file again completes it",
                 ""};
  }
  return stored;
}

}  // namespace concord::registry
