// MarkingQuery: the marking text as an officer read it, parsed. `?` stands for exactly one
// unreadable character and `*` for an unreadable run of unknown length (full-width ？ and ＊ too);
// everything else is normalised as canonical_symbols() does.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"

namespace concord::marking {

enum class QueryTermKind {
  symbol,       // a canonical symbol that was read
  unknown_one,  // ?
  unknown_run,  // *
};

struct QueryTerm {
  QueryTermKind kind = QueryTermKind::symbol;
  char32_t symbol = 0;      // for QueryTermKind::symbol
  size_t source_begin = 0;  // byte range in the query as typed
  size_t source_end = 0;
};

struct MarkingQuery {
  std::string text;              // as typed
  std::vector<QueryTerm> terms;  // adjacent `*` merged into one
  size_t symbol_count() const;
};

// The longest marking a query may describe, in terms: longer input is refused, never cut.
inline constexpr size_t kMaxQueryTerms = 64;

// Parses `text`. Errors (invalid_argument, naming `field`): more than kMaxQueryTerms terms, or no
// symbol that was read at all (only separators and unknowns).
Result<MarkingQuery> parse_marking_query(std::string_view text, const std::string& field = "q");

}  // namespace concord::marking
