// goatflow user add|list|show|update|disable|enable|passwd: agents.

#include <fmt/format.h>

#include <iostream>
#include <memory>

#include "cli.h"
#include "goatflow/json.h"
#include "output.h"

namespace goatflow::cli {
namespace {

struct UserArgs {
  std::int64_t id = 0, page = 1, limit = 20;
  int valid_id = 1;
  std::string login, first_name, last_name, email, title, password, search, sort = "login";
  std::vector<std::string> grants;
  bool all = false;
  CLI::Option *login_opt = nullptr, *first_opt = nullptr, *last_opt = nullptr, *email_opt = nullptr,
              *title_opt = nullptr, *password_opt = nullptr, *grants_opt = nullptr,
              *valid_opt = nullptr;
};

Result<std::vector<GroupGrant>> Grants(const std::vector<std::string>& specs) {
  std::vector<GroupGrant> out;
  for (const std::string& spec : specs) {
    auto grant = ParseGrantSpec(spec);
    if (!grant.ok()) return std::move(grant).error();
    out.push_back(std::move(*grant));
  }
  return out;
}

// --password, else one line from standard input.
std::string PasswordFrom(const UserArgs& a) {
  if (a.password_opt->count() > 0) return a.password;
  std::string line;
  std::getline(std::cin, line);
  if (!line.empty() && line.back() == '\r') line.pop_back();
  return line;
}

Status PrintAgent(const Globals& globals, Result<Agent> agent) {
  if (!agent.ok()) return std::move(agent).error();
  if (globals.json) {
    PrintLine(json::ToJson(*agent));
    return OkStatus();
  }
  std::string groups;
  for (const AgentGroup& g : agent->groups) {
    std::string keys;
    for (const std::string& k : g.permissions) keys += (keys.empty() ? "" : ",") + k;
    groups += fmt::format("{}{} ({})", groups.empty() ? "" : "; ", g.name, keys);
  }
  PrintKeyValues({{"id", std::to_string(agent->id)},
                  {"login", agent->login},
                  {"name", agent->full_name},
                  {"email", agent->email.value_or("")},
                  {"role", agent->is_admin ? "Admin" : "Agent"},
                  {"active", agent->valid_id == 1 ? "yes" : "no"},
                  {"groups", groups}});
  return OkStatus();
}

}  // namespace

void RegisterUser(CLI::App& app, Globals& globals) {
  auto* user = app.add_subcommand("user", "Manage agents");
  user->require_subcommand(1);
  auto a = std::make_shared<UserArgs>();

  auto* add = user->add_subcommand("add", "Create an agent (admin)");
  add->add_option("login", a->login, "Login")->required();
  add->add_option("--first-name", a->first_name, "First name")->required();
  add->add_option("--last-name", a->last_name, "Last name")->required();
  a->email_opt = add->add_option("--email", a->email, "E-mail address");
  a->title_opt = add->add_option("--title", a->title, "Title");
  a->password_opt = add->add_option("--password", a->password, "Password (policy applies)");
  add->add_option("--group", a->grants, "Grant GROUP_ID:key,key (repeatable)");
  OnRun(add, globals, [&globals, a]() -> Status {
    auto grants = Grants(a->grants);
    if (!grants.ok()) return std::move(grants).error();
    return WithHelpdesk(globals, [&](Helpdesk& hd, const RequestContext& ctx) {
      CreateAgentRequest r;
      r.login = a->login;
      r.first_name = a->first_name;
      r.last_name = a->last_name;
      r.email = IfGiven(a->email_opt, a->email);
      r.title = IfGiven(a->title_opt, a->title);
      r.password = IfGiven(a->password_opt, a->password);
      r.groups = *grants;
      return PrintAgent(globals, hd.Directory().CreateAgent(ctx, r));
    });
  });

  auto* list = user->add_subcommand("list", "List agents");
  list->add_option("--search", a->search, "Login, name or e-mail contains");
  list->add_flag("--all", a->all, "Include disabled agents (admin)");
  list->add_option("--sort", a->sort, "login (default), id or created");
  list->add_option("--page", a->page, "Page (default 1)");
  list->add_option("--limit", a->limit, "Per page, 1-100 (default 20)");
  OnRun(list, globals, [&globals, a]() -> Status {
    return WithHelpdesk(globals, [&](Helpdesk& hd, const RequestContext& ctx) -> Status {
      ListAgentsRequest r{{a->page, a->limit}, a->all, a->search, a->sort};
      auto page = hd.Directory().ListAgents(ctx, r);
      if (!page.ok()) return std::move(page).error();
      if (globals.json) {
        PrintLine(json::ToJson(*page));
        return OkStatus();
      }
      std::vector<std::vector<std::string>> rows;
      for (const Agent& ag : page->items)
        rows.push_back({std::to_string(ag.id), ag.login, ag.full_name, ag.email.value_or(""),
                        ag.valid_id == 1 ? "yes" : "no"});
      PrintTable({"ID", "LOGIN", "NAME", "EMAIL", "ACTIVE"}, rows);
      PrintPageFooter(page->pagination, "agents");
      return OkStatus();
    });
  });

  auto* show = user->add_subcommand("show", "Show an agent (groups for admins)");
  show->add_option("id", a->id, "Agent id")->required();
  OnRun(show, globals, [&globals, a]() -> Status {
    return WithHelpdesk(globals, [&](Helpdesk& hd, const RequestContext& ctx) {
      return PrintAgent(globals, hd.Directory().GetAgent(ctx, a->id));
    });
  });

  auto* update = user->add_subcommand("update", "Change an agent (admin)");
  update->add_option("id", a->id, "Agent id")->required();
  a->login_opt = update->add_option("--login", a->login, "New login");
  a->first_opt = update->add_option("--first-name", a->first_name, "First name");
  a->last_opt = update->add_option("--last-name", a->last_name, "Last name");
  auto* update_email = update->add_option("--email", a->email, "E-mail ('' removes it)");
  auto* update_title = update->add_option("--title", a->title, "Title");
  a->valid_opt = update->add_option("--valid-id", a->valid_id, "1 valid, 2 invalid");
  a->grants_opt = update->add_option("--group", a->grants,
                                     "Replace all memberships: GROUP_ID:key,key (repeatable)");
  OnRun(update, globals, [&globals, a, update_email, update_title]() -> Status {
    auto grants = Grants(a->grants);
    if (!grants.ok()) return std::move(grants).error();
    return WithHelpdesk(globals, [&](Helpdesk& hd, const RequestContext& ctx) {
      UpdateAgentRequest r;
      r.login = IfGiven(a->login_opt, a->login);
      r.first_name = IfGiven(a->first_opt, a->first_name);
      r.last_name = IfGiven(a->last_opt, a->last_name);
      r.email = IfGiven(update_email, a->email);
      r.title = IfGiven(update_title, a->title);
      r.valid_id = IfGiven(a->valid_opt, a->valid_id);
      r.groups = IfGiven(a->grants_opt, *grants);
      return PrintAgent(globals, hd.Directory().UpdateAgent(ctx, a->id, r));
    });
  });

  auto* disable = user->add_subcommand("disable", "Disable an agent and end its sessions (admin)");
  disable->add_option("id", a->id, "Agent id")->required();
  OnRun(disable, globals, [&globals, a]() -> Status {
    return WithHelpdesk(globals, [&](Helpdesk& hd, const RequestContext& ctx) {
      return PrintAgent(globals, hd.Directory().DisableAgent(ctx, a->id));
    });
  });

  auto* enable = user->add_subcommand("enable", "Enable a disabled agent (admin)");
  enable->add_option("id", a->id, "Agent id")->required();
  OnRun(enable, globals, [&globals, a]() -> Status {
    return WithHelpdesk(globals, [&](Helpdesk& hd, const RequestContext& ctx) {
      return PrintAgent(globals, hd.Directory().EnableAgent(ctx, a->id));
    });
  });

  auto* passwd = user->add_subcommand("passwd", "Set an agent's password (admin reset)");
  passwd->add_option("id", a->id, "Agent id")->required();
  auto* passwd_opt = passwd->add_option("--password", a->password,
                                        "New password (default: read a line from stdin)");
  OnRun(passwd, globals, [&globals, a, passwd_opt]() -> Status {
    a->password_opt = passwd_opt;
    std::string password = PasswordFrom(*a);
    return WithHelpdesk(globals, [&](Helpdesk& hd, const RequestContext& ctx) -> Status {
      auto done = hd.Directory().ResetAgentPassword(ctx, a->id, password);
      if (!done.ok()) return done;
      if (globals.json) {
        PrintLine(fmt::format("{{\"id\":{},\"password_reset\":true}}", a->id));
      } else {
        PrintLine(fmt::format("Password of agent {} changed.", a->id));
      }
      return OkStatus();
    });
  });
}

}  // namespace goatflow::cli
