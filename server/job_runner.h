#pragma once

// The server's background thread for Helpdesk::RunDueJobs (api-v1.md §0): one
// run at start, then one every `interval`, until Stop(). A run's summary is
// logged when it did something or a job failed.

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <mutex>
#include <thread>

#include "goatflow/helpdesk.h"

namespace goatflow::server {

class JobRunner {
 public:
  // `helpdesk` must outlive the runner.
  JobRunner(Helpdesk& helpdesk, std::chrono::seconds interval);
  ~JobRunner();  // Stop()
  JobRunner(const JobRunner&) = delete;
  JobRunner& operator=(const JobRunner&) = delete;

  void Start();
  // Wakes the thread and joins it; a run in progress finishes first. Idempotent.
  void Stop();

  // Completed runs so far.
  std::int64_t runs() const;
  // Blocks until `n` runs completed, the runner stopped, or `limit` passed;
  // returns runs() >= n.
  bool WaitForRuns(std::int64_t n, std::chrono::milliseconds limit) const;

 private:
  void Loop();

  Helpdesk& helpdesk_;
  const std::chrono::seconds interval_;
  mutable std::mutex mutex_;
  mutable std::condition_variable wake_;
  bool stopping_ = false;
  std::int64_t runs_ = 0;
  std::thread thread_;
};

}  // namespace goatflow::server
