#include "access/passwords.h"

#include <sodium.h>

#include "access/secret_tokens.h"
#include "core/text.h"

namespace concord::access {
namespace {

unsigned long long opslimit(PasswordCost cost) {
  return cost == PasswordCost::interactive ? crypto_pwhash_OPSLIMIT_INTERACTIVE
                                           : crypto_pwhash_OPSLIMIT_MIN;
}

size_t memlimit(PasswordCost cost) {
  return cost == PasswordCost::interactive ? crypto_pwhash_MEMLIMIT_INTERACTIVE
                                           : crypto_pwhash_MEMLIMIT_MIN;
}

std::string lower_ascii(std::string text) {
  for (char& c : text) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return text;
}

}  // namespace

Result<std::string> hash_password(const std::string& password, PasswordCost cost) {
  if (sodium_init() < 0) return Error::internal("libsodium could not be initialised");
  char out[crypto_pwhash_STRBYTES];
  if (crypto_pwhash_str(out, password.data(), password.size(), opslimit(cost), memlimit(cost)) !=
      0) {
    return Error::internal("not enough memory to hash a password");
  }
  return std::string(out);
}

bool verify_password(const std::string& stored_hash, const std::string& password) {
  if (sodium_init() < 0) return false;
  return crypto_pwhash_str_verify(stored_hash.c_str(), password.data(), password.size()) == 0;
}

bool password_needs_rehash(const std::string& stored_hash, PasswordCost cost) {
  // 1 means other parameters, -1 not an argon2id string at all: both call for a new hash.
  return crypto_pwhash_str_needs_rehash(stored_hash.c_str(), opslimit(cost), memlimit(cost)) != 0;
}

Result<void> check_password_strength(const std::string& password, const std::string& username,
                                     const CommonPasswords& common) {
  const auto length = utf8_length(password);
  if (!length) return Error::invalid("password", "password is not valid UTF-8");
  if (*length < kMinPasswordLength) {
    return Error::invalid("password", "password must be at least " +
                                          std::to_string(kMinPasswordLength) +
                                          " characters; a phrase of several words is easiest");
  }
  if (*length > kMaxPasswordLength) {
    return Error::invalid("password", "password must be at most " +
                                          std::to_string(kMaxPasswordLength) + " characters");
  }
  if (password.find('\0') != std::string::npos) {
    return Error::invalid("password", "password must not contain a NUL character");
  }
  const std::string user = lower_ascii(username);
  if (user.size() >= 3 && (lower_ascii(password).find(user) != std::string::npos ||
                           CommonPasswords::normalise(password).find(
                               CommonPasswords::normalise(user)) != std::string::npos)) {
    return Error::invalid("password", "password must not contain the username");
  }
  if (auto why = common.why_common(password)) {
    return Error::invalid("password", "password is too common: " + *why);
  }
  return ok();
}

std::string generate_password() {
  // 18 random bytes are 24 base64url characters. A random string of that length never splits
  // wholly into dictionary words in practice, and the service checks it like any other anyway.
  return random_token(18);
}

}  // namespace concord::access
