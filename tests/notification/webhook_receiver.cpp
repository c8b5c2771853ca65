#include "notification/webhook_receiver.h"

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <cctype>

namespace concord::notification {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = asio::ip::tcp;

struct WebhookReceiver::Server {
  asio::io_context io;
  tcp::acceptor acceptor{io, tcp::endpoint(asio::ip::make_address("127.0.0.1"), 0)};
};

WebhookReceiver::WebhookReceiver() : server_(std::make_unique<Server>()) {
  port_ = server_->acceptor.local_endpoint().port();
  thread_ = std::thread([this] {
    for (;;) {
      tcp::socket socket(server_->io);
      boost::system::error_code ec;
      server_->acceptor.accept(socket, ec);
      if (ec || stopping_) return;
      beast::flat_buffer buffer;
      http::request<http::string_body> request;
      http::read(socket, buffer, request, ec);
      if (ec) continue;
      int status = 200;
      {
        std::lock_guard lock(mutex_);
        ReceivedWebhook received;
        received.target = std::string(request.target());
        for (const auto& field : request) {
          std::string name(field.name_string());
          for (char& c : name)
            c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
          received.headers[name] = std::string(field.value());
        }
        received.body = request.body();
        received_.push_back(std::move(received));
        if (!statuses_.empty()) {
          status = statuses_.front();
          statuses_.pop_front();
        }
      }
      http::response<http::string_body> response{static_cast<http::status>(status), 11};
      response.body() = "{}";
      response.prepare_payload();
      http::write(socket, response, ec);
      socket.shutdown(tcp::socket::shutdown_both, ec);
    }
  });
}

WebhookReceiver::~WebhookReceiver() {
  // Closing the acceptor from another thread does not reliably wake a blocking accept; a
  // connection does, and the loop then sees the flag.
  stopping_ = true;
  boost::system::error_code ec;
  asio::io_context io;
  tcp::socket wake(io);
  wake.connect(tcp::endpoint(asio::ip::make_address("127.0.0.1"), port_), ec);
  thread_.join();
  server_->acceptor.close(ec);
}

std::string WebhookReceiver::url(const std::string& path) const {
  return "http://127.0.0.1:" + std::to_string(port_) + path;
}

void WebhookReceiver::answer_with(std::vector<int> statuses) {
  std::lock_guard lock(mutex_);
  statuses_.assign(statuses.begin(), statuses.end());
}

std::vector<ReceivedWebhook> WebhookReceiver::received() const {
  std::lock_guard lock(mutex_);
  return received_;
}

}  // namespace concord::notification
