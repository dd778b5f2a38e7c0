// /api/v1/admin/groups, /admin/customer-users and /admin/customer-companies
// (api-v1.md §0): an administrator sets up permissions and customer accounts
// entirely over the API.

#include <string>

#include "goatflow/admin.h"
#include "http/http_fixture.h"

namespace goatflow {
namespace {

using testing::AccessToken;
using testing::Bearer;
using testing::BodyField;
using testing::CountAudit;
using testing::PermissionWorld;
using testing::TestServer;

constexpr const char* kJson = "application/json";

TEST_CASE("Admin groups: create, conflicts, update, members, protected delete") {
  TestServer server;
  Helpdesk& hd = server.helpdesk();
  PermissionWorld world(hd);
  const std::int64_t created_before = CountAudit(hd, "group.create");
  const std::int64_t grants_before = CountAudit(hd, "permission.change");
  auto client = server.Client();
  const auto admin = Bearer(world.admin_token);

  auto created =
      client.Post("/api/v1/admin/groups", admin, R"({"name":"billing","comments":"Money"})", kJson);
  REQUIRE(created->status == 201);
  const std::string id = BodyField(created, "/data/id");
  REQUIRE(BodyField(created, "/data/valid_id") == "1");
  auto duplicate = client.Post("/api/v1/admin/groups", admin, R"({"name":"BILLING"})", kJson);
  REQUIRE(duplicate->status == 409);
  REQUIRE(BodyField(duplicate, "/code") == "core:conflict");
  auto unnamed = client.Post("/api/v1/admin/groups", admin, R"({"comments":"x"})", kJson);
  REQUIRE(unnamed->status == 400);
  REQUIRE(BodyField(unnamed, "/details/field") == "name");

  auto updated =
      client.Put("/api/v1/admin/groups/" + id, admin, R"({"comments":"Invoices"})", kJson);
  REQUIRE(updated->status == 200);
  REQUIRE(BodyField(updated, "/data/comments") == "Invoices");
  REQUIRE(client.Get("/api/v1/admin/groups/" + id, admin)->status == 200);
  REQUIRE(client.Get("/api/v1/admin/groups/777", admin)->status == 404);

  REQUIRE(client
              .Put("/api/v1/admin/users/" + std::to_string(world.agent_none) + "/groups", admin,
                   R"([{"group_id":)" + id + R"(,"permissions":["ro","note"]}])", kJson)
              ->status == 200);
  auto members = client.Get("/api/v1/admin/groups/" + id + "/members", admin);
  REQUIRE(members->status == 200);
  REQUIRE(BodyField(members, "/data/0/login") == "agent_none");
  REQUIRE(BodyField(members, "/data/0/permissions") == R"(["ro","note"])");

  auto deleted = client.Delete("/api/v1/admin/groups/" + id, admin);
  REQUIRE(deleted->status == 200);
  REQUIRE(BodyField(deleted, "/data/valid_id") == "2");
  auto listed = client.Get("/api/v1/admin/groups?valid=2", admin);
  REQUIRE(BodyField(listed, "/data/0/name") == "billing");
  // The agents' picker no longer offers it.
  REQUIRE(client.Get("/api/v1/groups", Bearer(world.rw_token))->body.find("billing") ==
          std::string::npos);

  auto protected_group = client.Delete("/api/v1/admin/groups/2", admin);  // "admin"
  REQUIRE(protected_group->status == 409);
  REQUIRE(BodyField(protected_group, "/error") == "Cannot delete protected group");

  REQUIRE(CountAudit(hd, "group.create") == created_before + 1);
  REQUIRE(CountAudit(hd, "group.update") == 1);
  REQUIRE(CountAudit(hd, "group.delete") == 1);
  REQUIRE(CountAudit(hd, "permission.change") == grants_before + 1);
}

TEST_CASE("Admin customer companies and customer users, and the new customer signs in") {
  TestServer server;
  Helpdesk& hd = server.helpdesk();
  PermissionWorld world(hd);
  const std::int64_t companies_before = CountAudit(hd, "customer_company.create");
  const std::int64_t users_before = CountAudit(hd, "customer_user.create");
  auto client = server.Client();
  const auto admin = Bearer(world.admin_token);

  auto company =
      client.Post("/api/v1/admin/customer-companies", admin,
                  R"({"customer_id":"GLOBEX","name":"Globex Corp","city":"Springfield"})", kJson);
  REQUIRE(company->status == 201);
  REQUIRE(BodyField(company, "/data/city") == "Springfield");
  REQUIRE(client
              .Post("/api/v1/admin/customer-companies", admin,
                    R"({"customer_id":"GLOBEX","name":"Other"})", kJson)
              ->status == 409);
  auto renamed = client.Put("/api/v1/admin/customer-companies/GLOBEX", admin,
                            R"({"name":"Globex Corporation"})", kJson);
  REQUIRE(BodyField(renamed, "/data/name") == "Globex Corporation");
  auto companies = client.Get("/api/v1/admin/customer-companies?search=globex", admin);
  REQUIRE(BodyField(companies, "/pagination/total") == "1");
  REQUIRE(client.Get("/api/v1/admin/customer-companies/NOPE", admin)->status == 404);

  auto user = client.Post("/api/v1/admin/customer-users", admin,
                          R"({"login":"homer","email":"homer@globex.example","first_name":"Homer",)"
                          R"("last_name":"S","customer_id":"GLOBEX",)"
                          R"("password":"Correct-Horse-42-battery"})",
                          kJson);
  REQUIRE(user->status == 201);
  REQUIRE(BodyField(user, "/data/customer_id") == "GLOBEX");
  REQUIRE(user->body.find("\"pw\"") == std::string::npos);
  auto agent_login = client.Post("/api/v1/admin/customer-users", admin,
                                 R"({"login":"agent_rw","first_name":"A","last_name":"B"})", kJson);
  REQUIRE(agent_login->status == 409);  // logins are unique across principals
  REQUIRE(client
              .Post("/api/v1/admin/customer-users", admin,
                    R"({"login":"marge","first_name":"M","last_name":"S",)"
                    R"("email":"HOMER@globex.example"})",
                    kJson)
              ->status == 409);

  const std::string homer = AccessToken(hd, "homer");
  REQUIRE(BodyField(client.Get("/api/v1/users/me", Bearer(homer)), "/data/role") == "Customer");

  auto phone =
      client.Put("/api/v1/admin/customer-users/homer", admin, R"({"phone":"555-0100"})", kJson);
  REQUIRE(BodyField(phone, "/data/phone") == "555-0100");
  auto users = client.Get("/api/v1/admin/customer-users?customer_id=GLOBEX", admin);
  REQUIRE(BodyField(users, "/data/0/login") == "homer");
  REQUIRE(client.Get("/api/v1/admin/customer-users/homer", admin)->status == 200);

  auto disabled = client.Delete("/api/v1/admin/customer-users/homer", admin);
  REQUIRE(disabled->status == 200);
  REQUIRE(BodyField(disabled, "/data/valid_id") == "2");
  REQUIRE(client.Get("/api/v1/users/me", Bearer(homer))->status == 401);
  REQUIRE(client.Delete("/api/v1/admin/customer-users/nobody", admin)->status == 404);

  auto company_off = client.Delete("/api/v1/admin/customer-companies/GLOBEX", admin);
  REQUIRE(BodyField(company_off, "/data/valid_id") == "2");

  REQUIRE(CountAudit(hd, "customer_company.create") == companies_before + 1);
  REQUIRE(CountAudit(hd, "customer_company.update") == 1);
  REQUIRE(CountAudit(hd, "customer_company.delete") == 1);
  REQUIRE(CountAudit(hd, "customer_user.create") == users_before + 1);
  REQUIRE(CountAudit(hd, "customer_user.update") == 1);
  REQUIRE(CountAudit(hd, "customer_user.delete") == 1);
}

}  // namespace
}  // namespace goatflow
