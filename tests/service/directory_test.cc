// Agents, groups, memberships and roles through the public API.
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

CreateGroupRequest G(std::string name, std::optional<std::string> comments = std::nullopt) {
  CreateGroupRequest r;
  r.name = std::move(name);
  r.comments = std::move(comments);
  return r;
}

CreateRoleRequest R(std::string name) {
  CreateRoleRequest r;
  r.name = std::move(name);
  return r;
}

CreateAgentRequest A(std::string login) {
  CreateAgentRequest r;
  r.login = std::move(login);
  r.first_name = "First";
  r.last_name = "Last";
  return r;
}

// Creates an agent with `grants` and returns a context acting as it.
RequestContext MakeAgent(Helpdesk& hd, const std::string& login,
                         std::vector<GroupGrant> grants = {}) {
  CreateAgentRequest r = A(login);
  r.groups = std::move(grants);
  auto agent = hd.Directory().CreateAgent(RequestContext::LocalOperator(), r);
  REQUIRE_OK(agent);
  auto ctx = hd.LocalContextFor(login);
  REQUIRE_OK(ctx);
  return *ctx;
}

TEST_CASE("An admin creates an agent with e-mail, password and groups") {
  auto hd = testing::OpenTestHelpdesk();
  auto op = RequestContext::LocalOperator();
  CreateAgentRequest r;
  r.login = "  jdoe ";
  r.first_name = "Jane";
  r.last_name = "Doe";
  r.email = "jane@example.com";
  r.password = "Secr3tPass";
  r.groups = {{1, {"ro", "note"}}, {3, {"rw"}}};
  auto agent = hd->Directory().CreateAgent(op, r);
  REQUIRE_OK(agent);
  REQUIRE(agent->login == "jdoe");
  REQUIRE(agent->full_name == "Jane Doe");
  REQUIRE(agent->email == "jane@example.com");
  REQUIRE_FALSE(agent->is_admin);
  REQUIRE(agent->groups.size() == 2);
  REQUIRE(agent->groups[0].name == "users");
  REQUIRE(agent->groups[0].permissions == std::vector<std::string>{"ro", "note"});

  auto ctx = hd->LocalContextFor("JDOE");
  REQUIRE_OK(ctx);
  REQUIRE(ctx->principal.kind == PrincipalKind::kAgent);
  REQUIRE(ctx->principal.id == agent->id);
  REQUIRE(ctx->auth_method == AuthMethod::kLocal);
  REQUIRE_ERR(hd->LocalContextFor("nobody"), ErrorCode::kNotFound, "Unknown login");

  // Without a stored address, a login that is an address stands in for it.
  auto mail_login = hd->Directory().CreateAgent(op, A("pat@example.com"));
  REQUIRE_OK(mail_login);
  REQUIRE(mail_login->email == "pat@example.com");
  REQUIRE_FALSE(hd->Directory().GetAgent(op, 1)->email);
}

TEST_CASE("Bad agent input is rejected and leaves nothing behind") {
  auto hd = testing::OpenTestHelpdesk();
  auto op = RequestContext::LocalOperator();
  auto audit_before = Rows(*hd, "audit_log");
  CreateAgentRequest r;
  r.login = "jdoe";
  r.first_name = "Jane";
  r.last_name = "Doe";

  auto bad = r;
  bad.login = "   ";
  auto empty = hd->Directory().CreateAgent(op, bad);
  REQUIRE_ERR(empty, ErrorCode::kInvalidArgument, "login is required");
  REQUIRE(empty.error().wire_code == "core:validation_failed");
  REQUIRE(empty.error().details.at("field") == "login");
  bad = r;
  bad.first_name = std::string(101, 'x');
  REQUIRE_ERR(hd->Directory().CreateAgent(op, bad), ErrorCode::kInvalidArgument, "at most 100");
  bad = r;
  bad.email = "not-an-address";
  REQUIRE_ERR(hd->Directory().CreateAgent(op, bad), ErrorCode::kInvalidArgument, "Invalid e-mail");
  bad = r;
  bad.password = "short";
  REQUIRE_ERR(hd->Directory().CreateAgent(op, bad), ErrorCode::kInvalidArgument, "Password");
  bad = r;
  bad.groups = {{1, {"ro", "superuser"}}};
  REQUIRE_ERR(hd->Directory().CreateAgent(op, bad), ErrorCode::kInvalidArgument,
              "Invalid permission key: superuser");
  bad = r;
  bad.groups = {{99, {"ro"}}};
  REQUIRE_ERR(hd->Directory().CreateAgent(op, bad), ErrorCode::kInvalidArgument,
              "Unknown group id 99");
  bad = r;
  bad.login = "admin";
  auto dup = hd->Directory().CreateAgent(op, bad);
  REQUIRE_ERR(dup, ErrorCode::kAlreadyExists, "Login already exists");
  REQUIRE(dup.error().wire_code == "core:conflict");

  REQUIRE(Rows(*hd, "users") == 1);
  REQUIRE(Rows(*hd, "audit_log") == audit_before);
}

TEST_CASE("E-mail addresses are unique among agents") {
  auto hd = testing::OpenTestHelpdesk();
  auto op = RequestContext::LocalOperator();
  CreateAgentRequest r = A("a1");
  r.email = "x@example.com";
  REQUIRE_OK(hd->Directory().CreateAgent(op, r));
  r.login = "a2";
  r.email = "X@Example.com";
  REQUIRE_ERR(hd->Directory().CreateAgent(op, r), ErrorCode::kAlreadyExists, "E-mail");
  REQUIRE(Rows(*hd, "users") == 2);
}

TEST_CASE("Agents without admin cannot change the directory; the denial is audited") {
  auto hd = testing::OpenTestHelpdesk();
  auto agent = MakeAgent(*hd, "agent1", {{1, {"rw"}}});
  auto audit_before = Rows(*hd, "audit_log");
  CreateAgentRequest r = A("x");
  REQUIRE_ERR(hd->Directory().CreateAgent(agent, r), ErrorCode::kPermissionDenied,
              "Permission denied");
  REQUIRE_ERR(hd->Directory().CreateGroup(agent, G("g")), ErrorCode::kPermissionDenied,
              "Permission denied");
  REQUIRE_ERR(hd->Directory().GrantGroup(agent, agent.principal.id, {2, {"rw"}}),
              ErrorCode::kPermissionDenied, "Permission denied");
  REQUIRE_ERR(hd->Directory().ListGroupMembers(agent, 1), ErrorCode::kPermissionDenied,
              "Permission denied");
  REQUIRE(Rows(*hd, "audit_log") == audit_before + 4);  // four access.denied entries
  REQUIRE(Rows(*hd, "users") == 2);

  // Pickers: agents may list valid agents and groups, without group details.
  auto agents = hd->Directory().ListAgents(agent, {});
  REQUIRE_OK(agents);
  REQUIRE(agents->pagination.total == 2);
  auto admin = hd->Directory().GetAgent(agent, 1);
  REQUIRE_OK(admin);
  REQUIRE(admin->groups.empty());
  auto groups = hd->Directory().ListGroups(agent);
  REQUIRE_OK(groups);
  REQUIRE(groups->size() == 3);
  REQUIRE_ERR(hd->Directory().ListGroups(RequestContext{}), ErrorCode::kUnauthenticated,
              "Authentication required");
}

TEST_CASE("Disabling an agent: never user 1, never yourself, and enable restores") {
  auto hd = testing::OpenTestHelpdesk();
  auto op = RequestContext::LocalOperator();
  auto boss = MakeAgent(*hd, "boss", {{2, {"rw"}}});
  auto worker = MakeAgent(*hd, "worker", {{1, {"ro"}}});
  REQUIRE_ERR(hd->Directory().DisableAgent(boss, 1), ErrorCode::kPermissionDenied,
              "initial administrator");
  REQUIRE_ERR(hd->Directory().DisableAgent(boss, boss.principal.id), ErrorCode::kInvalidArgument,
              "Cannot delete yourself");
  UpdateAgentRequest disable_admin;
  disable_admin.valid_id = 2;
  REQUIRE_ERR(hd->Directory().UpdateAgent(boss, 1, disable_admin), ErrorCode::kPermissionDenied,
              "initial administrator");

  auto off = hd->Directory().DisableAgent(boss, worker.principal.id);
  REQUIRE_OK(off);
  REQUIRE(off->valid_id == 2);
  REQUIRE_ERR(hd->LocalContextFor("worker"), ErrorCode::kUnauthenticated, "disabled");
  REQUIRE_ERR(hd->Directory().ListGroups(worker), ErrorCode::kUnauthenticated, "Authentication");
  auto listed = hd->Directory().ListAgents(op, {});
  REQUIRE_OK(listed);
  REQUIRE(listed->pagination.total == 2);
  ListAgentsRequest all;
  all.include_invalid = true;
  listed = hd->Directory().ListAgents(op, all);
  REQUIRE_OK(listed);
  REQUIRE(listed->pagination.total == 3);

  REQUIRE_OK(hd->Directory().EnableAgent(op, worker.principal.id));
  REQUIRE_OK(hd->LocalContextFor("worker"));
  REQUIRE_ERR(hd->Directory().DisableAgent(op, 999), ErrorCode::kNotFound, "User not found");
}

TEST_CASE("Agent update and password reset") {
  auto hd = testing::OpenTestHelpdesk();
  auto op = RequestContext::LocalOperator();
  auto ann = MakeAgent(*hd, "ann");
  UpdateAgentRequest u;
  u.first_name = "Ann";
  u.email = "ann@example.com";
  u.groups = std::vector<GroupGrant>{{2, {"rw"}}};
  auto updated = hd->Directory().UpdateAgent(op, ann.principal.id, u);
  REQUIRE_OK(updated);
  REQUIRE(updated->full_name == "Ann Last");
  REQUIRE(updated->email == "ann@example.com");
  REQUIRE(updated->is_admin);

  UpdateAgentRequest rename;
  rename.login = "ADMIN";
  REQUIRE_ERR(hd->Directory().UpdateAgent(op, ann.principal.id, rename), ErrorCode::kAlreadyExists,
              "Login already exists");

  REQUIRE_ERR(hd->Directory().ResetAgentPassword(op, ann.principal.id, "weak"),
              ErrorCode::kInvalidArgument, "Password");
  REQUIRE_OK(hd->Directory().ResetAgentPassword(op, ann.principal.id, "N3wPassword"));
  REQUIRE_ERR(hd->Directory().ResetAgentPassword(op, 999, "N3wPassword"), ErrorCode::kNotFound,
              "User not found");
}

TEST_CASE("Groups: unique names, protected admin and users, members") {
  auto hd = testing::OpenTestHelpdesk();
  auto op = RequestContext::LocalOperator();
  auto sales = hd->Directory().CreateGroup(op, G("sales", "Sales team"));
  REQUIRE_OK(sales);
  REQUIRE(sales->comments == "Sales team");
  REQUIRE_ERR(hd->Directory().CreateGroup(op, G("SALES")), ErrorCode::kAlreadyExists,
              "Group name already exists");
  REQUIRE_ERR(hd->Directory().CreateGroup(op, G("")), ErrorCode::kInvalidArgument,
              "name is required");
  REQUIRE_ERR(hd->Directory().CreateGroup(op, G(std::string(201, 'g'))),
              ErrorCode::kInvalidArgument, "at most 200");

  REQUIRE_ERR(hd->Directory().DeleteGroup(op, 2), ErrorCode::kConflict,
              "Cannot delete protected group");
  REQUIRE_ERR(hd->Directory().DeleteGroup(op, 1), ErrorCode::kConflict,
              "Cannot delete protected group");
  UpdateGroupRequest rename_admin;
  rename_admin.name = "root";
  REQUIRE_ERR(hd->Directory().UpdateGroup(op, 2, rename_admin), ErrorCode::kConflict,
              "protected group");

  auto bob = MakeAgent(*hd, "bob", {{sales->id, {"ro", "create"}}});
  auto members = hd->Directory().ListGroupMembers(op, sales->id);
  REQUIRE_OK(members);
  REQUIRE(members->size() == 1);
  REQUIRE(members->at(0).login == "bob");
  REQUIRE(members->at(0).permissions == std::vector<std::string>{"ro", "create"});

  auto deleted = hd->Directory().DeleteGroup(op, sales->id);
  REQUIRE_OK(deleted);
  REQUIRE(deleted->valid_id == 2);
  auto valid = hd->Directory().ListGroups(bob);
  REQUIRE_OK(valid);
  REQUIRE(valid->size() == 3);
  REQUIRE_ERR(hd->Directory().GetGroup(bob, sales->id), ErrorCode::kNotFound, "Group not found");
  auto all = hd->Directory().ListGroups(op, ValidFilter::kAll);
  REQUIRE_OK(all);
  REQUIRE(all->size() == 4);
}

TEST_CASE("Memberships: grant, revoke and replace") {
  auto hd = testing::OpenTestHelpdesk();
  auto op = RequestContext::LocalOperator();
  auto cy = MakeAgent(*hd, "cy");
  std::int64_t id = cy.principal.id;
  auto granted = hd->Directory().GrantGroup(op, id, {1, {"ro", "note"}});
  REQUIRE_OK(granted);
  REQUIRE(granted->at(0).permissions == std::vector<std::string>{"ro", "note"});
  granted = hd->Directory().GrantGroup(op, id, {1, {"ro"}});  // idempotent
  REQUIRE_OK(granted);
  REQUIRE(granted->at(0).permissions.size() == 2);
  REQUIRE_ERR(hd->Directory().GrantGroup(op, id, {1, {"bogus"}}), ErrorCode::kInvalidArgument,
              "Invalid permission key");
  REQUIRE_ERR(hd->Directory().GrantGroup(op, 999, {1, {"ro"}}), ErrorCode::kNotFound,
              "User not found");

  auto revoked = hd->Directory().RevokeGroup(op, id, {1, {"note"}});
  REQUIRE_OK(revoked);
  REQUIRE(revoked->at(0).permissions == std::vector<std::string>{"ro"});

  auto replaced = hd->Directory().SetAgentGroups(op, id, {{2, {"rw"}}, {3, {"ro"}}});
  REQUIRE_OK(replaced);
  REQUIRE(replaced->size() == 2);
  REQUIRE(replaced->at(0).name == "admin");
  // rw on admin makes cy an administrator at once.
  REQUIRE_OK(hd->Directory().CreateGroup(cy, G("cy-made")));

  revoked = hd->Directory().RevokeGroup(op, id, {2, {}});
  REQUIRE_OK(revoked);
  REQUIRE(revoked->size() == 1);
  REQUIRE_ERR(hd->Directory().CreateGroup(cy, G("again")), ErrorCode::kPermissionDenied,
              "Permission denied");
}

TEST_CASE("Roles bundle grants for their agents") {
  auto hd = testing::OpenTestHelpdesk();
  auto op = RequestContext::LocalOperator();
  auto dan = MakeAgent(*hd, "dan");
  auto role = hd->Directory().CreateRole(op, R("Administrators"));
  REQUIRE_OK(role);
  REQUIRE_ERR(hd->Directory().CreateRole(op, R("administrators")), ErrorCode::kAlreadyExists,
              "Role name already exists");
  REQUIRE_ERR(hd->Directory().GrantRole(op, role->id, {2, {"root"}}), ErrorCode::kInvalidArgument,
              "Invalid permission key");
  auto granted = hd->Directory().GrantRole(op, role->id, {2, {"rw"}});
  REQUIRE_OK(granted);
  REQUIRE(granted->groups.size() == 1);

  REQUIRE_ERR(hd->Directory().CreateGroup(dan, G("x")), ErrorCode::kPermissionDenied, "Permission");
  auto assigned = hd->Directory().AssignRole(op, role->id, dan.principal.id);
  REQUIRE_OK(assigned);
  REQUIRE(assigned->user_ids == std::vector<std::int64_t>{dan.principal.id});
  REQUIRE_OK(hd->Directory().CreateGroup(dan, G("x")));
  auto seen = hd->Directory().GetAgent(op, dan.principal.id);
  REQUIRE_OK(seen);
  REQUIRE(seen->is_admin);

  REQUIRE_OK(hd->Directory().UnassignRole(op, role->id, dan.principal.id));
  REQUIRE_ERR(hd->Directory().CreateGroup(dan, G("y")), ErrorCode::kPermissionDenied, "Permission");
  REQUIRE_ERR(hd->Directory().AssignRole(op, 999, dan.principal.id), ErrorCode::kNotFound,
              "Role not found");
  auto roles = hd->Directory().ListRoles(op);
  REQUIRE_OK(roles);
  REQUIRE(roles->size() == 1);
}

}  // namespace
}  // namespace goatflow
