// Customer administration (api-v1.md §0): /api/v1/admin/customer-users and
// /api/v1/admin/customer-companies.

#include "goatflow/customers.h"
#include "goatflow/json.h"
#include "server/body.h"
#include "server/query_params.h"
#include "server/routes.h"

namespace goatflow::server {
namespace {

Result<ListCustomersRequest> ListQuery(HttpRequest& req) {
  ListCustomersRequest request;
  request.page = req.Page();
  request.search = req.Query("search").value_or("");
  request.customer_id = req.Query("customer_id").value_or("");
  auto include_invalid = ParseBoolParam(req.Query("include_invalid"), "include_invalid");
  if (!include_invalid.ok()) return std::move(include_invalid).error();
  request.include_invalid = *include_invalid;
  return request;
}

Reply CreateCustomerUser(Helpdesk& hd, HttpRequest& req) {
  GOATFLOW_HTTP_ASSIGN(auto body, req.JsonBody());
  BodyReader in(body);
  CreateCustomerUserRequest request;
  request.login = in.String("login").value_or("");
  request.first_name = in.String("first_name").value_or("");
  request.last_name = in.String("last_name").value_or("");
  request.email = in.String("email");
  request.customer_id = in.String("customer_id");
  request.password = in.String("password");
  request.title = in.String("title");
  request.phone = in.String("phone");
  request.valid_id = static_cast<int>(in.Int("valid_id").value_or(1));
  if (!in.ok()) return Fail(in.error());
  return Render(hd.Customers().CreateUser(req.context(), request), 201);
}

Reply UpdateCustomerUser(Helpdesk& hd, HttpRequest& req) {
  GOATFLOW_HTTP_ASSIGN(auto body, req.JsonBody());
  BodyReader in(body);
  UpdateCustomerUserRequest request;
  request.first_name = in.String("first_name");
  request.last_name = in.String("last_name");
  request.email = in.String("email");
  request.customer_id = in.String("customer_id");
  request.password = in.String("password");
  request.title = in.String("title");
  request.phone = in.String("phone");
  if (auto valid = in.Int("valid_id")) request.valid_id = static_cast<int>(*valid);
  if (!in.ok()) return Fail(in.error());
  return Render(hd.Customers().UpdateUser(req.context(), req.PathParam("login"), request));
}

CompanyFields ReadCompanyFields(BodyReader& in) {
  CompanyFields fields;
  fields.street = in.String("street");
  fields.zip = in.String("zip");
  fields.city = in.String("city");
  fields.country = in.String("country");
  fields.url = in.String("url");
  fields.comments = in.String("comments");
  return fields;
}

Reply CreateCompany(Helpdesk& hd, HttpRequest& req) {
  GOATFLOW_HTTP_ASSIGN(auto body, req.JsonBody());
  BodyReader in(body);
  CreateCompanyRequest request;
  request.customer_id = in.String("customer_id").value_or("");
  request.name = in.String("name").value_or("");
  request.fields = ReadCompanyFields(in);
  if (!in.ok()) return Fail(in.error());
  return Render(hd.Customers().CreateCompany(req.context(), request), 201);
}

Reply UpdateCompany(Helpdesk& hd, HttpRequest& req) {
  GOATFLOW_HTTP_ASSIGN(auto body, req.JsonBody());
  BodyReader in(body);
  UpdateCompanyRequest request;
  request.name = in.String("name");
  request.fields = ReadCompanyFields(in);
  if (auto valid = in.Int("valid_id")) request.valid_id = static_cast<int>(*valid);
  if (!in.ok()) return Fail(in.error());
  return Render(hd.Customers().UpdateCompany(req.context(), req.PathParam("customer_id"), request));
}

}  // namespace

void RegisterAdminCustomerRoutes(Router& router, Helpdesk& hd) {
  const RouteOptions admin = AdminRouteOptions();
  router.Get(
      "/api/v1/admin/customer-users",
      [&hd](HttpRequest& req) -> Reply {
        GOATFLOW_HTTP_ASSIGN(auto request, ListQuery(req));
        GOATFLOW_HTTP_ASSIGN(auto page, hd.Customers().ListUsers(req.context(), request));
        return List(json::ToJson(page.items), page.pagination);
      },
      admin);
  router.Post(
      "/api/v1/admin/customer-users",
      [&hd](HttpRequest& req) { return CreateCustomerUser(hd, req); }, admin);
  router.Get(
      "/api/v1/admin/customer-users/:login",
      [&hd](HttpRequest& req) {
        return Render(hd.Customers().GetUser(req.context(), req.PathParam("login")));
      },
      admin);
  router.Put(
      "/api/v1/admin/customer-users/:login",
      [&hd](HttpRequest& req) { return UpdateCustomerUser(hd, req); }, admin);
  router.Delete(
      "/api/v1/admin/customer-users/:login",
      [&hd](HttpRequest& req) {
        return Render(hd.Customers().DisableUser(req.context(), req.PathParam("login")));
      },
      admin);

  router.Get(
      "/api/v1/admin/customer-companies",
      [&hd](HttpRequest& req) -> Reply {
        GOATFLOW_HTTP_ASSIGN(auto request, ListQuery(req));
        GOATFLOW_HTTP_ASSIGN(auto page, hd.Customers().ListCompanies(req.context(), request));
        return List(json::ToJson(page.items), page.pagination);
      },
      admin);
  router.Post(
      "/api/v1/admin/customer-companies",
      [&hd](HttpRequest& req) { return CreateCompany(hd, req); }, admin);
  router.Get(
      "/api/v1/admin/customer-companies/:customer_id",
      [&hd](HttpRequest& req) {
        return Render(hd.Customers().GetCompany(req.context(), req.PathParam("customer_id")));
      },
      admin);
  router.Put(
      "/api/v1/admin/customer-companies/:customer_id",
      [&hd](HttpRequest& req) { return UpdateCompany(hd, req); }, admin);
  router.Delete(
      "/api/v1/admin/customer-companies/:customer_id",
      [&hd](HttpRequest& req) {
        return Render(hd.Customers().DisableCompany(req.context(), req.PathParam("customer_id")));
      },
      admin);
}

}  // namespace goatflow::server
