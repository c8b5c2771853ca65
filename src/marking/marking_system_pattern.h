// Mark patterns: the small template language in which a state publishes the layout of its import
// marks and serial numbers, and the matcher that reads a marking (with its unreadable parts) with
// such a pattern. Deliberately not regular expressions: a pattern is a fixed sequence of literal
// text and placeholders, so matching is a bounded walk over (element, position) pairs whatever a
// publisher writes, and no user-written expression is ever run.
//
// Syntax: literal text, compared after canonical_marking.h normalisation (separators vanish, so
// "DE-" and "DE " are the same literal), and placeholders in braces:
//   {country}       a country mark of the system (its table of country marks)
//   {year}          a four-digit year, a two-digit year or a year code
//   {year4} {year2} {year_code}
//   {importer}      an importer code of the system; any 1 to 24 symbols when it lists none
//   {manufacturer}  a manufacturer code of the system
//   {digits:N} {letters:N} {any:N}, or with a range {digits:M-N}: N (M to N) symbols of the class,
//                   1 <= M <= N <= 32 ("letters" is any symbol that is not a digit)
// A pattern holds at least one placeholder and at most kMaxPatternElements elements; '?', '*'
// and unmatched braces are refused. Thread-safe: everything here is a pure function.
#pragma once

#include <bitset>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"

namespace concord::marking {

// The canonical symbols of a code or literal as published ("zk-m" -> U"ZKM").
std::u32string canonical_key(std::string_view text);
// The canonical symbols back as UTF-8.
std::string key_text(const std::u32string& key);

enum class PatternElementKind {
  literal,
  country,
  year,
  year4,
  year2,
  year_code,
  importer,
  manufacturer,
  digits,
  letters,
  any,
};

struct PatternElement {
  PatternElementKind kind = PatternElementKind::literal;
  std::u32string literal;  // for literal
  int min_length = 0;      // for digits, letters and any
  int max_length = 0;
};

struct MarkPattern {
  std::string text;  // as published
  std::vector<PatternElement> elements;
};

inline constexpr size_t kMaxPatternElements = 16;
inline constexpr size_t kMaxPatternBytes = 200;
inline constexpr int kMaxFreeImporterSymbols = 24;

// Errors: invalid_argument naming `field`, with what is wrong and where ("at byte 7").
Result<MarkPattern> parse_mark_pattern(std::string_view text, const std::string& field);

// A marking as read: canonical symbols and the unreadable parts ('?' one symbol, '*' a run).
struct ReadSymbol {
  enum class Kind { symbol, unknown_one, unknown_run };
  Kind kind = Kind::symbol;
  char32_t symbol = 0;
};
using ReadText = std::vector<ReadSymbol>;

// nullopt when nothing in `text` could be read or it is longer than a query may be.
std::optional<ReadText> read_text(std::string_view text);
// "Z?M": the canonical text with '?' and '*' where the unknowns were.
std::string read_text_string(const ReadText& text);
bool has_unknowns(const ReadText& text);

// Where `key` can match `text` from position `begin`: each end position, and whether reaching it
// needed an unknown. At most one entry per end (the exact one preferred).
struct KeyEnd {
  size_t end = 0;
  bool used_unknowns = false;
};
std::vector<KeyEnd> match_key(const ReadText& text, size_t begin, const std::u32string& key);
// The key matches the whole text; nullopt when not, otherwise whether unknowns were needed.
std::optional<bool> matches_whole(const ReadText& text, const std::u32string& key);

// The tables a pattern's placeholders draw from, as canonical keys with the index of the entry in
// the system's table.
struct KeyTable {
  std::vector<std::pair<std::u32string, size_t>> keys;
};
struct PatternTables {
  KeyTable countries;
  KeyTable year_codes;
  std::vector<int> year_code_years;  // by entry index
  KeyTable importers;
  KeyTable manufacturers;
  int two_digit_years_from = 1930;
};

// One way a pattern reads the whole marking.
struct PatternReading {
  std::optional<size_t> country_entry;  // index in the country table
  std::optional<int> year;
  bool year_unreadable = false;          // a year placeholder matched, but through unknowns
  std::optional<size_t> importer_entry;  // index in the importer table
  std::string importer_as_read;          // when the system lists no importers
  std::optional<size_t> manufacturer_entry;
  bool used_unknowns = false;
  bool operator==(const PatternReading&) const = default;
};

// The distinct readings of the whole of `text` by `pattern`, at most `limit`. The walk is
// memoised on (element, position), so it is bounded by elements x positions x table sizes.
std::vector<PatternReading> match_pattern(const MarkPattern& pattern, const PatternTables& tables,
                                          const ReadText& text, size_t limit = 16);

}  // namespace concord::marking
