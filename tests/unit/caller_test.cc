#include "service/caller.h"
#include "store/db.h"
#include "store/txn.h"
#include "support/test_support.h"

namespace goatflow::service {
namespace {

struct Fixture {
  testing::TempDir dir;
  std::unique_ptr<store::Db> db;
  Fixture() {
    testing::OpenTestHelpdesk(testing::TestOptions(dir.File("hd.db")));
    db = store::Db::Open({dir.File("hd.db"), store::OpenFlags::kReadWrite, "OFF", 1000}).value();
    REQUIRE_OK(db->Exec(R"sql(
      INSERT INTO users (id, login, pw, first_name, last_name, valid_id, create_by, change_by)
        VALUES (2, 'alice', '', 'Alice', 'A', 1, 1, 1), (3, 'bob', '', 'Bob', 'B', 2, 1, 1),
               (4, 'carol', '', 'Carol', 'C', 1, 1, 1);
      INSERT INTO groups (id, name, valid_id, create_by, change_by)
        VALUES (10, 'support', 1, 1, 1), (11, 'retired', 2, 1, 1);
      INSERT INTO group_user (user_id, group_id, permission_key, create_by, change_by)
        VALUES (2, 10, 'ro', 1, 1), (2, 11, 'rw', 1, 1), (2, 2, 'ro', 1, 1);
      INSERT INTO roles (id, name, valid_id, create_by, change_by) VALUES (1, 'leads', 1, 1, 1),
        (2, 'old', 2, 1, 1);
      INSERT INTO role_user (user_id, role_id, create_by, change_by) VALUES (2, 1, 1, 1), (4, 2, 1, 1);
      INSERT INTO group_role (role_id, group_id, permission_key, create_by, change_by)
        VALUES (1, 10, 'note', 1, 1), (2, 2, 'rw', 1, 1);
      INSERT INTO customer_user (id, login, email, customer_id, first_name, last_name, valid_id,
                                 create_by, change_by)
        VALUES (2, 'cust', 'c@example.com', 'ACME', 'Cu', 'St', 1, 1, 1);
    )sql"));
  }
};

RequestContext As(PrincipalKind kind, std::int64_t id) {
  RequestContext ctx;
  ctx.principal = {kind, id, ""};
  return ctx;
}

TEST_CASE("Agent grants merge direct and role grants on valid groups only") {
  Fixture f;
  auto alice = LoadCaller(*f.db, As(PrincipalKind::kAgent, 2));
  REQUIRE_OK(alice);
  REQUIRE(alice->login == "alice");
  REQUIRE(alice->grants.by_group.at(10) ==
          (rbac::Bit(rbac::Permission::kRo) | rbac::Bit(rbac::Permission::kNote)));
  REQUIRE(alice->grants.by_group.count(11) == 0);  // invalid group
  REQUIRE_FALSE(alice->is_admin);                   // ro on admin is not admin
}

TEST_CASE("Disabled agents and unknown ids are unauthenticated") {
  Fixture f;
  REQUIRE_ERR(LoadCaller(*f.db, As(PrincipalKind::kAgent, 3)), ErrorCode::kUnauthenticated,
              "Authentication required");
  REQUIRE_ERR(LoadCaller(*f.db, As(PrincipalKind::kAgent, 99)), ErrorCode::kUnauthenticated, "");
  REQUIRE_ERR(LoadCaller(*f.db, RequestContext{}), ErrorCode::kUnauthenticated, "");
}

TEST_CASE("A role on an invalid role grants nothing") {
  Fixture f;
  auto carol = LoadCaller(*f.db, As(PrincipalKind::kAgent, 4));
  REQUIRE_OK(carol);
  REQUIRE_FALSE(carol->is_admin);
  REQUIRE(carol->grants.by_group.empty());
}

TEST_CASE("Customer and agent ids are separate identities") {
  Fixture f;
  auto customer = LoadCaller(*f.db, As(PrincipalKind::kCustomer, 2));
  REQUIRE_OK(customer);
  REQUIRE(customer->login == "cust");
  REQUIRE(customer->company == "ACME");
  REQUIRE(customer->grants.by_group.empty());  // agent 2's grants do not leak
  REQUIRE(customer->ActingUserId() == 1);
}

// Callers are cached per connection (store/catalog.h); a change made on any
// other connection applies to the very next use case.
TEST_CASE("Grant and account changes from another connection apply to the next call") {
  Fixture f;
  auto other = store::Db::Open({f.dir.File("hd.db"), store::OpenFlags::kReadWrite, "OFF", 1000});
  REQUIRE_OK(other);
  auto load = [&](std::int64_t id) {
    auto txn = store::Txn::Begin(*f.db, store::Txn::Mode::kDeferred);
    REQUIRE_OK(txn);
    return LoadCaller(*f.db, As(PrincipalKind::kAgent, id));
  };
  REQUIRE(load(2)->grants.by_group.count(10) == 1);
  REQUIRE(load(2)->grants.by_group.count(10) == 1);  // cached now
  REQUIRE_OK((*other)->Exec("DELETE FROM group_user WHERE user_id = 2 AND group_id = 10; "
                            "DELETE FROM role_user WHERE user_id = 2"));
  REQUIRE(load(2)->grants.by_group.count(10) == 0);
  REQUIRE_OK((*other)->Exec("UPDATE groups SET name = 'admin2' WHERE id = 2; "
                            "INSERT INTO group_user (user_id, group_id, permission_key, create_by, "
                            "change_by) VALUES (4, 10, 'rw', 1, 1)"));
  REQUIRE(load(4)->grants.by_group.count(10) == 1);
  REQUIRE_OK((*other)->Exec("UPDATE users SET valid_id = 2 WHERE id = 2"));
  REQUIRE_ERR(load(2), ErrorCode::kUnauthenticated, "Authentication required");
  REQUIRE_OK((*other)->Exec("UPDATE users SET valid_id = 1, login = 'alicia' WHERE id = 2"));
  REQUIRE(load(2)->login == "alicia");
}

TEST_CASE("The local operator is an administrator acting as user 1") {
  Fixture f;
  auto op = LoadCaller(*f.db, RequestContext::LocalOperator());
  REQUIRE_OK(op);
  REQUIRE(op->is_admin);
  REQUIRE(op->ActingUserId() == 1);
}

}  // namespace
}  // namespace goatflow::service
