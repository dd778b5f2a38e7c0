#pragma once

// A file database with agents and a customer for the AuthService suites.
// Accounts are inserted with SQL (the directory service owns their creation);
// each gets the admin account's password hash, i.e. the password "admin".

#include <sqlite3.h>

#include <memory>
#include <string>

#include "goatflow/auth.h"
#include "goatflow/helpdesk.h"
#include "support/test_support.h"

namespace goatflow::testing {

inline const TimePoint kAuthStart = TimePoint(std::chrono::seconds(1767225600));

struct AuthFixture {
  TempDir dir;
  std::string path = dir.File("auth.db");
  std::shared_ptr<FakeClock> clock = std::make_shared<FakeClock>(kAuthStart);
  std::unique_ptr<Helpdesk> hd;

  explicit AuthFixture(OpenOptions options = TestOptions()) {
    options.path = path;
    options.clock = clock;
    hd = OpenTestHelpdesk(options);
    Sql(R"sql(
      INSERT INTO users (id, login, pw, first_name, last_name, valid_id, create_by, change_by)
        SELECT 2, 'alice', pw, 'Alice', 'Agent', 1, 1, 1 FROM users WHERE id = 1;
      INSERT INTO users (id, login, pw, first_name, last_name, valid_id, create_by, change_by)
        SELECT 3, 'bob', pw, 'Bob', 'Disabled', 2, 1, 1 FROM users WHERE id = 1;
      INSERT INTO user_preferences (user_id, preferences_key, preferences_value)
        VALUES (2, 'UserEmail', 'alice@example.com'), (2, 'UserTOTPSecret', 'JBSWY3DPEHPK3PXP');
      INSERT INTO customer_user (id, login, email, customer_id, pw, first_name, last_name,
                                 valid_id, create_by, change_by)
        SELECT 2, 'cust', 'cust@example.com', 'ACME', pw, 'Cu', 'Stomer', 1, 1, 1
          FROM users WHERE id = 1;
    )sql");
  }

  void Sql(const std::string& sql) const {
    sqlite3* db = nullptr;
    REQUIRE(sqlite3_open(path.c_str(), &db) == SQLITE_OK);
    sqlite3_busy_timeout(db, 5000);
    char* error = nullptr;
    int rc = sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &error);
    INFO((error ? error : ""));
    sqlite3_free(error);
    sqlite3_close(db);
    REQUIRE(rc == SQLITE_OK);
  }

  std::string QueryText(const std::string& sql) const {
    sqlite3* db = nullptr;
    REQUIRE(sqlite3_open(path.c_str(), &db) == SQLITE_OK);
    std::string out;
    sqlite3_exec(
        db, sql.c_str(),
        [](void* arg, int columns, char** values, char**) {
          auto* text = static_cast<std::string*>(arg);
          for (int i = 0; i < columns; ++i)
            *text += (values[i] ? values[i] : "NULL") + std::string(i + 1 < columns ? "|" : "");
          *text += "\n";
          return 0;
        },
        &out, nullptr);
    sqlite3_close(db);
    return out;
  }

  AuthService& auth() { return hd->Auth(); }

  static RequestContext From(const std::string& ip) {
    RequestContext ctx;
    ctx.client_ip = ip;
    ctx.user_agent = "test-agent";
    return ctx;
  }

  LoginResult Login(const std::string& login, const std::string& password = "admin",
                    const std::string& ip = "192.0.2.1") {
    auto r = auth().Login(From(ip), {login, password});
    REQUIRE_OK(r);
    return std::move(r).value();
  }

  Result<RequestContext> Bearer(const std::string& token) {
    Credentials creds;
    creds.authorization = "Bearer " + token;
    return auth().Authenticate(From("192.0.2.1"), creds);
  }

  RequestContext AsBearer(const std::string& token) {
    auto ctx = Bearer(token);
    REQUIRE_OK(ctx);
    return std::move(ctx).value();
  }
};

#define REQUIRE_WIRE(expr, wire)                            \
  do {                                                      \
    const auto& goatflow_w_ = (expr);                       \
    REQUIRE_FALSE(goatflow_w_.ok());                        \
    INFO(goatflow::testing::Describe(goatflow_w_.error())); \
    REQUIRE(goatflow_w_.error().wire_code == (wire));       \
  } while (false)

}  // namespace goatflow::testing
