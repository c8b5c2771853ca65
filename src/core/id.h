// Id: globally unique, time-sortable record identifiers, so records made on different nodes
// never collide and sort by creation time (a later step lets states run their own nodes).
#pragma once

#include <mutex>
#include <string>
#include <string_view>

#include "core/clock.h"

namespace concord {

// Makes ULID-shaped ids: 26 Crockford base32 characters, 48 bits of milliseconds then 80 random
// bits. Ids made by one generator are strictly increasing, even within one millisecond.
// Thread-safe.
class IdGenerator {
 public:
  explicit IdGenerator(const Clock& clock) : clock_(clock) {}
  std::string next();

 private:
  const Clock& clock_;
  std::mutex mutex_;
  long long last_ms_ = -1;
  unsigned char last_random_[10] = {};
};

// True when `text` has the shape of an id made by IdGenerator.
bool is_valid_id(std::string_view text);

}  // namespace concord
