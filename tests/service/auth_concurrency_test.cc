// AuthService used from many threads at once, as the HTTP server does.
#include <atomic>
#include <thread>

#include "auth_fixture.h"

namespace goatflow {
namespace {

using testing::AuthFixture;

TEST_CASE("Concurrent authentications, logins and token management stay consistent") {
  AuthFixture f;
  auto login = f.Login("alice");
  auto alice = f.AsBearer(login.tokens.access_token);
  auto token = f.auth().CreateToken(alice, {"shared", {}, "", {}, {}, {}});
  REQUIRE_OK(token);
  Credentials by_token;
  by_token.authorization = "Bearer " + token->token;
  Credentials by_jwt;
  by_jwt.authorization = "Bearer " + login.tokens.access_token;

  std::atomic<int> failures{0};
  std::atomic<int> allowed{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < 150; ++i) {
        auto ctx = f.auth().Authenticate({}, (i + t) % 2 ? by_token : by_jwt);
        if (!ctx.ok() || ctx->principal.id != 2) ++failures;
        if (ctx.ok() && f.auth().CheckRequestRate(*ctx).allowed) ++allowed;
      }
    });
  }
  threads.emplace_back([&] {
    for (int i = 0; i < 20; ++i) {
      auto extra = f.auth().CreateToken(alice, {std::string("t").append(std::to_string(i)), {}, "", {}, {}, {}});
      if (!extra.ok() || !f.auth().RevokeToken(alice, extra->info.id).ok()) ++failures;
    }
  });
  threads.emplace_back([&] {
    for (int i = 0; i < 3; ++i) {
      auto r = f.auth().Login(AuthFixture::From("198.51.100.9"), {"admin", "admin"});
      if (!r.ok()) ++failures;
    }
  });
  for (auto& th : threads) th.join();
  REQUIRE(failures == 0);
  // alice's general bucket (100/minute) is shared by all of her requests.
  REQUIRE(allowed == 100);
  auto tokens = f.auth().ListTokens(alice, {false, {}, true, {}});
  REQUIRE_OK(tokens);
  REQUIRE(tokens->size() == 21);
}

}  // namespace
}  // namespace goatflow
