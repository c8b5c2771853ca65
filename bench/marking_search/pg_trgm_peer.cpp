#include "pg_trgm_peer.h"

#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <fstream>
#include <limits>

#include "marking/canonical_marking.h"

namespace concord::bench {
namespace {

struct ResultCloser {
  void operator()(PGresult* result) const { PQclear(result); }
};
using PgResult = std::unique_ptr<PGresult, ResultCloser>;

std::string shell_quoted(const std::string& text) {
  std::string out = "'";
  for (const char c : text) {
    if (c == '\'') {
      out += "'\\''";
    } else {
      out += c;
    }
  }
  return out + "'";
}

Error failure(PGconn* connection, const std::string& what) {
  std::string message = PQerrorMessage(connection);
  while (!message.empty() && (message.back() == '\n' || message.back() == ' '))
    message.pop_back();
  return Error::unavailable("pg_trgm peer: " + what + ": " + message);
}

Result<PgResult> execute(PGconn* connection, const std::string& sql) {
  PgResult result(PQexec(connection, sql.c_str()));
  const ExecStatusType status = PQresultStatus(result.get());
  if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK && status != PGRES_COPY_IN) {
    return failure(connection, sql);
  }
  return result;
}

Result<double> timed_execute(PGconn* connection, const std::string& sql) {
  const auto start = std::chrono::steady_clock::now();
  CONCORD_TRY(execute(connection, sql));
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

Result<std::size_t> relation_bytes(PGconn* connection, const std::string& relation) {
  CONCORD_ASSIGN_OR_RETURN(PgResult result,
                           execute(connection, "SELECT pg_relation_size('" + relation + "')"));
  return static_cast<std::size_t>(std::strtoull(PQgetvalue(result.get(), 0, 0), nullptr, 10));
}

// Appends `value` as a field of COPY's text format.
void append_field(std::string& row, std::string_view value) {
  for (const char c : value) {
    switch (c) {
      case '\\':
        row += "\\\\";
        break;
      case '\t':
        row += "\\t";
        break;
      case '\n':
        row += "\\n";
        break;
      case '\r':
        row += "\\r";
        break;
      default:
        row += c;
    }
  }
}

}  // namespace

std::string filter_key(std::string_view value) {
  std::string key;
  for (const char c : value) {
    const auto byte = static_cast<unsigned char>(c);
    if (byte >= 0x80 || (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z')) {
      key += c;
    } else if (c >= 'A' && c <= 'Z') {
      key += static_cast<char>(c - 'A' + 'a');
    }
  }
  return key;
}

Result<std::unique_ptr<PgTrgmPeer>> PgTrgmPeer::start(const std::string& cluster_script,
                                                      const std::string& directory) {
  std::unique_ptr<PgTrgmPeer> peer(new PgTrgmPeer(cluster_script, directory));
  const std::string command = shell_quoted(cluster_script) + " start " + shell_quoted(directory) +
                              " --watch " + std::to_string(getpid());
  if (std::system(command.c_str()) != 0) {  // NOLINT(concurrency-mt-unsafe): before any thread
    return Error::unavailable("pg_trgm peer: could not start a cluster with " + command);
  }
  std::ifstream url_file(directory + "/url");
  std::string server_url;
  std::getline(url_file, server_url);
  if (server_url.empty()) return Error::unavailable("pg_trgm peer: no " + directory + "/url");

  CONCORD_ASSIGN_OR_RETURN(Connection server, peer->connect(server_url));
  CONCORD_ASSIGN_OR_RETURN(PgResult version, execute(server.get(), "SHOW server_version"));
  peer->version_ = PQgetvalue(version.get(), 0, 0);
  // A database whose character type knows Unicode, so that pg_trgm treats Cyrillic and CJK
  // serials as words rather than as separators (the cluster itself is created with locale C).
  CONCORD_TRY(execute(server.get(),
                      "CREATE DATABASE concord_bench TEMPLATE template0 ENCODING 'UTF8' "
                      "LC_COLLATE 'C' LC_CTYPE 'C.UTF-8'"));
  peer->url_ = server_url.substr(0, server_url.rfind('/')) + "/concord_bench";
  CONCORD_ASSIGN_OR_RETURN(peer->admin_, peer->connect(peer->url_));
  CONCORD_TRY(execute(peer->admin_.get(), "CREATE EXTENSION pg_trgm"));
  return peer;
}

PgTrgmPeer::~PgTrgmPeer() {
  workers_.clear();
  admin_.reset();
  const std::string command = shell_quoted(cluster_script_) + " stop " + shell_quoted(directory_);
  [[maybe_unused]] const int status = std::system(command.c_str());  // NOLINT: threads joined
}

Result<PgTrgmPeer::Connection> PgTrgmPeer::connect(const std::string& url) const {
  Connection connection(PQconnectdb(url.c_str()));
  if (PQstatus(connection.get()) != CONNECTION_OK) {
    return failure(connection.get(), "connecting to " + url);
  }
  return connection;
}

Result<PgLoadFigures> PgTrgmPeer::load(const Corpus& corpus) {
  PGconn* connection = admin_.get();
  PgLoadFigures figures;
  // Unlogged, as Concord's index is in memory: neither pays for durability here.
  CONCORD_TRY(execute(connection,
                      "CREATE UNLOGGED TABLE weapons (id text NOT NULL, make text, model text, "
                      "calibre text, make_key text, model_key text, calibre_key text, "
                      "serial text, serial_canon text)"));
  const auto copy_start = std::chrono::steady_clock::now();
  CONCORD_TRY(execute(connection, "COPY weapons FROM STDIN"));
  std::string chunk;
  for (std::size_t record = 0; record < corpus.size(); ++record) {
    const Attributes& attributes = corpus.attributes(record);
    const std::string& make = corpus.value(attributes.make);
    const std::string& model = corpus.value(attributes.model);
    const std::string& calibre = corpus.value(attributes.calibre);
    const std::string id = record_id(record);
    const std::string keys[] = {filter_key(make), filter_key(model), filter_key(calibre)};
    const std::string canonical = marking::canonical_text(corpus.serial(record));
    const std::string_view fields[] = {
        id, make, model, calibre, keys[0], keys[1], keys[2], corpus.serial(record), canonical};
    for (std::size_t field = 0; field < std::size(fields); ++field) {
      if (field > 0) chunk += '\t';
      append_field(chunk, fields[field]);
    }
    chunk += '\n';
    if (chunk.size() > (1u << 20) || record + 1 == corpus.size()) {
      if (PQputCopyData(connection, chunk.data(), static_cast<int>(chunk.size())) != 1) {
        return failure(connection, "COPY");
      }
      chunk.clear();
    }
  }
  if (PQputCopyEnd(connection, nullptr) != 1) return failure(connection, "COPY end");
  for (PgResult result(PQgetResult(connection)); result; result.reset(PQgetResult(connection))) {
    if (PQresultStatus(result.get()) != PGRES_COMMAND_OK) return failure(connection, "COPY");
  }
  figures.copy_seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - copy_start).count();

  // The index build gets the memory it asks for; the cluster's other settings are the test
  // cluster's (shared_buffers 32 MB, fsync off): the tables live in the OS page cache.
  CONCORD_TRY(execute(connection, "SET maintenance_work_mem = '2GB'"));
  CONCORD_ASSIGN_OR_RETURN(figures.gin_seconds,
                           timed_execute(connection,
                                         "CREATE INDEX weapons_serial_trgm ON weapons USING gin "
                                         "(serial_canon gin_trgm_ops)"));
  CONCORD_ASSIGN_OR_RETURN(
      figures.filter_seconds,
      timed_execute(connection,
                    "CREATE INDEX weapons_filters ON weapons (make_key, model_key, calibre_key)"));
  CONCORD_ASSIGN_OR_RETURN(figures.analyze_seconds, timed_execute(connection, "ANALYZE weapons"));
  CONCORD_ASSIGN_OR_RETURN(figures.table_bytes, relation_bytes(connection, "weapons"));
  CONCORD_ASSIGN_OR_RETURN(figures.gin_bytes, relation_bytes(connection, "weapons_serial_trgm"));
  CONCORD_ASSIGN_OR_RETURN(figures.filter_bytes, relation_bytes(connection, "weapons_filters"));
  return figures;
}

Result<void> PgTrgmPeer::set_workers(int count, double threshold, int statement_timeout_ms) {
  workers_.clear();
  for (int worker = 0; worker < count; ++worker) {
    CONCORD_ASSIGN_OR_RETURN(Connection connection, connect(url_));
    CONCORD_TRY(execute(connection.get(),
                        "SET pg_trgm.similarity_threshold = " + std::to_string(threshold)));
    CONCORD_TRY(execute(connection.get(),
                        "SET statement_timeout = " + std::to_string(statement_timeout_ms)));
    workers_.push_back(std::move(connection));
  }
  return ok();
}

System PgTrgmPeer::system(const std::vector<BenchQuery>& queries) {
  return [this, &queries](int worker, std::size_t query) {
    static const std::string kSelect =
        "SELECT id, similarity(serial_canon, $1) FROM weapons WHERE serial_canon % $1";
    static const std::string kOrder = " ORDER BY serial_canon <-> $1, id LIMIT 10";
    static const std::string kByMake = kSelect + " AND make_key = $2" + kOrder;
    static const std::string kByMakeModelCalibre =
        kSelect + " AND make_key = $2 AND model_key = $3 AND calibre_key = $4" + kOrder;
    static const std::string kAlone = kSelect + kOrder;

    const BenchQuery& bench_query = queries[query];
    const search::SearchFilters& filters = bench_query.request.filters;
    const std::string keys[] = {filter_key(filters.make), filter_key(filters.model),
                                filter_key(filters.calibre)};
    const char* values[] = {bench_query.canonical.c_str(), keys[0].c_str(), keys[1].c_str(),
                            keys[2].c_str()};
    const std::string* sql = &kAlone;
    int parameters = 1;
    if (bench_query.group == Group::make) {
      sql = &kByMake;
      parameters = 2;
    } else if (bench_query.group == Group::make_model_calibre) {
      sql = &kByMakeModelCalibre;
      parameters = 4;
    }
    PGconn* connection = workers_[static_cast<std::size_t>(worker)].get();
    PgResult result(
        PQexecParams(connection, sql->c_str(), parameters, nullptr, values, nullptr, nullptr, 0));
    Answer answer;
    if (PQresultStatus(result.get()) != PGRES_TUPLES_OK) {
      answer.failed = true;
      return answer;
    }
    for (int row = 0; row < PQntuples(result.get()); ++row) {
      const auto record = record_index(PQgetvalue(result.get(), row, 0));
      if (!record) continue;
      answer.hits.push_back({*record, std::strtod(PQgetvalue(result.get(), row, 1), nullptr)});
    }
    return answer;
  };
}

std::vector<double> PgTrgmPeer::truth_scores(const Corpus& corpus,
                                             const std::vector<BenchQuery>& queries,
                                             std::size_t count) {
  std::vector<double> scores;
  for (std::size_t query = 0; query < count && query < queries.size(); ++query) {
    const std::string truth = marking::canonical_text(corpus.serial(queries[query].truth));
    const char* values[] = {truth.c_str(), queries[query].canonical.c_str()};
    PgResult result(PQexecParams(admin_.get(), "SELECT similarity($1, $2)", 2, nullptr, values,
                                 nullptr, nullptr, 0));
    scores.push_back(PQresultStatus(result.get()) == PGRES_TUPLES_OK
                         ? std::strtod(PQgetvalue(result.get(), 0, 0), nullptr)
                         : std::numeric_limits<double>::quiet_NaN());
  }
  return scores;
}

}  // namespace concord::bench
