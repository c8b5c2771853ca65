// Symbol folding for the index: every canonical symbol is replaced by the first member of its
// look-alike class ("O", "D" and "Q" all fold to "0"), so that a look-alike reading is an exact
// match for candidate generation and for the unit-cost bound. The weighted verification still
// sees the symbols themselves. Also decodes the canonical UTF-8 that segments store.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>

namespace concord::search {

// The look-alike class of a symbol, or -1. Fast for ASCII.
int symbol_class(char32_t symbol);

// The class representative of `symbol`, or `symbol` itself when it has no class.
char32_t fold_symbol(char32_t symbol);

// Decodes the canonical UTF-8 `text` (valid by construction) into `out`, at most `capacity`
// symbols; returns how many symbols the text holds (which may exceed `capacity`).
std::size_t decode_symbols(std::string_view text, char32_t* out, std::size_t capacity);

}  // namespace concord::search
