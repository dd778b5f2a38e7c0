// Migration 0001's default data (domain.md §9), checked on a real file.
#include "auth/password.h"
#include "service/caller.h"
#include "store/db.h"
#include "support/test_support.h"

namespace goatflow {
namespace {

struct Fixture {
  testing::TempDir dir;
  std::unique_ptr<store::Db> db;
  Fixture() {
    auto options = testing::TestOptions(dir.File("hd.db"));
    options.initial_admin_password = "Initial1Pass";
    testing::OpenTestHelpdesk(options);
    db = store::Db::Open({dir.File("hd.db"), store::OpenFlags::kReadWrite, "OFF", 1000}).value();
  }
  std::vector<std::string> Column(const std::string& sql) {
    auto stmt = db->Prepare(sql);
    REQUIRE_OK(stmt);
    std::vector<std::string> out;
    while (stmt->Step().value()) out.push_back(stmt->Text(0));
    return out;
  }
};

TEST_CASE("The nine OTRS states with their state types") {
  Fixture f;
  REQUIRE(f.Column("SELECT s.id || ':' || s.name || ':' || t.name FROM ticket_state s "
                   "JOIN ticket_state_type t ON t.id = s.type_id WHERE s.valid_id = 1 ORDER BY s.id") ==
          std::vector<std::string>{"1:new:new", "2:closed successful:closed",
                                   "3:closed unsuccessful:closed", "4:open:open",
                                   "5:removed:removed", "6:pending reminder:pending reminder",
                                   "7:pending auto close+:pending auto",
                                   "8:pending auto close-:pending auto", "9:merged:merged"});
}

TEST_CASE("Priorities, types, lock types, groups and queues") {
  Fixture f;
  REQUIRE(f.Column("SELECT name FROM ticket_priority ORDER BY id") ==
          std::vector<std::string>{"1 very low", "2 low", "3 normal", "4 high", "5 very high"});
  REQUIRE(f.Column("SELECT name FROM ticket_type ORDER BY id") ==
          std::vector<std::string>{"Unclassified", "Incident", "Service Request", "Problem",
                                   "Change Request"});
  REQUIRE(f.Column("SELECT name FROM ticket_lock_type ORDER BY id") ==
          std::vector<std::string>{"unlock", "lock", "tmp_lock"});
  REQUIRE(f.Column("SELECT name FROM groups ORDER BY id") ==
          std::vector<std::string>{"users", "admin", "stats"});
  REQUIRE(f.Column("SELECT name || ':' || group_id || ':' || follow_up_id FROM queue ORDER BY id") ==
          std::vector<std::string>{"Postmaster:1:1", "Raw:1:1", "Junk:1:2", "Misc:1:1"});
  REQUIRE(f.Column("SELECT count(*) FROM ticket_history_type WHERE name IN ('NewTicket', "
                   "'StateUpdate', 'Merged', 'ArchiveFlagUpdate', 'TitleUpdate', 'Lock')") ==
          std::vector<std::string>{"6"});
  REQUIRE(f.Column("SELECT count(*) FROM ticket") == std::vector<std::string>{"0"});
}

TEST_CASE("The admin account is valid, hashed with Argon2id and an administrator") {
  Fixture f;
  REQUIRE(f.Column("SELECT login || ':' || first_name || ' ' || last_name || ':' || valid_id "
                   "FROM users") ==
          std::vector<std::string>{"admin:System Administrator:1"});
  std::string hash = f.Column("SELECT pw FROM users WHERE id = 1").at(0);
  REQUIRE(hash.rfind("$argon2id$", 0) == 0);
  REQUIRE(auth::VerifyPassword(hash, "Initial1Pass"));
  REQUIRE_FALSE(auth::VerifyPassword(hash, "admin"));
  REQUIRE(f.Column("SELECT group_id || ':' || permission_key FROM group_user WHERE user_id = 1 "
                   "ORDER BY group_id") ==
          std::vector<std::string>{"1:rw", "2:rw", "3:rw"});

  RequestContext ctx;
  ctx.principal = {PrincipalKind::kAgent, 1, "admin"};
  auto caller = service::LoadCaller(*f.db, ctx);
  REQUIRE_OK(caller);
  REQUIRE(caller->is_admin);
}

}  // namespace
}  // namespace goatflow
