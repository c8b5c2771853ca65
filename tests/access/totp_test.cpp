// TOTP and base32 against their RFCs' own test vectors.
#include "access/totp.h"

#include <gtest/gtest.h>

#include "access/identity_service.h"
#include "access/secret_tokens.h"

namespace concord::access {
namespace {

using namespace std::chrono;

const std::string kRfcSecret = "12345678901234567890";  // RFC 6238 appendix B, SHA1

TimePoint at_seconds(std::int64_t seconds_since_epoch) {
  return TimePoint(duration_cast<milliseconds>(seconds(seconds_since_epoch)));
}

TEST(Totp, MatchesRfc6238AppendixBForSha1) {
  const std::vector<std::pair<std::int64_t, std::string>> vectors = {
      {59, "94287082"},         {1111111109, "07081804"}, {1111111111, "14050471"},
      {1234567890, "89005924"}, {2000000000, "69279037"}, {20000000000, "65353130"}};
  for (const auto& [time, expected] : vectors) {
    EXPECT_EQ(hotp_code(kRfcSecret, static_cast<std::uint64_t>(totp_step(at_seconds(time))), 8),
              expected)
        << time;
  }
  // Six digits are the last six of the same truncation.
  EXPECT_EQ(totp_code(kRfcSecret, at_seconds(59)), "287082");
  EXPECT_EQ(totp_code(kRfcSecret, at_seconds(1111111109)), "081804");
}

TEST(Totp, AcceptsOneStepOfDriftButNotTwoAndNeverTheSameStepTwice) {
  const std::string secret = random_bytes(kTotpSecretBytes);
  const TimePoint now = at_seconds(1'800'000'000);
  const std::int64_t step = totp_step(now);
  for (int offset : {-1, 0, 1}) {
    const std::string code = totp_code(secret, now + seconds(30 * offset));
    auto matched = match_totp(secret, code, now, std::nullopt);
    ASSERT_TRUE(matched) << offset;
    EXPECT_EQ(*matched, step + offset);
    EXPECT_FALSE(match_totp(secret, code, now, step + offset)) << "replayed at " << offset;
  }
  for (int offset : {-2, 2, 10}) {
    EXPECT_FALSE(
        match_totp(secret, totp_code(secret, now + seconds(30 * offset)), now, std::nullopt))
        << offset;
  }
  EXPECT_FALSE(match_totp(secret, "", now, std::nullopt));
  EXPECT_FALSE(match_totp(secret, "12345", now, std::nullopt));
}

TEST(Base32, EncodesRfc4648VectorsWithoutPadding) {
  const std::vector<std::pair<std::string, std::string>> vectors = {{"", ""},
                                                                    {"f", "MY"},
                                                                    {"fo", "MZXQ"},
                                                                    {"foo", "MZXW6"},
                                                                    {"foob", "MZXW6YQ"},
                                                                    {"fooba", "MZXW6YTB"},
                                                                    {"foobar", "MZXW6YTBOI"}};
  for (const auto& [plain, encoded] : vectors) {
    EXPECT_EQ(base32_encode(plain), encoded);
    EXPECT_EQ(base32_decode(encoded), plain);
  }
  EXPECT_EQ(base32_decode("mzxw6yq="), "foob");        // lower case and padding accepted
  EXPECT_EQ(base32_decode("MZXW 6YTB OI"), "foobar");  // as apps display it
  EXPECT_FALSE(base32_decode("MZXW1"));                // '1' is not in the alphabet
  EXPECT_FALSE(base32_decode("M"));                    // no whole byte
}

TEST(Base32, RoundTripsRandomSecrets) {
  for (int i = 0; i < 50; ++i) {
    const std::string bytes = random_bytes(static_cast<size_t>(i));
    EXPECT_EQ(base32_decode(base32_encode(bytes)), bytes);
  }
  EXPECT_EQ(base32_encode(random_bytes(kTotpSecretBytes)).size(), 32u);
}

TEST(Totp, OtpauthUriPercentEncodesTheLabel) {
  EXPECT_EQ(otpauth_uri("amina.k", "JBSWY3DPEHPK3PXP"),
            "otpauth://totp/Concord:amina.k?secret=JBSWY3DPEHPK3PXP&issuer=Concord"
            "&algorithm=SHA1&digits=6&period=30");
  EXPECT_EQ(otpauth_uri("a b:c", "AB").substr(0, 31), "otpauth://totp/Concord:a%20b%3A");
}

}  // namespace
}  // namespace concord::access
