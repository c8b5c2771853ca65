// CanonicalMarking: a marking reduced to the symbols that matter when comparing it with another,
// each tied to where it came from in the text as read (markings are kept exactly as read;
// canonical forms are derived, never a replacement).
//
// Normalisation, per code point: Unicode compatibility forms and case are folded (ICU NFKC
// case-fold, then NFKD with combining marks dropped, so "É", "E\u0301" and "ｅ" all give "E");
// white space, punctuation and symbols are separators and vanish; a decimal digit of any script
// (Arabic-Indic "٣", full-width "３") becomes its ASCII digit; a Cyrillic or Greek letter that
// looks like a Latin one becomes that letter (ICU's UTS #39 confusable skeleton, so "АК" reads as
// "AK"); remaining letters are kept, upper-cased (CJK included).
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace concord::marking {

struct CanonicalSymbol {
  char32_t symbol = 0;      // the canonical code point: 'A'..'Z', '0'..'9' or another letter
  size_t source_begin = 0;  // byte range in the text as read
  size_t source_end = 0;
};

// The canonical symbols of `text` (UTF-8; invalid bytes are skipped as separators).
// Thread-safe.
std::vector<CanonicalSymbol> canonical_symbols(std::string_view text);

// The canonical symbols alone, as UTF-8: "ак-47 №1" -> "AK471".
std::string canonical_text(std::string_view text);

}  // namespace concord::marking
