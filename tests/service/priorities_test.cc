// Priority administration and the caller's own account through the public API.
#include "goatflow/customers.h"
#include "goatflow/directory.h"
#include "goatflow/lookups.h"
#include "support/test_support.h"

namespace goatflow {
namespace {

std::int64_t AuditRows(Helpdesk& hd) {
  auto status = hd.GetStoreStatus();
  REQUIRE_OK(status);
  for (const auto& [name, count] : status->row_counts)
    if (name == "audit_log") return count;
  return -1;
}

RequestContext Agent(Helpdesk& hd, const std::string& login) {
  CreateAgentRequest r;
  r.login = login;
  r.first_name.assign(1, 'F');
  r.last_name.assign(1, 'L');
  REQUIRE_OK(hd.Directory().CreateAgent(RequestContext::LocalOperator(), r));
  auto ctx = hd.LocalContextFor(login);
  REQUIRE_OK(ctx);
  return *ctx;
}

TEST_CASE("Admins create, update and invalidate priorities with an audit entry each") {
  auto hd = testing::OpenTestHelpdesk();
  auto op = RequestContext::LocalOperator();
  std::int64_t audits = AuditRows(*hd);
  CreatePriorityRequest create;
  create.name = "  6 blocker ";
  auto p = hd->Lookups().CreatePriority(op, create);
  REQUIRE_OK(p);
  REQUIRE(p->name == "6 blocker");
  REQUIRE(p->color == "#cdcdcd");
  REQUIRE(AuditRows(*hd) == audits + 1);
  REQUIRE(hd->Lookups().GetPriority(op, p->id)->name == "6 blocker");

  create.name = "6 BLOCKER";
  REQUIRE_ERR(hd->Lookups().CreatePriority(op, create), ErrorCode::kAlreadyExists,
              "Priority name already exists");
  create.name = "7";
  create.color = "#12345";
  REQUIRE_ERR(hd->Lookups().CreatePriority(op, create), ErrorCode::kInvalidArgument,
              "color must be #rrggbb");
  create.color = "";
  create.valid_id = 5;
  REQUIRE_ERR(hd->Lookups().CreatePriority(op, create), ErrorCode::kInvalidArgument, "");

  UpdatePriorityRequest update;
  update.color = "#AbCdEf";
  auto changed = hd->Lookups().UpdatePriority(op, p->id, update);
  REQUIRE_OK(changed);
  REQUIRE(changed->color == "#AbCdEf");
  REQUIRE(changed->name == "6 blocker");
  update.name = "5 very high";
  REQUIRE_ERR(hd->Lookups().UpdatePriority(op, p->id, update), ErrorCode::kAlreadyExists, "");
  REQUIRE_ERR(hd->Lookups().UpdatePriority(op, 999, UpdatePriorityRequest{}), ErrorCode::kNotFound,
              "Priority not found");

  auto deleted = hd->Lookups().DeletePriority(op, p->id);
  REQUIRE_OK(deleted);
  REQUIRE(deleted->valid_id == 2);
  REQUIRE(hd->Lookups().ListPriorities(op)->size() == 5);
  REQUIRE(hd->Lookups().ListPriorities(op, ValidFilter::kInvalid)->size() == 1);
  REQUIRE(AuditRows(*hd) == audits + 3);
}

TEST_CASE("Agents may not change priorities; the denial is audited") {
  auto hd = testing::OpenTestHelpdesk();
  auto agent = Agent(*hd, "amy");
  std::int64_t audits = AuditRows(*hd);
  CreatePriorityRequest create;
  create.name = "6 blocker";
  REQUIRE_ERR(hd->Lookups().CreatePriority(agent, create), ErrorCode::kPermissionDenied,
              "Permission denied");
  REQUIRE_ERR(hd->Lookups().DeletePriority(agent, 1), ErrorCode::kPermissionDenied, "");
  REQUIRE(AuditRows(*hd) == audits + 2);
  REQUIRE(hd->Lookups().GetPriority(agent, 1)->valid_id == 1);
}

TEST_CASE("The current user reads and updates their own account") {
  auto hd = testing::OpenTestHelpdesk();
  auto op = RequestContext::LocalOperator();
  auto amy = Agent(*hd, "amy");
  auto me = hd->Directory().GetCurrentUser(amy);
  REQUIRE_OK(me);
  REQUIRE(me->kind == PrincipalKind::kAgent);
  REQUIRE(me->agent->login == "amy");
  REQUIRE_FALSE(me->agent->is_admin);
  REQUIRE(hd->Directory().GetCurrentUser(op)->agent->is_admin);

  UpdateCurrentUserRequest update;
  update.first_name = "Amy";
  update.last_name = "  ";
  update.email = "amy@example.com";
  auto updated = hd->Directory().UpdateCurrentUser(amy, update);
  REQUIRE_OK(updated);
  REQUIRE(updated->agent->first_name == "Amy");
  REQUIRE(updated->agent->last_name == "L");
  REQUIRE(updated->agent->email == "amy@example.com");
  auto bob = Agent(*hd, "bob");
  UpdateCurrentUserRequest steal;
  steal.email = "AMY@example.com";
  REQUIRE_ERR(hd->Directory().UpdateCurrentUser(bob, steal), ErrorCode::kAlreadyExists,
              "E-mail address already in use");

  CreateCustomerUserRequest customer;
  customer.login = "carl";
  customer.first_name = "Carl";
  customer.last_name = "C";
  customer.customer_id = "acme";
  REQUIRE_OK(hd->Customers().CreateUser(op, customer));
  auto carl = hd->LocalContextFor("carl");
  REQUIRE_OK(carl);
  UpdateCurrentUserRequest phone;
  phone.phone = "+1 555";
  auto mine = hd->Directory().UpdateCurrentUser(*carl, phone);
  REQUIRE_OK(mine);
  REQUIRE(mine->kind == PrincipalKind::kCustomer);
  REQUIRE(mine->customer->phone == "+1 555");
  REQUIRE(mine->customer->customer_id == "acme");
  REQUIRE_ERR(hd->Directory().GetCurrentUser(RequestContext{}), ErrorCode::kUnauthenticated, "");
}

}  // namespace
}  // namespace goatflow
