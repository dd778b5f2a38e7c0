// Dashboard (api-v1.md §9): figures, activity, my tickets, notifications, charts.

#include <charconv>

#include "goatflow/dashboard.h"
#include "goatflow/json.h"
#include "server/query_params.h"
#include "server/routes.h"

namespace goatflow::server {
namespace {

Reply MyTickets(Helpdesk& hd, HttpRequest& req) {
  MyTicketsRequest request;
  GOATFLOW_HTTP_ASSIGN(request.filters, ParseListQuery(req));
  request.sort = req.Query("sort");
  request.order = req.Query("order");
  GOATFLOW_HTTP_ASSIGN(auto page, hd.Dashboard().MyTickets(req.context(), request));
  return List(json::ToJson(page.tickets), page.pagination);
}

Reply Notifications(Helpdesk& hd, HttpRequest& req) {
  ListNotificationsRequest request;
  request.page = req.Page();
  GOATFLOW_HTTP_ASSIGN(request.unread_only,
                       ParseBoolParam(req.Query("unread_only"), "unread_only"));
  GOATFLOW_HTTP_ASSIGN(auto page, hd.Dashboard().Notifications(req.context(), request));
  return List(json::ToJson(page), page.pagination);
}

Reply TicketsOverTime(Helpdesk& hd, HttpRequest& req) {
  std::int64_t days = 7;
  if (auto raw = req.Query("days")) {
    // Not an integer: 0, which the library's range check refuses.
    auto [end, ec] = std::from_chars(raw->data(), raw->data() + raw->size(), days);
    if (ec != std::errc() || end != raw->data() + raw->size()) days = 0;
  }
  return Render(hd.Dashboard().TicketsOverTime(req.context(), days));
}

}  // namespace

void RegisterDashboardRoutes(Router& router, Helpdesk& hd) {
  router.Get("/api/v1/dashboard/stats",
             [&hd](HttpRequest& req) { return Render(hd.Dashboard().Stats(req.context())); });
  router.Get("/api/v1/dashboard/activity", [&hd](HttpRequest& req) -> Reply {
    GOATFLOW_HTTP_ASSIGN(auto page, hd.Dashboard().Activity(req.context(), req.Page()));
    return List(json::ToJson(page.activities), page.pagination);
  });
  router.Get("/api/v1/dashboard/my-tickets",
             [&hd](HttpRequest& req) { return MyTickets(hd, req); });
  router.Get("/api/v1/dashboard/notifications",
             [&hd](HttpRequest& req) { return Notifications(hd, req); });
  router.Post("/api/v1/dashboard/notifications/:id/read", [&hd](HttpRequest& req) -> Reply {
    GOATFLOW_HTTP_ASSIGN(auto id, req.PathId("id", "notification"));
    return Render(hd.Dashboard().MarkNotificationRead(req.context(), id));
  });
  router.Get("/api/v1/dashboard/charts/tickets-by-status", [&hd](HttpRequest& req) {
    return Render(hd.Dashboard().TicketsByStatus(req.context()));
  });
  router.Get("/api/v1/dashboard/charts/tickets-by-priority", [&hd](HttpRequest& req) {
    return Render(hd.Dashboard().TicketsByPriority(req.context()));
  });
  router.Get("/api/v1/dashboard/charts/tickets-over-time",
             [&hd](HttpRequest& req) { return TicketsOverTime(hd, req); });
}

}  // namespace goatflow::server
