#pragma once

// The password policy of security.md §7.2. Violations are invalid_argument
// with details {"field": <field>, "reason": <reason>}; reasons are the spec's
// stable names (min_size, max_size, need_upper, need_lower, need_digit,
// need_special, same_as_current).

#include <string_view>

#include "goatflow/error.h"

namespace goatflow::auth {

struct PasswordPolicy {
  int min_length = 8;
  int max_length = 128;
  bool require_upper = true;
  bool require_lower = true;
  bool require_digit = true;
  bool require_special = false;
};

Status CheckPasswordPolicy(std::string_view password, const PasswordPolicy& policy,
                           std::string_view field = "password");

}  // namespace goatflow::auth
