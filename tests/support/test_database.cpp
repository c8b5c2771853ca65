// Fresh databases for tests: a new SQLite file, or a new database in the throwaway cluster.
#include "support/test_database.h"

#include <unistd.h>

#include <atomic>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <mutex>
#include <random>
#include <stdexcept>
#include <system_error>

#include "store/postgres/postgres_database.h"
#include "support/pg_cluster.h"

namespace concord::testing {
namespace {

namespace fs = std::filesystem;

// A per-process directory for SQLite test files, removed when the process exits normally.
class ScratchDirectory {
 public:
  ScratchDirectory() {
    std::string pattern = (fs::temp_directory_path() / "concord-test-XXXXXX").string();
    if (mkdtemp(pattern.data()) == nullptr) {
      throw std::runtime_error("cannot create a temporary directory for test databases");
    }
    path_ = pattern;
  }
  ScratchDirectory(const ScratchDirectory&) = delete;
  ScratchDirectory& operator=(const ScratchDirectory&) = delete;
  ~ScratchDirectory() {
    std::error_code ignored;
    fs::remove_all(path_, ignored);
  }
  const fs::path& path() const { return path_; }

 private:
  fs::path path_;
};

std::string random_suffix() {
  static std::mutex mutex;
  static std::mt19937_64 generator{std::random_device{}()};
  std::lock_guard lock(mutex);
  static constexpr char digits[] = "0123456789abcdef";
  std::string suffix;
  std::uint64_t bits = generator();
  for (int i = 0; i < 16; ++i, bits >>= 4)
    suffix += digits[bits & 0xf];
  return suffix;
}

// The PostgreSQL databases this process created, dropped when it exits so that a long ctest run
// on one shared cluster does not fill the disk (a crashed test leaves its database behind until
// the cluster stops).
class CreatedDatabases {
 public:
  void add(const std::string& cluster_url, const std::string& name) {
    std::lock_guard lock(mutex_);
    if (created_.empty()) std::atexit(drop_all);
    created_.emplace_back(cluster_url, name);
  }

  static CreatedDatabases& instance() {
    // drop_all is registered after this object is constructed, so it runs before its destructor.
    static CreatedDatabases created;
    return created;
  }

 private:
  static void drop_all() {
    // A cluster of our own is removed whole a moment later.
    if (postgres_cluster_is_private()) return;
    CreatedDatabases& self = instance();
    std::lock_guard lock(self.mutex_);
    for (const auto& [url, name] : self.created_) {
      // FORCE: a test may have leaked a connection; the database goes regardless.
      if (!store::execute_outside_transaction(url,
                                              "DROP DATABASE IF EXISTS " + name + " WITH (FORCE)")
               .ok()) {
        std::fprintf(stderr, "test_database: could not drop %s\n", name.c_str());
      }
    }
    self.created_.clear();
  }

  std::mutex mutex_;
  std::vector<std::pair<std::string, std::string>> created_;
};

}  // namespace

std::vector<store::Backend> all_backends() {
  return {store::Backend::sqlite, store::Backend::postgres};
}

std::string fresh_database_url(store::Backend backend) {
  if (backend == store::Backend::sqlite) {
    static ScratchDirectory scratch;
    static std::atomic<int> counter{0};
    return "sqlite:" + (scratch.path() / ("test_" + std::to_string(++counter) + ".db")).string();
  }
  Result<std::string> cluster = postgres_cluster_url();
  if (!cluster.ok()) {
    throw std::runtime_error("no PostgreSQL for the test: " + cluster.error().message);
  }
  // Unique across the processes that share one cluster under ctest -j.
  std::string name = "test_" + random_suffix();
  auto created = store::execute_outside_transaction(*cluster, "CREATE DATABASE " + name);
  if (!created.ok()) {
    throw std::runtime_error("cannot create PostgreSQL test database " + name + ": " +
                             created.error().message);
  }
  CreatedDatabases::instance().add(*cluster, name);
  return with_database(*cluster, name);
}

std::unique_ptr<store::Database> open_fresh_database(store::Backend backend,
                                                     const store::DatabaseOptions& options) {
  std::string url = fresh_database_url(backend);
  auto db = store::open_database(url, options);
  if (!db.ok()) {
    throw std::runtime_error("cannot open test database " + url + ": " + db.error().message);
  }
  return std::move(db).value();
}

}  // namespace concord::testing
