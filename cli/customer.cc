// goatflow customer add|list|show|update|disable (customer users) and
// customer company-add|company-list|company-show|company-update|company-disable.

#include <memory>

#include "cli.h"
#include "goatflow/customers.h"
#include "goatflow/json.h"
#include "output.h"

namespace goatflow::cli {
namespace {

struct CustomerArgs {
  std::string login, first_name, last_name, email, company, password, title, phone;
  std::string customer_id, name, street, zip, city, country, url, comments, search;
  int valid_id = 1;
  std::int64_t page = 1, limit = 20;
  bool all = false;
};

// Options of a customer user; pointers tell which were given.
struct UserOptions {
  CLI::Option *first = nullptr, *last = nullptr, *email = nullptr, *company = nullptr,
              *password = nullptr, *title = nullptr, *phone = nullptr, *valid = nullptr;
};

struct CompanyOptions {
  CLI::Option *name = nullptr, *street = nullptr, *zip = nullptr, *city = nullptr,
              *country = nullptr, *url = nullptr, *comments = nullptr, *valid = nullptr;
};

UserOptions AddUserOptions(CLI::App* sub, CustomerArgs& a, bool required_names) {
  UserOptions o;
  o.first = sub->add_option("--first-name", a.first_name, "First name");
  o.last = sub->add_option("--last-name", a.last_name, "Last name");
  if (required_names) {
    o.first->required();
    o.last->required();
  }
  o.email = sub->add_option("--email", a.email, "E-mail address");
  o.company = sub->add_option("--company", a.company, "Company key (customer_id)");
  o.password = sub->add_option("--password", a.password, "Password (policy applies)");
  o.title = sub->add_option("--title", a.title, "Title");
  o.phone = sub->add_option("--phone", a.phone, "Phone");
  return o;
}

CompanyOptions AddCompanyOptions(CLI::App* sub, CustomerArgs& a) {
  CompanyOptions o;
  o.street = sub->add_option("--street", a.street, "Street");
  o.zip = sub->add_option("--zip", a.zip, "Postcode");
  o.city = sub->add_option("--city", a.city, "City");
  o.country = sub->add_option("--country", a.country, "Country");
  o.url = sub->add_option("--url", a.url, "Web address");
  o.comments = sub->add_option("--comments", a.comments, "Comments");
  return o;
}

CompanyFields Fields(const CompanyOptions& o, const CustomerArgs& a) {
  CompanyFields f;
  f.street = IfGiven(o.street, a.street);
  f.zip = IfGiven(o.zip, a.zip);
  f.city = IfGiven(o.city, a.city);
  f.country = IfGiven(o.country, a.country);
  f.url = IfGiven(o.url, a.url);
  f.comments = IfGiven(o.comments, a.comments);
  return f;
}

Status PrintUser(const Globals& globals, Result<CustomerUser> user) {
  if (!user.ok()) return std::move(user).error();
  if (globals.json) {
    PrintLine(json::ToJson(*user));
    return OkStatus();
  }
  PrintKeyValues({{"id", std::to_string(user->id)},
                  {"login", user->login},
                  {"name", user->first_name + " " + user->last_name},
                  {"email", user->email.value_or("")},
                  {"company", user->customer_id.value_or("")},
                  {"password", user->has_password ? "set" : "none"},
                  {"valid", user->valid_id == 1 ? "yes" : "no"}});
  return OkStatus();
}

Status PrintCompany(const Globals& globals, Result<CustomerCompany> company) {
  if (!company.ok()) return std::move(company).error();
  if (globals.json) {
    PrintLine(json::ToJson(*company));
    return OkStatus();
  }
  PrintKeyValues({{"customer id", company->customer_id},
                  {"name", company->name},
                  {"city", company->city.value_or("")},
                  {"country", company->country.value_or("")},
                  {"valid", company->valid_id == 1 ? "yes" : "no"}});
  return OkStatus();
}

}  // namespace

void RegisterCustomer(CLI::App& app, Globals& globals) {
  auto* customer = app.add_subcommand("customer", "Manage customer users and companies (admin)");
  customer->require_subcommand(1);
  auto a = std::make_shared<CustomerArgs>();

  auto* add = customer->add_subcommand("add", "Create a customer user");
  add->add_option("login", a->login, "Login")->required();
  auto add_opts = AddUserOptions(add, *a, true);
  OnRun(add, globals, [&globals, a, add_opts]() -> Status {
    return WithHelpdesk(globals, [&](Helpdesk& hd, const RequestContext& ctx) {
      CreateCustomerUserRequest r;
      r.login = a->login;
      r.first_name = a->first_name;
      r.last_name = a->last_name;
      r.email = IfGiven(add_opts.email, a->email);
      r.customer_id = IfGiven(add_opts.company, a->company);
      r.password = IfGiven(add_opts.password, a->password);
      r.title = IfGiven(add_opts.title, a->title);
      r.phone = IfGiven(add_opts.phone, a->phone);
      return PrintUser(globals, hd.Customers().CreateUser(ctx, r));
    });
  });

  auto* list = customer->add_subcommand("list", "List customer users by login");
  list->add_option("--search", a->search, "Login, name or e-mail contains");
  list->add_option("--company", a->company, "Only users of this company");
  list->add_flag("--all", a->all, "Include disabled users");
  list->add_option("--page", a->page, "Page (default 1)");
  list->add_option("--limit", a->limit, "Per page, 1-100 (default 20)");
  OnRun(list, globals, [&globals, a]() -> Status {
    return WithHelpdesk(globals, [&](Helpdesk& hd, const RequestContext& ctx) -> Status {
      ListCustomersRequest r{{a->page, a->limit}, a->all, a->search, a->company};
      auto page = hd.Customers().ListUsers(ctx, r);
      if (!page.ok()) return std::move(page).error();
      if (globals.json) {
        PrintLine(json::ToJson(*page));
        return OkStatus();
      }
      std::vector<std::vector<std::string>> rows;
      for (const CustomerUser& u : page->items)
        rows.push_back({std::to_string(u.id), u.login, u.first_name + " " + u.last_name,
                        u.email.value_or(""), u.customer_id.value_or(""),
                        u.valid_id == 1 ? "yes" : "no"});
      PrintTable({"ID", "LOGIN", "NAME", "EMAIL", "COMPANY", "VALID"}, rows);
      PrintPageFooter(page->pagination, "customer users");
      return OkStatus();
    });
  });

  auto* show = customer->add_subcommand("show", "Show a customer user");
  show->add_option("login", a->login, "Login")->required();
  OnRun(show, globals, [&globals, a]() -> Status {
    return WithHelpdesk(globals, [&](Helpdesk& hd, const RequestContext& ctx) {
      return PrintUser(globals, hd.Customers().GetUser(ctx, a->login));
    });
  });

  auto* update = customer->add_subcommand("update", "Change a customer user");
  update->add_option("login", a->login, "Login")->required();
  auto upd = AddUserOptions(update, *a, false);
  upd.valid = update->add_option("--valid-id", a->valid_id, "1 valid, 2 invalid");
  OnRun(update, globals, [&globals, a, upd]() -> Status {
    return WithHelpdesk(globals, [&](Helpdesk& hd, const RequestContext& ctx) {
      UpdateCustomerUserRequest r;
      r.first_name = IfGiven(upd.first, a->first_name);
      r.last_name = IfGiven(upd.last, a->last_name);
      r.email = IfGiven(upd.email, a->email);
      r.customer_id = IfGiven(upd.company, a->company);
      r.password = IfGiven(upd.password, a->password);
      r.title = IfGiven(upd.title, a->title);
      r.phone = IfGiven(upd.phone, a->phone);
      r.valid_id = IfGiven(upd.valid, a->valid_id);
      return PrintUser(globals, hd.Customers().UpdateUser(ctx, a->login, r));
    });
  });

  auto* disable = customer->add_subcommand("disable", "Disable a customer user");
  disable->add_option("login", a->login, "Login")->required();
  OnRun(disable, globals, [&globals, a]() -> Status {
    return WithHelpdesk(globals, [&](Helpdesk& hd, const RequestContext& ctx) {
      return PrintUser(globals, hd.Customers().DisableUser(ctx, a->login));
    });
  });

  auto* company_add = customer->add_subcommand("company-add", "Create a customer company");
  company_add->add_option("customer-id", a->customer_id, "Company key, e.g. ACME")->required();
  company_add->add_option("--name", a->name, "Company name")->required();
  auto cadd = AddCompanyOptions(company_add, *a);
  OnRun(company_add, globals, [&globals, a, cadd]() -> Status {
    return WithHelpdesk(globals, [&](Helpdesk& hd, const RequestContext& ctx) {
      CreateCompanyRequest r;
      r.customer_id = a->customer_id;
      r.name = a->name;
      r.fields = Fields(cadd, *a);
      return PrintCompany(globals, hd.Customers().CreateCompany(ctx, r));
    });
  });

  auto* company_list = customer->add_subcommand("company-list", "List companies by name");
  company_list->add_option("--search", a->search, "Key or name contains");
  company_list->add_flag("--all", a->all, "Include disabled companies");
  company_list->add_option("--page", a->page, "Page (default 1)");
  company_list->add_option("--limit", a->limit, "Per page, 1-100 (default 20)");
  OnRun(company_list, globals, [&globals, a]() -> Status {
    return WithHelpdesk(globals, [&](Helpdesk& hd, const RequestContext& ctx) -> Status {
      ListCustomersRequest r{{a->page, a->limit}, a->all, a->search, ""};
      auto page = hd.Customers().ListCompanies(ctx, r);
      if (!page.ok()) return std::move(page).error();
      if (globals.json) {
        PrintLine(json::ToJson(*page));
        return OkStatus();
      }
      std::vector<std::vector<std::string>> rows;
      for (const CustomerCompany& c : page->items)
        rows.push_back(
            {c.customer_id, c.name, c.city.value_or(""), c.valid_id == 1 ? "yes" : "no"});
      PrintTable({"CUSTOMER ID", "NAME", "CITY", "VALID"}, rows);
      PrintPageFooter(page->pagination, "companies");
      return OkStatus();
    });
  });

  auto* company_show = customer->add_subcommand("company-show", "Show a company");
  company_show->add_option("customer-id", a->customer_id, "Company key")->required();
  OnRun(company_show, globals, [&globals, a]() -> Status {
    return WithHelpdesk(globals, [&](Helpdesk& hd, const RequestContext& ctx) {
      return PrintCompany(globals, hd.Customers().GetCompany(ctx, a->customer_id));
    });
  });

  auto* company_update = customer->add_subcommand("company-update", "Change a company");
  company_update->add_option("customer-id", a->customer_id, "Company key")->required();
  auto cupd = AddCompanyOptions(company_update, *a);
  cupd.name = company_update->add_option("--name", a->name, "Company name");
  cupd.valid = company_update->add_option("--valid-id", a->valid_id, "1 valid, 2 invalid");
  OnRun(company_update, globals, [&globals, a, cupd]() -> Status {
    return WithHelpdesk(globals, [&](Helpdesk& hd, const RequestContext& ctx) {
      UpdateCompanyRequest r;
      r.name = IfGiven(cupd.name, a->name);
      r.fields = Fields(cupd, *a);
      r.valid_id = IfGiven(cupd.valid, a->valid_id);
      return PrintCompany(globals, hd.Customers().UpdateCompany(ctx, a->customer_id, r));
    });
  });

  auto* company_disable = customer->add_subcommand("company-disable", "Disable a company");
  company_disable->add_option("customer-id", a->customer_id, "Company key")->required();
  OnRun(company_disable, globals, [&globals, a]() -> Status {
    return WithHelpdesk(globals, [&](Helpdesk& hd, const RequestContext& ctx) {
      return PrintCompany(globals, hd.Customers().DisableCompany(ctx, a->customer_id));
    });
  });
}

}  // namespace goatflow::cli
