// goatflow token create|list|revoke: personal API tokens (security.md §8),
// managed by the local operator on behalf of an agent.

#include <fmt/format.h>

#include <memory>

#include "cli.h"
#include "goatflow/auth.h"
#include "goatflow/json.h"
#include "output.h"

namespace goatflow::cli {
namespace {

std::string Scopes(const ApiTokenInfo& t) {
  if (t.scopes.empty()) return "*";
  std::string out;
  for (const auto& s : t.scopes) out += (out.empty() ? "" : ",") + s;
  return out;
}

void PrintTokenTable(const std::vector<ApiTokenInfo>& tokens) {
  if (tokens.empty()) {
    PrintLine("No tokens.");
    return;
  }
  PrintLine(fmt::format("{:<6} {:<9} {:<16} {:<24} {:<8} {:<21} {}", "ID", "PREFIX", "OWNER",
                        "NAME", "ACTIVE", "EXPIRES", "SCOPES"));
  for (const auto& t : tokens) {
    PrintLine(fmt::format("{:<6} {:<9} {:<16} {:<24} {:<8} {:<21} {}", t.id, t.prefix,
                          t.owner_login, t.name, t.is_active ? "yes" : "no",
                          t.expires_at.value_or("never"), Scopes(t)));
  }
}

struct CreateArgs {
  CreateTokenRequest request;
  std::string user = "admin";
  int rate_limit = 0;
};

struct ListArgs {
  std::string user;
  bool all = false;
  bool include_revoked = false;
};

}  // namespace

void RegisterToken(CLI::App& app, Globals& globals) {
  auto* token = app.add_subcommand("token", "Manage personal API tokens");
  token->require_subcommand(1);

  auto create_args = std::make_shared<CreateArgs>();
  auto* create = token->add_subcommand("create", "Create a token and print its secret once");
  create->add_option("--name", create_args->request.name, "Token name (1-100 characters)")
      ->required();
  create->add_option("--user", create_args->user, "Owner's agent login")->capture_default_str();
  create->add_option("--scope", create_args->request.scopes,
                     "Scope (repeatable; none = the owner's full permissions)");
  create->add_option("--expires-in", create_args->request.expires_in,
                     "Lifetime: <n>d, <n>m (30 days), <n>y or never (default 90d)");
  create->add_option("--rate-limit", create_args->rate_limit, "Requests per hour (1-100000)");
  OnRun(create, globals, [&globals, create_args]() -> Status {
    auto helpdesk = OpenHelpdesk(globals);
    if (!helpdesk.ok()) return std::move(helpdesk).error();
    CreateTokenRequest request = create_args->request;
    request.owner_login = create_args->user;
    if (create_args->rate_limit != 0) request.rate_limit = create_args->rate_limit;
    auto created = (*helpdesk)->Auth().CreateToken(RequestContext::LocalOperator(), request);
    if (!created.ok()) return std::move(created).error();
    if (globals.json) {
      PrintLine(json::ToJson(*created));
      return OkStatus();
    }
    PrintLine(created->token);
    PrintKeyValues({{"id", std::to_string(created->info.id)},
                    {"owner", created->info.owner_login},
                    {"name", created->info.name},
                    {"scopes", Scopes(created->info)},
                    {"expires", created->info.expires_at.value_or("never")}});
    PrintWarning("save this token now: it will not be shown again");
    return OkStatus();
  });

  auto list_args = std::make_shared<ListArgs>();
  auto* list = token->add_subcommand("list", "List tokens (never their secrets)");
  list->add_option("--user", list_args->user, "Only this agent's tokens");
  list->add_flag("--include-revoked", list_args->include_revoked, "Also list revoked tokens");
  OnRun(list, globals, [&globals, list_args]() -> Status {
    auto helpdesk = OpenHelpdesk(globals);
    if (!helpdesk.ok()) return std::move(helpdesk).error();
    ListTokensRequest request;
    request.include_revoked = list_args->include_revoked;
    if (list_args->user.empty()) {
      request.all_owners = true;
    } else {
      request.owner_login = list_args->user;
    }
    auto tokens = (*helpdesk)->Auth().ListTokens(RequestContext::LocalOperator(), request);
    if (!tokens.ok()) return std::move(tokens).error();
    if (globals.json) {
      PrintLine(json::ToJson(*tokens));
    } else {
      PrintTokenTable(*tokens);
    }
    return OkStatus();
  });

  auto revoke_id = std::make_shared<std::int64_t>(0);
  auto* revoke = token->add_subcommand("revoke", "Revoke a token by id");
  revoke->add_option("id", *revoke_id, "Token id")->required();
  OnRun(revoke, globals, [&globals, revoke_id]() -> Status {
    auto helpdesk = OpenHelpdesk(globals);
    if (!helpdesk.ok()) return std::move(helpdesk).error();
    auto revoked = (*helpdesk)->Auth().RevokeToken(RequestContext::LocalOperator(), *revoke_id);
    if (!revoked.ok()) return std::move(revoked).error();
    if (globals.json) {
      PrintLine(json::ToJson(*revoked));
    } else {
      PrintLine(fmt::format("Revoked token {} ({}, prefix {}).", revoked->id, revoked->name,
                            revoked->prefix));
    }
    return OkStatus();
  });
}

}  // namespace goatflow::cli
