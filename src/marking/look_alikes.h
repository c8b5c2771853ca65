// Look-alikes: canonical symbols that officers read for one another on worn or restored
// markings (0 for O, 1 for I, 8 for B). The classes are data, in one place (look_alikes.cpp);
// cross-script look-alikes (Cyrillic А for Latin A) are already folded by canonical_symbols().
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace concord::marking {

// The classes, each a string of canonical symbols: "0ODQ", "1IL7", ...
const std::vector<std::u32string>& look_alike_classes();

// The index of `symbol`'s class in look_alike_classes(), or nullopt when it has none.
std::optional<int> look_alike_class(char32_t symbol);

// True when `a` and `b` differ but belong to one class.
bool are_look_alikes(char32_t a, char32_t b);

}  // namespace concord::marking
