#include "support/test_support.h"

#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstring>
#include <fstream>
#include <random>
#include <sstream>

extern char** environ;

namespace goatflow::testing {

std::string Describe(const Error& error) {
  std::string text = std::string(ErrorCodeName(error.code)) + ": " + error.message;
  for (const auto& [key, value] : error.details) text += " [" + key + "=" + value + "]";
  return text;
}

TempDir::TempDir() {
  std::random_device rd;
  auto base = std::filesystem::temp_directory_path();
  for (int attempt = 0; attempt < 100; ++attempt) {
    auto candidate = base / ("goatflow-test-" + std::to_string(rd()) + std::to_string(rd()));
    std::error_code ec;
    if (std::filesystem::create_directory(candidate, ec)) {
      path_ = candidate;
      return;
    }
  }
  throw std::runtime_error("cannot create a temporary directory");
}

TempDir::~TempDir() {
  std::error_code ec;
  std::filesystem::remove_all(path_, ec);
}

FakeClock::FakeClock(TimePoint start)
    : micros_(std::chrono::duration_cast<std::chrono::microseconds>(start.time_since_epoch())
                  .count()) {}

TimePoint FakeClock::Now() const { return TimePoint(std::chrono::microseconds(micros_.load())); }

void FakeClock::Set(TimePoint t) {
  micros_ = std::chrono::duration_cast<std::chrono::microseconds>(t.time_since_epoch()).count();
}

void FakeClock::Advance(std::chrono::seconds by) {
  micros_ += std::chrono::duration_cast<std::chrono::microseconds>(by).count();
}

OpenOptions TestOptions(const std::string& path) {
  OpenOptions options;
  options.path = path;
  options.durability = Durability::kOff;
  options.password_hashing = PasswordHashing::kMinimumForTesting;
  options.reader_connections = 2;
  return options;
}

std::unique_ptr<Helpdesk> OpenTestHelpdesk(const OpenOptions& options) {
  auto helpdesk = Helpdesk::Open(options);
  REQUIRE_OK(helpdesk);
  return std::move(helpdesk).value();
}

CommandResult RunCommand(const std::vector<std::string>& argv, const std::vector<std::string>& env,
                         const std::string& input) {
  // stdin, stdout and stderr are temporary files, so a chatty child can never
  // block on a full pipe.
  TempDir dir;
  std::string in_path = "/dev/null", out_path = dir.File("out"), err_path = dir.File("err");
  if (!input.empty()) {
    in_path = dir.File("in");
    std::ofstream(in_path, std::ios::binary) << input;
  }
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, 0, in_path.c_str(), O_RDONLY, 0);
  posix_spawn_file_actions_addopen(&actions, 1, out_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
  posix_spawn_file_actions_addopen(&actions, 2, err_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);

  std::vector<std::string> env_strings;
  for (char** e = environ; *e; ++e) env_strings.emplace_back(*e);
  for (const auto& extra : env) env_strings.push_back(extra);
  std::vector<char*> envp, args;
  for (auto& s : env_strings) envp.push_back(s.data());
  envp.push_back(nullptr);
  std::vector<std::string> argv_copy = argv;
  for (auto& s : argv_copy) args.push_back(s.data());
  args.push_back(nullptr);

  CommandResult result;
  pid_t pid;
  int rc = posix_spawn(&pid, args[0], &actions, nullptr, args.data(), envp.data());
  posix_spawn_file_actions_destroy(&actions);
  if (rc != 0) {
    result.err = std::string("spawn failed: ") + std::strerror(rc);
    return result;
  }
  int status = 0;
  waitpid(pid, &status, 0);
  result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  std::ifstream out(out_path), err(err_path);
  std::stringstream out_text, err_text;
  out_text << out.rdbuf();
  err_text << err.rdbuf();
  result.out = out_text.str();
  result.err = err_text.str();
  return result;
}

}  // namespace goatflow::testing
