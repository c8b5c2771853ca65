// Password rules and hashing: no database involved.
#include "access/passwords.h"

#include <gtest/gtest.h>

#include "access/common_passwords.h"
#include "core/reference_data.h"

namespace concord::access {
namespace {

const CommonPasswords& common() {
  static const auto reference = ReferenceData::load("/usr/share/iso-codes/json");
  static const CommonPasswords list(reference.ok() ? reference->get() : nullptr);
  return list;
}

void expect_refused(const std::string& password, const std::string& username = "amina.k") {
  auto checked = check_password_strength(password, username, common());
  ASSERT_FALSE(checked.ok()) << "accepted: " << password;
  EXPECT_EQ(checked.error().code, ErrorCode::invalid_argument) << password;
  EXPECT_EQ(checked.error().field, "password") << password;
  EXPECT_EQ(checked.error().message.find(password), std::string::npos)
      << "the message repeats the password: " << checked.error().message;
}

TEST(PasswordStrength, RefusesShortAndLongPasswordsSayingWhy) {
  auto short_one = check_password_strength("xK9#mQ2!vL", "amina.k", common());
  ASSERT_FALSE(short_one.ok());
  EXPECT_NE(short_one.error().message.find("at least 12"), std::string::npos);
  // Length counts code points, not bytes: twelve 2-byte letters are long enough.
  EXPECT_TRUE(check_password_strength("ñçøåßðþæœëïü", "amina.k", common()).ok());
  expect_refused("ñçøåßðþæ");  // 8 code points, 16 bytes
  expect_refused(std::string(257, 'x') + "Zq9!");
  expect_refused("bad\xff utf8 password");
}

TEST(PasswordStrength, RefusesCommonPasswords) {
  for (const char* password :
       {"Password1234", "qwertyuiop12", "France2024!!", "P@ssw0rd2024", "aaaaaaaaaaaa",
        "abcdefghijkl", "123456789012", "1qaz2wsx3edc", "azertyuiop!!", "Welcome2Concord!",
        "December2023!!", "NationalContact1", "letmein-letmein", "Kenya_2025_!!",
        "United Kingdom 1966", "zaq1xsw2cde3", "Monday.Friday.99", "ababababababab"}) {
    SCOPED_TRACE(password);
    expect_refused(password);
  }
}

TEST(PasswordStrength, RefusesPasswordsContainingTheUsername) {
  expect_refused("xx-Amina.K-correct-staple", "amina.k");
  expect_refused("my name is 4m1n4 and more", "amina");  // leetspeak undone
}

TEST(PasswordStrength, AcceptsStrongPasswords) {
  for (const char* password : {"correct horse battery staple", "Tr0ub4dor&3-xylophone",
                               "vq7#Lm2@pZ9!", "gentle-otter-invoice-lamp"}) {
    auto checked = check_password_strength(password, "amina.k", common());
    EXPECT_TRUE(checked.ok()) << password << ": " << checked.error().message;
  }
}

TEST(PasswordStrength, GeneratedPasswordsPass) {
  for (int i = 0; i < 20; ++i) {
    const std::string password = generate_password();
    EXPECT_EQ(password.size(), 24u);
    EXPECT_TRUE(check_password_strength(password, "amina.k", common()).ok()) << password;
  }
}

TEST(PasswordHashing, StoresArgon2idAndVerifies) {
  const std::string password = "gentle-otter-invoice-lamp";
  auto hashed = hash_password(password, PasswordCost::minimal);
  ASSERT_TRUE(hashed.ok());
  EXPECT_NE(*hashed, password);
  EXPECT_EQ(hashed->find(password), std::string::npos);
  EXPECT_TRUE(hashed->starts_with("$argon2id$"));
  EXPECT_TRUE(verify_password(*hashed, password));
  EXPECT_FALSE(verify_password(*hashed, password + "x"));
  EXPECT_FALSE(verify_password("not a hash", password));
  // Fresh salt each time.
  auto again = hash_password(password, PasswordCost::minimal);
  ASSERT_TRUE(again.ok());
  EXPECT_NE(*hashed, *again);
  EXPECT_FALSE(password_needs_rehash(*hashed, PasswordCost::minimal));
  EXPECT_TRUE(password_needs_rehash(*hashed, PasswordCost::interactive));
}

TEST(PasswordHashing, InteractiveCostIsTheDefaultStrength) {
  auto hashed = hash_password("gentle-otter-invoice-lamp", PasswordCost::interactive);
  ASSERT_TRUE(hashed.ok());
  EXPECT_TRUE(verify_password(*hashed, "gentle-otter-invoice-lamp"));
  EXPECT_FALSE(password_needs_rehash(*hashed, PasswordCost::interactive));
}

}  // namespace
}  // namespace concord::access
