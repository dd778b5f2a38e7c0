#pragma once

// The dashboard (api-v1.md §9): figures, recent activity, the caller's own
// tickets, in-app notifications and chart series. Reached as
// `helpdesk.Dashboard()`.
//
// Every figure and list covers only the tickets the caller may see
// (domain.md §11): admins all, agents the queues they hold `ro` on, customers
// their own tickets. The figures are read from counters kept current as
// tickets change (no table-wide count per request); CheckCounters compares
// them with a recount. "Today" and the chart days are local days of setting
// TimeZone (default UTC).
//
// Common errors: unauthenticated (anonymous or disabled caller),
// permission_denied (API token without scope tickets:read, "Token missing
// required scope: tickets:read"; notifications need no scope), internal.
// Thread-safe.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "goatflow/context.h"
#include "goatflow/error.h"
#include "goatflow/helpdesk.h"
#include "goatflow/pagination.h"
#include "goatflow/seams.h"
#include "goatflow/tickets.h"

namespace goatflow {

// api-v1.md §2.6 DashboardStats.
struct DashboardStats {
  std::int64_t total_tickets = 0;    // non-archived
  std::int64_t open_tickets = 0;     // state types new + open, non-archived
  std::int64_t pending_tickets = 0;  // pending reminder + pending auto, non-archived
  std::int64_t closed_today = 0;     // entries into a closed state since local midnight
  std::int64_t created_today = 0;    // created since local midnight
  std::int64_t my_tickets = 0;       // active, owner or responsible = caller (customers: own)
  std::int64_t overdue_tickets = 0;  // active with an escalation time passed (0 without SLAs)
  // Not measured by this release: always null (api-v1.md §9: never a made-up value).
  std::optional<std::string> avg_response_time{};
};

struct ActivityUser {
  std::int64_t id = 0;
  std::string login{};
};

// api-v1.md §2.6 Activity: one ticket history entry.
struct Activity {
  std::int64_t id = 0;  // ticket_history.id
  // ticket_created, state_changed, owner_changed, priority_changed,
  // queue_changed, article_added, ticket_updated.
  std::string type{};
  std::string message{};
  std::int64_t ticket_id = 0;
  std::string ticket_number{};
  std::optional<ActivityUser> user{};  // the acting agent (null for the system user)
  TimePoint timestamp{};
};

struct ActivityPage {
  std::vector<Activity> activities{};
  Pagination pagination{};
};

// GET /dashboard/my-tickets: every filter of GET /tickets. Status and state
// filters empty: active tickets. sort/order absent: updated, desc.
struct MyTicketsRequest {
  ListTicketsRequest filters{};
  std::optional<std::string> sort{};
  std::optional<std::string> order{};
};

// api-v1.md §2.6 Notification.
struct Notification {
  std::int64_t id = 0;
  // pending_reminder, ticket_assigned, customer_article, ticket_moved, ticket_closed.
  std::string type{};
  std::string title{};
  std::string message{};
  std::optional<std::int64_t> ticket_id{};
  bool read = false;
  TimePoint created_at{};
};

struct ListNotificationsRequest {
  PageRequest page{};  // normalised by the call
  bool unread_only = false;
};

struct NotificationPage {
  std::vector<Notification> notifications{};  // newest first
  std::int64_t unread_count = 0;              // all of the caller's unread ones
  Pagination pagination{};
};

struct NotificationRead {
  std::int64_t id = 0;
  bool read = true;
};

// {"labels":[…],"data":[…]}: counts of visible non-archived tickets; labels
// with a count of 0 are left out (api-v1.md §0 zero counts).
struct CountChart {
  std::vector<std::string> labels{};
  std::vector<std::int64_t> data{};
};

struct ChartDataset {
  std::string label{};  // "Created", "Closed"
  std::vector<std::int64_t> data{};
};

// One label per local day ("YYYY-MM-DD"), oldest first, today last.
struct TimeChart {
  std::vector<std::string> labels{};
  std::vector<ChartDataset> datasets{};
};

// A maintained counter that differs from its recount.
struct CounterMismatch {
  std::string counter{};  // "ticket_count", "ticket_event_count.created", ...
  std::string key{};      // e.g. "queue=2 state=1 priority=3 archived=0"
  std::int64_t stored = 0;
  std::int64_t recounted = 0;
};

struct CounterCheck {
  bool consistent = true;
  std::int64_t rows_checked = 0;  // counter rows compared
  std::vector<CounterMismatch> mismatches{};
};

class DashboardService {
 public:
  Result<DashboardStats> Stats(const RequestContext& ctx);
  // History of visible tickets, newest first. Customers see their own
  // tickets' entries, without those of internal articles.
  Result<ActivityPage> Activity(const RequestContext& ctx, const PageRequest& page);
  // Tickets whose owner or responsible is the caller (customers: their own
  // tickets). Errors: invalid_argument as TicketService::List.
  Result<TicketPage> MyTickets(const RequestContext& ctx, const MyTicketsRequest& request);

  // The caller's own notifications (agents and customers alike).
  Result<NotificationPage> Notifications(const RequestContext& ctx,
                                         const ListNotificationsRequest& request);
  // Marks one of the caller's notifications read (again: no change). Errors:
  // not_found "Notification not found" for a missing id or another user's.
  Result<NotificationRead> MarkNotificationRead(const RequestContext& ctx, std::int64_t id);

  // Charts (api-v1.md §9): by state name, by priority name, and created /
  // closed per local day for the last `days` days (1-90; else invalid_argument
  // "days must be between 1 and 90").
  Result<CountChart> TicketsByStatus(const RequestContext& ctx);
  Result<CountChart> TicketsByPriority(const RequestContext& ctx);
  Result<TimeChart> TicketsOverTime(const RequestContext& ctx, std::int64_t days);

  // Compares every maintained dashboard counter (ticket_count,
  // ticket_event_count, ticket_history_count) with a recount from the tickets
  // and their history. For health checks and operators: admins and the local
  // operator only (others: permission_denied). Reads only.
  Result<CounterCheck> CheckCounters(const RequestContext& ctx);

 private:
  friend class Helpdesk;
  explicit DashboardService(Helpdesk::Impl& impl) : impl_(impl) {}
  Helpdesk::Impl& impl_;
};

}  // namespace goatflow
