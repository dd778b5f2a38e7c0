#pragma once

// Helpers shared by the ticket use cases: loading a ticket for a caller with
// the 404-before-403 rule, validation errors, notes and state changes. All
// run on the connection of the use case's one transaction.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "goatflow/tickets.h"
#include "rbac/rbac.h"
#include "service/caller.h"
#include "store/db.h"
#include "store/ticket_repo.h"

namespace goatflow::service::tickets {

Error TicketNotFound();
// invalid_argument, wire "core:validation_failed", details {field, reason}.
Error Invalid(std::string message, std::string field, std::string reason);
Error Denied(std::string message);

// True when the caller may see the ticket (admins all; agents ro on the
// queue's group; customers their own tickets).
bool CanSee(const Caller& caller, const store::TicketRecord& record);

// Loads ticket `id` for the caller: not_found when missing or invisible;
// permission_denied when visible but `needed` is missing (customers are denied
// any agent permission).
Result<store::TicketRecord> LoadForCaller(store::Db& db, const Caller& caller, std::int64_t id,
                                          std::optional<rbac::Permission> needed);

// The API-token scope of a use case on ticket `id` (security.md §8.2, §9.1):
// a ticket the caller cannot see is not_found before a missing scope is
// permission_denied (api-v1.md §0: 404 before 403). Other credentials pass.
Status RequireTicketScope(store::Db& db, const RequestContext& ctx, const Caller& caller,
                          std::int64_t id, std::string_view scope);

// The caller of a use case on ticket `id`: LoadCaller, then RequireTicketScope.
Result<Caller> LoadTicketCaller(store::Db& db, const RequestContext& ctx, std::int64_t id,
                                std::string_view scope);

// Merged tickets are read-only (domain.md §10.10).
Status RequireNotMerged(const store::TicketRecord& record);

// The fresh public value after a change, with the caller's article count.
Result<Ticket> Fresh(store::Db& db, const Caller& caller, std::int64_t id);
// `record`'s ticket with its article count as `caller` sees it (a read needs
// no second load).
Result<Ticket> WithArticleCount(store::Db& db, const Caller& caller, store::TicketRecord record);

// Valid title: 1-255 characters after trimming, valid UTF-8, no control characters.
Result<std::string> CheckTitle(std::string_view raw, bool create);

// Parses a user-set pending time (must be in the future).
Result<std::int64_t> CheckPendingUntil(const std::optional<std::string>& text, TimePoint now);

// Owner eligibility (api-v1.md §0, domain.md §10.4) on a queue group.
Status CheckEligibleOwner(store::Db& db, std::int64_t user_id, std::int64_t group_id);

// Sets the state (and until_time), writing StateUpdate (+ SetPendingTime) history.
Status SetState(store::Db& db, const store::TicketRecord& record, const store::StateInfo& state,
                std::int64_t until_time, std::int64_t actor, TimePoint now);

// Adds an agent note on the Internal channel with AddNote history.
Result<std::int64_t> AddSystemNote(store::Db& db, std::int64_t ticket_id, std::string subject,
                                   std::string body, bool visible, std::int64_t actor,
                                   TimePoint now, std::string_view history_text = "");

// Records time units (>= 0) with TimeAccounting history.
Status AccountTime(store::Db& db, std::int64_t ticket_id, std::optional<std::int64_t> article_id,
                   double units, std::int64_t actor, TimePoint now);

// A partial update inside the caller's transaction: `base` on the current
// queue plus the per-field rules; an optional comment becomes an internal note.
Result<Ticket> UpdateIn(store::Db& db, const Caller& caller, std::int64_t id,
                        const UpdateTicketRequest& request, rbac::Permission base, TimePoint now,
                        const std::optional<std::string>& comment);

// Attachment rules: filename, AttachmentMaxSize (reason too_large), allowed types.
Status CheckNewAttachments(store::Db& db, const std::vector<NewAttachment>& attachments);

}  // namespace goatflow::service::tickets
