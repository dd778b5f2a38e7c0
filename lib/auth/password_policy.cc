#include "auth/password_policy.h"

#include <fmt/format.h>

#include "core/strings.h"

namespace goatflow::auth {
namespace {

Error Violation(std::string_view field, std::string_view reason, std::string message) {
  return Error(ErrorCode::kInvalidArgument, std::move(message),
               {{"field", std::string(field)}, {"reason", std::string(reason)}})
      .WithWireCode("core:validation_failed");
}

}  // namespace

Status CheckPasswordPolicy(std::string_view password, const PasswordPolicy& policy,
                           std::string_view field) {
  if (!core::IsValidUtf8(password))
    return Violation(field, "invalid_encoding", "Password must be valid UTF-8");
  auto length = static_cast<int>(core::Utf8Length(password));
  if (length < policy.min_length)
    return Violation(field, "min_size",
                     fmt::format("Password must be at least {} characters", policy.min_length));
  if (length > policy.max_length)
    return Violation(field, "max_size",
                     fmt::format("Password must be at most {} characters", policy.max_length));
  bool upper = false, lower = false, digit = false, special = false;
  for (unsigned char c : password) {
    if (c >= 'A' && c <= 'Z') upper = true;
    else if (c >= 'a' && c <= 'z') lower = true;
    else if (c >= '0' && c <= '9') digit = true;
    else special = true;
  }
  if (policy.require_upper && !upper)
    return Violation(field, "need_upper", "Password needs an upper-case letter");
  if (policy.require_lower && !lower)
    return Violation(field, "need_lower", "Password needs a lower-case letter");
  if (policy.require_digit && !digit)
    return Violation(field, "need_digit", "Password needs a digit");
  if (policy.require_special && !special)
    return Violation(field, "need_special", "Password needs a special character");
  return OkStatus();
}

}  // namespace goatflow::auth
