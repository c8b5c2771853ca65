// Secret tokens: random bearer secrets (session cookies, CSRF tokens, API token secrets), the
// one-way hashes that are stored in their place, and comparisons that take the same time whatever
// the bytes. A stolen database therefore yields no usable credential. Thread-safe (libsodium).
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace concord::access {

// `size` bytes from the operating system's CSPRNG.
std::string random_bytes(size_t size);

// `size` random bytes in base64url without padding: 32 bytes give 43 characters.
std::string random_token(size_t size = 32);

// Length of random_token(size).
size_t random_token_length(size_t size = 32);

// True when `text` is made only of base64url characters [A-Za-z0-9_-].
bool is_base64url(std::string_view text);

// BLAKE2b-256 of `token`, as 64 lower-case hex characters. What the database stores. A plain
// (unsalted, fast) hash suffices: the inputs are 256-bit random values, not guessable passwords.
std::string token_hash(std::string_view token);

// Equality that does not stop at the first differing byte (sodium_memcmp). Strings of different
// lengths are unequal; the length itself is not secret.
bool constant_time_equal(std::string_view a, std::string_view b);

}  // namespace concord::access
