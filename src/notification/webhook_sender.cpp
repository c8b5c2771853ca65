// The Beast sender: each step runs asynchronously on a private io_context so that the timeouts of
// beast::tcp_stream apply (they close the socket, and the step ends with a timeout error); name
// lookup, which tcp_stream does not time, is bounded with run_for and cancelled.
#include "notification/webhook_sender.h"

#include <openssl/ssl.h>

#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl.hpp>
#include <optional>

namespace concord::notification {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
namespace ssl = asio::ssl;
using tcp = asio::ip::tcp;
using error_code = boost::system::error_code;

constexpr std::uint32_t kMaxResponseHeaderBytes = 16 * 1024;

// Runs one started asynchronous step to its end and returns its error.
error_code finish(asio::io_context& io, const error_code& result) {
  io.restart();
  io.run();
  return result;
}

WebhookResponse failure(std::string what, const error_code& ec) {
  return {0, what + ": " + ec.message()};
}

class HttpSender final : public WebhookSender {
 public:
  explicit HttpSender(const HttpSenderOptions& options)
      : options_(options), tls_(ssl::context::tls_client) {
    tls_.set_verify_mode(ssl::verify_peer);
    tls_.set_options(ssl::context::default_workarounds | ssl::context::no_sslv2 |
                     ssl::context::no_sslv3 | ssl::context::no_tlsv1 | ssl::context::no_tlsv1_1);
    error_code ec;
    if (options_.ca_file.empty()) {
      tls_.set_default_verify_paths(ec);
    } else {
      tls_.load_verify_file(options_.ca_file, ec);
    }
    tls_setup_error_ = ec ? "cannot load trusted certificates: " + ec.message() : "";
  }

  WebhookResponse post(const WebhookRequest& request) override {
    asio::io_context io;
    const WebhookUrl& url = request.url;

    tcp::resolver resolver(io);
    error_code ec = asio::error::would_block;
    tcp::resolver::results_type endpoints;
    resolver.async_resolve(url.host, std::to_string(url.port),
                           [&](const error_code& e, tcp::resolver::results_type results) {
                             ec = e;
                             endpoints = std::move(results);
                           });
    io.run_for(options_.connect_timeout);
    if (ec == asio::error::would_block) {
      resolver.cancel();
      finish(io, ec);
      return {0, "looking up " + url.host + " timed out"};
    }
    if (ec) return failure("looking up " + url.host, ec);

    beast::tcp_stream tcp_stream(io);
    tcp_stream.expires_after(options_.connect_timeout);
    ec = asio::error::would_block;
    tcp_stream.async_connect(endpoints, [&](const error_code& e, const tcp::endpoint&) { ec = e; });
    if (finish(io, ec)) return failure("connecting to " + url.host, ec);

    http::request<http::string_body> message{http::verb::post, url.target, 11};
    const bool default_port = url.port == (url.https() ? 443 : 80);
    const std::string host =
        url.host.find(':') != std::string::npos ? "[" + url.host + "]" : url.host;
    message.set(http::field::host, default_port ? host : host + ":" + std::to_string(url.port));
    message.set(http::field::user_agent, "Concord-Webhooks/1");
    message.set(http::field::content_type, "application/json");
    message.set(http::field::connection, "close");
    for (const auto& [name, value] : request.headers)
      message.set(name, value);
    message.body() = request.body;
    message.prepare_payload();

    if (!url.https()) return exchange(io, tcp_stream, message);

    if (!tls_setup_error_.empty()) return {0, tls_setup_error_};
    beast::ssl_stream<beast::tcp_stream> tls_stream(std::move(tcp_stream), tls_);
    // SNI (for names, not addresses), and the name the certificate must carry. SSL_ctrl is what
    // the SSL_set_tlsext_host_name macro expands to, without its C cast.
    error_code not_an_address;
    asio::ip::make_address(url.host, not_an_address);
    if (not_an_address &&
        SSL_ctrl(tls_stream.native_handle(), SSL_CTRL_SET_TLSEXT_HOSTNAME,
                 TLSEXT_NAMETYPE_host_name, const_cast<char*>(url.host.c_str())) != 1) {
      return {0, "cannot set the TLS server name"};
    }
    tls_stream.set_verify_callback(ssl::host_name_verification(url.host));
    beast::get_lowest_layer(tls_stream).expires_after(options_.connect_timeout);
    ec = asio::error::would_block;
    tls_stream.async_handshake(ssl::stream_base::client, [&](const error_code& e) { ec = e; });
    if (finish(io, ec)) return failure("TLS handshake with " + url.host, ec);
    return exchange(io, tls_stream, message);
  }

 private:
  template <typename Stream>
  WebhookResponse exchange(asio::io_context& io, Stream& stream,
                           http::request<http::string_body>& message) {
    beast::get_lowest_layer(stream).expires_after(options_.response_timeout);
    error_code ec = asio::error::would_block;
    http::async_write(stream, message, [&](const error_code& e, std::size_t) { ec = e; });
    if (finish(io, ec)) return failure("sending the request", ec);

    beast::flat_buffer buffer;
    http::response_parser<http::empty_body> parser;
    parser.header_limit(kMaxResponseHeaderBytes);
    parser.skip(true);  // the status is all that matters; the body is not read
    ec = asio::error::would_block;
    http::async_read_header(stream, buffer, parser,
                            [&](const error_code& e, std::size_t) { ec = e; });
    if (finish(io, ec)) return failure("reading the answer", ec);
    beast::get_lowest_layer(stream).close();

    WebhookResponse response;
    response.status = static_cast<int>(parser.get().result_int());
    if (!response.delivered()) {
      response.error = "the receiver answered " + std::to_string(response.status);
      if (!parser.get().reason().empty())
        response.error += " " + std::string(parser.get().reason());
    }
    return response;
  }

  HttpSenderOptions options_;
  ssl::context tls_;
  std::string tls_setup_error_;
};

}  // namespace

std::unique_ptr<WebhookSender> make_http_sender(const HttpSenderOptions& options) {
  return std::make_unique<HttpSender>(options);
}

}  // namespace concord::notification
