#include "search/symbol_fold.h"

#include <array>

#include "marking/look_alikes.h"

namespace concord::search {
namespace {

struct AsciiTables {
  std::array<std::int8_t, 128> class_of{};
  std::array<char, 128> folded{};
};

const AsciiTables& ascii_tables() {
  static const AsciiTables tables = [] {
    AsciiTables built;
    for (int c = 0; c < 128; ++c) {
      const auto found = marking::look_alike_class(static_cast<char32_t>(c));
      built.class_of[c] = static_cast<std::int8_t>(found ? *found : -1);
      built.folded[c] = found ? static_cast<char>(marking::look_alike_classes()[*found][0])
                              : static_cast<char>(c);
    }
    return built;
  }();
  return tables;
}

}  // namespace

int symbol_class(char32_t symbol) {
  if (symbol < 128) return ascii_tables().class_of[symbol];
  const auto found = marking::look_alike_class(symbol);
  return found ? *found : -1;
}

char32_t fold_symbol(char32_t symbol) {
  if (symbol < 128) return static_cast<unsigned char>(ascii_tables().folded[symbol]);
  const auto found = marking::look_alike_class(symbol);
  return found ? marking::look_alike_classes()[*found][0] : symbol;
}

std::size_t decode_symbols(std::string_view text, char32_t* out, std::size_t capacity) {
  std::size_t count = 0;
  for (std::size_t i = 0; i < text.size();) {
    const auto lead = static_cast<unsigned char>(text[i]);
    char32_t symbol = lead;
    std::size_t length = 1;
    if (lead >= 0xF0) {
      symbol = lead & 0x07u;
      length = 4;
    } else if (lead >= 0xE0) {
      symbol = lead & 0x0Fu;
      length = 3;
    } else if (lead >= 0xC0) {
      symbol = lead & 0x1Fu;
      length = 2;
    }
    for (std::size_t k = 1; k < length && i + k < text.size(); ++k)
      symbol = (symbol << 6) | (static_cast<unsigned char>(text[i + k]) & 0x3Fu);
    if (count < capacity) out[count] = symbol;
    ++count;
    i += length;
  }
  return count;
}

}  // namespace concord::search
