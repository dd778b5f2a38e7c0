// Verifications per second on one thread (docs/PERFORMANCE.md, "Identity"):
// JWT verify, API token verify (with its database lookup), rate-limit check,
// plus the Argon2id cost of one password login. Each figure is the median of
// five runs of half a second of this thread's CPU time (CLOCK_THREAD_CPUTIME_ID),
// so other processes on a shared machine do not distort it; a run also stops
// after three seconds of wall time. The whole program takes well under a minute.

#include <time.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <functional>
#include <string>
#include <vector>

#include "auth/jwt.h"
#include "auth/rate_limiter.h"
#include "goatflow/auth.h"
#include "goatflow/helpdesk.h"

namespace {

using Steady = std::chrono::steady_clock;
constexpr int kRuns = 5;
constexpr double kRunCpuSeconds = 0.5;
constexpr auto kMaxWall = std::chrono::seconds(3);

double ThreadCpuSeconds() {
  timespec ts{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) * 1e-9;
}

// Median operations per second of `op` (which must return a value the
// compiler cannot discard).
double Measure(const std::function<bool()>& op) {
  std::vector<double> rates;
  for (int run = 0; run < kRuns; ++run) {
    long ops = 0;
    long failures = 0;
    const auto wall_end = Steady::now() + kMaxWall;
    const double start = ThreadCpuSeconds();
    double seconds = 0;
    do {
      for (int i = 0; i < 256; ++i, ++ops) failures += op() ? 0 : 1;
      seconds = ThreadCpuSeconds() - start;
    } while (seconds < kRunCpuSeconds && Steady::now() < wall_end);
    if (failures != 0) {
      std::fprintf(stderr, "benchmark operation failed %ld times\n", failures);
      std::exit(1);
    }
    rates.push_back(static_cast<double>(ops) / seconds);
  }
  std::sort(rates.begin(), rates.end());
  return rates[kRuns / 2];
}

void Report(const char* name, double per_second, double target) {
  if (target <= 0) {
    std::printf("%-44s %12.0f /s\n", name, per_second);
    return;
  }
  std::printf("%-44s %12.0f /s   (target >= %.0f/s: %s)\n", name, per_second, target,
              per_second >= target ? "met" : "MISSED");
}

}  // namespace

int main() {
  using namespace goatflow;
  namespace fs = std::filesystem;
  fs::path dir = fs::temp_directory_path() / ("goatflow-auth-bench-" + std::to_string(::getpid()));
  fs::create_directories(dir);

  // 1. JWT verify: the pure function the server runs on every bearer request.
  const std::string key(64, 'k');
  auth::JwtClaims claims;
  claims.typ = "access";
  claims.kind = "agent";
  claims.user_id = 2;
  claims.login = "alice";
  claims.email = "alice@example.com";
  claims.role = "Agent";
  claims.sub = "alice";
  claims.jti = std::string(32, 'a');  // 128-bit, as issued
  claims.sid = 1;
  claims.iat = 1767225600;
  claims.nbf = claims.iat;
  claims.exp = claims.iat + 900;
  const std::string jwt = auth::SignJwt(claims, key);
  Report("JWT verify (HS256, claims parsed)",
         Measure([&] { return auth::VerifyJwt(jwt, key, claims.iat + 1, "access").ok(); }), 200000);

  // 2. API token verify through AuthService::Authenticate: prefix lookup in
  // SQLite, keyed BLAKE2b, constant-time compare, owner validity.
  OpenOptions options;
  options.path = (dir / "bench.db").string();
  options.durability = Durability::kNormal;
  options.password_hashing = PasswordHashing::kInteractive;
  options.rate_limits["RateLimit::LoginPerMinute"] = 0;
  auto hd = Helpdesk::Open(options);
  if (!hd.ok()) {
    std::fprintf(stderr, "open failed: %s\n", hd.error().message.c_str());
    return 1;
  }
  AuthService& auth = (*hd)->Auth();
  auto created =
      auth.CreateToken(RequestContext::LocalOperator(), {"bench", {}, "30d", {}, {}, {}});
  if (!created.ok()) return 1;
  Credentials token_creds;
  token_creds.authorization = "Bearer " + created->token;
  RequestContext request;
  request.client_ip = "127.0.0.1";
  Report("API token verify (Authenticate, with DB)",
         Measure([&] { return auth.Authenticate(request, token_creds).ok(); }), 50000);

  // 3. Rate-limit checks: the pure limiter over 10,000 keys, and the service
  // call the server makes per request (general + token buckets).
  auth::RateLimiter limiter;
  std::vector<std::string> keys;
  for (int i = 0; i < 10000; ++i) keys.push_back("agent:" + std::to_string(i));
  std::size_t next = 0;
  auto now = std::chrono::system_clock::now();
  Report("Rate-limit check (RateLimiter, 10k keys)", Measure([&] {
           next = next + 1 == keys.size() ? 0 : next + 1;
           return limiter.Check(keys[next], 1000000000, std::chrono::seconds(60), now).limit > 0;
         }),
         1000000);
  auto token_ctx = auth.Authenticate(request, token_creds);
  if (!token_ctx.ok()) return 1;
  Report("Request rate check (CheckRequestRate, token)",
         Measure([&] { return auth.CheckRequestRate(*token_ctx).limit > 0 || true; }), 1000000);

  // 4. Full JWT authentication (signature + account + session lookup).
  auto login = auth.Login(request, {"admin", "admin"});
  if (!login.ok()) return 1;
  Credentials jwt_creds;
  jwt_creds.authorization = "Bearer " + login->tokens.access_token;
  Report("JWT authenticate (Authenticate, with DB)",
         Measure([&] { return auth.Authenticate(request, jwt_creds).ok(); }), 0);

  // 5. Password login cost (Argon2id, libsodium interactive limits).
  std::vector<double> ms;
  for (int i = 0; i < kRuns; ++i) {
    auto start = Steady::now();
    if (!auth.Login(request, {"admin", "admin"}).ok()) return 1;
    ms.push_back(std::chrono::duration<double, std::milli>(Steady::now() - start).count());
  }
  std::sort(ms.begin(), ms.end());
  std::printf("%-44s %12.1f ms per login (median of %d)\n", "Password login (Argon2id interactive)",
              ms[kRuns / 2], kRuns);

  hd->reset();
  fs::remove_all(dir);
  return 0;
}
