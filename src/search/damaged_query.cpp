// Damaged queries: the marking as read is split into terms (canonical symbols, `?`, `*`) and the
// separator text between them; a damage edits the terms and the separators stay where they were,
// so a damaged reading keeps the look of the original. Positions are always canonical symbols,
// never bytes, so "AB-12" has four symbols to damage, not five characters.
//
// Random choices use `random() % n` rather than std::uniform_int_distribution, whose output the
// standard leaves to each library: the same seed gives the same queries with any compiler.
#include "search/damaged_query.h"

#include <algorithm>
#include <array>
#include <map>

#include "core/text.h"
#include "marking/canonical_marking.h"
#include "marking/look_alikes.h"
#include "marking/marking_query.h"

namespace concord::search {
namespace {

enum class PieceKind {
  symbol,       // one canonical symbol, with the text it was read from
  unknown_one,  // ?
  unknown_run,  // *
  separator,    // text that is not compared
};

struct Piece {
  PieceKind kind = PieceKind::separator;
  std::string text;
  char32_t symbol = 0;  // for PieceKind::symbol
};

using Pieces = std::vector<Piece>;

// A query with fewer readable symbols than this matches almost anything.
constexpr size_t kMinReadableSymbols = 3;

size_t pick(std::mt19937_64& random, size_t count) {
  return static_cast<size_t>(random() % count);
}

// True with probability numerator / denominator.
bool chance(std::mt19937_64& random, size_t numerator, size_t denominator) {
  return pick(random, denominator) < numerator;
}

// Separator text must not contain the query's wildcards, or it would read as damage.
std::string without_wildcards(std::string_view text) {
  std::string out;
  for (size_t at = 0; at < text.size();) {
    const std::string_view rest = text.substr(at);
    if (rest.starts_with("?") || rest.starts_with("*")) {
      out += ' ';
      at += 1;
    } else if (rest.starts_with("\xef\xbc\x9f") || rest.starts_with("\xef\xbc\x8a")) {  // ？ ＊
      out += ' ';
      at += 3;
    } else {
      out += text[at++];
    }
  }
  return out;
}

void add_separator(Pieces& pieces, std::string text) {
  text = without_wildcards(text);
  if (text.empty()) return;
  if (!pieces.empty() && pieces.back().kind == PieceKind::separator) {
    pieces.back().text += text;
  } else {
    pieces.push_back({PieceKind::separator, std::move(text), 0});
  }
}

// The marking as read, as pieces. A code point that folds to several symbols ("№" is "NO") is
// written as those symbols, so that each can be damaged on its own.
Pieces split(std::string_view marking) {
  const auto symbols = marking::canonical_symbols(marking);
  Pieces pieces;
  size_t at = 0;
  for (size_t i = 0; i < symbols.size(); ++i) {
    const auto& symbol = symbols[i];
    if (symbol.source_begin > at) {
      add_separator(pieces, std::string(marking.substr(at, symbol.source_begin - at)));
    }
    const bool shared =
        (i > 0 && symbols[i - 1].source_begin == symbol.source_begin) ||
        (i + 1 < symbols.size() && symbols[i + 1].source_begin == symbol.source_begin);
    std::string text = shared ? utf8_of(symbol.symbol)
                              : std::string(marking.substr(
                                    symbol.source_begin, symbol.source_end - symbol.source_begin));
    pieces.push_back({PieceKind::symbol, std::move(text), symbol.symbol});
    at = std::max(at, symbol.source_end);
  }
  if (at < marking.size()) add_separator(pieces, std::string(marking.substr(at)));
  return pieces;
}

std::string join(const Pieces& pieces) {
  std::string out;
  for (const auto& piece : pieces)
    out += piece.text;
  return out;
}

// Indices of the pieces that are compared (symbols and wildcards), in order.
std::vector<size_t> terms(const Pieces& pieces) {
  std::vector<size_t> out;
  for (size_t i = 0; i < pieces.size(); ++i) {
    if (pieces[i].kind != PieceKind::separator) out.push_back(i);
  }
  return out;
}

std::vector<size_t> symbols(const Pieces& pieces) {
  std::vector<size_t> out;
  for (size_t i = 0; i < pieces.size(); ++i) {
    if (pieces[i].kind == PieceKind::symbol) out.push_back(i);
  }
  return out;
}

Piece symbol_piece(char32_t symbol) {
  return {PieceKind::symbol, utf8_of(symbol), symbol};
}

// Latin capital letter -> the Cyrillic letters (either case) that canonical_symbols() reads as
// it, found by asking the normaliser rather than typed by hand, so the two never disagree. Only
// the 64 letters of a Russian keyboard (U+0410..U+044F): the rest of the block adds letters with
// diacritics ("ӑ"), which nobody types for a Latin letter.
const std::map<char32_t, std::vector<char32_t>>& cyrillic_twins() {
  static const std::map<char32_t, std::vector<char32_t>> twins = [] {
    std::map<char32_t, std::vector<char32_t>> made;
    for (char32_t c = 0x410; c <= 0x44f; ++c) {
      const auto folded = marking::canonical_symbols(utf8_of(c));
      if (folded.size() == 1 && folded[0].symbol >= U'A' && folded[0].symbol <= U'Z') {
        made[folded[0].symbol].push_back(c);
      }
    }
    return made;
  }();
  return twins;
}

const std::u32string& class_of(char32_t symbol) {
  static const std::u32string none;
  const auto index = marking::look_alike_class(symbol);
  return index ? marking::look_alike_classes()[static_cast<size_t>(*index)] : none;
}

char32_t random_alphanumeric(std::mt19937_64& random) {
  static constexpr std::string_view kAlphanumerics = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
  return static_cast<char32_t>(kAlphanumerics[pick(random, kAlphanumerics.size())]);
}

// Chooses `count` distinct elements of `from`, in their original order.
std::vector<size_t> choose(const std::vector<size_t>& from, size_t count, std::mt19937_64& random) {
  std::vector<size_t> pool = from;
  std::vector<size_t> chosen;
  for (size_t n = 0; n < count && !pool.empty(); ++n) {
    const size_t at = pick(random, pool.size());
    chosen.push_back(pool[at]);
    pool.erase(pool.begin() + static_cast<std::ptrdiff_t>(at));
  }
  std::sort(chosen.begin(), chosen.end());
  return chosen;
}

// Each damage edits `pieces` in place and returns false when the marking offers nothing to damage
// that way (no symbol with a look-alike, no two adjacent different symbols, too few symbols).
using Damager = bool (*)(Pieces&, std::mt19937_64&);

bool read_look_alikes(Pieces& pieces, std::mt19937_64& random) {
  std::vector<size_t> candidates;
  for (const size_t i : symbols(pieces)) {
    if (class_of(pieces[i].symbol).size() > 1) candidates.push_back(i);
  }
  if (candidates.empty()) return false;
  for (const size_t i : choose(candidates, 1 + pick(random, 2), random)) {
    std::u32string others = class_of(pieces[i].symbol);
    others.erase(others.find(pieces[i].symbol), 1);
    pieces[i] = symbol_piece(others[pick(random, others.size())]);
  }
  return true;
}

bool make_unknown_one(Pieces& pieces, std::mt19937_64& random) {
  const auto candidates = symbols(pieces);
  const size_t count = 1 + pick(random, 2);
  if (candidates.size() < count + kMinReadableSymbols) return false;
  for (const size_t i : choose(candidates, count, random))
    pieces[i] = {PieceKind::unknown_one, "?", 0};
  return true;
}

bool make_unknown_run(Pieces& pieces, std::mt19937_64& random) {
  const auto all_terms = terms(pieces);
  const size_t length = 2 + pick(random, 3);
  // Runs of `length` consecutive symbols (no wildcard inside), by their first term's position.
  std::vector<size_t> starts;
  for (size_t first = 0; first + length <= all_terms.size(); ++first) {
    bool all_symbols = true;
    for (size_t k = first; k < first + length; ++k)
      all_symbols = all_symbols && pieces[all_terms[k]].kind == PieceKind::symbol;
    if (all_symbols) starts.push_back(first);
  }
  if (starts.empty() || symbols(pieces).size() < length + kMinReadableSymbols) return false;
  // A ground-off maker's prefix is the commonest unreadable run, so it gets a fair share.
  const size_t first =
      (starts.front() == 0 && chance(random, 1, 4)) ? 0 : starts[pick(random, starts.size())];
  const size_t begin = all_terms[first];
  const size_t end = all_terms[first + length - 1] + 1;
  pieces.erase(pieces.begin() + static_cast<std::ptrdiff_t>(begin + 1),
               pieces.begin() + static_cast<std::ptrdiff_t>(end));
  pieces[begin] = {PieceKind::unknown_run, "*", 0};
  return true;
}

bool delete_one(Pieces& pieces, std::mt19937_64& random) {
  const auto all_terms = terms(pieces);
  std::vector<size_t> interior;
  for (size_t k = 1; k + 1 < all_terms.size(); ++k) {
    if (pieces[all_terms[k]].kind == PieceKind::symbol) interior.push_back(all_terms[k]);
  }
  if (interior.empty() || symbols(pieces).size() < 1 + kMinReadableSymbols) return false;
  const size_t at = interior[pick(random, interior.size())];
  // Between two separators, one is enough: "12-3-45" without its 3 reads "12-45".
  const bool separators_meet =
      pieces[at - 1].kind == PieceKind::separator && pieces[at + 1].kind == PieceKind::separator;
  pieces.erase(pieces.begin() + static_cast<std::ptrdiff_t>(at),
               pieces.begin() + static_cast<std::ptrdiff_t>(at + (separators_meet ? 2 : 1)));
  return true;
}

// Drops one to three symbols from the front (or back) of the marking, with the separators beside
// them: what is ground away leaves no dash behind.
bool lose_edge(Pieces& pieces, std::mt19937_64& random, bool front) {
  const auto all_terms = terms(pieces);
  const size_t available = symbols(pieces).size();
  if (available < 1 + kMinReadableSymbols) return false;
  const size_t count = 1 + pick(random, std::min<size_t>(3, available - kMinReadableSymbols));
  for (size_t n = 0; n < count; ++n) {
    const size_t term = all_terms[front ? n : all_terms.size() - 1 - n];
    if (pieces[term].kind != PieceKind::symbol) return false;  // a wildcard is already there
  }
  if (front) {
    const size_t first_kept = all_terms[count];
    pieces.erase(pieces.begin(), pieces.begin() + static_cast<std::ptrdiff_t>(first_kept));
  } else {
    const size_t last_kept = all_terms[all_terms.size() - 1 - count];
    pieces.erase(pieces.begin() + static_cast<std::ptrdiff_t>(last_kept + 1), pieces.end());
  }
  return true;
}

bool lose_prefix(Pieces& pieces, std::mt19937_64& random) {
  return lose_edge(pieces, random, true);
}

bool lose_suffix(Pieces& pieces, std::mt19937_64& random) {
  return lose_edge(pieces, random, false);
}

bool transpose(Pieces& pieces, std::mt19937_64& random) {
  const auto all_terms = terms(pieces);
  std::vector<size_t> pairs;  // the first term of each swappable pair
  for (size_t k = 0; k + 1 < all_terms.size(); ++k) {
    const Piece& a = pieces[all_terms[k]];
    const Piece& b = pieces[all_terms[k + 1]];
    if (a.kind == PieceKind::symbol && b.kind == PieceKind::symbol && a.symbol != b.symbol) {
      pairs.push_back(k);
    }
  }
  if (pairs.empty()) return false;
  const size_t k = pairs[pick(random, pairs.size())];
  std::swap(pieces[all_terms[k]], pieces[all_terms[k + 1]]);
  return true;
}

bool substitute(Pieces& pieces, std::mt19937_64& random) {
  const auto candidates = symbols(pieces);
  if (candidates.empty()) return false;
  Piece& piece = pieces[candidates[pick(random, candidates.size())]];
  const std::u32string& look_alikes = class_of(piece.symbol);
  char32_t replacement = 0;
  do {
    replacement = random_alphanumeric(random);
  } while (replacement == piece.symbol || look_alikes.find(replacement) != std::u32string::npos);
  piece = symbol_piece(replacement);
  return true;
}

// Changes only what is never compared: separators, case, and the script of look-alike letters.
bool change_separators(Pieces& pieces, std::mt19937_64& random) {
  static constexpr std::array<std::string_view, 6> kSeparators = {"", " ", "-", "/", ".", "  "};
  const std::string before = join(pieces);
  const auto& twins = cyrillic_twins();
  Pieces changed;
  for (size_t i = 0; i < pieces.size(); ++i) {
    const Piece& piece = pieces[i];
    if (piece.kind == PieceKind::separator) {
      // About half the separators stay, so the reading keeps some of the marking's look.
      const bool keep = chance(random, 1, 2);
      add_separator(changed,
                    keep ? piece.text : std::string(kSeparators[pick(random, kSeparators.size())]));
      continue;
    }
    const bool follows_term = i > 0 && pieces[i - 1].kind != PieceKind::separator;
    if (follows_term && chance(random, 1, 3)) {
      add_separator(changed, std::string(kSeparators[pick(random, kSeparators.size())]));
    }
    Piece term = piece;
    if (term.kind == PieceKind::symbol && term.symbol >= U'A' && term.symbol <= U'Z') {
      const auto twin = twins.find(term.symbol);
      if (term.text.size() > 1) {
        term.text = utf8_of(term.symbol);  // a Cyrillic (or full-width) letter typed as Latin
      } else if (twin != twins.end() && chance(random, 1, 4)) {
        term.text = utf8_of(twin->second[pick(random, twin->second.size())]);  // and the reverse
      }
      if (term.text.size() == 1 && chance(random, 1, 3)) {
        term.text[0] = static_cast<char>(term.text[0] ^ 0x20);  // ASCII case flip
      }
    }
    changed.push_back(std::move(term));
  }
  if (join(changed) == before) {
    // Every random choice kept the reading as it was: it still has to differ somewhere.
    const auto all_terms = terms(changed);
    if (all_terms.size() < 2) return false;
    changed.insert(changed.begin() + static_cast<std::ptrdiff_t>(all_terms[1]),
                   {PieceKind::separator, " ", 0});
  }
  pieces = std::move(changed);
  return true;
}

bool apply(Damage damage, Pieces& pieces, std::mt19937_64& random);

// Two different damages from the others, the second applied to the first's result. When the
// first leaves nothing the second can damage, another second is tried.
bool combine(Pieces& pieces, std::mt19937_64& random) {
  std::vector<Damage> single;
  for (const Damage damage : all_damages()) {
    if (damage != Damage::none && damage != Damage::combined) single.push_back(damage);
  }
  std::vector<Damage> order;
  while (!single.empty()) {
    const size_t at = pick(random, single.size());
    order.push_back(single[at]);
    single.erase(single.begin() + static_cast<std::ptrdiff_t>(at));
  }
  for (size_t first = 0; first < order.size(); ++first) {
    Pieces once = pieces;
    if (!apply(order[first], once, random)) continue;
    for (size_t second = first + 1; second < order.size(); ++second) {
      Pieces twice = once;
      if (apply(order[second], twice, random)) {
        pieces = std::move(twice);
        return true;
      }
    }
  }
  return false;
}

bool apply(Damage damage, Pieces& pieces, std::mt19937_64& random) {
  switch (damage) {
    case Damage::none:
      return true;
    case Damage::look_alike:
      return read_look_alikes(pieces, random);
    case Damage::unknown_one:
      return make_unknown_one(pieces, random);
    case Damage::unknown_run:
      return make_unknown_run(pieces, random);
    case Damage::deletion:
      return delete_one(pieces, random);
    case Damage::lost_prefix:
      return lose_prefix(pieces, random);
    case Damage::lost_suffix:
      return lose_suffix(pieces, random);
    case Damage::transposition:
      return transpose(pieces, random);
    case Damage::substitution:
      return substitute(pieces, random);
    case Damage::separators:
      return change_separators(pieces, random);
    case Damage::combined:
      return combine(pieces, random);
  }
  return false;
}

}  // namespace

std::string_view to_string(Damage damage) {
  switch (damage) {
    case Damage::none:
      return "none";
    case Damage::look_alike:
      return "look_alike";
    case Damage::unknown_one:
      return "unknown_one";
    case Damage::unknown_run:
      return "unknown_run";
    case Damage::deletion:
      return "deletion";
    case Damage::lost_prefix:
      return "lost_prefix";
    case Damage::lost_suffix:
      return "lost_suffix";
    case Damage::transposition:
      return "transposition";
    case Damage::substitution:
      return "substitution";
    case Damage::separators:
      return "separators";
    case Damage::combined:
      return "combined";
  }
  return "unknown";
}

const std::vector<Damage>& all_damages() {
  static const std::vector<Damage> damages = {
      Damage::none,         Damage::look_alike,  Damage::unknown_one, Damage::unknown_run,
      Damage::deletion,     Damage::lost_prefix, Damage::lost_suffix, Damage::transposition,
      Damage::substitution, Damage::separators,  Damage::combined,
  };
  return damages;
}

std::optional<std::string> damage_marking(std::string_view marking, Damage damage,
                                          std::mt19937_64& random) {
  Pieces pieces = split(marking);
  if (symbols(pieces).size() < kMinReadableSymbols) return std::nullopt;
  if (!apply(damage, pieces, random)) return std::nullopt;
  if (symbols(pieces).size() < kMinReadableSymbols) return std::nullopt;
  std::string damaged = damage == Damage::none ? std::string(marking) : join(pieces);
  // What is returned is always a query the index accepts.
  if (!marking::parse_marking_query(damaged).ok()) return std::nullopt;
  return damaged;
}

}  // namespace concord::search
