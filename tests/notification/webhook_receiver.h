// A webhook receiver for tests: an HTTP server on 127.0.0.1 at an ephemeral port that records
// every request and answers with the statuses it is told to (200 once they run out).
// Thread-safe.
#pragma once

#include <atomic>
#include <cstdint>
#include <deque>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace concord::notification {

struct ReceivedWebhook {
  std::string target;
  std::map<std::string, std::string> headers;  // names lower-case
  std::string body;
};

class WebhookReceiver {
 public:
  WebhookReceiver();
  ~WebhookReceiver();

  std::uint16_t port() const { return port_; }
  std::string url(const std::string& path = "/hook") const;

  // The next answers, in order.
  void answer_with(std::vector<int> statuses);
  std::vector<ReceivedWebhook> received() const;

 private:
  struct Server;
  std::unique_ptr<Server> server_;
  std::uint16_t port_ = 0;
  std::atomic<bool> stopping_{false};
  mutable std::mutex mutex_;
  std::deque<int> statuses_;
  std::vector<ReceivedWebhook> received_;
  std::thread thread_;
};

}  // namespace concord::notification
