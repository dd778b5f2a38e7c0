// Agent (User), Group, GroupMember, Role, CustomerCompany and CustomerUser
// shapes (api-v1 §0, §2.5, §10): the entity's columns minus secrets, with
// created_at/updated_at.

#include "goatflow/json.h"
#include "json/internal.h"

namespace goatflow::json {
namespace {

using internal::OptString;
using internal::Timestamp;

boost::json::array Strings(const std::vector<std::string>& values) {
  boost::json::array out;
  for (const std::string& v : values) out.emplace_back(v);
  return out;
}

boost::json::object AgentGroupValue(const AgentGroup& g) {
  return {{"id", g.id}, {"name", g.name}, {"permissions", Strings(g.permissions)}};
}

boost::json::object AgentValue(const Agent& a) {
  boost::json::object out{{"id", a.id},
                          {"login", a.login},
                          {"email", OptString(a.email)},
                          {"first_name", a.first_name},
                          {"last_name", a.last_name},
                          {"full_name", a.full_name},
                          {"title", OptString(a.title)},
                          {"valid_id", a.valid_id},
                          {"active", a.valid_id == 1},
                          {"is_admin", a.is_admin},
                          {"role", a.is_admin ? "Admin" : "Agent"},
                          {"created_at", Timestamp(a.created_at)},
                          {"updated_at", Timestamp(a.updated_at)}};
  if (!a.groups.empty()) {
    boost::json::array groups;
    for (const AgentGroup& g : a.groups) groups.push_back(AgentGroupValue(g));
    out["groups"] = std::move(groups);
  }
  return out;
}

boost::json::object GroupValue(const Group& g) {
  return {{"id", g.id},
          {"name", g.name},
          {"comments", OptString(g.comments)},
          {"valid_id", g.valid_id},
          {"created_at", Timestamp(g.created_at)},
          {"updated_at", Timestamp(g.updated_at)}};
}

boost::json::object MemberValue(const GroupMember& m) {
  return {{"user_id", m.user_id},
          {"login", m.login},
          {"full_name", m.full_name},
          {"permissions", Strings(m.permissions)}};
}

boost::json::object RoleValue(const Role& r) {
  boost::json::array groups, users;
  for (const AgentGroup& g : r.groups) groups.push_back(AgentGroupValue(g));
  for (std::int64_t id : r.user_ids) users.emplace_back(id);
  return {{"id", r.id},
          {"name", r.name},
          {"comments", OptString(r.comments)},
          {"valid_id", r.valid_id},
          {"groups", std::move(groups)},
          {"user_ids", std::move(users)},
          {"created_at", Timestamp(r.created_at)},
          {"updated_at", Timestamp(r.updated_at)}};
}

boost::json::object CompanyValue(const CustomerCompany& c) {
  return {{"customer_id", c.customer_id},
          {"name", c.name},
          {"street", OptString(c.street)},
          {"zip", OptString(c.zip)},
          {"city", OptString(c.city)},
          {"country", OptString(c.country)},
          {"url", OptString(c.url)},
          {"comments", OptString(c.comments)},
          {"valid_id", c.valid_id},
          {"created_at", Timestamp(c.created_at)},
          {"updated_at", Timestamp(c.updated_at)}};
}

boost::json::object CustomerUserValue(const CustomerUser& u) {
  return {{"id", u.id},
          {"login", u.login},
          {"email", OptString(u.email)},
          {"customer_id", OptString(u.customer_id)},
          {"title", OptString(u.title)},
          {"first_name", u.first_name},
          {"last_name", u.last_name},
          {"phone", OptString(u.phone)},
          {"has_password", u.has_password},
          {"valid_id", u.valid_id},
          {"created_at", Timestamp(u.created_at)},
          {"updated_at", Timestamp(u.updated_at)}};
}

}  // namespace

std::string ToJson(const Agent& agent) { return boost::json::serialize(AgentValue(agent)); }
std::string ToJson(const Page<Agent>& agents) { return internal::PageJson(agents, AgentValue); }
std::string ToJson(const std::vector<Agent>& agents) {
  return internal::ArrayJson(agents, AgentValue);
}
std::string ToJson(const CurrentUser& me) {
  if (me.customer) {
    boost::json::object out = CustomerUserValue(*me.customer);
    out["role"] = "Customer";
    out["is_admin"] = false;
    return boost::json::serialize(out);
  }
  boost::json::object out = me.agent ? AgentValue(*me.agent) : boost::json::object{};
  if (!out.contains("groups")) out["groups"] = boost::json::array{};
  return boost::json::serialize(out);
}
std::string ToJson(const std::vector<AgentGroup>& groups) {
  return internal::ArrayJson(groups, AgentGroupValue);
}
std::string ToJson(const Group& group) { return boost::json::serialize(GroupValue(group)); }
std::string ToJson(const std::vector<Group>& groups) {
  return internal::ArrayJson(groups, GroupValue);
}
std::string ToJson(const std::vector<GroupMember>& members) {
  return internal::ArrayJson(members, MemberValue);
}
std::string ToJson(const Role& role) { return boost::json::serialize(RoleValue(role)); }
std::string ToJson(const std::vector<Role>& roles) { return internal::ArrayJson(roles, RoleValue); }
std::string ToJson(const CustomerCompany& company) {
  return boost::json::serialize(CompanyValue(company));
}
std::string ToJson(const Page<CustomerCompany>& companies) {
  return internal::PageJson(companies, CompanyValue);
}
std::string ToJson(const CustomerUser& user) {
  return boost::json::serialize(CustomerUserValue(user));
}
std::string ToJson(const std::vector<CustomerCompany>& companies) {
  return internal::ArrayJson(companies, CompanyValue);
}
std::string ToJson(const std::vector<CustomerUser>& users) {
  return internal::ArrayJson(users, CustomerUserValue);
}
std::string ToJson(const Page<CustomerUser>& users) {
  return internal::PageJson(users, CustomerUserValue);
}

}  // namespace goatflow::json
