#pragma once

// Helpers shared by every suite: result assertions, temporary directories and
// databases, a settable clock, and a runner for the CLI binary.

#include <catch2/catch.hpp>

#include <atomic>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "goatflow/error.h"
#include "goatflow/helpdesk.h"
#include "goatflow/options.h"

namespace goatflow::testing {

std::string Describe(const Error& error);

}  // namespace goatflow::testing

// REQUIRE_OK(result): the Result/Status succeeded (prints the error otherwise).
#define REQUIRE_OK(expr)                                                             \
  do {                                                                               \
    const auto& goatflow_r_ = (expr);                                                \
    INFO((goatflow_r_.ok() ? std::string() : goatflow::testing::Describe(goatflow_r_.error()))); \
    REQUIRE(goatflow_r_.ok());                                                       \
  } while (false)

// REQUIRE_ERR(result, code, message_part): failed with `code`, and the message
// contains `message_part`.
#define REQUIRE_ERR(expr, expected_code, message_part)                         \
  do {                                                                         \
    const auto& goatflow_r_ = (expr);                                          \
    REQUIRE_FALSE(goatflow_r_.ok());                                           \
    INFO(goatflow::testing::Describe(goatflow_r_.error()));                    \
    REQUIRE(goatflow_r_.error().code == (expected_code));                      \
    REQUIRE_THAT(goatflow_r_.error().message, Catch::Contains(message_part));  \
  } while (false)

namespace goatflow::testing {

// A fresh directory under the system temp dir, removed on destruction.
class TempDir {
 public:
  TempDir();
  ~TempDir();
  TempDir(const TempDir&) = delete;
  const std::filesystem::path& path() const { return path_; }
  std::string File(const std::string& name) const { return (path_ / name).string(); }

 private:
  std::filesystem::path path_;
};

// A clock tests move by hand.
class FakeClock final : public Clock {
 public:
  explicit FakeClock(TimePoint start);
  TimePoint Now() const override;
  void Set(TimePoint t);
  void Advance(std::chrono::seconds by);

 private:
  std::atomic<std::int64_t> micros_;
};

// Options for fast test databases: cheap password hashing, no fsync.
OpenOptions TestOptions(const std::string& path = ":memory:");

// Opens a fresh helpdesk (REQUIREs success).
std::unique_ptr<Helpdesk> OpenTestHelpdesk(const OpenOptions& options = TestOptions());

struct CommandResult {
  int exit_code = -1;
  std::string out;
  std::string err;
};

// Runs argv[0] with arguments (no shell), capturing stdout and stderr.
// `env` entries ("NAME=value") are added to the inherited environment; the
// child reads `input` on stdin (empty: /dev/null).
CommandResult RunCommand(const std::vector<std::string>& argv,
                         const std::vector<std::string>& env = {},
                         const std::string& input = {});

}  // namespace goatflow::testing
