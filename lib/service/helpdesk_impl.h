#pragma once

// State shared by every service of one Helpdesk: the connection pool, the
// seams and the options it was opened with.

#include <memory>

#include "goatflow/auth.h"
#include "goatflow/helpdesk.h"
#include "goatflow/options.h"
#include "store/pool.h"

namespace goatflow {

class Helpdesk::Impl {
 public:
  OpenOptions options;
  std::shared_ptr<Clock> clock;
  std::shared_ptr<Random> random;
  std::unique_ptr<store::Pool> pool;
  int migrations_applied_on_open = 0;
  std::unique_ptr<AuthService> auth;
};

}  // namespace goatflow
