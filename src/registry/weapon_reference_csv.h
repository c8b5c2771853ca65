// The weapon reference table as one CSV file (docs/reference-table.md): a header naming the columns
// below, then one row per make, calibre, model or look-alike pair, the `table` column saying which.
//
//   table,id,name,code,country,make,weapon_type,calibre,aliases,other_make,other_model
//   make,01J...,Kalashnikov Concern,KC,RU,,,,Kalash|Izhmash,,
//   calibre,01J...,7.62x39mm,,,,,,7.62 × 39|7.62x39,,
//   model,01J...,AK-47,,,Kalashnikov Concern,assault rifle,7.62x39mm,AK47,,
//   lookalike,,AK-47,,,Kalashnikov Concern,,,,Norinco,Type 56
//
// Aliases are separated by '|'. A model names its make and calibre by name (or code or alias);
// a look-alike row names one model in make/name and the other in other_make/other_model. Columns
// that do not apply to a row's table must be empty. Export writes makes, calibres, models, then
// look-alikes, each in name order, so exporting the same table twice gives the same bytes.
#pragma once

#include <array>
#include <cstdint>
#include <istream>
#include <string>
#include <string_view>
#include <vector>

#include "core/id.h"
#include "core/reference_data.h"
#include "core/result.h"
#include "registry/weapon_reference_table.h"

namespace concord::registry {

inline constexpr std::array<std::string_view, 11> kReferenceCsvColumns = {
    "table",       "id",      "name",    "code",       "country",    "make",
    "weapon_type", "calibre", "aliases", "other_make", "other_model"};

// The whole table as CSV text, header first.
std::string reference_csv(const ReferenceContents& contents);

// One thing wrong with an imported file: the line (from 1) and the column at fault ("" when the
// whole row is).
struct CsvProblem {
  std::uint64_t line = 0;
  std::string column;
  std::string message;
};
// "line 3, column \"country\": ..." for messages.
std::string describe(const CsvProblem& problem);

// Reads reference CSV from `input` and upserts every row into `contents` (a row with an id
// updates that entry; without, the entry of the same name, or a new one). Returns the number of
// rows read. Every problem found is added to `problems` (at most `max_problems`), in line order;
// when there is any, `contents` must be thrown away. Errors only for input that is not the
// reference CSV at all (a wrong header): invalid_argument naming the column.
Result<std::size_t> apply_reference_csv(std::istream& input, ReferenceContents& contents,
                                        const ReferenceData& countries, IdGenerator& ids,
                                        std::vector<CsvProblem>& problems,
                                        std::size_t max_problems = 100);

}  // namespace concord::registry
