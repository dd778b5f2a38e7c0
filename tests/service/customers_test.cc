// Customer companies and customer users through the public API.
#include "goatflow/customers.h"

#include "goatflow/directory.h"
#include "support/test_support.h"

namespace goatflow {
namespace {

std::int64_t Rows(Helpdesk& hd, const std::string& table) {
  auto status = hd.GetStoreStatus();
  REQUIRE_OK(status);
  for (const auto& [name, count] : status->row_counts)
    if (name == table) return count;
  return -1;
}

CreateCompanyRequest Company(std::string id, std::string name) {
  CreateCompanyRequest r;
  r.customer_id = std::move(id);
  r.name = std::move(name);
  return r;
}

CreateCustomerUserRequest Customer(std::string login) {
  CreateCustomerUserRequest r;
  r.login = std::move(login);
  r.first_name = "Carla";
  r.last_name = "Client";
  return r;
}

TEST_CASE("Companies: create, unique id and name, update and disable") {
  auto hd = testing::OpenTestHelpdesk();
  auto op = RequestContext::LocalOperator();
  auto r = Company("ACME", "Acme Corp");
  r.fields.city = "Springfield";
  auto acme = hd->Customers().CreateCompany(op, r);
  REQUIRE_OK(acme);
  REQUIRE(acme->city == "Springfield");
  REQUIRE(acme->valid_id == 1);
  REQUIRE_ERR(hd->Customers().CreateCompany(op, Company("acme", "Other")),
              ErrorCode::kAlreadyExists, "Customer company already exists");
  REQUIRE_ERR(hd->Customers().CreateCompany(op, Company("ACME2", "ACME CORP")),
              ErrorCode::kAlreadyExists, "Company name already exists");
  REQUIRE_ERR(hd->Customers().CreateCompany(op, Company("A B", "Spaced")),
              ErrorCode::kInvalidArgument, "must not contain spaces");
  REQUIRE_ERR(hd->Customers().CreateCompany(op, Company("X", "")), ErrorCode::kInvalidArgument,
              "name is required");
  REQUIRE(Rows(*hd, "customer_company") == 1);

  UpdateCompanyRequest u;
  u.name = "Acme Inc";
  u.fields.city = "";
  auto updated = hd->Customers().UpdateCompany(op, "acme", u);
  REQUIRE_OK(updated);
  REQUIRE(updated->name == "Acme Inc");
  REQUIRE_FALSE(updated->city);

  auto disabled = hd->Customers().DisableCompany(op, "ACME");
  REQUIRE_OK(disabled);
  REQUIRE(disabled->valid_id == 2);
  REQUIRE(hd->Customers().ListCompanies(op, {})->pagination.total == 0);
  ListCustomersRequest all;
  all.include_invalid = true;
  REQUIRE(hd->Customers().ListCompanies(op, all)->pagination.total == 1);
  REQUIRE_ERR(hd->Customers().GetCompany(op, "NOPE"), ErrorCode::kNotFound,
              "Customer company not found");
}

TEST_CASE("Customer users: password hashed, login unique across agents and customers") {
  auto hd = testing::OpenTestHelpdesk();
  auto op = RequestContext::LocalOperator();
  auto r = Customer("carla");
  r.email = "carla@acme.example";
  r.customer_id = "ACME";
  r.password = "Cust0merPass";
  auto carla = hd->Customers().CreateUser(op, r);
  REQUIRE_OK(carla);
  REQUIRE(carla->has_password);
  REQUIRE(carla->customer_id == "ACME");

  auto ctx = hd->LocalContextFor("CARLA");
  REQUIRE_OK(ctx);
  REQUIRE(ctx->principal.kind == PrincipalKind::kCustomer);
  REQUIRE(ctx->principal.id == carla->id);

  // A customer login equal to an agent's, and an agent login equal to a customer's.
  auto clash = hd->Customers().CreateUser(op, Customer("Admin"));
  REQUIRE_ERR(clash, ErrorCode::kAlreadyExists, "Login already exists");
  REQUIRE(clash.error().wire_code == "core:conflict");
  CreateAgentRequest agent;
  agent.login = "carla";
  agent.first_name = "A";
  agent.last_name = "B";
  REQUIRE_ERR(hd->Directory().CreateAgent(op, agent), ErrorCode::kAlreadyExists,
              "Login already exists");

  auto dup_email = Customer("other");
  dup_email.email = "CARLA@acme.example";
  REQUIRE_ERR(hd->Customers().CreateUser(op, dup_email), ErrorCode::kAlreadyExists, "E-mail");
  auto weak = Customer("weak");
  weak.password = "password";
  REQUIRE_ERR(hd->Customers().CreateUser(op, weak), ErrorCode::kInvalidArgument, "Password");
  auto nameless = Customer("nameless");
  nameless.last_name = " ";
  REQUIRE_ERR(hd->Customers().CreateUser(op, nameless), ErrorCode::kInvalidArgument,
              "last_name is required");
  REQUIRE(Rows(*hd, "customer_user") == 1);
  REQUIRE(Rows(*hd, "users") == 1);
}

TEST_CASE("Customer users: update, list by company and disable") {
  auto hd = testing::OpenTestHelpdesk();
  auto op = RequestContext::LocalOperator();
  auto a = Customer("ann");
  a.customer_id = "ACME";
  REQUIRE_OK(hd->Customers().CreateUser(op, a));
  auto b = Customer("bert");
  b.customer_id = "GLOBEX";
  REQUIRE_OK(hd->Customers().CreateUser(op, b));

  ListCustomersRequest acme;
  acme.customer_id = "acme";
  auto listed = hd->Customers().ListUsers(op, acme);
  REQUIRE_OK(listed);
  REQUIRE(listed->items.size() == 1);
  REQUIRE(listed->items[0].login == "ann");

  UpdateCustomerUserRequest u;
  u.phone = "+1 555";
  u.password = "N3wSecret!";
  auto updated = hd->Customers().UpdateUser(op, "ANN", u);
  REQUIRE_OK(updated);
  REQUIRE(updated->phone == "+1 555");
  REQUIRE(updated->has_password);

  auto off = hd->Customers().DisableUser(op, "bert");
  REQUIRE_OK(off);
  REQUIRE(off->valid_id == 2);
  REQUIRE_ERR(hd->LocalContextFor("bert"), ErrorCode::kUnauthenticated, "disabled");
  REQUIRE(hd->Customers().ListUsers(op, {})->pagination.total == 1);
  REQUIRE_ERR(hd->Customers().UpdateUser(op, "nobody", u), ErrorCode::kNotFound,
              "Customer user not found");
}

TEST_CASE("Only administrators manage customers") {
  auto hd = testing::OpenTestHelpdesk();
  auto op = RequestContext::LocalOperator();
  CreateAgentRequest r;
  r.login = "agent";
  r.first_name = "A";
  r.last_name = "B";
  r.groups = {{1, {"rw"}}};
  REQUIRE_OK(hd->Directory().CreateAgent(op, r));
  auto agent = hd->LocalContextFor("agent");
  REQUIRE_OK(agent);
  REQUIRE_OK(hd->Customers().CreateUser(op, Customer("cust")));
  auto customer = hd->LocalContextFor("cust");
  REQUIRE_OK(customer);

  auto audit_before = Rows(*hd, "audit_log");
  REQUIRE_ERR(hd->Customers().CreateUser(*agent, Customer("x")), ErrorCode::kPermissionDenied,
              "Permission denied");
  REQUIRE_ERR(hd->Customers().ListUsers(*agent, {}), ErrorCode::kPermissionDenied,
              "Permission denied");
  REQUIRE_ERR(hd->Customers().CreateCompany(*customer, Company("C", "C")),
              ErrorCode::kPermissionDenied, "Permission denied");
  REQUIRE_ERR(hd->Customers().GetUser(*customer, "cust"), ErrorCode::kPermissionDenied,
              "Permission denied");
  REQUIRE(Rows(*hd, "audit_log") == audit_before + 4);
  REQUIRE(Rows(*hd, "customer_user") == 1);
}

}  // namespace
}  // namespace goatflow
