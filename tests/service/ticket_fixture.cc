#include "ticket_fixture.h"

#include <fmt/format.h>
#include <sqlite3.h>

namespace goatflow::testing {

TimePoint FixtureStart() {
  return std::chrono::sys_days{std::chrono::year{2026} / 3 / 1} + std::chrono::hours{9};
}

TicketFixture::TicketFixture() : path_(dir_.File("tickets.db")) {
  clock_ = std::make_shared<FakeClock>(FixtureStart());
  OpenOptions options = TestOptions(path_);
  options.clock = clock_;
  helpdesk_ = OpenTestHelpdesk(options);
}

void TicketFixture::Sql(const std::string& sql) {
  sqlite3* db = nullptr;
  REQUIRE(sqlite3_open(path_.c_str(), &db) == SQLITE_OK);
  sqlite3_busy_timeout(db, 5000);
  char* message = nullptr;
  int rc = sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &message);
  std::string error = message ? message : "";
  sqlite3_free(message);
  sqlite3_close(db);
  INFO(sql << "\n" << error);
  REQUIRE(rc == SQLITE_OK);
}

std::int64_t TicketFixture::QueryInt(const std::string& sql) {
  sqlite3* db = nullptr;
  REQUIRE(sqlite3_open(path_.c_str(), &db) == SQLITE_OK);
  sqlite3_stmt* stmt = nullptr;
  REQUIRE(sqlite3_prepare_v2(db, sql.c_str(), -1, &stmt, nullptr) == SQLITE_OK);
  std::int64_t value = -1;
  if (sqlite3_step(stmt) == SQLITE_ROW) value = sqlite3_column_int64(stmt, 0);
  sqlite3_finalize(stmt);
  sqlite3_close(db);
  return value;
}

std::int64_t TicketFixture::AddGroup(const std::string& name) {
  Sql(fmt::format(
      "INSERT INTO groups (name, valid_id, create_by, change_by) VALUES ('{}', 1, 1, 1)", name));
  return QueryInt(fmt::format("SELECT id FROM groups WHERE name = '{}'", name));
}

std::int64_t TicketFixture::AddQueue(const std::string& name, std::int64_t group_id) {
  Sql(
      fmt::format("INSERT INTO queue (name, group_id, valid_id, create_by, change_by) "
                  "VALUES ('{}', {}, 1, 1, 1)",
                  name, group_id));
  return QueryInt(fmt::format("SELECT id FROM queue WHERE name = '{}'", name));
}

std::int64_t TicketFixture::AddAgent(const std::string& login, std::int64_t group_id,
                                     const std::vector<std::string>& keys) {
  Sql(
      fmt::format("INSERT INTO users (login, pw, first_name, last_name, valid_id, create_by, "
                  "change_by) VALUES ('{}', '', '{}', 'Agent', 1, 1, 1)",
                  login, login));
  std::int64_t id = QueryInt(fmt::format("SELECT id FROM users WHERE login = '{}'", login));
  for (const std::string& key : keys) Grant(id, group_id, key);
  return id;
}

void TicketFixture::Grant(std::int64_t user_id, std::int64_t group_id, const std::string& key) {
  Sql(
      fmt::format("INSERT INTO group_user (user_id, group_id, permission_key, create_by, "
                  "change_by) VALUES ({}, {}, '{}', 1, 1)",
                  user_id, group_id, key));
}

std::int64_t TicketFixture::AddCustomer(const std::string& login, const std::string& company) {
  Sql(
      fmt::format("INSERT INTO customer_user (login, email, customer_id, first_name, last_name, "
                  "valid_id, create_by, change_by) VALUES ('{0}', '{0}@example.com', '{1}', "
                  "'{0}', 'Customer', 1, 1, 1)",
                  login, company));
  return QueryInt(fmt::format("SELECT id FROM customer_user WHERE login = '{}'", login));
}

RequestContext TicketFixture::Agent(std::int64_t id) {
  RequestContext ctx;
  ctx.principal = {PrincipalKind::kAgent, id, ""};
  ctx.auth_method = AuthMethod::kPassword;
  return ctx;
}

RequestContext TicketFixture::Customer(std::int64_t id) {
  RequestContext ctx;
  ctx.principal = {PrincipalKind::kCustomer, id, ""};
  ctx.auth_method = AuthMethod::kPassword;
  return ctx;
}

Ticket TicketFixture::NewTicket(std::int64_t queue_id, const std::string& title,
                                const std::string& customer) {
  CreateTicketRequest request;
  request.title = title;
  request.queue_id = queue_id;
  request.body = "It is really on fire.";
  if (!customer.empty()) request.customer_user_id = customer;
  auto ticket = tickets().Create(Admin(), request);
  REQUIRE_OK(ticket);
  return std::move(ticket).value();
}

}  // namespace goatflow::testing
