#include "support/http_client.h"

#include <algorithm>
#include <array>
#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/read.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http/parser.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/string_body.hpp>
#include <boost/beast/http/write.hpp>
#include <optional>

namespace concord::testing {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = boost::beast::http;
using tcp = asio::ip::tcp;

// Runs one asynchronous operation to completion on `ioc`; the stream's expiry bounds it.
// Asynchronous operations are used because Beast's timeouts do not apply to blocking ones.
template <typename Start>
beast::error_code complete(asio::io_context& ioc, Start start) {
  beast::error_code result = asio::error::would_block;
  start([&result](beast::error_code ec, auto&&...) { result = ec; });
  ioc.restart();
  ioc.run();
  return result;
}

std::string lower(std::string_view text) {
  std::string out(text);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

}  // namespace

struct HttpClient::Impl {
  std::string host;
  std::uint16_t port;
  std::chrono::milliseconds timeout;
  asio::io_context ioc;
  std::optional<beast::tcp_stream> stream;
  beast::flat_buffer buffer;
  int connections_opened = 0;

  beast::error_code connect() {
    stream.emplace(ioc);
    buffer.clear();
    beast::error_code ec;
    tcp::resolver resolver(ioc);
    const auto endpoints = resolver.resolve(host, std::to_string(port), ec);
    if (ec) return ec;
    stream->expires_after(timeout);
    ec = complete(ioc, [&](auto handler) { stream->async_connect(endpoints, handler); });
    if (ec) {
      stream.reset();
      return ec;
    }
    ++connections_opened;
    return {};
  }

  // One attempt on the current connection. `nothing_received`: no byte of an answer came back.
  HttpResponse exchange(bhttp::request<bhttp::string_body>& request, bool& nothing_received) {
    HttpResponse response;
    nothing_received = true;
    stream->expires_after(timeout);
    auto ec = complete(ioc, [&](auto handler) { bhttp::async_write(*stream, request, handler); });
    // A failed send is not the end: like curl, read on, since the server may have answered
    // (413) and closed before taking the whole body.
    const std::string send_error = ec ? "send: " + ec.message() + "; " : "";
    bhttp::response_parser<bhttp::string_body> parser;
    parser.body_limit(boost::none);
    parser.header_limit(1024 * 1024);
    stream->expires_after(timeout);
    ec = complete(ioc, [&](auto handler) { bhttp::async_read(*stream, buffer, parser, handler); });
    nothing_received = !parser.got_some();
    if (ec) {
      response.error = send_error + "receive: " + ec.message();
      return response;
    }
    auto message = parser.release();
    response.status = static_cast<int>(message.result_int());
    for (const auto& field : message) {
      auto [entry, inserted] =
          response.headers.emplace(lower(field.name_string()), std::string(field.value()));
      if (!inserted) {
        entry->second += ", ";
        entry->second += field.value();
      }
    }
    response.body = std::move(message.body());
    if (!message.keep_alive()) stream.reset();
    return response;
  }
};

HttpClient::HttpClient(std::string host, std::uint16_t port, std::chrono::milliseconds timeout)
    : impl_(std::make_unique<Impl>()) {
  impl_->host = std::move(host);
  impl_->port = port;
  impl_->timeout = timeout;
}

HttpClient::~HttpClient() = default;

int HttpClient::connections_opened() const {
  return impl_->connections_opened;
}

void HttpClient::close() {
  impl_->stream.reset();
}

HttpResponse HttpClient::request(const std::string& method, const std::string& target,
                                 const std::string& body,
                                 const std::map<std::string, std::string>& headers) {
  bhttp::request<bhttp::string_body> request;
  request.method_string(method);
  request.target(target);
  request.version(11);
  request.set(bhttp::field::host, impl_->host + ":" + std::to_string(impl_->port));
  request.body() = body;
  if (!body.empty()) request.prepare_payload();
  for (const auto& [name, value] : headers)
    request.set(name, value);

  // A reused connection may have been closed by the server while idle; then (and only then, when
  // no byte of an answer came back) the request is sent again on a new connection.
  const bool reused = impl_->stream.has_value();
  if (!reused) {
    if (auto ec = impl_->connect()) return HttpResponse{0, {}, {}, "connect: " + ec.message()};
  }
  bool nothing_received = true;
  auto response = impl_->exchange(request, nothing_received);
  if (response.status == 0) {
    impl_->stream.reset();
    if (reused && nothing_received) {
      if (auto ec = impl_->connect()) return HttpResponse{0, {}, {}, "connect: " + ec.message()};
      response = impl_->exchange(request, nothing_received);
      if (response.status == 0) impl_->stream.reset();
    }
  }
  return response;
}

struct RawConnection::Impl {
  asio::io_context ioc;
  beast::tcp_stream stream{ioc};
  bool connected = false;
};

RawConnection::RawConnection(std::uint16_t port) : impl_(std::make_unique<Impl>()) {
  impl_->stream.expires_after(std::chrono::seconds(5));
  const tcp::endpoint endpoint(asio::ip::make_address("127.0.0.1"), port);
  impl_->connected =
      !complete(impl_->ioc, [&](auto handler) { impl_->stream.async_connect(endpoint, handler); });
}

RawConnection::~RawConnection() = default;

bool RawConnection::connected() const {
  return impl_->connected;
}

bool RawConnection::send(std::string_view bytes) {
  if (!impl_->connected) return false;
  impl_->stream.expires_after(std::chrono::seconds(5));
  return !complete(impl_->ioc, [&](auto handler) {
    asio::async_write(impl_->stream, asio::buffer(bytes.data(), bytes.size()), handler);
  });
}

std::string RawConnection::receive_until_closed(std::chrono::milliseconds timeout) {
  std::string reply;
  if (!impl_->connected) return reply;
  impl_->stream.expires_after(timeout);
  std::array<char, 4096> chunk{};
  while (true) {
    std::size_t received = 0;
    const auto ec = complete(impl_->ioc, [&](auto handler) {
      impl_->stream.async_read_some(
          asio::buffer(chunk),
          [&received, handler](beast::error_code read_ec, std::size_t n) mutable {
            received = n;
            handler(read_ec);
          });
    });
    reply.append(chunk.data(), received);
    if (ec) break;  // end of stream, reset or timeout
  }
  return reply;
}

std::string send_raw(std::uint16_t port, std::string_view bytes,
                     std::chrono::milliseconds timeout) {
  RawConnection connection(port);
  // A failed write is not the end: the server may have answered and closed before reading all
  // of `bytes` (431, 413), and that answer is what the test wants.
  (void)connection.send(bytes);
  return connection.receive_until_closed(timeout);
}

bool can_connect(std::uint16_t port) {
  asio::io_context ioc;
  beast::tcp_stream stream(ioc);
  stream.expires_after(std::chrono::seconds(2));
  const tcp::endpoint endpoint(asio::ip::make_address("127.0.0.1"), port);
  return !complete(ioc, [&](auto handler) { stream.async_connect(endpoint, handler); });
}

}  // namespace concord::testing
