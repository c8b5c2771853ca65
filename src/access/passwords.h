// Passwords: argon2id hashing (libsodium crypto_pwhash_str), verification, the strength rules and
// generated passwords for operators. Thread-safe: no shared state.
#pragma once

#include <string>

#include "access/common_passwords.h"
#include "core/result.h"

namespace concord::access {

// Cost of one hash. `interactive` is libsodium's OPSLIMIT/MEMLIMIT_INTERACTIVE (about 64 MiB and
// 50-100 ms), the production setting; `minimal` exists only so that test suites stay fast.
enum class PasswordCost { interactive, minimal };

inline constexpr size_t kMinPasswordLength = 12;   // code points
inline constexpr size_t kMaxPasswordLength = 256;  // code points; bounds the hashing input

// The PHC-format argon2id string ("$argon2id$v=19$m=...") with a fresh random salt; internal
// error only when the memory for hashing cannot be had.
Result<std::string> hash_password(const std::string& password, PasswordCost cost);

// True when `password` matches `stored_hash`. Takes the full hashing time whatever the outcome.
bool verify_password(const std::string& stored_hash, const std::string& password);

// True when `stored_hash` was made with other parameters than `cost` asks for now, so the next
// successful sign-in should store a fresh hash.
bool password_needs_rehash(const std::string& stored_hash, PasswordCost cost);

// Password rules: 12..256 code points of valid UTF-8, not containing the username, and not common
// (see common_passwords.h). Errors are invalid_argument on the field "password" and say why,
// without repeating the password.
Result<void> check_password_strength(const std::string& password, const std::string& username,
                                     const CommonPasswords& common);

// A random password that passes check_password_strength: 24 base64url characters (144 bits).
std::string generate_password();

}  // namespace concord::access
