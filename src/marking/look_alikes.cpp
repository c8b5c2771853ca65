#include "marking/look_alikes.h"

namespace concord::marking {

const std::vector<std::u32string>& look_alike_classes() {
  // Each class: characters a worn, ground or restored stamp lets one read for another. A symbol
  // belongs to at most one class (checked by the tests).
  static const std::vector<std::u32string> classes = {
      U"0ODQ", U"1IL7", U"5S", U"8B", U"2Z", U"6G", U"UV",
  };
  return classes;
}

std::optional<int> look_alike_class(char32_t symbol) {
  const auto& classes = look_alike_classes();
  for (size_t i = 0; i < classes.size(); ++i) {
    if (classes[i].find(symbol) != std::u32string::npos) return static_cast<int>(i);
  }
  return std::nullopt;
}

bool are_look_alikes(char32_t a, char32_t b) {
  if (a == b) return false;
  const auto class_of_a = look_alike_class(a);
  return class_of_a && class_of_a == look_alike_class(b);
}

}  // namespace concord::marking
