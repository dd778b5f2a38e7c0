#include "core/time.h"
#include "service/audit.h"
#include "store/db.h"
#include "support/test_support.h"

namespace goatflow::service {
namespace {

TEST_CASE("Audit entries record the actor and cannot be changed or deleted") {
  testing::TempDir dir;
  testing::OpenTestHelpdesk(testing::TestOptions(dir.File("hd.db")));
  auto db = store::Db::Open({dir.File("hd.db"), store::OpenFlags::kReadWrite, "OFF", 1000}).value();

  RequestContext ctx;
  ctx.principal = {PrincipalKind::kAgent, 1, "admin"};
  ctx.auth_method = AuthMethod::kJwt;
  ctx.client_ip = "127.0.0.1";
  ctx.request_id = "req-1";
  AuditEntry entry{"queue.create", AuditOutcome::kSuccess, "queue", "5", "Support", "",
                   {{"name", "Support"}}};
  REQUIRE_OK(WriteAudit(*db, ctx, core::FromUnixSeconds(1740820500), entry));

  auto stmt = db->Prepare(
      "SELECT create_time, actor_kind, actor_id, actor_login, auth_method, action, target_type, "
      "target_id, target_identifier, outcome, ip_address, request_id, details FROM audit_log");
  REQUIRE(stmt->Step().value());
  REQUIRE(stmt->Text(0) == "2025-03-01 09:15:00");
  REQUIRE(stmt->Text(1) == "agent");
  REQUIRE(stmt->Int(2) == 1);
  REQUIRE(stmt->Text(3) == "admin");
  REQUIRE(stmt->Text(4) == "jwt");
  REQUIRE(stmt->Text(5) == "queue.create");
  REQUIRE(stmt->Text(6) == "queue");
  REQUIRE(stmt->Text(7) == "5");
  REQUIRE(stmt->Text(8) == "Support");
  REQUIRE(stmt->Text(9) == "success");
  REQUIRE(stmt->Text(10) == "127.0.0.1");
  REQUIRE(stmt->Text(11) == "req-1");
  REQUIRE(stmt->Text(12) == R"({"name":"Support"})");

  REQUIRE_FALSE(db->Exec("UPDATE audit_log SET outcome = 'failure'").ok());
  REQUIRE_FALSE(db->Exec("DELETE FROM audit_log").ok());
  REQUIRE(db->QueryInt("SELECT count(*) FROM audit_log WHERE outcome = 'success'").value() == 1);
}

}  // namespace
}  // namespace goatflow::service
