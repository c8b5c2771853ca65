// PgTrgmPeer: PostgreSQL 15 with pg_trgm, the peer Concord is raced against. A throwaway cluster
// (scripts/pg-test-cluster) holds the corpus in one table with a GIN trigram index on the
// canonical serial; a query is `serial_canon % $1` with the officer's filters, ordered by
// `serial_canon <-> $1` then id, ten rows. pg_trgm has no wildcards, so the query is the symbols
// read with `?` and `*` left out.
//
// Not thread-safe as a whole: load() and set_workers() from one thread; then each worker's
// connection is used by one thread at a time.
#pragma once

#include <libpq-fe.h>

#include <cstddef>
#include <memory>
#include <string>
#include <vector>

#include "core/result.h"
#include "corpus.h"
#include "runner.h"
#include "workload.h"

namespace concord::bench {

struct PgLoadFigures {
  double copy_seconds = 0;     // COPY of every row
  double gin_seconds = 0;      // CREATE INDEX ... USING gin (serial_canon gin_trgm_ops)
  double filter_seconds = 0;   // the B-tree on (make, model, calibre) that the filters use
  double analyze_seconds = 0;  // ANALYZE
  std::size_t table_bytes = 0;
  std::size_t gin_bytes = 0;
  std::size_t filter_bytes = 0;
};

class PgTrgmPeer {
 public:
  // Starts a cluster in `directory` with `cluster_script`. The destructor stops it; the script's
  // watchdog stops it too should this process die first.
  static Result<std::unique_ptr<PgTrgmPeer>> start(const std::string& cluster_script,
                                                   const std::string& directory);
  ~PgTrgmPeer();
  PgTrgmPeer(const PgTrgmPeer&) = delete;
  PgTrgmPeer& operator=(const PgTrgmPeer&) = delete;

  const std::string& version() const { return version_; }

  // Creates the table, copies the corpus in and builds the indexes, timing each step.
  Result<PgLoadFigures> load(const Corpus& corpus);

  // Opens `count` connections, each with pg_trgm.similarity_threshold = `threshold` and the given
  // statement timeout (a query that runs out of it counts as a miss).
  Result<void> set_workers(int count, double threshold, int statement_timeout_ms);

  // `queries` answered on the workers' connections.
  System system(const std::vector<BenchQuery>& queries);

  // similarity() of each of the first `count` queries with its truth's canonical serial: the
  // score pg_trgm gives the truth, returned or not (NaN on failure).
  std::vector<double> truth_scores(const Corpus& corpus, const std::vector<BenchQuery>& queries,
                                   std::size_t count);

 private:
  struct ConnectionCloser {
    void operator()(PGconn* connection) const { PQfinish(connection); }
  };
  using Connection = std::unique_ptr<PGconn, ConnectionCloser>;

  PgTrgmPeer(std::string cluster_script, std::string directory)
      : cluster_script_(std::move(cluster_script)), directory_(std::move(directory)) {}
  Result<Connection> connect(const std::string& url) const;

  std::string cluster_script_;
  std::string directory_;
  std::string url_;  // the benchmark's own database
  std::string version_;
  Connection admin_;
  std::vector<Connection> workers_;
};

// A filter value as Concord compares it: lower case, letters and digits only ("7.62 x 39" is
// "762x39"). Non-ASCII bytes are kept as they are.
std::string filter_key(std::string_view value);

}  // namespace concord::bench
