// OperationsAccess and Helpdesk::AuthorizeOperations: who may read
// /health/detailed and /metrics (spec/health.md §4).

#include <arpa/inet.h>

#include <charconv>
#include <cstring>
#include <optional>

#include "auth/secrets.h"
#include "core/macros.h"
#include "core/strings.h"
#include "goatflow/helpdesk.h"
#include "goatflow/operations.h"
#include "service/caller.h"
#include "service/helpdesk_impl.h"
#include "service/unit_of_work.h"

namespace goatflow {
namespace {

using Address = std::array<std::uint8_t, 16>;

// An IPv4 address becomes ::ffff:a.b.c.d, so one comparison serves both families.
std::optional<Address> ParseAddress(std::string_view text) {
  std::string s(text);
  Address out{};
  in_addr v4{};
  if (inet_pton(AF_INET, s.c_str(), &v4) == 1) {
    out[10] = out[11] = 0xFF;
    std::memcpy(out.data() + 12, &v4, 4);
    return out;
  }
  in6_addr v6{};
  if (inet_pton(AF_INET6, s.c_str(), &v6) == 1) {
    std::memcpy(out.data(), &v6, 16);
    return out;
  }
  return std::nullopt;
}

bool IsIpv4Mapped(const Address& a) {
  for (int i = 0; i < 10; ++i)
    if (a[i] != 0) return false;
  return a[10] == 0xFF && a[11] == 0xFF;
}

bool InPrefix(const Address& address, const Address& network, int bits) {
  int i = 0;
  for (; bits >= 8; bits -= 8, ++i)
    if (address[i] != network[i]) return false;
  if (bits == 0) return true;
  const auto mask = static_cast<std::uint8_t>(0xFF << (8 - bits));
  return (address[i] & mask) == (network[i] & mask);
}

Error Forbidden() {
  return Error(ErrorCode::kPermissionDenied, "Forbidden").WithWireCode("core:forbidden");
}

}  // namespace

Result<OperationsAccess> OperationsAccess::Create(const OperationsAccessPolicy& policy) {
  OperationsAccess access;
  access.open_to_all_ = policy.open_to_all;
  access.metrics_token_ = policy.metrics_token;
  for (const std::string& entry : policy.allowed_networks) {
    auto bad = [&entry] {
      return Error(ErrorCode::kInvalidArgument,
                   "invalid allowed network '" + entry +
                       "': expected an address or CIDR block such as 10.0.0.0/8")
          .WithDetail("field", "allowed_networks");
    };
    std::string_view text = core::Trim(entry);
    std::string_view host = text.substr(0, text.find('/'));
    auto address = ParseAddress(host);
    if (!address) return bad();
    const bool v4 = IsIpv4Mapped(*address) && host.find(':') == std::string_view::npos;
    int bits = v4 ? 32 : 128;
    if (host.size() < text.size()) {
      std::string_view len = text.substr(host.size() + 1);
      auto [end, ec] = std::from_chars(len.data(), len.data() + len.size(), bits);
      if (len.empty() || ec != std::errc() || end != len.data() + len.size() || bits < 0 ||
          bits > (v4 ? 32 : 128))
        return bad();
    }
    access.networks_.push_back({*address, v4 ? bits + 96 : bits});
  }
  return access;
}

bool OperationsAccess::NetworkAllowed(std::string_view client_ip) const {
  auto address = ParseAddress(client_ip);
  if (!address) return false;
  for (const Network& network : networks_)
    if (InPrefix(*address, network.address, network.prefix_bits)) return true;
  return false;
}

bool OperationsAccess::CarriesMetricsToken(std::string_view authorization) const {
  if (metrics_token_.empty()) return false;
  std::string_view header = core::Trim(authorization);
  if (header.size() < 7 || !core::EqualsIgnoreCaseAscii(header.substr(0, 7), "Bearer "))
    return false;
  return auth::ConstantTimeEquals(core::Trim(header.substr(7)), metrics_token_);
}

Status Helpdesk::AuthorizeOperations(const RequestContext& ctx, const OperationsAccess& access,
                                     OperationsEndpoint endpoint,
                                     std::string_view authorization) const {
  if (access.open_to_all() || access.NetworkAllowed(ctx.client_ip)) return OkStatus();
  if (endpoint == OperationsEndpoint::kMetrics && access.CarriesMetricsToken(authorization))
    return OkStatus();
  if (ctx.principal.kind == PrincipalKind::kAnonymous) return Forbidden();
  if (!service::RequireScope(ctx, service::kScopeAdmin).ok()) return Forbidden();
  auto caller = service::Read(*impl_, [&ctx](store::Db& db) { return service::LoadCaller(db, ctx); });
  if (!caller.ok() || !caller->is_admin) return Forbidden();
  return OkStatus();
}

}  // namespace goatflow
