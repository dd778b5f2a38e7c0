// SqlConsole: who may run a console statement, the statement text rules, and
// the audit entry of every call. The statement itself runs in
// store/console_query.cc on a read-only connection of its own.

#include "goatflow/sql_console.h"

#include <fmt/format.h>

#include "core/macros.h"
#include "core/strings.h"
#include "service/audit.h"
#include "service/caller.h"
#include "service/checks.h"
#include "service/settings_read.h"
#include "service/unit_of_work.h"
#include "store/console_query.h"

namespace goatflow {
namespace {

constexpr std::string_view kAuditAction = "mcp.execute_sql";
// The audit entry keeps the statement's first characters (mcp.md §6.10).
constexpr std::size_t kAuditedChars = 500;

// The first `count` code points of valid UTF-8 `text`.
std::string FirstChars(std::string_view text, std::size_t count) {
  std::size_t seen = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const bool starts_char = (static_cast<unsigned char>(text[i]) & 0xC0) != 0x80;
    if (starts_char && seen++ == count) return std::string(text.substr(0, i));
  }
  return std::string(text);
}

Error Disabled() { return Error(ErrorCode::kFailedPrecondition, "execute_sql is disabled"); }

// The console runs when the process allows it (OpenOptions) and the stored
// setting mcp.execute_sql.enabled is true.
Status CheckAccess(Helpdesk::Impl& impl, const RequestContext& ctx) {
  if (!impl.options.sql_console.enabled) return Disabled();
  return service::Read(impl, [&](store::Db& db) -> Status {
    GOATFLOW_ASSIGN_OR_RETURN(bool enabled,
                              service::ReadBoolSetting(db, service::kSqlConsoleSetting, true));
    if (!enabled) return Disabled();
    GOATFLOW_ASSIGN_OR_RETURN(service::Caller caller, service::LoadCaller(db, ctx));
    GOATFLOW_RETURN_IF_ERROR(service::RequireScope(ctx, service::kScopeAdmin));
    if (!caller.is_admin) return service::Forbidden("execute_sql requires admin group membership");
    return OkStatus();
  });
}

Status CheckStatementText(const std::string& sql) {
  if (!core::IsValidUtf8(sql))
    return service::ValidationError("query", "invalid_utf8", "query must be valid UTF-8");
  if (core::Trim(sql).empty())
    return service::ValidationError("query", "required", "query is required");
  if (core::Utf8Length(sql) > SqlConsole::kMaxSqlChars)
    return service::ValidationError(
        "query", "too_long",
        fmt::format("query must be at most {} characters", SqlConsole::kMaxSqlChars));
  return OkStatus();
}

// Denied: the caller may not use the console (switch off, no admin, token
// scope) or the statement touches what the authorizer refuses.
service::AuditOutcome OutcomeOf(const Result<SqlQueryResult>& result, bool access_refused) {
  if (result.ok()) return service::AuditOutcome::kSuccess;
  const ErrorCode code = result.error().code;
  if (access_refused || code == ErrorCode::kPermissionDenied || code == ErrorCode::kUnauthenticated)
    return service::AuditOutcome::kDenied;
  return service::AuditOutcome::kFailure;
}

// One entry per call: the statement's start (never the bound values, which
// may be anything the caller typed), the argument count, and the outcome.
service::AuditEntry AuditEntryFor(const SqlQueryRequest& request,
                                  const Result<SqlQueryResult>& result, bool access_refused,
                                  std::chrono::milliseconds duration) {
  static const std::string kTrue = "true";
  static const std::string kFalse = "false";
  service::AuditEntry entry;
  entry.action = std::string(kAuditAction);
  entry.outcome = OutcomeOf(result, access_refused);
  entry.target_type = "sql";
  if (core::IsValidUtf8(request.sql)) {
    entry.details["query"] = FirstChars(request.sql, kAuditedChars);
    entry.details["query_chars"] = std::to_string(core::Utf8Length(request.sql));
  } else {
    entry.details["query"] = "(not valid UTF-8)";
  }
  entry.details["arg_count"] = std::to_string(request.args.size());
  entry.details["duration_ms"] = std::to_string(duration.count());
  if (result.ok()) {
    entry.details["row_count"] = std::to_string(result->row_count);
    entry.details["truncated"] = result->truncated ? kTrue : kFalse;
  } else {
    entry.reason = result.error().message;
  }
  return entry;
}

}  // namespace

Result<SqlQueryResult> SqlConsole::Query(const RequestContext& ctx,
                                         const SqlQueryRequest& request) {
  const auto start = std::chrono::steady_clock::now();
  const SqlConsoleOptions& options = impl_.options.sql_console;
  bool access_refused = false;
  Result<SqlQueryResult> result = [&]() -> Result<SqlQueryResult> {
    if (Status access = CheckAccess(impl_, ctx); !access.ok()) {
      const ErrorCode code = access.error().code;
      access_refused = code != ErrorCode::kInternal && code != ErrorCode::kUnavailable;
      return std::move(access).error();
    }
    GOATFLOW_RETURN_IF_ERROR(CheckStatementText(request.sql));
    store::ConsoleLimits limits{options.max_rows, options.time_limit, options.max_value_bytes,
                                options.max_result_bytes};
    return store::RunConsoleQuery(impl_.pool->path(), limits, request);
  }();
  const auto duration = std::chrono::duration_cast<std::chrono::milliseconds>(
      std::chrono::steady_clock::now() - start);
  // The query ran on a read-only connection: the entry gets a write
  // transaction of its own. An unaudited call returns no rows.
  GOATFLOW_RETURN_IF_ERROR(service::Write(impl_, [&](store::Db& db) -> Status {
    return service::WriteAudit(db, ctx, impl_.clock->Now(),
                               AuditEntryFor(request, result, access_refused, duration));
  }));
  return result;
}

}  // namespace goatflow
