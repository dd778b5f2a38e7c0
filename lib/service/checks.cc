#include "service/checks.h"

#include "core/macros.h"
#include "core/strings.h"

namespace goatflow::service {

Error ValidationError(std::string_view field, std::string_view reason, std::string message) {
  return Error(ErrorCode::kInvalidArgument, std::move(message),
               {{"field", std::string(field)}, {"reason", std::string(reason)}})
      .WithWireCode("core:validation_failed");
}

Error Forbidden(std::string message) {
  return Error(ErrorCode::kPermissionDenied, std::move(message)).WithWireCode("core:forbidden");
}

Error NotFound(std::string message) {
  return Error(ErrorCode::kNotFound, std::move(message)).WithWireCode("core:not_found");
}

Status RequireAdmin(const Caller& caller) {
  if (caller.is_admin) return OkStatus();
  return Forbidden();
}

Status RequireAdminAccess(const Caller& caller, const RequestContext& ctx) {
  GOATFLOW_RETURN_IF_ERROR(RequireAdmin(caller));
  return RequireScope(ctx, kScopeAdmin);
}

Status RequireAgent(const Caller& caller) {
  if (caller.IsAgent()) return OkStatus();
  return Forbidden();
}

Result<std::string> CleanName(std::string_view raw, std::string_view field, std::size_t max_chars) {
  std::string_view value = core::Trim(raw);
  std::string name(field);
  if (value.empty()) return ValidationError(field, "required", name + " is required");
  if (!core::IsValidUtf8(value)) {
    return ValidationError(field, "invalid_utf8", name + " must be valid UTF-8");
  }
  if (core::HasControlChars(value) || value.find_first_of("\t\r\n") != std::string_view::npos) {
    return ValidationError(field, "invalid_chars", name + " must not contain control characters");
  }
  if (core::Utf8Length(value) > max_chars) {
    return ValidationError(field, "too_long",
                           name + " must be at most " + std::to_string(max_chars) + " characters");
  }
  return std::string(value);
}

Result<std::optional<std::string>> CleanOptionalText(const std::optional<std::string>& raw,
                                                     std::string_view field,
                                                     std::size_t max_chars) {
  if (!raw || core::Trim(*raw).empty()) return std::optional<std::string>();
  std::string_view value = core::Trim(*raw);
  std::string name(field);
  if (!core::IsValidUtf8(value)) {
    return ValidationError(field, "invalid_utf8", name + " must be valid UTF-8");
  }
  if (core::HasControlChars(value)) {
    return ValidationError(field, "invalid_chars", name + " must not contain control characters");
  }
  if (core::Utf8Length(value) > max_chars) {
    return ValidationError(field, "too_long",
                           name + " must be at most " + std::to_string(max_chars) + " characters");
  }
  return std::optional<std::string>(std::string(value));
}

Status RecordDenial(Helpdesk::Impl& impl, const RequestContext& ctx, std::string_view action,
                    const Error& error) {
  if (error.code != ErrorCode::kPermissionDenied) return OkStatus();
  return Write(impl, [&](store::Db& db) -> Status {
    AuditEntry entry;
    entry.action = "access.denied";
    entry.outcome = AuditOutcome::kDenied;
    entry.reason = std::string(action);
    return WriteAudit(db, ctx, impl.clock->Now(), entry);
  });
}

Status CheckValidId(std::int64_t valid_id) {
  if (valid_id == 1 || valid_id == 2) return OkStatus();
  return ValidationError("valid_id", "invalid", "valid_id must be 1 (valid) or 2 (invalid)");
}

}  // namespace goatflow::service
