// `concord import weapons FILE.csv`: loads a state's weapon records (registry/weapon_import.h).
// `concord import markings-system FILE.json`: publishes a national marking system
// (marking/marking_system_store.h).
// `concord import iati FILE.xml --as state:XX`: a donor's own IATI 2.x activity file as funding
// flows (assistance/iati_service.h).
// The summary goes to standard output, each rejected row and the progress bar (on a terminal
// only) to standard error, so a script can keep the summary and a person sees both.
#include <spdlog/spdlog.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <memory>
#include <optional>
#include <string>

#include "assistance/funding_service.h"
#include "assistance/iati_service.h"
#include "cli/commands.h"
#include "cli/options.h"
#include "cli/runtime.h"
#include "marking/marking_system_json.h"
#include "marking/marking_system_store.h"
#include "registry/weapon_import.h"

namespace concord::cli {
namespace {

// A one-line bar redrawn in place at most ten times a second: percent of bytes when the size is
// known (a file), rows and bytes otherwise (standard input).
class ProgressBar {
 public:
  ProgressBar(std::optional<std::uintmax_t> total_bytes, bool enabled)
      : total_bytes_(total_bytes), enabled_(enabled) {}

  void update(std::uint64_t rows, std::uint64_t bytes) {
    if (!enabled_) return;
    const auto now = std::chrono::steady_clock::now();
    if (drawn_ && now - last_ < std::chrono::milliseconds(100)) return;
    drawn_ = true;
    last_ = now;
    constexpr int kWidth = 30;
    std::string line = "\r";
    if (total_bytes_ && *total_bytes_ > 0) {
      const double share =
          std::min(1.0, static_cast<double>(bytes) / static_cast<double>(*total_bytes_));
      const int filled = static_cast<int>(share * kWidth);
      line += "[" + std::string(static_cast<std::size_t>(filled), '#') +
              std::string(static_cast<std::size_t>(kWidth - filled), '-') + "] " +
              std::to_string(static_cast<int>(share * 100)) + "% ";
    }
    line += std::to_string(rows) + " rows, " + std::to_string(bytes / (1024 * 1024)) + " MiB read";
    std::cerr << line << std::flush;
  }

  // Clears the bar so that what follows starts on a clean line.
  void finish() {
    if (enabled_ && drawn_) std::cerr << "\r\x1b[K" << std::flush;
  }

 private:
  std::optional<std::uintmax_t> total_bytes_;
  bool enabled_;
  bool drawn_ = false;
  std::chrono::steady_clock::time_point last_;
};

std::string upper_ascii(std::string text) {
  for (char& c : text)
    c = (c >= 'a' && c <= 'z') ? static_cast<char>(c - 'a' + 'A') : c;
  return text;
}

void print_row_errors(const registry::ImportSummary& summary) {
  for (const registry::RowError& error : summary.errors) {
    std::cerr << "line " << error.line;
    if (!error.field.empty()) std::cerr << ", field \"" << error.field << "\"";
    std::cerr << ": " << error.message << "\n";
  }
  if (summary.rejected > summary.errors.size()) {
    std::cerr << "... and " << summary.rejected - summary.errors.size() << " more rejected rows\n";
  }
}

void add_weapons(CLI::App& parent, int& exit_code) {
  auto* command = parent.add_subcommand(
      "weapons",
      "Import weapon records from CSV with the header external_id,kind,state,weapon_type,make,"
      "model,calibre,serial,other_markings,country_of_manufacture,year_of_manufacture,"
      "reported_at (see docs/registry.md). Rows already present (same state and external_id) are "
      "left as they are, so importing a file twice is safe. Exits 0 when every row was good, 5 "
      "when rows were rejected (the others are imported, unless --strict)");
  auto options = std::make_shared<SharedOptions>();
  options->add_to(*command, /*all_settings=*/false);
  auto file = std::make_shared<std::string>();
  auto state = std::make_shared<std::string>();
  auto strict = std::make_shared<bool>(false);
  command->add_option("FILE", *file, "The CSV file, or - for standard input")->required();
  command->add_option("--state", *state,
                      "The state of rows with an empty state column (ISO 3166-1 alpha-2, such as "
                      "FR); rows naming another state are rejected");
  command->add_flag("--strict", *strict,
                    "Import nothing at all when any row is bad (the input is checked in full "
                    "first)");
  command->callback([=, &exit_code] {
    std::ifstream opened;
    std::istream* input = &std::cin;
    std::optional<std::uintmax_t> size;
    if (*file != "-") {
      opened.open(*file, std::ios::binary);
      if (!opened) {
        spdlog::error("import weapons: {}: cannot open the file", *file);
        exit_code = kUsage;
        return;
      }
      input = &opened;
      std::error_code ignored;
      if (std::filesystem::is_regular_file(*file, ignored)) {
        size = std::filesystem::file_size(*file, ignored);
        if (ignored) size.reset();
      }
    }
    auto runtime = open_runtime_or_log(*options, exit_code);
    if (!runtime) return;

    registry::ImportOptions import_options;
    if (!state->empty()) {
      import_options.default_state = upper_ascii(*state);
      if (runtime->reference->country(*import_options.default_state) == nullptr) {
        spdlog::error("import weapons: --state: '{}' is not an ISO 3166-1 alpha-2 code such as KE",
                      *state);
        exit_code = kUsage;
        return;
      }
    }
    import_options.strict = *strict;
    ProgressBar bar(size, ::isatty(STDERR_FILENO) == 1);
    const auto started = std::chrono::steady_clock::now();
    auto summary = registry::import_weapons(
        *runtime->db, *runtime->ids, *runtime->clock, *runtime->reference, *input, import_options,
        [&bar](std::uint64_t rows, std::uint64_t bytes) { bar.update(rows, bytes); });
    bar.finish();
    if (!summary.ok()) {
      report_failure("import weapons", summary.error(), exit_code);
      // The options were checked above, so this is the input: a header that is not weapon CSV.
      if (summary.error().code == ErrorCode::invalid_argument) exit_code = kInvalidInput;
      return;
    }
    const double seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    print_row_errors(*summary);
    if (summary->aborted) {
      spdlog::error(
          "import weapons: {} of {} rows rejected and --strict given: nothing was imported",
          summary->rejected, summary->rows);
    }
    char elapsed[32];
    std::snprintf(elapsed, sizeof elapsed, "%.1f", seconds);
    std::cout << "imported " << summary->imported << " of " << summary->rows << " rows ("
              << summary->already_present << " already present, " << summary->rejected
              << " rejected) in " << elapsed << " s\n";
    exit_code = summary->rejected > 0 ? kInvalidInput : kSuccess;
  });
}

// `concord import markings-system FILE`: publishes a state's national marking system (a JSON
// document, docs/marking-systems.md) as its next version, acting as the system principal.
void add_markings_system(CLI::App& parent, int& exit_code) {
  auto* command = parent.add_subcommand(
      "markings-system",
      "Publish a state's national marking system from a JSON document (see "
      "docs/marking-systems.md) as that state's next version, and print the version. Exits 5 "
      "when the document is rejected, naming the JSON path at fault");
  auto options = std::make_shared<SharedOptions>();
  options->add_to(*command, /*all_settings=*/false);
  auto file = std::make_shared<std::string>();
  auto state = std::make_shared<std::string>();
  command->add_option("FILE", *file, "The JSON document, or - for standard input")->required();
  command->add_option("--state", *state,
                      "The publishing state (ISO 3166-1 alpha-2, such as FR); needed when the "
                      "document has no \"state\", and must agree with it when it has");
  command->callback([=, &exit_code] {
    auto read = read_file_or_stdin(*file);
    if (!read.ok()) {
      spdlog::error("import markings-system: {}", read.error().message);
      exit_code = kUsage;
      return;
    }
    const std::string document = std::move(read).value();
    auto runtime = open_runtime_or_log(*options, exit_code);
    if (!runtime) return;
    // Without --state the document names its publisher; parsing it first also reports its
    // errors before anything is written.
    auto parsed = marking::parse_marking_system(document, *runtime->reference, *state);
    if (!parsed.ok()) {
      report_failure("import markings-system", parsed.error(), exit_code);
      exit_code = kInvalidInput;
      return;
    }
    auto published = runtime->marking_systems->publish(
        access::Principal::system("cli import markings-system"), parsed->state, document);
    if (!published.ok()) {
      report_failure("import markings-system", published.error(), exit_code);
      if (published.error().code == ErrorCode::invalid_argument) exit_code = kInvalidInput;
      return;
    }
    std::cout << "published the marking system of " << published->state << ", version "
              << published->version << " (" << published->manufacturer_codes.size()
              << " manufacturer codes, " << published->country_marks.size() << " country marks, "
              << published->year_codes.size() << " year codes, "
              << published->import_mark_formats.size() << " import mark formats)\n";
    exit_code = kSuccess;
  });
}

// `concord import iati FILE --as state:XX|organisation:ID`: a donor's IATI activity file as
// funding flows of that donor, acting as the system principal for it.
void add_iati(CLI::App& parent, int& exit_code) {
  auto* command = parent.add_subcommand(
      "iati",
      "Import a donor's own IATI 2.x activity file as funding flows of that donor (see "
      "docs/assistance.md). Transactions already imported are left alone, so importing a file "
      "twice is safe. A broken file imports nothing and exits 5, naming the line");
  auto options = std::make_shared<SharedOptions>();
  options->add_to(*command, /*all_settings=*/false);
  auto file = std::make_shared<std::string>();
  auto as = std::make_shared<std::string>();
  command->add_option("FILE", *file, "The IATI XML file, or - for standard input")->required();
  command->add_option("--as", *as, "The donor: state:XX or organisation:<id>")->required();
  command->callback([=, &exit_code] {
    auto donor = assistance::parse_donor_key(*as, "--as");
    if (!donor.ok()) {
      report_failure("import iati", donor.error(), exit_code);
      exit_code = kUsage;
      return;
    }
    auto read = read_file_or_stdin(*file);
    if (!read.ok()) {
      spdlog::error("import iati: {}", read.error().message);
      exit_code = kUsage;
      return;
    }
    const std::string document = std::move(read).value();
    auto runtime = open_runtime_or_log(*options, exit_code);
    if (!runtime) return;
    const access::Principal actor =
        assistance::system_principal_for(*donor, "concord import iati --as " + *as);
    std::cerr << "import iati: reading " << document.size() << " bytes\n";
    auto report = runtime->iati->import_activities(actor, document);
    if (!report.ok()) {
      report_failure("import iati", report.error(), exit_code);
      if (report.error().code == ErrorCode::invalid_argument) exit_code = kInvalidInput;
      return;
    }
    for (const auto& skip : report->skipped) {
      std::cerr << "line " << skip.line << ", " << skip.element << " of '" << skip.activity
                << "' not imported: " << skip.reason << "\n";
    }
    for (const auto& note : report->notes)
      std::cerr << "note: " << note << "\n";
    std::cout << "imported IATI " << report->version << ": " << report->activities
              << " activities, " << report->flows_created << " flows created, "
              << report->duplicates << " already imported, " << report->skipped.size()
              << " left out\n";
    exit_code = kSuccess;
  });
}

// `concord import rates FILE`: the exchange-rate CSV (date,currency,quote,rate[,source]), as the
// system principal. Any bad row imports nothing and exits 5, naming its line and column.
void add_rates(CLI::App& parent, int& exit_code) {
  auto* command = parent.add_subcommand(
      "rates",
      "Import exchange rates from CSV with the header date,currency,quote,rate[,source] (one "
      "currency is worth rate of quote on date); any bad row imports nothing and exits 5");
  auto options = std::make_shared<SharedOptions>();
  options->add_to(*command, /*all_settings=*/false);
  auto file = std::make_shared<std::string>();
  command->add_option("FILE", *file, "The CSV file, or - for standard input")->required();
  command->callback([=, &exit_code] {
    auto read = read_file_or_stdin(*file);
    if (!read.ok()) {
      spdlog::error("import rates: {}", read.error().message);
      exit_code = kUsage;
      return;
    }
    const std::string text = std::move(read).value();
    auto runtime = open_runtime_or_log(*options, exit_code);
    if (!runtime) return;
    auto imported =
        runtime->funding->import_rates_csv(access::Principal::system("concord import rates"), text);
    if (!imported.ok()) {
      report_failure("import rates", imported.error(), exit_code);
      if (imported.error().code == ErrorCode::invalid_argument) exit_code = kInvalidInput;
      return;
    }
    std::cout << "imported " << imported->rows << " exchange rates\n";
    exit_code = kSuccess;
  });
}

}  // namespace

void add_import_command(CLI::App& app, int& exit_code) {
  auto* import = app.add_subcommand("import", "Import records from files");
  import->require_subcommand(1);
  add_weapons(*import, exit_code);
  add_markings_system(*import, exit_code);
  add_iati(*import, exit_code);
  add_rates(*import, exit_code);
}

}  // namespace concord::cli
