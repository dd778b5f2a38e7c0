// JSON renderings of the identity types (api-v1.md §3, §13.2).

#include <boost/json.hpp>

#include "goatflow/json.h"

namespace goatflow::json {
namespace {

boost::json::value OptString(const std::optional<std::string>& s) {
  if (!s) return nullptr;
  return boost::json::value(*s);
}

boost::json::object UserObject(const AuthUser& user) {
  return {{"id", user.id},
          {"login", user.login},
          {"email", user.email},
          {"first_name", user.first_name},
          {"last_name", user.last_name},
          {"role", user.role},
          {"is_admin", user.is_admin}};
}

boost::json::object TokensObject(const TokenPair& t) {
  return {{"access_token", t.access_token},
          {"refresh_token", t.refresh_token},
          {"token_type", t.token_type},
          {"expires_in", t.expires_in},
          {"expires_at", t.expires_at}};
}

boost::json::object TokenObject(const ApiTokenInfo& t) {
  boost::json::array scopes;
  for (const auto& s : t.scopes) scopes.emplace_back(s);
  return {{"id", t.id},
          {"name", t.name},
          {"prefix", t.prefix},
          {"scopes", std::move(scopes)},
          {"expires_at", OptString(t.expires_at)},
          {"last_used_at", OptString(t.last_used_at)},
          {"created_at", t.created_at},
          {"revoked_at", OptString(t.revoked_at)},
          {"is_active", t.is_active},
          {"owner_type", t.owner_kind == PrincipalKind::kCustomer ? "customer" : "agent"},
          {"owner_id", t.owner_id},
          {"owner_login", t.owner_login},
          {"rate_limit", t.rate_limit}};
}

}  // namespace

std::string ToJson(const AuthUser& user) { return boost::json::serialize(UserObject(user)); }

std::string ToJson(const TokenPair& tokens) { return boost::json::serialize(TokensObject(tokens)); }

std::string ToJson(const LoginResult& login) {
  boost::json::object out = TokensObject(login.tokens);
  out["user"] = UserObject(login.user);
  out["password_change_required"] = login.password_change_required;
  return boost::json::serialize(out);
}

std::string LoginEnvelope(const LoginResult& login, std::string_view redirect) {
  boost::json::object data = TokensObject(login.tokens);
  data["user"] = UserObject(login.user);
  data["password_change_required"] = login.password_change_required;
  if (!redirect.empty()) data["redirect"] = redirect;
  boost::json::object out{{"success", true}};
  for (const char* key : {"access_token", "refresh_token", "token_type", "expires_in", "user"})
    out[key] = data.at(key);
  if (!redirect.empty()) out["redirect"] = redirect;
  out["data"] = std::move(data);
  return boost::json::serialize(out);
}

std::string ToJson(const ApiTokenInfo& token) { return boost::json::serialize(TokenObject(token)); }

std::string ToJson(const std::vector<ApiTokenInfo>& tokens) {
  boost::json::array out;
  for (const auto& t : tokens) out.push_back(TokenObject(t));
  return boost::json::serialize(out);
}

std::string ToJson(const CreatedToken& created) {
  boost::json::object out = TokenObject(created.info);
  out["token"] = created.token;
  out["warning"] = "Save this token now. It won't be shown again.";
  return boost::json::serialize(out);
}

std::string ToJson(const std::vector<ScopeInfo>& scopes) {
  boost::json::array out;
  for (const auto& s : scopes)
    out.push_back(boost::json::object{
        {"scope", s.scope}, {"description", s.description}, {"category", s.category}});
  return boost::json::serialize(out);
}

std::string ToJson(const std::vector<SessionInfo>& sessions) {
  boost::json::array out;
  for (const auto& s : sessions) {
    out.push_back(boost::json::object{{"id", s.id},
                                      {"ip_address", s.ip_address},
                                      {"user_agent", s.user_agent},
                                      {"created_at", s.created_at},
                                      {"last_seen", s.last_seen},
                                      {"expires_at", s.expires_at},
                                      {"current", s.current}});
  }
  return boost::json::serialize(out);
}

std::string ToJson(const Preferences& preferences) {
  boost::json::object out;
  for (const auto& [key, value] : preferences) out[key] = value;
  return boost::json::serialize(out);
}

std::string ToJson(const PasswordChanged& changed) {
  return boost::json::serialize(boost::json::object{
      {"message", "Password changed successfully"}, {"changed_at", changed.changed_at}});
}

std::string TokenRevoked(const ApiTokenInfo& token) {
  return boost::json::serialize(boost::json::object{{"id", token.id}, {"status", "revoked"}});
}

}  // namespace goatflow::json
