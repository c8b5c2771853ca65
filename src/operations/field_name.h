// How the operations readers name a field they refuse that the caller sent: as sent, cut to at
// most 60 bytes without splitting a UTF-8 sequence, so an error never echoes a long key whole
// and always encodes as JSON.
#pragma once

#include <string>
#include <string_view>

namespace concord::operations {

std::string field_name_as_sent(std::string_view key);

}  // namespace concord::operations
