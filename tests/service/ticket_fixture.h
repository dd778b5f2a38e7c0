#pragma once

// A file database with a FakeClock for the ticket suites, plus SQL helpers
// that insert the agents, groups, queues and customers a test needs (the
// directory services that would create them are another area).

#include <memory>
#include <string>
#include <vector>

#include "goatflow/context.h"
#include "goatflow/helpdesk.h"
#include "goatflow/tickets.h"
#include "support/test_support.h"

namespace goatflow::testing {

class TicketFixture {
 public:
  TicketFixture();

  Helpdesk& hd() { return *helpdesk_; }
  TicketService& tickets() { return helpdesk_->Tickets(); }
  FakeClock& clock() { return *clock_; }
  const std::string& path() const { return path_; }

  // Runs SQL on a separate connection to the same file.
  void Sql(const std::string& sql);
  std::int64_t QueryInt(const std::string& sql);

  std::int64_t AddGroup(const std::string& name);
  std::int64_t AddQueue(const std::string& name, std::int64_t group_id);
  // An agent with the given permission keys on `group_id` (none when empty).
  std::int64_t AddAgent(const std::string& login, std::int64_t group_id = 0,
                        const std::vector<std::string>& keys = {});
  void Grant(std::int64_t user_id, std::int64_t group_id, const std::string& key);
  std::int64_t AddCustomer(const std::string& login, const std::string& company);

  static RequestContext Agent(std::int64_t id);
  static RequestContext Customer(std::int64_t id);
  static RequestContext Admin() { return RequestContext::LocalOperator(); }

  // Creates a ticket as the operator in `queue_id` (REQUIREs success).
  Ticket NewTicket(std::int64_t queue_id, const std::string& title = "Printer on fire",
                   const std::string& customer = "");

 private:
  TempDir dir_;
  std::string path_;
  std::shared_ptr<FakeClock> clock_;
  std::unique_ptr<Helpdesk> helpdesk_;
};

// The start time of every fixture's clock: 2026-03-01 09:00:00 UTC.
TimePoint FixtureStart();

}  // namespace goatflow::testing
