#include "service/unit_of_work.h"

namespace goatflow::service {
namespace {

thread_local SharedRead* t_shared_read = nullptr;

}  // namespace

SharedRead* SharedRead::Active(const Helpdesk::Impl& impl) {
  for (SharedRead* shared = t_shared_read; shared != nullptr; shared = shared->previous_)
    if (&shared->impl_ == &impl) return shared;
  return nullptr;
}

SharedRead::SharedRead(Helpdesk::Impl& impl) : impl_(impl), previous_(t_shared_read) {
  t_shared_read = this;
}

SharedRead::~SharedRead() {
  Close();
  t_shared_read = previous_;
}

Result<store::Db*> SharedRead::Open() {
  if (!txn_) {
    lease_.emplace(impl_.pool->Reader());
    auto txn = store::Txn::Begin(lease_->db(), store::Txn::Mode::kDeferred);
    if (!txn.ok()) {
      lease_.reset();
      return std::move(txn).error();
    }
    txn_.emplace(std::move(txn).value());
  }
  ++users_;
  return &lease_->db();
}

void SharedRead::Release() {
  if (--users_ == 0 && closing_) Close();
}

void SharedRead::Close() {
  if (users_ > 0) {
    closing_ = true;
    return;
  }
  closing_ = false;
  if (txn_) txn_->Commit().ok();  // read only: if COMMIT fails, the Txn rolls back
  txn_.reset();
  lease_.reset();
}

}  // namespace goatflow::service
