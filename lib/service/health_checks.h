#pragma once

// The components of the detailed health report (spec/health.md §3) beyond the
// database, which every probe checks. Adding a component is one entry in the
// table of health_checks.cc.

#include <vector>

#include "goatflow/health.h"
#include "service/helpdesk_impl.h"

namespace goatflow::service {

// The database check of every probe: a timed SELECT 1 and the schema version
// (`schema_version` receives it, 0 when unreadable). Critical.
ComponentHealth CheckDatabase(Helpdesk::Impl& impl, int& schema_version);

// Runs every registered component check, each timed, in table order; a
// component that does not exist here (no storage directory for an in-memory
// database) is left out.
std::vector<ComponentHealth> RunComponentChecks(Helpdesk::Impl& impl);

}  // namespace goatflow::service
