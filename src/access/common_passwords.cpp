#include "access/common_passwords.h"

#include <array>
#include <set>
#include <vector>

#include "access/role.h"

namespace concord::access {
namespace {

// Words that guessing tools try first, beyond the generated families below. Kept short on
// purpose: the generated families and the leetspeak and suffix handling do the heavy lifting.
constexpr std::array<std::string_view, 60> kBaseWords = {
    "password",  "passwort", "passe",         "motdepasse", "contrasena", "letmein",    "welcome",
    "bienvenue", "admin",    "administrator", "root",       "user",       "login",      "secret",
    "master",    "changeme", "default",       "guest",      "test",       "testing",    "access",
    "iloveyou",  "trustno",  "dragon",        "monkey",     "football",   "baseball",   "soccer",
    "sunshine",  "princess", "superman",      "batman",     "shadow",     "hello",      "freedom",
    "whatever",  "starwars", "summer",        "winter",     "spring",     "autumn",     "qwerty",
    "azerty",    "abc",      "abcd",          "concord",    "united",     "nations",    "treaty",
    "arms",      "weapon",   "weapons",       "firearm",    "firearms",   "ammunition", "demining",
    "mine",      "secure",   "security",      "office"};

constexpr std::array<std::string_view, 43> kCalendarWords = {
    "january",   "february", "march",     "april",    "may",    "june",      "july",    "august",
    "september", "october",  "november",  "december", "jan",    "feb",       "mar",     "apr",
    "jun",       "jul",      "aug",       "sep",      "sept",   "oct",       "nov",     "dec",
    "monday",    "tuesday",  "wednesday", "thursday", "friday", "saturday",  "sunday",  "janvier",
    "fevrier",   "avril",    "juin",      "juillet",  "aout",   "septembre", "octobre", "novembre",
    "decembre",  "lundi",    "dimanche"};

// Keyboard rows, top to bottom, for the layouts in use where Concord's users type. Only the
// ASCII characters matter: non-ASCII keys cannot be compared after normalisation anyway.
struct Layout {
  std::array<std::string_view, 4> rows;
};
constexpr std::array<Layout, 3> kLayouts = {{
    {{"1234567890-=", "qwertyuiop[]", "asdfghjkl;'", "zxcvbnm,./"}},
    {{"1234567890)=", "azertyuiop", "qsdfghjklm", "wxcvbn,;:!"}},
    {{"1234567890", "qwertzuiop", "asdfghjkl", "yxcvbnm,.-"}},
}};

char leet(char c, char one) {
  switch (c) {
    case '0':
      return 'o';
    case '1':
      return one;
    case '3':
      return 'e';
    case '4':
      return 'a';
    case '5':
      return 's';
    case '7':
      return 't';
    case '@':
      return 'a';
    case '$':
      return 's';
    default:
      return c;
  }
}

// Appends the normalised form of `c` (lower case, leetspeak undone with `one` for '1') to `out`
// when it is a letter after that; drops it otherwise.
void append_normalised(std::string& out, char c, char one) {
  if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  c = leet(c, one);
  if (c >= 'a' && c <= 'z') out += c;
}

bool is_digit_or_symbol(char c) {
  const auto byte = static_cast<unsigned char>(c);
  if (byte >= 0x80) return false;
  const bool letter = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
  return !letter && byte >= 0x20;
}

std::string lower_ascii(std::string_view text) {
  std::string out(text);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

}  // namespace

std::string CommonPasswords::normalise(std::string_view text) {
  std::string out;
  for (char c : text)
    append_normalised(out, c, 'i');
  return out;
}

void CommonPasswords::add_word(std::string_view word) {
  std::string key = normalise(word);
  if (key.size() < 3) return;
  longest_piece_ = std::max(longest_piece_, key.size());
  words_.insert(std::move(key));
}

void CommonPasswords::add_walk(std::string_view walk) {
  const std::string lower = lower_ascii(walk);
  const std::string reversed(lower.rbegin(), lower.rend());
  for (const std::string& text : {lower, reversed}) {
    for (size_t begin = 0; begin < text.size(); ++begin) {
      for (size_t length = 4; begin + length <= text.size(); ++length) {
        walks_.insert(text.substr(begin, length));
      }
    }
  }
  longest_piece_ = std::max(longest_piece_, lower.size());
}

CommonPasswords::CommonPasswords(const ReferenceData* reference) {
  for (std::string_view word : kBaseWords)
    add_word(word);
  for (std::string_view word : kCalendarWords)
    add_word(word);

  // The role names whole ("nationalcontact") and word by word ("national", "contact").
  const std::string roles = roles_list();
  size_t start = 0;
  while (start < roles.size()) {
    size_t end = roles.find(", ", start);
    if (end == std::string::npos) end = roles.size();
    const std::string_view role = std::string_view(roles).substr(start, end - start);
    add_word(role);
    size_t part_start = 0;
    while (part_start <= role.size()) {
      size_t part_end = role.find('_', part_start);
      if (part_end == std::string_view::npos) part_end = role.size();
      add_word(role.substr(part_start, part_end - part_start));
      part_start = part_end + 1;
    }
    start = end + 2;
  }

  if (reference != nullptr) {
    for (const Country& country : reference->countries()) {
      for (const std::string& name : {country.name, country.official_name}) {
        if (name.empty()) continue;
        add_word(name);
        // "Bolivia, Plurinational State of" and "Korea (Republic of)" are also typed "Bolivia".
        const size_t cut = name.find_first_of(",(");
        if (cut != std::string::npos) add_word(std::string_view(name).substr(0, cut));
      }
    }
  }

  // Sequences: the alphabet and the digits (wrapping, so "9012" counts), both directions.
  add_walk("abcdefghijklmnopqrstuvwxyz");
  add_walk("12345678901234567890");
  for (const Layout& layout : kLayouts) {
    std::string all_rows;
    std::string columns;
    std::string letter_columns;
    for (std::string_view row : layout.rows) {
      add_walk(row);
      all_rows += row;
    }
    add_walk(all_rows);
    for (size_t column = 0; column < layout.rows[0].size(); ++column) {
      std::string down;
      for (size_t r = 0; r < layout.rows.size(); ++r) {
        if (column < layout.rows[r].size()) down += layout.rows[r][column];
      }
      columns += down;
      letter_columns += down.substr(1);
    }
    add_walk(columns);         // "1qaz2wsx3edc..."
    add_walk(letter_columns);  // "qazwsxedc..."
  }
}

bool CommonPasswords::is_word_piece(std::string_view piece) const {
  return walks_.contains(std::string(piece));
}

std::optional<std::string> CommonPasswords::why_common(std::string_view password) const {
  std::set<char> distinct(password.begin(), password.end());
  if (distinct.size() < 5) return "it uses fewer than five different characters";

  // reach[i]: how the first i characters can be split. Bit 1: into pieces at all; bit 2: with at
  // least one word among the pieces.
  const std::string lower = lower_ascii(password);
  const size_t n = lower.size();
  std::vector<unsigned char> reach(n + 1, 0);
  reach[0] = 1;
  for (size_t i = 0; i < n; ++i) {
    if (reach[i] == 0) continue;
    // A run of digits and symbols of any length.
    for (size_t j = i; j < n && is_digit_or_symbol(lower[j]); ++j) {
      reach[j + 1] |= reach[i];
    }
    // A word (leetspeak undone, two readings of '1') or a keyboard or sequence walk. Pieces may
    // hold characters that normalisation drops, so allow some slack over the longest word.
    std::string as_i;
    std::string as_l;
    const size_t limit = std::min(n, i + longest_piece_ * 2 + 8);
    for (size_t j = i; j < limit; ++j) {
      append_normalised(as_i, lower[j], 'i');
      append_normalised(as_l, lower[j], 'l');
      const std::string_view piece = std::string_view(lower).substr(i, j + 1 - i);
      if ((piece.size() >= 4 && is_word_piece(piece)) || words_.contains(as_i) ||
          words_.contains(as_l)) {
        reach[j + 1] |= 3;
      }
    }
  }
  if ((reach[n] & 2) != 0) {
    return "it is built from a dictionary word, a name or a keyboard or alphabet sequence, with "
           "only digits or symbols added";
  }
  return std::nullopt;
}

}  // namespace concord::access
