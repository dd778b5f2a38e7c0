// One access-log line per request, without the query string.

#include <mutex>
#include <vector>

#include "goatflow/log.h"
#include "http/http_fixture.h"

namespace goatflow {
namespace {

class CapturedLog {
 public:
  CapturedLog() {
    SetLogSink([this](LogLevel, std::string_view line) {
      std::lock_guard lock(mutex_);
      lines_.emplace_back(line);
    });
  }
  ~CapturedLog() { SetLogSink(nullptr); }
  std::vector<std::string> Lines(std::string_view containing) {
    std::lock_guard lock(mutex_);
    std::vector<std::string> out;
    for (const auto& line : lines_)
      if (line.find(containing) != std::string::npos) out.push_back(line);
    return out;
  }

 private:
  std::mutex mutex_;
  std::vector<std::string> lines_;
};

TEST_CASE("Each request is logged once with method, path, status, duration and request id") {
  CapturedLog log;
  {
    testing::TestServer server;
    auto client = server.Client();
    auto res = client.Get("/api/v1/missing?token=s3cret&page=2", {{"X-Request-ID", "req-77"}});
    REQUIRE(res->status == 404);
    REQUIRE(client.Get("/healthz")->status == 200);  // successful probes: debug level only
  }
  auto lines = log.Lines("request_id=req-77");
  REQUIRE(lines.size() == 1);
  const std::string& line = lines[0];
  INFO(line);
  REQUIRE(line.find("http GET /api/v1/missing 404 ") != std::string::npos);
  REQUIRE(line.find("ms route=unmatched") != std::string::npos);
  REQUIRE(line.find("s3cret") == std::string::npos);
  REQUIRE(log.Lines("http GET /healthz").empty());
}

}  // namespace
}  // namespace goatflow
