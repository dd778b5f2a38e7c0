// Helpdesk::CollectMetrics: the library's figures behind GET /metrics
// (spec/health.md §5.2).

#include <array>

#include "core/log.h"
#include "core/macros.h"
#include "goatflow/helpdesk.h"
#include "goatflow/operations.h"
#include "service/auth_internal.h"
#include "service/helpdesk_impl.h"
#include "service/unit_of_work.h"

namespace goatflow {
namespace {

// Non-archived tickets per state, summed from the counters the ticket
// triggers maintain (migration 0002): a few rows, never a ticket scan.
Result<std::vector<TicketStateCount>> TicketsByState(store::Db& db) {
  GOATFLOW_ASSIGN_OR_RETURN(auto stmt, db.Prepare(R"sql(
      SELECT st.name, s.name, sum(c.n)
        FROM ticket_count c
        JOIN ticket_state s ON s.id = c.ticket_state_id
        JOIN ticket_state_type st ON st.id = s.type_id
       WHERE c.archive_flag = 0
       GROUP BY s.id
      HAVING sum(c.n) > 0
       ORDER BY st.name, s.name)sql"));
  std::vector<TicketStateCount> out;
  while (true) {
    GOATFLOW_ASSIGN_OR_RETURN(bool row, stmt.Step());
    if (!row) break;
    out.push_back({stmt.Text(0), stmt.Text(1), stmt.Int(2)});
  }
  return out;
}

// Label values of RateBucket, in enum order.
constexpr std::array<const char*, service::AuthCounters::kBuckets> kBucketNames = {
    "login", "password_reset", "customer_ticket", "general", "token"};
static_assert(static_cast<std::size_t>(RateBucket::kLogin) == 0 &&
              static_cast<std::size_t>(RateBucket::kPasswordReset) == 1 &&
              static_cast<std::size_t>(RateBucket::kCustomerTicketCreate) == 2 &&
              static_cast<std::size_t>(RateBucket::kGeneral) == 3 &&
              static_cast<std::size_t>(RateBucket::kApiToken) == 4);

}  // namespace

MetricsSnapshot Helpdesk::CollectMetrics() const {
  MetricsSnapshot out;
  out.version = std::string(Version());
  out.started_at = impl_->opened_at;
  auto tickets = service::Read(*impl_, TicketsByState);
  if (tickets.ok()) {
    out.database_up = true;
    out.tickets = std::move(tickets).value();
  } else {
    core::Logf(LogLevel::kWarning, "metrics: database read failed: {}", tickets.error().message);
  }
  const service::AuthCounters& counters = impl_->auth->state_->counters;
  using C = service::AuthCounters;
  for (auto [outcome, name] : {std::pair{C::kLoginSuccess, "success"},
                               std::pair{C::kLoginFailure, "failure"},
                               std::pair{C::kLoginBlocked, "blocked"}}) {
    out.auth_attempts.push_back(
        {"password", name, counters.password_logins[outcome].load(std::memory_order_relaxed)});
  }
  for (std::size_t i = 0; i < kBucketNames.size(); ++i)
    out.rate_limited.push_back(
        {kBucketNames[i], counters.rate_limited[i].load(std::memory_order_relaxed)});
  return out;
}

}  // namespace goatflow
