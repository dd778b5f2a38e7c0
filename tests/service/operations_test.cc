// The library side of operations (goatflow/operations.h): network rules, the
// access decision, the metrics figures and the detailed health components.

#include "goatflow/health.h"
#include "goatflow/helpdesk.h"
#include "goatflow/operations.h"
#include "support/test_support.h"

namespace goatflow {
namespace {

OperationsAccess AccessFor(std::vector<std::string> networks, std::string token = "") {
  OperationsAccessPolicy policy;
  policy.allowed_networks = std::move(networks);
  policy.metrics_token = std::move(token);
  auto access = OperationsAccess::Create(policy);
  REQUIRE_OK(access);
  return std::move(access).value();
}

TEST_CASE("Allowed networks match IPv4, IPv6 and IPv4-mapped addresses by prefix") {
  OperationsAccess loopback = AccessFor(OperationsAccessPolicy{}.allowed_networks);
  REQUIRE(loopback.NetworkAllowed("127.0.0.1"));
  REQUIRE(loopback.NetworkAllowed("127.200.0.9"));
  REQUIRE(loopback.NetworkAllowed("::1"));
  REQUIRE(loopback.NetworkAllowed("::ffff:127.0.0.1"));
  REQUIRE_FALSE(loopback.NetworkAllowed("128.0.0.1"));
  REQUIRE_FALSE(loopback.NetworkAllowed("::2"));
  REQUIRE_FALSE(loopback.NetworkAllowed("localhost"));
  REQUIRE_FALSE(loopback.NetworkAllowed(""));

  OperationsAccess mixed = AccessFor({"172.16.0.0/12", "192.168.1.7", "fc00::/7", "0.0.0.0/0"});
  REQUIRE(mixed.NetworkAllowed("172.31.255.255"));
  REQUIRE(mixed.NetworkAllowed("fdff::1"));
  REQUIRE(mixed.NetworkAllowed("8.8.8.8"));  // 0.0.0.0/0: every IPv4 address
  REQUIRE_FALSE(mixed.NetworkAllowed("fe00::1"));
  REQUIRE_FALSE(AccessFor({"192.168.1.7"}).NetworkAllowed("192.168.1.8"));
  REQUIRE_FALSE(AccessFor({"172.16.0.0/12"}).NetworkAllowed("172.32.0.1"));

  for (const char* bad : {"10.0.0.0/33", "fc00::/129", "10.0.0.0/", "10.0.0/8", "ten", "/8",
                          "10.0.0.0/8x", "10.0.0.0/-1"}) {
    INFO(bad);
    OperationsAccessPolicy policy;
    policy.allowed_networks = {bad};
    REQUIRE_ERR(OperationsAccess::Create(policy), ErrorCode::kInvalidArgument,
                "invalid allowed network");
  }
}

TEST_CASE("The metrics token opens only the metrics and only when configured") {
  auto hd = testing::OpenTestHelpdesk();
  OperationsAccess none = AccessFor({});
  OperationsAccess token = AccessFor({}, "s3cret-token");
  RequestContext outsider;
  outsider.client_ip = "203.0.113.1";
  REQUIRE_ERR(hd->AuthorizeOperations(outsider, none, OperationsEndpoint::kMetrics, "Bearer "),
              ErrorCode::kPermissionDenied, "Forbidden");
  REQUIRE_OK(hd->AuthorizeOperations(outsider, token, OperationsEndpoint::kMetrics,
                                     "bearer s3cret-token"));
  REQUIRE_ERR(hd->AuthorizeOperations(outsider, token, OperationsEndpoint::kDetailedHealth,
                                      "Bearer s3cret-token"),
              ErrorCode::kPermissionDenied, "Forbidden");
  REQUIRE_ERR(hd->AuthorizeOperations(outsider, token, OperationsEndpoint::kMetrics,
                                      "Bearer s3cret-tokeN"),
              ErrorCode::kPermissionDenied, "Forbidden");
  // The local operator is an admin.
  RequestContext op = RequestContext::LocalOperator();
  op.client_ip = "203.0.113.1";
  REQUIRE_OK(hd->AuthorizeOperations(op, none, OperationsEndpoint::kDetailedHealth, ""));
}

TEST_CASE("Metrics figures start at zero with the database up and no tickets") {
  auto hd = testing::OpenTestHelpdesk();
  MetricsSnapshot m = hd->CollectMetrics();
  REQUIRE(m.database_up);
  REQUIRE(m.version == std::string(Version()));
  REQUIRE(m.tickets.empty());
  REQUIRE(m.auth_attempts.size() == 3);
  REQUIRE(m.rate_limited.size() == 5);
  for (const auto& a : m.auth_attempts) REQUIRE(a.count == 0);
  for (const auto& r : m.rate_limited) REQUIRE(r.count == 0);
}

TEST_CASE("The detailed health of an in-memory database has no storage component") {
  auto hd = testing::OpenTestHelpdesk();
  HealthReport report = hd->CheckHealthDetailed();
  REQUIRE(report.status == HealthState::kHealthy);
  std::vector<std::string> names;
  for (const auto& c : report.components) names.push_back(c.name);
  REQUIRE(names == std::vector<std::string>{"database", "search", "counters"});
  REQUIRE(report.components[0].critical);
  REQUIRE_FALSE(report.components[1].critical);
}

}  // namespace
}  // namespace goatflow
