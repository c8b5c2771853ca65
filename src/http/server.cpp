// The only translation unit of src/http that sees Boost.Beast and Asio: they stay behind
// Server's pimpl so that the rest of the code base compiles fast and never handles their types
// or their exceptions.
//
// Threading: one io_context run by `workers` threads. The acceptor, the signal set and the
// shutdown bookkeeping live on one strand; each connection (Session) has a strand of its own, so
// a connection's handlers never run concurrently while different connections run in parallel.
// Route handlers are synchronous and run on the connection's strand, i.e. on a worker thread:
// a handler that blocks on the database blocks that worker only.
//
// Shutdown: stop() (or SIGINT/SIGTERM) sets `stopping_` and posts begin_shutdown(), which closes
// the acceptor and closes the connections that are idle between requests. Connections in the
// middle of a request finish it and answer with "Connection: close". run() waits until no
// connection is left or shutdown_grace_seconds have passed, then stops the io_context and joins
// the workers.
#include "http/server.h"

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <array>
#include <boost/asio/bind_executor.hpp>
#include <boost/asio/dispatch.hpp>
#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core/error.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/string.hpp>
#include <boost/beast/http/error.hpp>
#include <boost/beast/http/parser.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/string_body.hpp>
#include <boost/beast/http/write.hpp>
#include <chrono>
#include <condition_variable>
#include <csignal>
#include <ctime>
#include <mutex>
#include <optional>
#include <thread>
#include <unordered_map>
#include <vector>

#include "core/id.h"
#include "http/access_log.h"
#include "http/error_response.h"
#include "http/url.h"

namespace concord::http {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = boost::beast::http;
using tcp = asio::ip::tcp;
using SteadyClock = std::chrono::steady_clock;

// A client that sends a body we refused is still sending it. Reading (and discarding) it for a
// moment after our answer lets the client read that answer: closing with unread data would send
// a TCP reset, which may destroy the answer in the client's receive buffer.
constexpr auto kMaxLinger = std::chrono::seconds(2);
constexpr std::size_t kMaxLingerBytes = std::size_t{1024} * 1024;
constexpr auto kAcceptRetryDelay = std::chrono::milliseconds(100);

// RFC 9110 5.6.7 IMF-fixdate, written by hand so that the C locale cannot change day names.
std::string http_date() {
  static constexpr const char* kDays[] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
  static constexpr const char* kMonths[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                            "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  const std::time_t now = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
  std::tm utc{};
  gmtime_r(&now, &utc);
  return fmt::format("{}, {:02} {} {} {:02}:{:02}:{:02} GMT", kDays[utc.tm_wday], utc.tm_mday,
                     kMonths[utc.tm_mon], utc.tm_year + 1900, utc.tm_hour, utc.tm_min, utc.tm_sec);
}

bool is_json(const std::string& content_type) {
  return content_type.find("json") != std::string::npos;
}

std::string lower(std::string_view text) {
  std::string out(text);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

bool is_http_parse_error(const beast::error_code& ec) {
  return ec.category() == bhttp::make_error_code(bhttp::error::bad_method).category();
}

class Session;

// Everything a Server is; Server::Impl only owns one of these.
class Engine {
 public:
  Engine(ServerOptions options, const Router& router, Metrics& metrics);
  Engine(const Engine&) = delete;
  Engine& operator=(const Engine&) = delete;

  Result<void> listen();
  std::uint16_t port() const { return port_.load(); }
  void run(bool handle_signals);
  void stop();

  // For sessions; callable from any thread.
  const ServerOptions& options() const { return options_; }
  bool stopping() const { return stopping_.load(); }
  std::string next_request_id() { return ids_.next(); }
  Metrics& metrics() { return metrics_; }
  // Routes `request` and runs its handler. Never throws; sets `route` to the matched pattern or
  // "unmatched".
  Response answer(Request& request, const std::vector<std::string>& segments, std::string& route);
  void record(const AccessLogEntry& entry, double seconds);
  // Called by a session's destructor.
  void forget(Session* session);

 private:
  int worker_count() const;
  void run_worker();
  void accept();
  void on_accept(beast::error_code ec, tcp::socket socket);
  void begin_shutdown();

  ServerOptions options_;
  const Router& router_;
  Metrics& metrics_;
  SystemClock clock_;
  IdGenerator ids_{clock_};
  std::unique_ptr<AccessLog> access_log_;  // set by listen()
  std::atomic<bool> stopping_{false};
  std::atomic<std::uint16_t> port_{0};

  std::mutex mutex_;
  std::condition_variable changed_;  // shutdown started, or a session ended
  bool shutdown_started_ = false;    // guarded by mutex_
  std::unordered_map<Session*, std::weak_ptr<Session>> sessions_;  // guarded by mutex_

  // Declared after everything sessions use: destroying the io_context destroys the handlers it
  // still holds, and with them the sessions, which call forget().
  asio::io_context ioc_;
  asio::strand<asio::io_context::executor_type> strand_{asio::make_strand(ioc_)};
  tcp::acceptor acceptor_{strand_};
  asio::steady_timer accept_retry_{strand_};
  std::optional<asio::signal_set> signals_;  // only while run() runs with handle_signals
};

// One connection: reads requests one after another (keep-alive), answers each, and enforces the
// limits. All its members are touched only on its strand.
class Session : public std::enable_shared_from_this<Session> {
 public:
  Session(Engine& engine, tcp::socket socket)
      : engine_(engine), socket_(std::move(socket)), timer_(socket_.get_executor()) {
    beast::error_code ec;
    const auto remote = socket_.remote_endpoint(ec);
    if (!ec) remote_ = remote.address().to_string();
    socket_.set_option(tcp::no_delay(true), ec);  // answers are whole; Nagle only delays them
  }
  ~Session() { engine_.forget(this); }
  Session(const Session&) = delete;
  Session& operator=(const Session&) = delete;

  void start() {
    asio::dispatch(socket_.get_executor(),
                   [self = shared_from_this()] { self->wait_for_request(); });
  }

  // The server is shutting down: a connection idle between requests closes now; one in the
  // middle of a request finishes it (it sees Engine::stopping() when answering).
  void on_server_stop() {
    asio::post(socket_.get_executor(), [self = shared_from_this()] {
      if (self->phase_ == Phase::idle) self->close();
    });
  }

  // Only once no thread runs the io_context any more (end of Engine::run).
  void close_now() { close(); }

 private:
  enum class Phase { idle, reading, handling, writing, lingering, closed };

  // What the access log and the metrics need to know about the current exchange.
  struct Exchange {
    SteadyClock::time_point started;
    std::string request_id;
    std::string method;
    std::string path;
    std::string route = "unmatched";
    int status = 0;
    bool in_flight = false;  // counted in the in-flight gauge
  };

  // Idle between requests: wait until bytes arrive, for at most the request timeout. Waiting for
  // readability first means the request timeout starts with the request's first byte, not with
  // the end of the previous answer.
  void wait_for_request() {
    if (engine_.stopping()) return close();
    phase_ = Phase::idle;
    if (buffer_.size() > 0) return start_request();  // pipelined bytes already here
    arm_timer(std::chrono::seconds(engine_.options().request_timeout_seconds));
    socket_.async_wait(tcp::socket::wait_read, [self = shared_from_this()](beast::error_code ec) {
      if (self->phase_ != Phase::idle) return;
      if (ec) return self->close();
      self->start_request();
    });
  }

  void start_request() {
    phase_ = Phase::reading;
    timed_out_ = false;
    exchange_ = Exchange{};
    exchange_.started = SteadyClock::now();
    version_ = 11;
    parser_.emplace();
    parser_->header_limit(engine_.options().header_limit_bytes);
    parser_->body_limit(engine_.options().body_limit_bytes);
    arm_timer(std::chrono::seconds(engine_.options().request_timeout_seconds));
    bhttp::async_read_header(
        socket_, buffer_, *parser_,
        [self = shared_from_this()](beast::error_code ec, std::size_t) { self->on_header(ec); });
  }

  void on_header(beast::error_code ec) {
    if (ec || (timed_out_ && !parser_->is_done())) return on_read_error(ec);
    version_ = parser_->get().version() == 10 ? 10 : 11;
    if (parser_->is_done()) return on_request();
    // curl and others wait (up to a second) for this before sending a large body. A body over
    // the limit never gets here: the parser refuses its Content-Length with the header.
    if (version_ == 11 && beast::iequals(parser_->get()[bhttp::field::expect], "100-continue")) {
      static constexpr std::string_view kContinue = "HTTP/1.1 100 Continue\r\n\r\n";
      asio::async_write(socket_, asio::buffer(kContinue.data(), kContinue.size()),
                        [self = shared_from_this()](beast::error_code write_ec, std::size_t) {
                          if (write_ec || self->timed_out_) return self->on_read_error(write_ec);
                          self->read_body();
                        });
      return;
    }
    read_body();
  }

  void read_body() {
    bhttp::async_read(socket_, buffer_, *parser_,
                      [self = shared_from_this()](beast::error_code ec, std::size_t) {
                        if (ec) return self->on_read_error(ec);
                        self->on_request();
                      });
  }

  void on_read_error(beast::error_code ec) {
    if (phase_ == Phase::closed) return;
    if (timed_out_) {
      // Silence on an idle connection is no error; a request begun and not finished is.
      if (parser_->got_some() || buffer_.size() > 0) {
        return send_error(408, "request_timeout", "the request was not received in time");
      }
      return close();
    }
    if (ec == bhttp::error::body_limit) {
      return send_error(
          413, "payload_too_large",
          fmt::format("the request body exceeds {} bytes", engine_.options().body_limit_bytes),
          "body");
    }
    if (ec == bhttp::error::header_limit) {
      return send_error(
          431, "header_too_large",
          fmt::format("the request header exceeds {} bytes", engine_.options().header_limit_bytes),
          "headers");
    }
    // The client closed between requests or in the middle of one: nobody to answer.
    if (ec == bhttp::error::end_of_stream || ec == bhttp::error::partial_message) return close();
    if (is_http_parse_error(ec)) {
      return send_error(400, "invalid_argument", "malformed HTTP request: " + ec.message());
    }
    close();  // socket errors
  }

  // An answer to a request that could not be read: it is the last on this connection.
  // `field` names the part of the request at fault ("body", "headers").
  void send_error(int status, std::string code, std::string message, std::string field = {}) {
    if (parser_->is_header_done()) {
      const auto& header = parser_->get();
      exchange_.method = std::string(header.method_string());
      if (auto target = split_target(header.target())) {
        exchange_.path = percent_decode(target->path).value_or(std::string(target->path));
      }
    }
    exchange_.request_id = engine_.next_request_id();
    send(error_response(status, std::move(code), std::move(message), std::move(field)),
         /*close_after=*/true,
         /*linger=*/true);
  }

  void on_request() {
    disarm_timer();
    phase_ = Phase::handling;
    auto message = parser_->release();
    exchange_.method = std::string(message.method_string());
    exchange_.request_id = engine_.next_request_id();
    const bool keep_alive = message.keep_alive();

    const auto target = split_target(message.target());
    const auto segments = target ? decode_path_segments(target->path) : std::nullopt;
    auto path = target ? percent_decode(target->path) : std::nullopt;
    auto query = target ? parse_query(target->query) : std::nullopt;
    if (!segments || !path || !query) {
      exchange_.path = target ? std::string(target->path) : std::string();
      return send(error_response(400, "invalid_argument", "malformed request target", "target"),
                  /*close_after=*/true, /*linger=*/false);
    }
    exchange_.path = *path;

    Request request;
    request.method = exchange_.method;
    request.path = std::move(*path);
    request.query = std::move(*query);
    for (const auto& field : message) {
      auto [entry, inserted] =
          request.headers.emplace(lower(field.name_string()), std::string(field.value()));
      if (!inserted) {  // a repeated header is one comma-separated list (RFC 9110 5.3)
        entry->second += ", ";
        entry->second += field.value();
      }
    }
    request.body = std::move(message.body());
    request.remote_address = remote_;
    request.request_id = exchange_.request_id;

    engine_.metrics().request_started();
    exchange_.in_flight = true;
    Response response = engine_.answer(request, *segments, exchange_.route);
    send(std::move(response), /*close_after=*/!keep_alive || engine_.stopping(), /*linger=*/false);
  }

  void send(Response response, bool close_after, bool linger) {
    exchange_.status = response.status;
    auto out = std::make_unique<bhttp::response<bhttp::string_body>>();
    out->version(version_);
    out->result(static_cast<unsigned>(response.status));
    out->set(bhttp::field::server, "concord");
    out->set(bhttp::field::date, http_date());
    // Only a handler that means "no body" (204) clears the default content type.
    if (!response.content_type.empty()) {
      out->set(bhttp::field::content_type, response.content_type);
    }
    out->set("X-Request-Id", exchange_.request_id);
    bool has_cache_control = false;
    for (const auto& [name, value] : response.headers) {
      out->insert(name, value);
      has_cache_control = has_cache_control || beast::iequals(name, "cache-control");
    }
    // API answers are per user and change with every write; no cache may keep them.
    if (!has_cache_control && is_json(response.content_type)) {
      out->set(bhttp::field::cache_control, "no-store");
    }
    out->body() = std::move(response.body);
    out->keep_alive(!close_after);
    out->prepare_payload();

    close_after_ = close_after;
    linger_ = linger;
    response_ = std::move(out);
    phase_ = Phase::writing;
    // A client that does not read its answer must not hold the connection for ever.
    arm_timer(std::chrono::seconds(engine_.options().request_timeout_seconds));
    bhttp::async_write(socket_, *response_,
                       [self = shared_from_this()](beast::error_code ec, std::size_t bytes) {
                         self->on_written(ec, bytes);
                       });
  }

  void on_written(beast::error_code ec, std::size_t bytes) {
    disarm_timer();
    response_.reset();
    const double seconds =
        std::chrono::duration<double>(SteadyClock::now() - exchange_.started).count();
    engine_.record({{},  // time: filled by the engine
                    exchange_.request_id,
                    remote_,
                    exchange_.method,
                    exchange_.path,
                    exchange_.route,
                    exchange_.status,
                    bytes,
                    seconds * 1000},
                   seconds);
    if (exchange_.in_flight) engine_.metrics().request_finished();
    exchange_.in_flight = false;

    if (ec || phase_ == Phase::closed) return close();
    if (linger_) return linger();
    if (close_after_) {
      beast::error_code ignored;
      socket_.shutdown(tcp::socket::shutdown_send, ignored);
      return close();
    }
    wait_for_request();
  }

  void linger() {
    phase_ = Phase::lingering;
    beast::error_code ignored;
    socket_.shutdown(tcp::socket::shutdown_send, ignored);  // the client sees the end at once
    lingered_bytes_ = 0;
    arm_timer(std::min<SteadyClock::duration>(
        kMaxLinger, std::chrono::seconds(std::max(1, engine_.options().request_timeout_seconds))));
    drain();
  }

  void drain() {
    socket_.async_read_some(asio::buffer(drain_buffer_),
                            [self = shared_from_this()](beast::error_code ec, std::size_t bytes) {
                              if (ec || self->phase_ != Phase::lingering) return self->close();
                              self->lingered_bytes_ += bytes;
                              if (self->lingered_bytes_ > kMaxLingerBytes) return self->close();
                              self->drain();
                            });
  }

  void close() {
    if (phase_ == Phase::closed) return;
    phase_ = Phase::closed;
    disarm_timer();
    beast::error_code ignored;
    socket_.close(ignored);  // pending operations complete with operation_aborted
  }

  // One timer per connection; the generation makes a stale expiry (one already queued when the
  // timer was re-armed) harmless.
  void arm_timer(SteadyClock::duration after) {
    const auto generation = ++timer_generation_;
    timer_.expires_after(after);
    timer_.async_wait([self = shared_from_this(), generation](beast::error_code ec) {
      if (!ec && generation == self->timer_generation_) self->on_timeout();
    });
  }

  void disarm_timer() {
    ++timer_generation_;
    timer_.cancel();
  }

  void on_timeout() {
    switch (phase_) {
      case Phase::reading: {
        // Let the read fail, then answer 408 from on_read_error with the parser's state.
        timed_out_ = true;
        beast::error_code ignored;
        socket_.cancel(ignored);
        break;
      }
      case Phase::idle:
      case Phase::writing:
      case Phase::lingering:
        close();
        break;
      case Phase::handling:
      case Phase::closed:
        break;
    }
  }

  Engine& engine_;
  tcp::socket socket_;
  asio::steady_timer timer_;
  std::uint64_t timer_generation_ = 0;
  std::string remote_;
  Phase phase_ = Phase::idle;
  bool timed_out_ = false;
  beast::flat_buffer buffer_;  // keeps bytes of a pipelined next request
  std::optional<bhttp::request_parser<bhttp::string_body>> parser_;
  unsigned version_ = 11;
  std::unique_ptr<bhttp::response<bhttp::string_body>> response_;  // alive while written
  bool close_after_ = false;
  bool linger_ = false;
  std::array<char, 8192> drain_buffer_{};
  std::size_t lingered_bytes_ = 0;
  Exchange exchange_;
};

Engine::Engine(ServerOptions options, const Router& router, Metrics& metrics)
    : options_(std::move(options)), router_(router), metrics_(metrics) {}

int Engine::worker_count() const {
  const int wanted = options_.workers > 0 ? options_.workers
                                          : static_cast<int>(std::thread::hardware_concurrency());
  // Two at least: handlers block, and one blocked worker must not stall every connection.
  return std::max(2, wanted);
}

Result<void> Engine::listen() {
  const std::string where = fmt::format("{}:{}", options_.host, options_.port);
  if (acceptor_.is_open()) return Error::unavailable("already listening on " + where);
  if (options_.request_timeout_seconds < 1) {
    return Error::invalid("request_timeout_seconds", "must be at least 1 second");
  }
  if (options_.shutdown_grace_seconds < 0) {
    return Error::invalid("shutdown_grace_seconds", "must not be negative");
  }
  if (options_.header_limit_bytes < 256) {
    return Error::invalid("header_limit_bytes", "must be at least 256 bytes");
  }
  auto log = AccessLog::open(options_.access_log);
  if (!log.ok()) return std::move(log).error();
  access_log_ = std::move(*log);

  beast::error_code ec;
  tcp::resolver resolver(ioc_);
  const auto endpoints =
      resolver.resolve(options_.host, std::to_string(options_.port),
                       tcp::resolver::passive | tcp::resolver::numeric_service, ec);
  if (ec) return Error::unavailable(fmt::format("cannot listen on {}: {}", where, ec.message()));
  for (const auto& entry : endpoints) {
    const auto endpoint = entry.endpoint();
    beast::error_code ignored;
    acceptor_.open(endpoint.protocol(), ec);
    if (!ec) acceptor_.set_option(asio::socket_base::reuse_address(true), ec);
    if (!ec) acceptor_.bind(endpoint, ec);
    if (!ec) acceptor_.listen(asio::socket_base::max_listen_connections, ec);
    if (ec) {
      acceptor_.close(ignored);
      continue;
    }
    port_ = acceptor_.local_endpoint(ignored).port();
    asio::post(strand_, [this] { accept(); });
    return ok();
  }
  return Error::unavailable(
      fmt::format("cannot listen on {}: {}", where, ec ? ec.message() : std::string("no address")));
}

void Engine::accept() {
  acceptor_.async_accept(
      asio::make_strand(ioc_),
      asio::bind_executor(strand_, [this](beast::error_code ec, tcp::socket socket) {
        on_accept(ec, std::move(socket));
      }));
}

void Engine::on_accept(beast::error_code ec, tcp::socket socket) {
  if (ec == asio::error::operation_aborted || !acceptor_.is_open() || stopping_) return;
  if (ec) {
    // Typically out of file descriptors: retry a little later rather than spin.
    spdlog::warn("http: accept failed: {}", ec.message());
    accept_retry_.expires_after(kAcceptRetryDelay);
    accept_retry_.async_wait([this](beast::error_code timer_ec) {
      if (!timer_ec && !stopping_) accept();
    });
    return;
  }
  auto session = std::make_shared<Session>(*this, std::move(socket));
  {
    std::lock_guard lock(mutex_);
    sessions_.emplace(session.get(), session);
  }
  session->start();
  accept();
}

Response Engine::answer(Request& request, const std::vector<std::string>& segments,
                        std::string& route) {
  auto match = router_.match_segments(request.method, segments);
  if (match.route == nullptr) {
    route = "unmatched";
    if (match.path_known) {
      auto response = error_response(405, "method_not_allowed",
                                     "method " + request.method + " is not allowed on this path");
      std::string allow;
      for (const auto& method : match.allowed_methods) {
        allow += allow.empty() ? method : ", " + method;
      }
      response.headers.emplace_back("Allow", std::move(allow));
      return response;
    }
    return error_response(404, "not_found", "no resource at this path");
  }
  route = match.route->pattern;
  request.path_params = std::move(match.path_params);
  try {
    return match.route->handler(request);
  } catch (const std::exception& e) {
    spdlog::error("http: handler of {} {} threw (request {}): {}", request.method, route,
                  request.request_id, e.what());
  } catch (...) {
    spdlog::error("http: handler of {} {} threw a non-standard exception (request {})",
                  request.method, route, request.request_id);
  }
  return error_response(500, "internal", "internal error; the request id identifies it in the log");
}

void Engine::record(const AccessLogEntry& entry, double seconds) {
  metrics_.observe(entry.method, entry.route, entry.status, seconds);
  if (access_log_ == nullptr || !access_log_->enabled()) return;
  AccessLogEntry stamped = entry;
  stamped.time = clock_.now();
  access_log_->write(stamped);
}

void Engine::forget(Session* session) {
  {
    std::lock_guard lock(mutex_);
    sessions_.erase(session);
  }
  changed_.notify_all();
}

void Engine::stop() {
  stopping_ = true;
  asio::post(strand_, [this] { begin_shutdown(); });
}

void Engine::begin_shutdown() {
  beast::error_code ignored;
  acceptor_.close(ignored);
  accept_retry_.cancel();
  if (signals_) signals_->cancel(ignored);
  std::vector<std::shared_ptr<Session>> live;
  {
    std::lock_guard lock(mutex_);
    if (shutdown_started_) return;
    shutdown_started_ = true;
    for (const auto& [pointer, weak] : sessions_) {
      if (auto session = weak.lock()) live.push_back(std::move(session));
    }
  }
  changed_.notify_all();
  for (const auto& session : live)
    session->on_server_stop();
}

void Engine::run_worker() {
  // Handlers catch what route handlers throw; anything else escaping here is a bug in the server
  // or an allocation failure. Log it and keep the worker serving.
  while (true) {
    try {
      ioc_.run();
      return;
    } catch (const std::exception& e) {
      spdlog::error("http: worker caught an exception: {}", e.what());
    }
  }
}

void Engine::run(bool handle_signals) {
  if (handle_signals) {
    signals_.emplace(strand_, SIGINT, SIGTERM);
    signals_->async_wait([this](beast::error_code ec, int signal) {
      if (ec) return;
      spdlog::info("http: signal {} received, shutting down", signal);
      stop();
    });
  }
  // The workers must not return early when, during shutdown, the io_context runs out of work.
  auto work = asio::make_work_guard(ioc_);
  std::vector<std::thread> workers;
  const int count = worker_count();
  workers.reserve(static_cast<std::size_t>(count));
  for (int i = 0; i < count; ++i)
    workers.emplace_back([this] { run_worker(); });

  {
    std::unique_lock lock(mutex_);
    changed_.wait(lock, [this] { return shutdown_started_; });
    const auto deadline =
        SteadyClock::now() + std::chrono::seconds(options_.shutdown_grace_seconds);
    if (!changed_.wait_until(lock, deadline, [this] { return sessions_.empty(); })) {
      spdlog::warn("http: {} connection(s) still open after the {} s shutdown grace; closing them",
                   sessions_.size(), options_.shutdown_grace_seconds);
    }
  }
  work.reset();
  // A worker inside a route handler returns when the handler does; handlers cannot be
  // interrupted safely, so run() waits for them.
  ioc_.stop();
  for (auto& worker : workers)
    worker.join();

  // No thread runs the io_context now, so the remaining sessions may be touched from here.
  std::vector<std::shared_ptr<Session>> left;
  {
    std::lock_guard lock(mutex_);
    for (const auto& [pointer, weak] : sessions_) {
      if (auto session = weak.lock()) left.push_back(std::move(session));
    }
  }
  for (const auto& session : left)
    session->close_now();
  signals_.reset();
}

}  // namespace

struct Server::Impl {
  Impl(ServerOptions options, const Router& router, Metrics& metrics)
      : engine(std::move(options), router, metrics) {}
  Engine engine;
};

Server::Server(ServerOptions options, const Router& router, Metrics& metrics)
    : impl_(std::make_unique<Impl>(std::move(options), router, metrics)) {}

Server::~Server() = default;

Result<void> Server::listen() {
  return impl_->engine.listen();
}

std::uint16_t Server::port() const {
  return impl_->engine.port();
}

void Server::run(bool handle_signals) {
  impl_->engine.run(handle_signals);
}

void Server::stop() {
  impl_->engine.stop();
}

}  // namespace concord::http
