#pragma once

// One operation = one transaction. Use cases run their body through Read or
// Write: the body receives the leased connection, returns a Result, and Write
// commits only when the body succeeded (a failed or throwing body rolls back,
// so nothing is half-written).

#include <type_traits>
#include <utility>

#include "core/macros.h"
#include "service/helpdesk_impl.h"
#include "store/txn.h"

namespace goatflow::service {

// fn(store::Db&) -> Result<T>, on a reader connection inside one read
// transaction (a consistent snapshot across its queries).
template <typename Fn>
auto Read(Helpdesk::Impl& impl, Fn&& fn) -> std::invoke_result_t<Fn, store::Db&> {
  auto lease = impl.pool->Reader();
  GOATFLOW_ASSIGN_OR_RETURN(auto txn, store::Txn::Begin(lease.db(), store::Txn::Mode::kDeferred));
  auto result = std::forward<Fn>(fn)(lease.db());
  if (result.ok()) {
    GOATFLOW_RETURN_IF_ERROR(txn.Commit());
  }
  return result;
}

// fn(store::Db&) -> Result<T>, on the writer connection inside one immediate
// transaction, committed when fn succeeds.
template <typename Fn>
auto Write(Helpdesk::Impl& impl, Fn&& fn) -> std::invoke_result_t<Fn, store::Db&> {
  auto lease = impl.pool->Writer();
  GOATFLOW_ASSIGN_OR_RETURN(auto txn, store::Txn::Begin(lease.db(), store::Txn::Mode::kImmediate));
  auto result = std::forward<Fn>(fn)(lease.db());
  if (result.ok()) {
    GOATFLOW_RETURN_IF_ERROR(txn.Commit());
  }
  return result;
}

}  // namespace goatflow::service
