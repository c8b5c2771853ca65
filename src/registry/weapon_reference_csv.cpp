// Reference CSV: rows are read in full first, then applied kind by kind (calibres and makes, then
// models, then look-alikes), so that a row may name an entry defined further down the file.
#include "registry/weapon_reference_csv.h"

#include <algorithm>
#include <map>
#include <unordered_map>

#include "core/csv_reader.h"
#include "core/text.h"
#include "registry/weapon_reference_edit.h"

namespace concord::registry {
namespace {

enum Column : std::size_t {
  kTable,
  kId,
  kName,
  kCode,
  kCountry,
  kMake,
  kWeaponType,
  kCalibre,
  kAliases,
  kOtherMake,
  kOtherModel,
  kColumnCount
};

void put_field(std::string& out, std::string_view text) {
  const bool quote = text.find_first_of(",\"\r\n") != std::string_view::npos ||
                     (!text.empty() && (text.front() == ' ' || text.back() == ' '));
  if (!quote) {
    out += text;
    return;
  }
  out += '"';
  for (char c : text) {
    if (c == '"') out += '"';
    out += c;
  }
  out += '"';
}

void put_row(std::string& out, const std::array<std::string, kColumnCount>& fields) {
  for (std::size_t i = 0; i < fields.size(); ++i) {
    if (i > 0) out += ',';
    put_field(out, fields[i]);
  }
  out += '\n';
}

std::string joined(const std::vector<std::string>& aliases) {
  std::string text;
  for (const auto& alias : aliases) {
    if (!text.empty()) text += '|';
    text += alias;
  }
  return text;
}

std::vector<std::string> split_aliases(std::string_view text) {
  std::vector<std::string> aliases;
  if (trim(text).empty()) return aliases;
  std::size_t start = 0;
  while (true) {
    const std::size_t bar = text.find('|', start);
    aliases.emplace_back(trim(text.substr(start, bar - start)));
    if (bar == std::string_view::npos) break;
    start = bar + 1;
  }
  return aliases;
}

struct CsvRow {
  std::uint64_t line = 0;
  std::vector<std::string> fields;
};

// Which columns each table uses; the others must be empty.
const std::map<std::string, std::vector<Column>>& columns_by_table() {
  static const std::map<std::string, std::vector<Column>> columns = {
      {"make", {kId, kName, kCode, kCountry, kAliases}},
      {"calibre", {kId, kName, kAliases}},
      {"model", {kId, kName, kMake, kWeaponType, kCalibre, kAliases}},
      {"lookalike", {kName, kMake, kOtherMake, kOtherModel}},
  };
  return columns;
}

}  // namespace

std::string reference_csv(const ReferenceContents& contents) {
  const ReferenceTable table(contents);
  std::string out;
  std::array<std::string, kColumnCount> header;
  for (std::size_t i = 0; i < kColumnCount; ++i)
    header[i] = std::string(kReferenceCsvColumns[i]);
  put_row(out, header);

  auto sorted = [](auto entries, auto key) {
    std::sort(entries.begin(), entries.end(), [&](const auto& a, const auto& b) {
      const auto ka = key(a);
      const auto kb = key(b);
      return ka != kb ? ka < kb : a.id < b.id;
    });
    return entries;
  };
  for (const auto& make :
       sorted(contents.makes, [](const ReferenceMake& m) { return reference_key(m.name); })) {
    put_row(out, {"make", make.id, make.name, make.code, make.country, "", "", "",
                  joined(make.aliases), "", ""});
  }
  for (const auto& calibre :
       sorted(contents.calibres, [](const ReferenceCalibre& c) { return calibre_key(c.name); })) {
    put_row(out, {"calibre", calibre.id, calibre.name, "", "", "", "", "", joined(calibre.aliases),
                  "", ""});
  }
  auto make_name = [&](const std::string& id) {
    const auto* make = table.make_by_id(id);
    return make != nullptr ? make->name : std::string();
  };
  auto model_key = [&](const ReferenceModel& model) {
    return reference_key(make_name(model.make_id)) + '\n' + reference_key(model.name);
  };
  for (const auto& model : sorted(contents.models, model_key)) {
    const auto* calibre = table.calibre_by_id(model.calibre_id);
    put_row(out,
            {"model", model.id, model.name, "", "", make_name(model.make_id), model.weapon_type,
             calibre != nullptr ? calibre->name : "", joined(model.aliases), "", ""});
  }
  std::vector<std::array<std::string, 4>> pairs;
  for (const auto& pair : contents.lookalikes) {
    const auto* first = table.model_by_id(pair.model_id);
    const auto* second = table.model_by_id(pair.other_model_id);
    if (first == nullptr || second == nullptr) continue;
    std::array<std::string, 4> names = {make_name(first->make_id), first->name,
                                        make_name(second->make_id), second->name};
    if (std::make_pair(reference_key(names[2]), reference_key(names[3])) <
        std::make_pair(reference_key(names[0]), reference_key(names[1]))) {
      std::swap(names[0], names[2]);
      std::swap(names[1], names[3]);
    }
    pairs.push_back(std::move(names));
  }
  std::sort(pairs.begin(), pairs.end());
  for (const auto& names : pairs)
    put_row(out, {"lookalike", "", names[1], "", "", names[0], "", "", "", names[2], names[3]});
  return out;
}

std::string describe(const CsvProblem& problem) {
  std::string text = "line " + std::to_string(problem.line);
  if (!problem.column.empty()) text += ", column \"" + problem.column + "\"";
  return text + ": " + problem.message;
}

Result<std::size_t> apply_reference_csv(std::istream& input, ReferenceContents& contents,
                                        const ReferenceData& countries, IdGenerator& ids,
                                        std::vector<CsvProblem>& problems,
                                        std::size_t max_problems) {
  const std::size_t problems_before = problems.size();
  auto problem = [&](std::uint64_t line, std::string column, std::string message) {
    if (problems.size() - problems_before < max_problems)
      problems.push_back({line, std::move(column), std::move(message)});
  };
  CsvReader reader(input);
  CsvRecord record;
  auto header = reader.next(record);
  if (!header.ok()) return Error::invalid("table", "line 1: " + header.error().message);
  if (!*header) return Error::invalid("table", "the file is empty: it needs the header line");
  for (std::size_t i = 0; i < kColumnCount; ++i) {
    if (record.fields.size() <= i || trim(record.fields[i]) != kReferenceCsvColumns[i]) {
      std::string expected;
      for (auto column : kReferenceCsvColumns)
        expected += (expected.empty() ? "" : ",") + std::string(column);
      return Error::invalid(std::string(kReferenceCsvColumns[i]),
                            "line 1: the header must be " + expected);
    }
  }
  if (record.fields.size() != kColumnCount)
    return Error::invalid("", "line 1: the header has more columns than the reference CSV's");

  std::vector<CsvRow> rows;
  while (true) {
    auto read = reader.next(record);
    if (!read.ok()) {
      problem(record.line, "", read.error().message);
      continue;
    }
    if (!*read) break;
    if (record.fields.size() != kColumnCount) {
      problem(record.line, "",
              "the row has " + std::to_string(record.fields.size()) + " fields, the header " +
                  std::to_string(kColumnCount));
      continue;
    }
    rows.push_back({record.line, record.fields});
  }
  const std::size_t row_count = rows.size();

  // Which rows go in which phase, after checking the table and the unused columns.
  std::map<std::string, std::vector<const CsvRow*>> by_table;
  for (const CsvRow& row : rows) {
    const std::string table(trim(row.fields[kTable]));
    auto columns = columns_by_table().find(table);
    if (columns == columns_by_table().end()) {
      problem(row.line, "table",
              "table must be one of make, calibre, model, lookalike, got '" + table + "'");
      continue;
    }
    bool clean = true;
    for (std::size_t i = 1; i < kColumnCount; ++i) {
      const auto& used = columns->second;
      if (std::find(used.begin(), used.end(), static_cast<Column>(i)) != used.end()) continue;
      if (trim(row.fields[i]).empty()) continue;
      problem(row.line, std::string(kReferenceCsvColumns[i]),
              "must be empty in a " + table + " row");
      clean = false;
    }
    if (clean) by_table[table].push_back(&row);
  }

  const ReferenceContents before = contents;
  std::unordered_map<std::string, std::uint64_t> line_of;  // entry id -> last row that set it
  auto fail = [&](const CsvRow& row, const Error& error) {
    problem(row.line, error.field, error.message);
  };
  for (const CsvRow* row : by_table["calibre"]) {
    const auto& f = row->fields;
    auto id = edit_calibre(contents, {f[kId], f[kName], split_aliases(f[kAliases])}, ids,
                           EditMode::upsert);
    if (!id.ok())
      fail(*row, id.error());
    else
      line_of[*id] = row->line;
  }
  for (const CsvRow* row : by_table["make"]) {
    const auto& f = row->fields;
    auto id =
        edit_make(contents, {f[kId], f[kName], f[kCode], f[kCountry], split_aliases(f[kAliases])},
                  countries, ids, EditMode::upsert);
    if (!id.ok())
      fail(*row, id.error());
    else
      line_of[*id] = row->line;
  }
  {
    const ReferenceTable table(contents);
    for (const CsvRow* row : by_table["model"]) {
      const auto& f = row->fields;
      auto id = edit_model(
          contents, table,
          {f[kId], f[kMake], f[kName], f[kWeaponType], f[kCalibre], split_aliases(f[kAliases])},
          ids, EditMode::upsert);
      if (!id.ok())
        fail(*row, id.error());
      else
        line_of[*id] = row->line;
    }
  }
  {
    const ReferenceTable table(contents);
    for (const CsvRow* row : by_table["lookalike"]) {
      const auto& f = row->fields;
      auto added =
          add_lookalike(contents, table, {f[kMake], f[kName], f[kOtherMake], f[kOtherModel]});
      if (!added.ok()) fail(*row, added.error());
    }
  }
  if (problems.size() == problems_before) {
    if (auto collision = first_collision(before, contents)) {
      auto line = line_of.find(collision->entry_id);
      problem(line == line_of.end() ? 0 : line->second, collision->error.field,
              collision->error.message);
    }
  }
  std::stable_sort(problems.begin() + static_cast<std::ptrdiff_t>(problems_before), problems.end(),
                   [](const CsvProblem& a, const CsvProblem& b) { return a.line < b.line; });
  return row_count;
}

}  // namespace concord::registry
