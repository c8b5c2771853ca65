// Dialect: the few places where SQLite and PostgreSQL SQL differ, expressed as placeholders in
// migration files so that each migration is written once.
//   {{sequence_key}}  an auto-increasing 64-bit primary key
//   {{blob}}          a binary column
#pragma once

#include <string>
#include <string_view>

#include "store/database.h"

namespace concord::store {

std::string apply_dialect(std::string_view sql, Backend backend);

}  // namespace concord::store
