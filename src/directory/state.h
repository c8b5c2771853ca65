// State: a sovereign state or territory as ISO 3166-1 lists it. Filled from iso-codes at migrate
// time; never typed by hand.
#pragma once

#include <string>

namespace concord::directory {

struct State {
  std::string alpha2;  // "FR": the key every record uses
  std::string alpha3;
  std::string numeric;
  std::string name;
  std::string official_name;  // empty when ISO gives none
};

}  // namespace concord::directory
