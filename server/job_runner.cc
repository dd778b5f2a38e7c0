#include "server/job_runner.h"

#include <fmt/format.h>

#include "goatflow/json.h"
#include "goatflow/log.h"

namespace goatflow::server {

JobRunner::JobRunner(Helpdesk& helpdesk, std::chrono::seconds interval)
    : helpdesk_(helpdesk), interval_(interval) {}

JobRunner::~JobRunner() { Stop(); }

void JobRunner::Start() {
  std::lock_guard<std::mutex> lock(mutex_);
  if (thread_.joinable() || stopping_) return;
  thread_ = std::thread([this] { Loop(); });
}

void JobRunner::Stop() {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  if (thread_.joinable()) thread_.join();
}

std::int64_t JobRunner::runs() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return runs_;
}

bool JobRunner::WaitForRuns(std::int64_t n, std::chrono::milliseconds limit) const {
  std::unique_lock<std::mutex> lock(mutex_);
  wake_.wait_for(lock, limit, [&] { return runs_ >= n || stopping_; });
  return runs_ >= n;
}

void JobRunner::Loop() {
  std::unique_lock<std::mutex> lock(mutex_);
  while (!stopping_) {
    lock.unlock();
    JobRunSummary summary = helpdesk_.RunDueJobs(std::chrono::system_clock::now());
    bool acted = summary.reminders_fired + summary.auto_closed + summary.unlocked +
                     summary.sessions_and_tokens_removed >
                 0;
    if (!summary.ok()) {
      WriteLog(LogLevel::kWarning, "background jobs: " + json::ToJson(summary));
    } else if (acted) {
      WriteLog(LogLevel::kInfo, "background jobs: " + json::ToJson(summary));
    }
    lock.lock();
    ++runs_;
    wake_.notify_all();
    wake_.wait_for(lock, interval_, [&] { return stopping_; });
  }
}

}  // namespace goatflow::server
