// The seed's quick start, exactly as its README shows it: log in as
// admin/admin with {"username","password"}, then list tickets with the token.

#include <boost/json.hpp>

#include "goatflow/tickets.h"
#include "http/http_fixture.h"

namespace goatflow {
namespace {

using testing::TestServer;

TEST_CASE("The seed's quick start works as written") {
  TestServer server;
  CreateTicketRequest request;
  request.title = "First ticket";
  request.queue_id = 2;
  request.body = "Hello";
  REQUIRE_OK(server.helpdesk().Tickets().Create(RequestContext::LocalOperator(), request));
  auto client = server.Client();

  auto login = client.Post("/api/v1/auth/login", {{"Content-Type", "application/json"}},
                           R"({"username":"admin","password":"admin"})", "application/json");
  REQUIRE(login);
  REQUIRE(login->status == 200);
  auto login_body = boost::json::parse(login->body).as_object();
  REQUIRE(login_body.at("success").as_bool());
  std::string jwt(login_body.at("data").at("access_token").as_string());

  auto tickets = client.Get("/api/v1/tickets", {{"Authorization", "Bearer " + jwt}});
  REQUIRE(tickets);
  INFO(tickets->body);
  REQUIRE(tickets->status == 200);
  REQUIRE(tickets->get_header_value("Content-Type") == "application/json; charset=utf-8");
  auto body = boost::json::parse(tickets->body).as_object();
  REQUIRE(body.at("success").as_bool());
  REQUIRE(body.at("data").as_array().size() == 1);
  REQUIRE(body.at("data").as_array()[0].at("title").as_string() == "First ticket");
  const auto& pagination = body.at("pagination").as_object();
  REQUIRE(pagination.at("page").as_int64() == 1);
  REQUIRE(pagination.at("per_page").as_int64() == 20);
  REQUIRE(pagination.at("total").as_int64() == 1);
  REQUIRE(pagination.at("total_pages").as_int64() == 1);
  REQUIRE_FALSE(pagination.at("has_next").as_bool());
  REQUIRE_FALSE(pagination.at("has_prev").as_bool());

  auto refused = client.Get("/api/v1/tickets");
  REQUIRE(refused->status == 401);
  auto error = boost::json::parse(refused->body).as_object();
  REQUIRE_FALSE(error.at("success").as_bool());
  REQUIRE(error.at("error").as_string() == "Authentication required");
}

}  // namespace
}  // namespace goatflow
