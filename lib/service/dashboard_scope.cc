#include "service/dashboard_scope.h"

#include "core/macros.h"
#include "service/settings_read.h"
#include "service/ticket_filter.h"

namespace goatflow::service {

Result<DashboardScope> LoadDashboardScope(store::Db& db, const Caller& caller) {
  DashboardScope scope;
  if (caller.IsCustomer()) {
    scope.customer = true;
    scope.customer_login = caller.login;
    return scope;
  }
  if (caller.grants.is_admin) {
    scope.all_queues = true;
    return scope;
  }
  std::vector<std::int64_t> groups, queues;
  for (const auto& [group, bits] : caller.grants.by_group)
    if (rbac::AgentAllows(caller.grants, group, rbac::Permission::kRo)) groups.push_back(group);
  if (!groups.empty()) {
    GOATFLOW_ASSIGN_OR_RETURN(
        auto stmt,
        db.Prepare("SELECT id FROM queue WHERE group_id IN (SELECT value FROM json_each(?))"));
    stmt.BindAll(JsonIds(groups));
    GOATFLOW_ASSIGN_OR_RETURN(queues, stmt.IntColumn());
  }
  scope.queue_ids_json = JsonIds(queues);
  return scope;
}

Result<core::TimeZone> LoadTimeZone(store::Db& db) {
  GOATFLOW_ASSIGN_OR_RETURN(std::string name, TimeZoneName(db));
  return core::TimeZone::Load(name).value_or(core::TimeZone::Utc());
}

}  // namespace goatflow::service
