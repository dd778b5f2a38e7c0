#pragma once

// What every request reads and hardly anything changes, cached on each
// connection: the names a ticket row shows beside its ids (queue and its group,
// state and state type, priority, type, lock, owner and responsible logins),
// instead of seven joins in every ticket query, and the calling agents' logins
// and group grants (service::LoadCaller), instead of two queries per request.
//
// Freshness: migration 0006 bumps catalog_generation.n in the transaction of
// every change to those tables, whichever process makes it. CurrentCatalog
// reads n inside the caller's transaction (once per read transaction) and
// reloads when it differs from the cached generation, so what it returns
// belongs to the snapshot the caller reads. A catalog loaded inside a write
// transaction may hold uncommitted rows (and a generation a rollback will
// reuse), so it serves that call only and is never kept.

#include <algorithm>
#include <cstdint>
#include <optional>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include "domain/vocabulary.h"
#include "goatflow/error.h"
#include "rbac/rbac.h"
#include "store/db.h"

namespace goatflow::store {

// Rows by id, sorted for binary search (ids are sparse after deletions).
template <typename T>
class IdTable {
 public:
  void Add(std::int64_t id, T value) { rows_.emplace_back(id, std::move(value)); }
  void Seal();  // sorts; call once after the last Add
  // The row with this id, or null.
  const T* Find(std::int64_t id) const;
  const std::vector<std::pair<std::int64_t, T>>& rows() const { return rows_; }

 private:
  std::vector<std::pair<std::int64_t, T>> rows_;
};

struct QueueName {
  std::string name;
  std::int64_t group_id = 0;
};

struct StateName {
  std::string name;
  std::string type;  // state type name: new, open, closed, ...
};

struct Catalog {
  std::int64_t generation = 0;
  IdTable<QueueName> queues;
  IdTable<StateName> states;  // every state, valid or not
  IdTable<std::string> priorities;
  IdTable<std::string> types;
  IdTable<std::string> lock_types;
  IdTable<std::string> logins;  // users.id -> login, valid or not
  // The same states and priorities by ascending id, as the filter resolvers take them.
  std::vector<domain::StateRow> state_rows;
  std::vector<domain::PriorityRow> priority_rows;

  // Agents by users.id as service::LoadCaller loads them, filled on first use;
  // nullopt: no valid agent has that id.
  struct Agent {
    std::string login;
    rbac::AgentGrants grants;
  };
  std::unordered_map<std::int64_t, std::optional<Agent>> agents;

  // Db::transaction_serial() of the read transaction that last confirmed the generation.
  std::uint64_t confirmed_in = 0;
};

// The catalog as the current transaction sees it: no query when this read
// transaction confirmed it already, one when the connection's copy is current.
// The pointer stays valid until the next CurrentCatalog call on this connection.
Result<Catalog*> CurrentCatalog(Db& db);

template <typename T>
void IdTable<T>::Seal() {
  std::sort(rows_.begin(), rows_.end(),
            [](const auto& a, const auto& b) { return a.first < b.first; });
}

template <typename T>
const T* IdTable<T>::Find(std::int64_t id) const {
  auto it = std::lower_bound(rows_.begin(), rows_.end(), id,
                             [](const auto& row, std::int64_t key) { return row.first < key; });
  return it != rows_.end() && it->first == id ? &it->second : nullptr;
}

}  // namespace goatflow::store
