#pragma once

// State shared by every service of one Helpdesk: the connection pool, the
// seams and the options it was opened with.

#include <atomic>
#include <cstdint>
#include <memory>

#include "goatflow/admin.h"
#include "goatflow/customers.h"
#include "goatflow/dashboard.h"
#include "goatflow/directory.h"
#include "goatflow/auth.h"
#include "goatflow/helpdesk.h"
#include "goatflow/lookups.h"
#include "goatflow/mcp.h"
#include "goatflow/queues.h"
#include "goatflow/search.h"
#include "goatflow/sql_console.h"
#include "goatflow/options.h"
#include "goatflow/tickets.h"
#include "store/pool.h"

namespace goatflow {

class Helpdesk::Impl {
 public:
  OpenOptions options;
  std::shared_ptr<Clock> clock;
  std::shared_ptr<Random> random;
  std::unique_ptr<store::Pool> pool;
  int migrations_applied_on_open = 0;
  TimePoint opened_at;
  // Bumped by every configuration write of this process, so caches of stored
  // settings (the auth settings) reload at once instead of after their TTL.
  std::atomic<std::uint64_t> settings_generation{0};
  std::unique_ptr<TicketService> tickets;
  std::unique_ptr<LookupService> lookups;
  std::unique_ptr<QueueService> queues;
  std::unique_ptr<DirectoryService> directory;
  std::unique_ptr<CustomerService> customers;
  std::unique_ptr<AuthService> auth;
  std::unique_ptr<SearchService> search;
  std::unique_ptr<SqlConsole> sql;
  std::unique_ptr<DashboardService> dashboard;
  std::unique_ptr<AdminService> admin;
  std::unique_ptr<McpService> mcp;  // created last: it calls the services above
};

}  // namespace goatflow
