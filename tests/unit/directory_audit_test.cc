// The audit entries the directory, queue and customer use cases write
// (security.md §12), read back from the store.
#include "goatflow/customers.h"
#include "goatflow/directory.h"
#include "goatflow/queues.h"
#include "store/db.h"
#include "support/test_support.h"

namespace goatflow {
namespace {

// "action|target_type|target_identifier|outcome|auth_method|actor_login" per row, oldest first.
std::vector<std::string> AuditRows(const std::string& path) {
  auto db = store::Db::Open({path, store::OpenFlags::kReadOnly});
  REQUIRE_OK(db);
  auto stmt = (*db)->Prepare(R"sql(
    SELECT action, coalesce(target_type, ''), coalesce(target_identifier, ''), outcome,
           coalesce(auth_method, ''), coalesce(actor_login, '') FROM audit_log ORDER BY id)sql");
  REQUIRE_OK(stmt);
  std::vector<std::string> rows;
  while (true) {
    auto row = stmt->Step();
    REQUIRE_OK(row);
    if (!*row) break;
    rows.push_back(stmt->Text(0) + "|" + stmt->Text(1) + "|" + stmt->Text(2) + "|" + stmt->Text(3) +
                   "|" + stmt->Text(4) + "|" + stmt->Text(5));
  }
  return rows;
}

TEST_CASE("Directory changes are audited with actor, target and outcome") {
  testing::TempDir dir;
  auto options = testing::TestOptions(dir.File("a.db"));
  auto hd = testing::OpenTestHelpdesk(options);
  auto op = RequestContext::LocalOperator();

  CreateGroupRequest group;
  group.name = "sales";
  auto sales = hd->Directory().CreateGroup(op, group);
  REQUIRE_OK(sales);
  CreateAgentRequest agent;
  agent.login = "eve";
  agent.first_name = "Eve";
  agent.last_name = "E";
  agent.password = "Passw0rdX";
  auto eve = hd->Directory().CreateAgent(op, agent);
  REQUIRE_OK(eve);
  REQUIRE_OK(hd->Directory().GrantGroup(op, eve->id, {sales->id, {"ro"}}));
  REQUIRE_OK(hd->Directory().ResetAgentPassword(op, eve->id, "An0therPass"));
  CreateQueueRequest queue;
  queue.name = "Sales";
  queue.group_id = sales->id;
  REQUIRE_OK(hd->Queues().Create(op, queue));
  CreateCustomerUserRequest customer;
  customer.login = "cust";
  customer.first_name = "C";
  customer.last_name = "U";
  REQUIRE_OK(hd->Customers().CreateUser(op, customer));
  auto as_eve = hd->LocalContextFor("eve");
  REQUIRE_OK(as_eve);
  REQUIRE_FALSE(hd->Queues().Delete(*as_eve, 1).ok());

  REQUIRE(AuditRows(options.path) ==
          std::vector<std::string>{
              "group.create|group|sales|success|local|admin",
              "user.create|user|eve|success|local|admin",
              "permission.change|user|eve|success|local|admin",
              "auth.password.reset|user|eve|success|local|admin",
              "queue.create|queue|Sales|success|local|admin",
              "customer_user.create|customer_user|cust|success|local|admin",
              "access.denied|||denied|local|eve",
          });
}

}  // namespace
}  // namespace goatflow
