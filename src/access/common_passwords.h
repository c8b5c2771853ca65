// CommonPasswords: recognises passwords that guessing tools try first. The list is generated from
// the project's own data, never downloaded: keyboard walks (QWERTY, AZERTY and QWERTZ rows and
// columns), alphabet and digit sequences, the role names, "concord", months and weekdays (English
// and French), ISO 3166-1 country names from ReferenceData, and a short list of base words.
//
// A password is common when, after lower-casing, it splits entirely into pieces that are either
// such words (compared after undoing leetspeak: 0→o 1→i/l 3→e 4→a 5→s 7→t @→a $→s) or runs of
// digits and symbols, with at least one word among them: "P@ssw0rd2024", "France2024!!",
// "qwertyuiop12", "welcomeconcord". Also common: fewer than five different characters.
//
// Immutable after construction, so safe to share between threads.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <unordered_set>

#include "core/reference_data.h"

namespace concord::access {

class CommonPasswords {
 public:
  // Without `reference`, country names are left out (tests of the other rules).
  explicit CommonPasswords(const ReferenceData* reference);

  // Why `password` is common, in words that do not repeat it; nullopt when it is not.
  std::optional<std::string> why_common(std::string_view password) const;

  // Lower case, leetspeak undone (1 read as i), everything but a-z dropped: the form in which
  // words are compared. Non-ASCII letters are dropped on both sides, so comparisons stay
  // consistent.
  static std::string normalise(std::string_view text);

  size_t size() const { return words_.size() + walks_.size(); }

 private:
  void add_word(std::string_view word);
  void add_walk(std::string_view walk);
  bool is_word_piece(std::string_view piece) const;

  std::unordered_set<std::string> words_;  // normalised, 3+ letters
  std::unordered_set<std::string> walks_;  // lower-case keyboard and sequence runs, 4+ characters
  size_t longest_piece_ = 0;
};

}  // namespace concord::access
