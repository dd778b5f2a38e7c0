#pragma once

// The configuration use cases' work inside a transaction, against any
// settings registry (the product uses SettingsRegistry::Builtin(); tests
// pass registries with secret and read-only settings).

#include <vector>

#include "goatflow/admin.h"
#include "goatflow/context.h"
#include "service/settings_registry.h"
#include "store/db.h"

namespace goatflow::service {

// Every setting with its effective value (secrets masked), sorted by name.
Result<std::vector<Setting>> DescribeSettings(store::Db& db, const SettingsRegistry& registry);

// Validates all `changes` (unknown or read-only names, types, ranges,
// references), then stores those that alter a value and writes one
// config.update audit entry each (old -> new, secrets masked). A masked
// secret ("********") is left unchanged. The caller's transaction makes it
// all-or-nothing.
Result<ConfigUpdateResult> ApplyConfigChanges(store::Db& db, const RequestContext& ctx,
                                              std::int64_t actor_id, TimePoint now,
                                              const std::vector<ConfigChange>& changes,
                                              const SettingsRegistry& registry);

}  // namespace goatflow::service
