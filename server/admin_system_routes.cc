// System administration (api-v1.md §10): the configuration, maintenance mode
// and the audit log.

#include <boost/json.hpp>
#include <charconv>

#include "goatflow/admin.h"
#include "goatflow/json.h"
#include "server/body.h"
#include "server/query_params.h"
#include "server/routes.h"

namespace goatflow::server {
namespace {

// The body is an object of name -> value; the library judges names and values.
Reply UpdateConfig(Helpdesk& hd, HttpRequest& req) {
  GOATFLOW_HTTP_ASSIGN(auto body, req.JsonBody());
  std::vector<ConfigChange> changes;
  for (const auto& member : body)
    changes.push_back({std::string(member.key()), boost::json::serialize(member.value())});
  return Render(hd.Admin().UpdateConfig(req.context(), changes));
}

Reply SetMaintenance(Helpdesk& hd, HttpRequest& req) {
  GOATFLOW_HTTP_ASSIGN(auto body, req.JsonBody());
  BodyReader in(body);
  auto enabled = in.Bool("enabled");
  auto message = in.String("message");
  if (!in.ok()) return Fail(in.error());
  if (!enabled) {
    return Fail(Error(ErrorCode::kInvalidArgument, "enabled is required",
                      {{"field", "enabled"}, {"reason", "required"}})
                    .WithWireCode("core:validation_failed"));
  }
  return Render(hd.Admin().SetMaintenance(req.context(), *enabled, message));
}

Reply ListAuditLogs(Helpdesk& hd, HttpRequest& req) {
  ListAuditLogRequest request;
  request.page = req.Page();
  request.action = req.Query("action");
  request.target_type = req.Query("target_type");
  request.target_id = req.Query("target_id");
  request.from = req.Query("from");
  request.to = req.Query("to");
  if (auto actor = req.Query("actor_id"); actor && !actor->empty()) {
    std::int64_t id = 0;
    auto [end, ec] = std::from_chars(actor->data(), actor->data() + actor->size(), id);
    if (ec != std::errc() || end != actor->data() + actor->size()) {
      return Fail(Error(ErrorCode::kInvalidArgument, "Invalid actor_id",
                        {{"field", "actor_id"}, {"reason", "invalid"}})
                      .WithWireCode("core:validation_failed"));
    }
    request.actor_id = id;
  }
  const std::string include = req.Query("include").value_or("");
  if (!include.empty() && include != "ticket_history") {
    return Fail(Error(ErrorCode::kInvalidArgument, "Invalid include: use ticket_history",
                      {{"field", "include"}, {"reason", "invalid"}})
                    .WithWireCode("core:validation_failed"));
  }
  request.include_ticket_history = include == "ticket_history";
  GOATFLOW_HTTP_ASSIGN(auto page, hd.Admin().ListAuditLog(req.context(), request));
  return List(json::ToJson(page.items), page.pagination);
}

}  // namespace

void RegisterAdminSystemRoutes(Router& router, Helpdesk& hd) {
  const RouteOptions admin = AdminRouteOptions();
  router.Get(
      "/api/v1/admin/system/config",
      [&hd](HttpRequest& req) { return Render(hd.Admin().GetConfig(req.context())); }, admin);
  router.Put(
      "/api/v1/admin/system/config", [&hd](HttpRequest& req) { return UpdateConfig(hd, req); },
      admin);
  router.Post(
      "/api/v1/admin/system/maintenance",
      [&hd](HttpRequest& req) { return SetMaintenance(hd, req); }, admin);
  router.Get(
      "/api/v1/admin/audit/logs", [&hd](HttpRequest& req) { return ListAuditLogs(hd, req); },
      admin);
}

}  // namespace goatflow::server
