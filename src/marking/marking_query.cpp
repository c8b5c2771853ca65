#include "marking/marking_query.h"

#include "marking/canonical_marking.h"

namespace concord::marking {
namespace {

// The length in bytes of the UTF-8 sequence that starts with `lead` (1 for stray bytes).
size_t sequence_length(unsigned char lead) {
  if (lead >= 0xf0) return 4;
  if (lead >= 0xe0) return 3;
  if (lead >= 0xc0) return 2;
  return 1;
}

}  // namespace

size_t MarkingQuery::symbol_count() const {
  size_t count = 0;
  for (const auto& term : terms)
    count += term.kind == QueryTermKind::symbol ? 1 : 0;
  return count;
}

Result<MarkingQuery> parse_marking_query(std::string_view text, const std::string& field) {
  MarkingQuery query;
  query.text = std::string(text);
  for (size_t at = 0; at < text.size();) {
    const size_t length =
        std::min(sequence_length(static_cast<unsigned char>(text[at])), text.size() - at);
    const std::string_view piece = text.substr(at, length);
    // The wildcards are checked before normalisation, which would treat them as punctuation.
    if (piece == "?" || piece == "\xef\xbc\x9f") {  // ? or full-width ？
      query.terms.push_back({QueryTermKind::unknown_one, 0, at, at + length});
    } else if (piece == "*" || piece == "\xef\xbc\x8a") {  // * or full-width ＊
      if (query.terms.empty() || query.terms.back().kind != QueryTermKind::unknown_run) {
        query.terms.push_back({QueryTermKind::unknown_run, 0, at, at + length});
      } else {
        query.terms.back().source_end = at + length;
      }
    } else {
      for (const auto& symbol : canonical_symbols(piece)) {
        query.terms.push_back({QueryTermKind::symbol, symbol.symbol, at + symbol.source_begin,
                               at + symbol.source_end});
      }
    }
    if (query.terms.size() > kMaxQueryTerms) {
      return Error::invalid(field, field + " describes more than " +
                                       std::to_string(kMaxQueryTerms) +
                                       " characters; no marking is that long");
    }
    at += length;
  }
  if (query.symbol_count() == 0) {
    return Error::invalid(field, field +
                                     " has no readable character: type what you can read, "
                                     "with ? for one unreadable character and * for several");
  }
  return query;
}

}  // namespace concord::marking
