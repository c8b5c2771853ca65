// Migrations on both backends (from empty, idempotent, concurrent, refusing a newer schema), the
// embedded migration list, and the dialect placeholders.
#include "store/migrations.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <thread>
#include <vector>

#include "store/dialect.h"
#include "store_fixture.h"

namespace concord::testing {
namespace {

using store::Backend;
using store::Migration;
using store::TransactionMode;

int latest_version() {
  return store::all_migrations().back().version;
}

class StoreMigrations : public StoreTest {};

TEST_P(StoreMigrations, MigratesAnEmptyDatabaseToTheLatestVersion) {
  EXPECT_EQ(ok_value(store::schema_version(db())), 0);
  std::vector<int> announced;
  int version =
      ok_value(store::migrate(db(), [&](const Migration& m) { announced.push_back(m.version); }));
  EXPECT_EQ(version, latest_version());
  EXPECT_EQ(ok_value(store::schema_version(db())), latest_version());

  std::vector<int> expected;
  for (const Migration& m : store::all_migrations())
    expected.push_back(m.version);
  EXPECT_EQ(announced, expected);

  store::QueryResult applied =
      ok_value(query("SELECT version, name, applied_at FROM schema_migrations ORDER BY version"));
  ASSERT_EQ(applied.rows.size(), store::all_migrations().size());
  EXPECT_EQ(applied.rows[0].integer(0), 1);
  EXPECT_EQ(applied.rows[0].text(1), "change_feed");
  EXPECT_FALSE(applied.rows[0].text(2).empty());
  EXPECT_EQ(count("change_feed"), 0);
}

TEST_P(StoreMigrations, MigrateIsIdempotent) {
  ASSERT_EQ(ok_value(store::migrate(db())), latest_version());
  int calls = 0;
  EXPECT_EQ(ok_value(store::migrate(db(), [&](const Migration&) { ++calls; })), latest_version());
  EXPECT_EQ(calls, 0);
  EXPECT_EQ(count("schema_migrations"), static_cast<std::int64_t>(store::all_migrations().size()));
}

// Two app nodes starting at once: each migration runs once and both end at the latest version.
TEST_P(StoreMigrations, ConcurrentMigrationsApplyEachVersionOnce) {
  std::vector<std::unique_ptr<store::Database>> nodes;
  for (int i = 0; i < 3; ++i)
    nodes.push_back(ok_value(store::open_database(url_)));
  std::vector<Result<int>> results(nodes.size(), Error::internal("not run"));
  std::vector<std::thread> threads;
  for (size_t i = 0; i < nodes.size(); ++i) {
    threads.emplace_back([&, i] { results[i] = store::migrate(*nodes[i]); });
  }
  for (auto& thread : threads)
    thread.join();
  for (const auto& result : results) {
    ASSERT_OK(result);
    EXPECT_EQ(*result, latest_version());
  }
  EXPECT_EQ(count("schema_migrations"), static_cast<std::int64_t>(store::all_migrations().size()));
}

TEST_P(StoreMigrations, RefusesASchemaNewerThanTheBuild) {
  ASSERT_OK(store::migrate(db()));
  ASSERT_OK(execute("INSERT INTO schema_migrations (version, name, applied_at) VALUES ($1, $2, $3)",
                    {std::int64_t{9999}, std::string("from_the_future"),
                     std::string("2099-01-01T00:00:00.000Z")}));
  auto result = store::migrate(db());
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().code, ErrorCode::conflict);
  EXPECT_EQ(ok_value(store::schema_version(db())), 9999);
}

INSTANTIATE_TEST_SUITE_P(Backends, StoreMigrations, ::testing::ValuesIn(all_backends()),
                         backend_name);

TEST(StoreMigrationList, IsNumberedInOrderFromOne) {
  const auto& migrations = store::all_migrations();
  ASSERT_FALSE(migrations.empty());
  EXPECT_EQ(migrations[0].version, 1);
  EXPECT_EQ(migrations[0].name, "change_feed");
  EXPECT_THAT(migrations[0].sql, ::testing::HasSubstr("{{sequence_key}}"));
  for (size_t i = 1; i < migrations.size(); ++i) {
    EXPECT_LT(migrations[i - 1].version, migrations[i].version);
  }
}

// The same migrations give the same schema version and the same columns on both backends.
TEST(StoreBackends, AgreeOnSchemaVersionAndColumns) {
  std::vector<int> versions;
  std::vector<std::vector<std::string>> columns;
  for (Backend backend : all_backends()) {
    auto db = open_fresh_database(backend);
    ASSERT_OK(store::migrate(*db));
    versions.push_back(ok_value(store::schema_version(*db)));
    columns.push_back(ok_value(store::in_transaction(*db, TransactionMode::read_only,
                                                     [](store::Transaction& transaction) {
                                                       return transaction.query(
                                                           "SELECT * FROM change_feed LIMIT 0");
                                                     }))
                          .columns);
  }
  ASSERT_EQ(versions.size(), 2u);
  EXPECT_EQ(versions[0], versions[1]);
  EXPECT_EQ(columns[0], columns[1]);
  EXPECT_THAT(columns[0], ::testing::ElementsAre("position", "recorded_at", "area", "entity",
                                                 "entity_id", "action", "payload"));
}

TEST(StoreDialect, ReplacesPlaceholders) {
  const char* sql = "CREATE TABLE t (id {{sequence_key}}, data {{blob}}, other {{blob}});";
  EXPECT_EQ(store::apply_dialect(sql, Backend::sqlite),
            "CREATE TABLE t (id INTEGER PRIMARY KEY AUTOINCREMENT, data BLOB, other BLOB);");
  EXPECT_EQ(store::apply_dialect(sql, Backend::postgres),
            "CREATE TABLE t (id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY, data BYTEA, "
            "other BYTEA);");
}

TEST(StoreDialect, LeavesOtherTextAlone) {
  EXPECT_EQ(store::apply_dialect("SELECT '{' || '}'", Backend::sqlite), "SELECT '{' || '}'");
  EXPECT_EQ(store::apply_dialect("x {{unknown}} y", Backend::postgres), "x {{unknown}} y");
  EXPECT_EQ(store::apply_dialect("", Backend::postgres), "");
}

}  // namespace
}  // namespace concord::testing
