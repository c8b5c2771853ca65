// Weapon import: reads the weapon CSV format (registry/weapon_csv.h, docs/registry.md) from a
// stream, checks every row and stores the good ones in batches (weapon_store.h), so a file of
// any size takes memory for one batch. Bad rows are reported with their line and field and the
// rest imported; with `strict`, one bad row means nothing is written. Importing the same file
// again imports nothing and counts every row as already present.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <istream>
#include <optional>
#include <string>
#include <vector>

#include "core/clock.h"
#include "core/id.h"
#include "core/reference_data.h"
#include "core/result.h"
#include "store/database.h"

namespace concord::registry {

struct ImportOptions {
  // The state of rows whose state column is empty (`--state XX`). When given, a row that names
  // another state is rejected.
  std::optional<std::string> default_state;
  // Any bad row rejects the whole input and nothing is written. The input is read twice: checked
  // first, then stored. A stream that cannot seek back (a pipe) is first copied to an unnamed
  // temporary file, so memory stays bounded either way.
  bool strict = false;
  int batch_size = 1000;              // rows per transaction, 1..10000
  std::size_t max_row_errors = 1000;  // errors kept in the summary; all are counted
};

struct RowError {
  std::uint64_t line = 0;  // physical line in the input, from 1 (the header is line 1)
  std::string field;       // the column at fault; empty when the row as a whole is
  std::string message;
};

struct ImportSummary {
  std::uint64_t rows = 0;  // data rows read, good and bad
  std::uint64_t imported = 0;
  std::uint64_t already_present = 0;
  std::uint64_t rejected = 0;
  std::vector<RowError> errors;  // the first max_row_errors, in input order
  bool aborted = false;          // strict and some row was bad: nothing was written
};

// Called after each stored batch and once at the end.
using ImportProgress = std::function<void(std::uint64_t rows_read, std::uint64_t bytes_read)>;

// Imports the CSV in `input`. Fails, before writing anything, with invalid_argument when the
// header lacks a column or has an unknown or repeated one (field: that column) or when
// `default_state` is not an ISO 3166-1 alpha-2 code (field "state"); with the database's error
// when a batch cannot be stored (earlier batches stay stored, and a second run completes the
// import). Rows are checked as docs/registry.md says; `reference` supplies the known states.
Result<ImportSummary> import_weapons(store::Database& db, IdGenerator& ids, const Clock& clock,
                                     const ReferenceData& reference, std::istream& input,
                                     const ImportOptions& options,
                                     const ImportProgress& progress = {});

}  // namespace concord::registry
