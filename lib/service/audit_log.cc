// AdminService::ListAuditLog: the append-only audit log (security.md §12),
// newest first, optionally merged with ticket history (api-v1.md §10).

#include <fmt/format.h>

#include "core/macros.h"
#include "core/strings.h"
#include "core/time.h"
#include "goatflow/admin.h"
#include "service/checks.h"
#include "service/directory_repo.h"

namespace goatflow {
namespace {

// Column expressions of one source of the merged listing.
struct SourceColumns {
  const char* id;
  const char* time;
  const char* actor_id;
  const char* action;
  const char* target_type;
  const char* target_id;
};

// Filters bound as ?1 action, ?2 actor_id, ?3 target_type, ?4 target_id,
// ?5 from, ?6 to (NULL = no filter), the same numbers in every source.
std::string Where(const SourceColumns& c) {
  return fmt::format(
      " WHERE (?1 IS NULL OR {3} = ?1) AND (?2 IS NULL OR {2} = ?2)"
      " AND (?3 IS NULL OR {4} = ?3) AND (?4 IS NULL OR {5} = ?4)"
      " AND (?5 IS NULL OR {1} >= ?5) AND (?6 IS NULL OR {1} <= ?6)",
      c.id, c.time, c.actor_id, c.action, c.target_type, c.target_id);
}

constexpr SourceColumns kAuditColumns = {"id",     "create_time", "actor_id",
                                         "action", "target_type", "target_id"};
constexpr SourceColumns kHistoryColumns = {"th.id",        "th.create_time",
                                           "th.create_by", "('ticket.' || ht.name)",
                                           "'ticket'",     "CAST(th.ticket_id AS TEXT)"};

constexpr const char* kAuditSelect = R"sql(
  SELECT id, 'audit_log', create_time, actor_kind, actor_id, actor_login, auth_method,
         api_token_id, action, target_type, target_id, target_identifier, outcome, reason,
         ip_address, user_agent, request_id, details
    FROM audit_log)sql";

constexpr const char* kHistoryFrom = R"sql(
    FROM ticket_history th
    JOIN ticket_history_type ht ON ht.id = th.history_type_id
    JOIN ticket t ON t.id = th.ticket_id
    LEFT JOIN users u ON u.id = th.create_by)sql";

constexpr const char* kHistorySelect = R"sql(
  SELECT th.id, 'ticket_history', th.create_time, 'agent', th.create_by, u.login, NULL, NULL,
         'ticket.' || ht.name, 'ticket', CAST(th.ticket_id AS TEXT), t.tn, 'success', NULL,
         NULL, NULL, NULL, json_object('name', th.name))sql";

Result<std::optional<std::string>> TimeBound(const std::optional<std::string>& text,
                                             const char* field) {
  if (!text || core::Trim(*text).empty()) return std::optional<std::string>();
  auto t = core::ParseRfc3339(core::Trim(*text));
  if (!t) t = core::ParseDbTime(core::Trim(*text));
  if (!t)
    return service::ValidationError(field, "invalid",
                                    fmt::format("Invalid {}: use RFC 3339, e.g. "
                                                "2025-03-01T09:15:00Z",
                                                field));
  return std::optional<std::string>(core::FormatDbTime(*t));
}

std::optional<std::string> NonEmpty(const std::optional<std::string>& s) {
  if (!s || core::Trim(*s).empty()) return std::nullopt;
  return std::string(core::Trim(*s));
}

AuditLogEntry ReadEntry(const store::Stmt& s) {
  AuditLogEntry e;
  e.id = s.Int(0);
  e.source = s.Text(1);
  e.created_at = service::ParseStoredTime(s.Text(2));
  e.actor_kind = s.Text(3);
  e.actor_id = s.OptInt(4);
  e.actor_login = s.OptText(5);
  e.auth_method = s.OptText(6);
  e.api_token_id = s.OptInt(7);
  e.action = s.Text(8);
  e.target_type = s.OptText(9);
  e.target_id = s.OptText(10);
  e.target_identifier = s.OptText(11);
  e.outcome = s.Text(12);
  e.reason = s.OptText(13);
  e.ip_address = s.OptText(14);
  e.user_agent = s.OptText(15);
  e.request_id = s.OptText(16);
  e.details_json = s.OptText(17);
  return e;
}

}  // namespace

Result<Page<AuditLogEntry>> AdminService::ListAuditLog(const RequestContext& ctx,
                                                       const ListAuditLogRequest& request) {
  return service::AdminRead<Page<AuditLogEntry>>(
      impl_, ctx, "audit.list",
      [&](store::Db& db, const service::Caller&) -> Result<Page<AuditLogEntry>> {
        GOATFLOW_ASSIGN_OR_RETURN(auto from, TimeBound(request.from, "from"));
        GOATFLOW_ASSIGN_OR_RETURN(auto to, TimeBound(request.to, "to"));
        const PageRequest page = request.page.Normalized();
        auto bind = [&](store::Stmt& stmt) {
          stmt.Bind(1, NonEmpty(request.action));
          stmt.Bind(2, request.actor_id);
          stmt.Bind(3, NonEmpty(request.target_type));
          stmt.Bind(4, NonEmpty(request.target_id));
          stmt.Bind(5, from);
          stmt.Bind(6, to);
        };
        std::string count_sql =
            "SELECT (SELECT count(*) FROM audit_log" + Where(kAuditColumns) + ")";
        std::string list_sql = kAuditSelect + Where(kAuditColumns);
        if (request.include_ticket_history) {
          count_sql +=
              std::string(" + (SELECT count(*)") + kHistoryFrom + Where(kHistoryColumns) + ")";
          list_sql +=
              std::string(" UNION ALL") + kHistorySelect + kHistoryFrom + Where(kHistoryColumns);
        }
        list_sql += " ORDER BY 3 DESC, 1 DESC LIMIT ?7 OFFSET ?8";

        GOATFLOW_ASSIGN_OR_RETURN(auto count, db.Prepare(count_sql));
        bind(count);
        GOATFLOW_ASSIGN_OR_RETURN(bool counted, count.Step());
        Page<AuditLogEntry> out;
        out.pagination = MakePagination(page, counted ? count.Int(0) : 0);
        GOATFLOW_ASSIGN_OR_RETURN(auto list, db.Prepare(list_sql));
        bind(list);
        list.Bind(7, page.limit).Bind(8, page.Offset());
        while (true) {
          GOATFLOW_ASSIGN_OR_RETURN(bool row, list.Step());
          if (!row) break;
          out.items.push_back(ReadEntry(list));
        }
        return out;
      });
}

}  // namespace goatflow
