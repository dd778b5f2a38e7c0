#pragma once

// One operation = one transaction. Use cases run their body through Read or
// Write: the body receives the leased connection, returns a Result, and Write
// commits only when the body succeeded (a failed or throwing body rolls back,
// so nothing is half-written).

#include <optional>
#include <type_traits>
#include <utility>

#include "core/macros.h"
#include "service/helpdesk_impl.h"
#include "store/pool.h"
#include "store/txn.h"

namespace goatflow::service {

// The read snapshot that Helpdesk::ShareReads installs on a thread: Read calls
// of that helpdesk on that thread run in its one transaction, opened at the
// first of them; Write ends it first, so later reads see the write.
class SharedRead {
 public:
  // This thread's shared read for `impl`, or null.
  static SharedRead* Active(const Helpdesk::Impl& impl);

  explicit SharedRead(Helpdesk::Impl& impl);
  ~SharedRead();
  SharedRead(const SharedRead&) = delete;
  SharedRead& operator=(const SharedRead&) = delete;

  // The connection inside the shared transaction, leased and begun on first
  // use; each successful Open is paired with a Release.
  Result<store::Db*> Open();
  void Release();
  // Ends the transaction and returns the connection (a later Open starts anew);
  // while a Read still runs on it (a write nested in a read), once it returns.
  void Close();

 private:
  Helpdesk::Impl& impl_;
  SharedRead* previous_;  // the enclosing one on this thread (nested ShareReads)
  int users_ = 0;         // Reads running on the connection now
  bool closing_ = false;  // Close() was asked while users_ > 0
  std::optional<store::Pool::Lease> lease_;
  std::optional<store::Txn> txn_;
};

// fn(store::Db&) -> Result<T>, on a reader connection inside one read
// transaction (a consistent snapshot across its queries): this thread's
// shared read when there is one, otherwise a transaction of its own.
template <typename Fn>
auto Read(Helpdesk::Impl& impl, Fn&& fn) -> std::invoke_result_t<Fn, store::Db&> {
  if (SharedRead* shared = SharedRead::Active(impl)) {
    GOATFLOW_ASSIGN_OR_RETURN(store::Db * db, shared->Open());
    struct Releaser {
      SharedRead* shared;
      ~Releaser() { shared->Release(); }
    } releaser{shared};
    return std::forward<Fn>(fn)(*db);
  }
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
  if (SharedRead* shared = SharedRead::Active(impl)) shared->Close();
  auto lease = impl.pool->Writer();
  GOATFLOW_ASSIGN_OR_RETURN(auto txn, store::Txn::Begin(lease.db(), store::Txn::Mode::kImmediate));
  auto result = std::forward<Fn>(fn)(lease.db());
  if (result.ok()) {
    GOATFLOW_RETURN_IF_ERROR(txn.Commit());
  }
  return result;
}

}  // namespace goatflow::service
