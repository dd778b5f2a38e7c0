#pragma once

// SQL for tickets, articles, history and links. Lookup rows (states,
// priorities, types, lock types, sender types, channels, history types, link
// types) are resolved by name or state type, never by a fixed numeric id.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "goatflow/error.h"
#include "goatflow/tickets.h"
#include "store/db.h"
#include "store/catalog.h"

namespace goatflow::store {

// A ticket as loaded, with what permission checks need beside the public value.
struct TicketRecord {
  Ticket ticket;
  std::int64_t group_id = 0;
};

struct StateInfo {
  std::int64_t id = 0;
  std::string name;
  std::string type;  // state type name
};

struct QueueInfo {
  std::int64_t id = 0;
  std::string name;
  std::int64_t group_id = 0;
  bool valid = false;  // queue and group valid
};

// The SELECT of a ticket's columns (no WHERE, alias t) and the reader of its
// rows, which takes the names from `names` (CurrentCatalog of the same
// transaction); the list query appends its own filters, order and limit.
std::string_view TicketSelectSql();
TicketRecord ReadTicketRow(const Stmt& stmt, const Catalog& names);

Result<std::optional<QueueInfo>> FindQueue(Db& db, std::int64_t id);
Result<std::optional<QueueInfo>> FindQueueByName(Db& db, std::string_view name);
// Valid states only.
Result<std::optional<StateInfo>> FindState(Db& db, std::optional<std::int64_t> id,
                                           std::optional<std::string> name);
// The first valid state of a state type (lowest id), e.g. "closed" -> closed successful.
Result<std::optional<StateInfo>> FindStateByName(Db& db, std::string_view name);
// Priority by id, full name or name without its number (the vocabulary of domain/vocabulary.h).
Result<std::optional<std::int64_t>> FindPriority(Db& db, std::string_view term);
Result<std::optional<std::int64_t>> FindPriorityById(Db& db, std::int64_t id);
Result<std::optional<std::int64_t>> FindTypeId(Db& db, std::optional<std::int64_t> id,
                                               std::optional<std::string> name);
Result<std::int64_t> LookupId(Db& db, std::string_view table, std::string_view name);
// True when `user_id` is a valid agent.
Result<bool> IsValidAgent(Db& db, std::int64_t user_id);
// (login, company) of the valid customer user with this login or e-mail, if any.
Result<std::optional<std::pair<std::string, std::optional<std::string>>>> FindCustomerUser(
    Db& db, std::string_view login_or_email);

// Next number of the Date generator; call inside the creating transaction.
Result<std::string> NextTicketNumber(Db& db, TimePoint now, std::int64_t system_id);

Result<std::optional<TicketRecord>> LoadTicket(Db& db, std::int64_t id);
Result<std::optional<TicketRecord>> LoadTicketByNumber(Db& db, std::string_view tn);

// Writes a history row whose snapshot columns copy the ticket as it is now.
Status InsertHistory(Db& db, std::int64_t ticket_id, std::string_view type, std::string_view text,
                     std::optional<std::int64_t> article_id, std::int64_t actor, TimePoint now);

// Marks the ticket changed by `actor` at `now`.
Status TouchTicket(Db& db, std::int64_t ticket_id, std::int64_t actor, TimePoint now);

struct NewArticleRow {
  std::int64_t ticket_id = 0;
  std::string sender_type;  // agent, system, customer
  std::string channel;      // Email, Phone, Internal, Chat
  bool visible = false;
  std::string subject, body, content_type;
  std::optional<std::string> from, to, cc, reply_to, message_id, in_reply_to, references;
  std::vector<NewAttachment> attachments;
  std::int64_t actor = 1;
};
Result<std::int64_t> InsertArticle(Db& db, const NewArticleRow& row, TimePoint now);

// Articles of a ticket, visible ones only when `visible_only`.
Result<std::vector<Article>> LoadArticles(Db& db, std::int64_t ticket_id, bool visible_only,
                                          bool ascending, std::int64_t limit, std::int64_t offset,
                                          bool with_attachments);
Result<std::int64_t> CountArticles(Db& db, std::int64_t ticket_id, bool visible_only);
Result<std::optional<Article>> LoadArticle(Db& db, std::int64_t ticket_id, std::int64_t article_id,
                                           bool with_attachments);
Result<std::optional<AttachmentData>> LoadAttachment(Db& db, std::int64_t article_id,
                                                     std::int64_t attachment_id);

}  // namespace goatflow::store
