#pragma once

// Shared checks of the use cases: the admin gate (with the access.denied audit
// entry of api-v1 §0), validation errors in the spec's shape, and clean-up of
// names and texts from requests.

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include "goatflow/context.h"
#include "goatflow/error.h"
#include "service/audit.h"
#include "service/caller.h"
#include "service/helpdesk_impl.h"
#include "service/unit_of_work.h"

namespace goatflow::service {

// invalid_argument, wire core:validation_failed, details {field, reason}.
Error ValidationError(std::string_view field, std::string_view reason, std::string message);
// permission_denied, wire core:forbidden.
Error Forbidden(std::string message = "Permission denied");
// not_found, wire core:not_found.
Error NotFound(std::string message);

// permission_denied unless the caller is an administrator.
Status RequireAdmin(const Caller& caller);
// permission_denied for customers.
Status RequireAgent(const Caller& caller);

// Trims `raw` and checks it is 1..max_chars code points of UTF-8 without
// control characters. Reasons: required, too_long, invalid_utf8, invalid_chars.
Result<std::string> CleanName(std::string_view raw, std::string_view field, std::size_t max_chars);
// As CleanName for optional free text: empty after trimming becomes nullopt.
Result<std::optional<std::string>> CleanOptionalText(const std::optional<std::string>& raw,
                                                     std::string_view field, std::size_t max_chars);
// valid_id must be 1 or 2 (reason "invalid").
Status CheckValidId(std::int64_t valid_id);

// Records `access.denied` (outcome denied, reason = the attempted action) in
// its own transaction when `error` is permission_denied; call it after the
// operation's transaction has ended. Fails only when the audit write fails.
Status RecordDenial(Helpdesk::Impl& impl, const RequestContext& ctx, std::string_view action,
                    const Error& error);

template <typename T>
Status AuditDenial(Helpdesk::Impl& impl, const RequestContext& ctx, std::string_view action,
                   const Result<T>& result) {
  if (result.ok()) return OkStatus();
  return RecordDenial(impl, ctx, action, result.error());
}

// The admin gate of /api/v1/admin/* (security.md §9.2): an administrator,
// and with an API token the scope admin:* (or an unrestricted token).
Status RequireAdminAccess(const Caller& caller, const RequestContext& ctx);

// An admin-only mutation: one write transaction that loads the caller,
// passes RequireAdminAccess and runs fn(db, caller) -> Result<T>; a denial is
// audited by AuditDenial under `action`.
template <typename T, typename Fn>
Result<T> AdminWrite(Helpdesk::Impl& impl, const RequestContext& ctx, std::string_view action,
                     Fn&& fn) {
  Result<T> result = Write(impl, [&](store::Db& db) -> Result<T> {
    auto caller = LoadCaller(db, ctx);
    if (!caller.ok()) return std::move(caller).error();
    auto admin = RequireAdminAccess(*caller, ctx);
    if (!admin.ok()) return std::move(admin).error();
    return fn(db, *caller);
  });
  GOATFLOW_RETURN_IF_ERROR(AuditDenial(impl, ctx, action, result));
  return result;
}

// The read-only counterpart of AdminWrite (one read transaction).
template <typename T, typename Fn>
Result<T> AdminRead(Helpdesk::Impl& impl, const RequestContext& ctx, std::string_view action,
                    Fn&& fn) {
  Result<T> result = Read(impl, [&](store::Db& db) -> Result<T> {
    auto caller = LoadCaller(db, ctx);
    if (!caller.ok()) return std::move(caller).error();
    auto admin = RequireAdminAccess(*caller, ctx);
    if (!admin.ok()) return std::move(admin).error();
    return fn(db, *caller);
  });
  GOATFLOW_RETURN_IF_ERROR(AuditDenial(impl, ctx, action, result));
  return result;
}

}  // namespace goatflow::service
