#include <gtest/gtest.h>

#include <cstdio>
#include <filesystem>
#include <fstream>

#include "core/config.h"
#include "core/text.h"

namespace concord {
namespace {

std::string write_temp_toml(const std::string& text) {
  const auto path =
      std::filesystem::temp_directory_path() /
      ("concord-config-" + std::to_string(::testing::UnitTest::GetInstance()->random_seed()) + "-" +
       ::testing::UnitTest::GetInstance()->current_test_info()->name() + ".toml");
  std::ofstream(path) << text;
  return path.string();
}

TEST(CoreConfig, DefaultsAreSensible) {
  auto config = load_config(std::nullopt, {}, {});
  ASSERT_TRUE(config.ok());
  EXPECT_EQ(config->listen, "127.0.0.1:8080");
  EXPECT_EQ(config->body_limit_bytes, 8 * 1024 * 1024);
  EXPECT_EQ(config->origin.at("listen"), "default");
}

TEST(CoreConfig, FlagsBeatEnvironmentBeatsFile) {
  const auto file =
      write_temp_toml("listen = \"127.0.0.1:9000\"\nworkers = 3\ndb = \"sqlite:a.db\"\n");
  auto config = load_config(file, {{"CONCORD_WORKERS", "5"}, {"CONCORD_DB", "sqlite:b.db"}},
                            {{"db", "sqlite:c.db"}});
  ASSERT_TRUE(config.ok()) << config.error().message;
  EXPECT_EQ(config->listen, "127.0.0.1:9000");
  EXPECT_EQ(config->workers, 5);
  EXPECT_EQ(config->db, "sqlite:c.db");
  EXPECT_EQ(config->origin.at("listen"), "file " + file);
  EXPECT_EQ(config->origin.at("workers"), "env CONCORD_WORKERS");
  EXPECT_EQ(config->origin.at("db"), "flag --db");
  std::filesystem::remove(file);
}

TEST(CoreConfig, ErrorsNameTheSetting) {
  auto bad_number = load_config(std::nullopt, {{"CONCORD_WORKERS", "many"}}, {});
  ASSERT_FALSE(bad_number.ok());
  EXPECT_EQ(bad_number.error().field, "workers");
  auto bad_db = load_config(std::nullopt, {}, {{"db", "mysql://x"}});
  ASSERT_FALSE(bad_db.ok());
  EXPECT_EQ(bad_db.error().field, "db");
  auto out_of_range = load_config(std::nullopt, {}, {{"body_limit_bytes", "10"}});
  ASSERT_FALSE(out_of_range.ok());
  EXPECT_EQ(out_of_range.error().field, "body_limit_bytes");
  const auto file = write_temp_toml("listen = \"127.0.0.1:1\"\nlisten_port = 3\n");
  auto unknown = load_config(file, {}, {});
  ASSERT_FALSE(unknown.ok());
  EXPECT_EQ(unknown.error().field, "listen_port");
  std::filesystem::remove(file);
  EXPECT_FALSE(load_config("/nonexistent/concord.toml", {}, {}).ok());
}

TEST(CoreConfig, PrintsTomlThatReadsBack) {
  auto config = load_config(std::nullopt, {}, {{"listen", "0.0.0.0:9999"}});
  ASSERT_TRUE(config.ok());
  const std::string text = to_toml(*config);
  EXPECT_NE(text.find("listen = \"0.0.0.0:9999\""), std::string::npos);
  EXPECT_NE(text.find("(from flag --listen)"), std::string::npos);
  const auto file = write_temp_toml(text);
  auto again = load_config(file, {}, {});
  ASSERT_TRUE(again.ok()) << again.error().message;
  EXPECT_EQ(again->listen, "0.0.0.0:9999");
  std::filesystem::remove(file);
}

TEST(CoreConfig, ReadsBooleans) {
  EXPECT_FALSE(load_config(std::nullopt, {}, {})->secure_cookies);
  EXPECT_TRUE(load_config(std::nullopt, {{"CONCORD_SECURE_COOKIES", "true"}}, {})->secure_cookies);
  auto bad = load_config(std::nullopt, {}, {{"secure_cookies", "yes"}});
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.error().field, "secure_cookies");
  const auto file = write_temp_toml("secure_cookies = true\n");
  auto from_file = load_config(file, {}, {});
  ASSERT_TRUE(from_file.ok()) << from_file.error().message;
  EXPECT_TRUE(from_file->secure_cookies);
  EXPECT_NE(to_toml(*from_file).find("secure_cookies = true"), std::string::npos);
  std::filesystem::remove(file);
}

TEST(CoreConfig, HidesDatabasePasswords) {
  EXPECT_EQ(redact_credentials("postgresql://concord:s3cret@db:5432/concord"),
            "postgresql://concord:****@db:5432/concord");
  EXPECT_EQ(redact_credentials("postgresql://concord@db/concord"),
            "postgresql://concord@db/concord");
  EXPECT_EQ(redact_credentials("sqlite:var/demo.db"), "sqlite:var/demo.db");
}

TEST(CoreConfig, ParsesHostAndPort) {
  EXPECT_EQ(parse_host_port("127.0.0.1:0")->port, 0);
  EXPECT_EQ(parse_host_port("[::1]:8080")->host, "::1");
  EXPECT_FALSE(parse_host_port("localhost").ok());
  EXPECT_FALSE(parse_host_port("localhost:70000").ok());
}

TEST(CoreText, CountsCodePointsAndRefusesBrokenUtf8) {
  EXPECT_EQ(utf8_length("AK-47"), 5u);
  EXPECT_EQ(utf8_length("АК-47"), 5u);  // Cyrillic А and К
  EXPECT_EQ(utf8_length("步枪"), 2u);
  EXPECT_FALSE(utf8_length("\xff").has_value());
  EXPECT_FALSE(utf8_length("\xc0\xaf").has_value());      // overlong '/'
  EXPECT_FALSE(utf8_length("\xed\xa0\x80").has_value());  // a surrogate
  EXPECT_EQ(trim("  a b \n"), "a b");
  EXPECT_TRUE(has_control_characters(std::string("a\0b", 3)));
  EXPECT_FALSE(has_control_characters("a\tb"));
}

}  // namespace
}  // namespace concord
