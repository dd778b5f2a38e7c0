// goatflow audit list: the audit log (security.md §12), newest first, with
// the filters of GET /api/v1/admin/audit/logs.

#include <memory>

#include "cli.h"
#include "goatflow/admin.h"
#include "goatflow/json.h"
#include "output.h"
#include "ticket_args.h"

namespace goatflow::cli {
namespace {

struct AuditArgs {
  PageQuery page;
  ListAuditLogRequest request;
  bool ticket_history = false;
};

std::string Target(const AuditLogEntry& e) {
  std::string out = e.target_type.value_or("");
  if (e.target_id) out += ":" + *e.target_id;
  if (e.target_identifier && e.target_identifier != e.target_id)
    out += " (" + *e.target_identifier + ")";
  return out;
}

}  // namespace

void RegisterAudit(CLI::App& app, Globals& globals) {
  auto* audit = app.add_subcommand("audit", "Read the audit log (admin)");
  audit->require_subcommand(1);
  auto a = std::make_shared<AuditArgs>();

  auto* list = audit->add_subcommand("list", "List audit entries, newest first");
  AddOptional(list, "--action", a->request.action, "Only this action, e.g. config.update");
  AddOptional(list, "--actor-id", a->request.actor_id, "Only entries of this actor id");
  AddOptional(list, "--target-type", a->request.target_type, "Only this target type, e.g. user");
  AddOptional(list, "--target-id", a->request.target_id, "Only this target id");
  AddOptional(list, "--from", a->request.from, "From this time (RFC 3339), inclusive");
  AddOptional(list, "--to", a->request.to, "Up to this time (RFC 3339), inclusive");
  list->add_flag("--ticket-history", a->ticket_history, "Merge ticket history entries");
  AddPageOptions(list, a->page, "Entries");
  OnRun(list, globals, [&globals, a]() -> Status {
    return WithHelpdesk(globals, [&](Helpdesk& hd, const RequestContext& ctx) -> Status {
      ListAuditLogRequest request = a->request;
      request.page = ParsePageRequest(a->page);
      request.include_ticket_history = a->ticket_history;
      auto page = hd.Admin().ListAuditLog(ctx, request);
      if (!page.ok()) return std::move(page).error();
      if (globals.json) {
        PrintLine(json::ToJson(*page));
        return OkStatus();
      }
      std::vector<std::vector<std::string>> rows;
      for (const AuditLogEntry& e : page->items) {
        std::string actor = e.actor_login.value_or(e.actor_kind);
        rows.push_back({FormatTime(e.created_at), e.action, actor, Target(e), e.outcome,
                        e.reason.value_or("")});
      }
      PrintTable({"TIME", "ACTION", "ACTOR", "TARGET", "OUTCOME", "REASON"}, rows);
      PrintPageFooter(page->pagination, "entries");
      return OkStatus();
    });
  });
}

}  // namespace goatflow::cli
