#pragma once

// The names a ticket row shows beside its ids (queue and its group, state and
// state type, priority, type, lock, owner and responsible logins), cached on
// each connection instead of joined into every ticket query.
//
// Freshness: migration 0006 bumps vocabulary_generation.n in the transaction of
// every change to those tables, whichever process makes it. CurrentVocabulary
// reads n inside the caller's transaction and reloads when it differs from the
// cached generation, so the names always belong to the snapshot the ticket rows
// come from. A vocabulary loaded inside a write transaction may hold uncommitted
// names (and a generation a rollback will reuse), so it is used for that call
// only and never kept.

#include <algorithm>
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "domain/vocabulary.h"
#include "goatflow/error.h"
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

struct Vocabulary {
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
};

// The vocabulary as the current transaction sees it (one query when the
// connection's cached copy is current). The reference stays valid until the
// next CurrentVocabulary call on this connection.
Result<const Vocabulary*> CurrentVocabulary(Db& db);

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
