#include "marking/marking_system_pattern.h"

#include <algorithm>
#include <map>

#include "core/text.h"
#include "marking/canonical_marking.h"
#include "marking/marking_query.h"

namespace concord::marking {
namespace {

// Positions 0..kMaxQueryTerms inclusive.
using PositionSet = std::bitset<kMaxQueryTerms + 1>;

struct PlaceholderName {
  std::string_view name;
  PatternElementKind kind;
  bool sized;  // takes :N or :M-N
};

constexpr PlaceholderName kPlaceholders[] = {
    {"country", PatternElementKind::country, false},
    {"year", PatternElementKind::year, false},
    {"year4", PatternElementKind::year4, false},
    {"year2", PatternElementKind::year2, false},
    {"year_code", PatternElementKind::year_code, false},
    {"importer", PatternElementKind::importer, false},
    {"manufacturer", PatternElementKind::manufacturer, false},
    {"digits", PatternElementKind::digits, true},
    {"letters", PatternElementKind::letters, true},
    {"any", PatternElementKind::any, true},
};

std::string placeholder_list() {
  std::string out;
  for (const auto& placeholder : kPlaceholders) {
    if (!out.empty()) out += ", ";
    out += "{" + std::string(placeholder.name) + (placeholder.sized ? ":N}" : "}");
  }
  return out;
}

std::optional<int> small_number(std::string_view text) {
  if (text.empty() || text.size() > 2) return std::nullopt;
  int value = 0;
  for (char c : text) {
    if (c < '0' || c > '9') return std::nullopt;
    value = value * 10 + (c - '0');
  }
  return value;
}

bool is_digit(char32_t symbol) {
  return symbol >= U'0' && symbol <= U'9';
}

// Whether a read symbol may stand where the class wants one.
bool fits(PatternElementKind kind, const ReadSymbol& read) {
  if (read.kind != ReadSymbol::Kind::symbol) return true;
  switch (kind) {
    case PatternElementKind::digits:
    case PatternElementKind::year2:
    case PatternElementKind::year4:
      return is_digit(read.symbol);
    case PatternElementKind::letters:
      return !is_digit(read.symbol);
    default:
      return true;
  }
}

// A run of free symbols from `begin`: each end it may stop at, given the class and the count.
struct FreeEnd {
  size_t end;
  bool used_unknowns;
};
std::vector<FreeEnd> free_ends(const ReadText& text, size_t begin, PatternElementKind kind,
                               int min_length, int max_length) {
  std::vector<FreeEnd> ends;
  int count = 0;
  bool star = false, unknown = false;
  for (size_t end = begin; end < text.size(); ++end) {
    const ReadSymbol& read = text[end];
    if (!fits(kind, read)) break;
    if (read.kind == ReadSymbol::Kind::unknown_run) {
      star = true;
    } else {
      ++count;
      if (read.kind == ReadSymbol::Kind::unknown_one) unknown = true;
    }
    if (count > max_length) break;
    // A '*' may stand for as many symbols as are missing.
    if (count >= min_length || star) ends.push_back({end + 1, unknown || star});
  }
  return ends;
}

std::optional<int> digits_value(const ReadText& text, size_t begin, size_t end) {
  int value = 0;
  for (size_t i = begin; i < end; ++i) {
    if (text[i].kind != ReadSymbol::Kind::symbol || !is_digit(text[i].symbol)) return std::nullopt;
    value = value * 10 + static_cast<int>(text[i].symbol - U'0');
  }
  return value;
}

// Memoised key matches for one table at each position of one text.
class TableMatches {
 public:
  TableMatches(const KeyTable& table, const ReadText& text) : table_(table), text_(text) {}

  struct Match {
    size_t entry;
    KeyEnd end;
  };
  const std::vector<Match>& at(size_t begin) {
    auto found = cache_.find(begin);
    if (found != cache_.end()) return found->second;
    std::vector<Match> matches;
    for (const auto& [key, entry] : table_.keys) {
      for (const KeyEnd& end : match_key(text_, begin, key))
        matches.push_back({entry, end});
    }
    return cache_.emplace(begin, std::move(matches)).first->second;
  }

 private:
  const KeyTable& table_;
  const ReadText& text_;
  std::map<size_t, std::vector<Match>> cache_;
};

// The walk of one pattern over one text.
class PatternWalk {
 public:
  PatternWalk(const MarkPattern& pattern, const PatternTables& tables, const ReadText& text,
              size_t limit)
      : pattern_(pattern),
        tables_(tables),
        text_(text),
        limit_(limit),
        countries_(tables.countries, text),
        year_codes_(tables.year_codes, text),
        importers_(tables.importers, text),
        manufacturers_(tables.manufacturers, text),
        failed_(pattern.elements.size() + 1, std::vector<bool>(text.size() + 1, false)) {}

  std::vector<PatternReading> run() {
    PatternReading reading;
    walk(0, 0, reading);
    return std::move(readings_);
  }

 private:
  bool done() const { return readings_.size() >= limit_ || successes_ >= 4 * limit_ + 64; }

  // Tries every way element `e` can read from `position`, then the rest; true when any reached
  // the end of both.
  bool walk(size_t e, size_t position, PatternReading& reading) {
    if (e == pattern_.elements.size()) {
      if (position != text_.size()) return false;
      ++successes_;
      if (std::find(readings_.begin(), readings_.end(), reading) == readings_.end())
        readings_.push_back(reading);
      return true;
    }
    if (failed_[e][position] || done()) return false;
    bool any = false;
    auto next = [&](size_t end, bool unknowns, auto&& assign) {
      if (done()) return;
      PatternReading saved = reading;
      reading.used_unknowns = reading.used_unknowns || unknowns;
      assign(reading);
      if (walk(e + 1, end, reading)) any = true;
      reading = std::move(saved);
    };
    const PatternElement& element = pattern_.elements[e];
    auto keyed = [&](TableMatches& table, auto&& assign) {
      for (const auto& match : table.at(position)) {
        next(match.end.end, match.end.used_unknowns,
             [&](PatternReading& r) { assign(r, match.entry); });
      }
    };
    auto year_digits = [&](int width) {
      const auto kind = width == 4 ? PatternElementKind::year4 : PatternElementKind::year2;
      for (const FreeEnd& end : free_ends(text_, position, kind, width, width)) {
        if (end.end - position != static_cast<size_t>(width) && !end.used_unknowns) continue;
        const auto value =
            end.used_unknowns ? std::nullopt : digits_value(text_, position, end.end);
        next(end.end, end.used_unknowns, [&](PatternReading& r) {
          if (!value) {
            r.year_unreadable = true;
            return;
          }
          if (width == 4) {
            r.year = *value;
          } else {
            const int from = tables_.two_digit_years_from;
            int year = from - from % 100 + *value;
            if (year < from) year += 100;
            r.year = year;
          }
        });
      }
    };
    switch (element.kind) {
      case PatternElementKind::literal:
        for (const KeyEnd& end : match_key(text_, position, element.literal))
          next(end.end, end.used_unknowns, [](PatternReading&) {});
        break;
      case PatternElementKind::country:
        keyed(countries_, [](PatternReading& r, size_t entry) { r.country_entry = entry; });
        break;
      case PatternElementKind::manufacturer:
        keyed(manufacturers_,
              [](PatternReading& r, size_t entry) { r.manufacturer_entry = entry; });
        break;
      case PatternElementKind::year_code:
      case PatternElementKind::year:
      case PatternElementKind::year4:
      case PatternElementKind::year2:
        if (element.kind == PatternElementKind::year || element.kind == PatternElementKind::year4)
          year_digits(4);
        if (element.kind == PatternElementKind::year || element.kind == PatternElementKind::year2)
          year_digits(2);
        if (element.kind == PatternElementKind::year ||
            element.kind == PatternElementKind::year_code) {
          keyed(year_codes_, [this](PatternReading& r, size_t entry) {
            r.year = tables_.year_code_years.at(entry);
          });
        }
        break;
      case PatternElementKind::importer:
        if (!tables_.importers.keys.empty()) {
          keyed(importers_, [](PatternReading& r, size_t entry) { r.importer_entry = entry; });
        } else {
          for (const FreeEnd& end :
               free_ends(text_, position, PatternElementKind::any, 1, kMaxFreeImporterSymbols)) {
            next(end.end, end.used_unknowns, [&](PatternReading& r) {
              r.importer_as_read =
                  read_text_string(ReadText(text_.begin() + static_cast<std::ptrdiff_t>(position),
                                            text_.begin() + static_cast<std::ptrdiff_t>(end.end)));
            });
          }
        }
        break;
      case PatternElementKind::digits:
      case PatternElementKind::letters:
      case PatternElementKind::any:
        for (const FreeEnd& end :
             free_ends(text_, position, element.kind, element.min_length, element.max_length))
          next(end.end, end.used_unknowns, [](PatternReading&) {});
        break;
    }
    if (!any && !done()) failed_[e][position] = true;
    return any;
  }

  const MarkPattern& pattern_;
  const PatternTables& tables_;
  const ReadText& text_;
  size_t limit_;
  TableMatches countries_, year_codes_, importers_, manufacturers_;
  std::vector<std::vector<bool>> failed_;
  std::vector<PatternReading> readings_;
  size_t successes_ = 0;
};

}  // namespace

std::u32string canonical_key(std::string_view text) {
  std::u32string key;
  for (const CanonicalSymbol& symbol : canonical_symbols(text))
    key += symbol.symbol;
  return key;
}

std::string key_text(const std::u32string& key) {
  std::string out;
  for (char32_t symbol : key)
    out += utf8_of(symbol);
  return out;
}

Result<MarkPattern> parse_mark_pattern(std::string_view text, const std::string& field) {
  MarkPattern pattern;
  pattern.text = std::string(text);
  if (text.size() > kMaxPatternBytes) {
    return Error::invalid(
        field, field + " must be at most " + std::to_string(kMaxPatternBytes) + " bytes long");
  }
  if (!utf8_length(text)) return Error::invalid(field, field + " is not valid UTF-8");
  bool placeholder_seen = false;
  std::string literal;
  auto flush_literal = [&]() {
    std::u32string key = canonical_key(literal);
    literal.clear();
    if (key.empty()) return;  // only separators
    if (!pattern.elements.empty() && pattern.elements.back().kind == PatternElementKind::literal) {
      pattern.elements.back().literal += key;
      return;
    }
    PatternElement element;
    element.literal = std::move(key);
    pattern.elements.push_back(std::move(element));
  };
  auto at = [](size_t offset) { return " at byte " + std::to_string(offset + 1); };
  for (size_t i = 0; i < text.size();) {
    const char c = text[i];
    if (c == '?' || c == '*') {
      return Error::invalid(field, field + ": '" + std::string(1, c) + "'" + at(i) +
                                       " is not allowed: unreadable characters belong in "
                                       "markings, not in patterns");
    }
    if (c == '}') return Error::invalid(field, field + ": '}'" + at(i) + " closes nothing");
    if (c != '{') {
      literal += c;
      ++i;
      continue;
    }
    const size_t close = text.find('}', i);
    if (close == std::string_view::npos)
      return Error::invalid(field, field + ": '{'" + at(i) + " is never closed");
    const std::string_view inside = text.substr(i + 1, close - i - 1);
    const auto colon = inside.find(':');
    const std::string_view name = inside.substr(0, colon);
    const PlaceholderName* known = nullptr;
    for (const auto& placeholder : kPlaceholders) {
      if (placeholder.name == name) known = &placeholder;
    }
    if (known == nullptr) {
      return Error::invalid(field, field + ": unknown placeholder {" + std::string(inside) + "}" +
                                       at(i) + "; use one of " + placeholder_list());
    }
    PatternElement element;
    element.kind = known->kind;
    if (known->sized) {
      if (colon == std::string_view::npos) {
        return Error::invalid(field, field + ": {" + std::string(name) + "}" + at(i) +
                                         " needs a length, such as {" + std::string(name) + ":6}");
      }
      const std::string_view size = inside.substr(colon + 1);
      const auto dash = size.find('-');
      const auto low = small_number(size.substr(0, dash));
      const auto high = dash == std::string_view::npos ? low : small_number(size.substr(dash + 1));
      if (!low || !high || *low < 1 || *high > 32 || *low > *high) {
        return Error::invalid(field, field + ": {" + std::string(inside) + "}" + at(i) +
                                         " needs a length N or a range M-N with 1 <= M <= N <= 32");
      }
      element.min_length = *low;
      element.max_length = *high;
    } else if (colon != std::string_view::npos) {
      return Error::invalid(field,
                            field + ": {" + std::string(name) + "}" + at(i) + " takes no length");
    }
    flush_literal();
    pattern.elements.push_back(element);
    placeholder_seen = true;
    i = close + 1;
  }
  flush_literal();
  if (!placeholder_seen) {
    return Error::invalid(field, field + " has no placeholder; use one of " + placeholder_list());
  }
  if (pattern.elements.size() > kMaxPatternElements) {
    return Error::invalid(
        field, field + " has more than " + std::to_string(kMaxPatternElements) + " parts");
  }
  return pattern;
}

std::optional<ReadText> read_text(std::string_view text) {
  auto query = parse_marking_query(text);
  if (!query.ok()) return std::nullopt;
  ReadText read;
  read.reserve(query->terms.size());
  for (const QueryTerm& term : query->terms) {
    ReadSymbol symbol;
    switch (term.kind) {
      case QueryTermKind::symbol:
        symbol.symbol = term.symbol;
        break;
      case QueryTermKind::unknown_one:
        symbol.kind = ReadSymbol::Kind::unknown_one;
        break;
      case QueryTermKind::unknown_run:
        symbol.kind = ReadSymbol::Kind::unknown_run;
        break;
    }
    read.push_back(symbol);
  }
  return read;
}

std::string read_text_string(const ReadText& text) {
  std::string out;
  for (const ReadSymbol& symbol : text) {
    switch (symbol.kind) {
      case ReadSymbol::Kind::symbol:
        out += utf8_of(symbol.symbol);
        break;
      case ReadSymbol::Kind::unknown_one:
        out += '?';
        break;
      case ReadSymbol::Kind::unknown_run:
        out += '*';
        break;
    }
  }
  return out;
}

bool has_unknowns(const ReadText& text) {
  return std::any_of(text.begin(), text.end(), [](const ReadSymbol& symbol) {
    return symbol.kind != ReadSymbol::Kind::symbol;
  });
}

std::vector<KeyEnd> match_key(const ReadText& text, size_t begin, const std::u32string& key) {
  std::vector<KeyEnd> ends;
  if (key.empty() || begin > text.size()) return ends;
  // Fast path: symbols and '?' only, one symbol each.
  bool exact = true, fixed = true;
  size_t i = 0;
  for (; i < key.size() && begin + i < text.size(); ++i) {
    const ReadSymbol& read = text[begin + i];
    if (read.kind == ReadSymbol::Kind::unknown_run) {
      fixed = false;
      break;
    }
    if (read.kind == ReadSymbol::Kind::unknown_one) {
      exact = false;
    } else if (read.symbol != key[i]) {
      return ends;
    }
  }
  if (fixed) {
    if (i == key.size()) ends.push_back({begin + key.size(), !exact});
    return ends;
  }
  // With a '*': the set of positions reachable after each key symbol. A '*' at position p may
  // absorb a key symbol (stay at p) or end (move to p + 1).
  const size_t n = std::min(text.size(), kMaxQueryTerms);
  PositionSet stars, any_one;
  for (size_t p = 0; p < n; ++p) {
    if (text[p].kind == ReadSymbol::Kind::unknown_run) stars.set(p);
    if (text[p].kind == ReadSymbol::Kind::unknown_one) any_one.set(p);
  }
  auto close = [&](PositionSet set) { return set | ((set & stars) << 1); };
  PositionSet current;
  current.set(begin);
  current = close(current);
  for (char32_t symbol : key) {
    PositionSet equal = any_one;
    for (size_t p = begin; p < n; ++p) {
      if (text[p].kind == ReadSymbol::Kind::symbol && text[p].symbol == symbol) equal.set(p);
    }
    current = close(((current & equal) << 1) | (current & stars));
    if (current.none()) return ends;
  }
  for (size_t p = begin; p <= n; ++p) {
    if (current.test(p)) ends.push_back({p, true});
  }
  return ends;
}

std::optional<bool> matches_whole(const ReadText& text, const std::u32string& key) {
  for (const KeyEnd& end : match_key(text, 0, key)) {
    if (end.end == text.size()) return end.used_unknowns;
  }
  return std::nullopt;
}

std::vector<PatternReading> match_pattern(const MarkPattern& pattern, const PatternTables& tables,
                                          const ReadText& text, size_t limit) {
  if (text.empty() || text.size() > kMaxQueryTerms || limit == 0) return {};
  return PatternWalk(pattern, tables, text, limit).run();
}

}  // namespace concord::marking
