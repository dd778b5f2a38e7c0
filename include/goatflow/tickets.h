#pragma once

// Tickets, their articles and attachments, history and links (domain.md
// §4-7, §10; api-v1.md §4-5). Reached as `helpdesk.Tickets()`.
//
// Every call takes the caller's RequestContext and decides visibility and
// permission from the database: a ticket (or article) the caller cannot see is
// reported as not_found "Ticket not found"; one the caller can see but may not
// change gives permission_denied. Validation failures are invalid_argument with
// wire code "core:validation_failed" and details {"field", "reason"}. Each
// write is one transaction: the ticket, its articles, attachments, history and
// audit rows commit together or not at all. Safe for concurrent use.

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "goatflow/context.h"
#include "goatflow/error.h"
#include "goatflow/helpdesk.h"
#include "goatflow/pagination.h"
#include "goatflow/seams.h"

namespace goatflow {

struct Attachment {
  std::int64_t id = 0;
  std::int64_t article_id = 0;
  std::string filename{};
  std::string content_type{};
  std::int64_t size = 0;
};

// An attachment with its bytes (download).
struct AttachmentData {
  Attachment meta{};
  std::string bytes{};
};

// An attachment to store with a new article (bytes, not base64).
struct NewAttachment {
  std::string filename{};
  std::string content_type{};
  std::string bytes{};
};

struct Article {
  std::int64_t id = 0;
  std::int64_t ticket_id = 0;
  std::string subject{};
  std::string body{};
  std::string content_type{};
  std::optional<std::string> from{}, to{}, cc{}, reply_to{}, message_id{}, in_reply_to{},
      references{};
  std::string sender_type{};   // agent, system, customer
  std::string channel{};       // email, phone, internal, chat
  std::string article_type{};  // legacy label: note-internal, email-external, ...
  bool is_visible_for_customer = false;
  TimePoint created_at{};
  std::int64_t created_by = 0;
  std::vector<Attachment> attachments{};  // filled when requested
};

struct LastArticle {
  std::int64_t id = 0;
  std::string subject{};
  TimePoint created_at{};
};

// api-v1.md §2.1. Ids are authoritative; names are joined for display.
struct Ticket {
  std::int64_t id = 0;
  std::string tn{};
  std::string title{};
  std::int64_t queue_id = 0;
  std::string queue{};
  std::int64_t state_id = 0;
  std::string state{};
  std::string state_type{};
  std::string status{};  // new, open, pending, closed, merged, removed
  std::int64_t priority_id = 0;
  std::string priority{};
  std::optional<std::int64_t> type_id{};
  std::optional<std::string> type{};
  std::string lock{};  // "lock" or "unlock"
  std::int64_t owner_id = 0;
  std::string owner{};
  std::optional<std::int64_t> responsible_id{};
  std::optional<std::string> responsible{};
  std::optional<std::string> customer_id{};
  std::optional<std::string> customer_user_id{};
  std::optional<TimePoint> pending_until{};
  bool archived = false;
  TimePoint created_at{};
  TimePoint updated_at{};
  std::int64_t created_by = 0;
  std::int64_t updated_by = 0;
  std::optional<std::int64_t> article_count{};     // on Get, and on List with include_article_count
  std::optional<LastArticle> last_article;         // with include_last_article (null if none)
  bool has_last_article_field = false;             // include_last_article was requested
  std::optional<std::vector<Article>> articles{};  // Get with include_articles
};

// Pending times are text: RFC 3339, "YYYY-MM-DD[T ]HH:MM[:SS]" (UTC), or Unix seconds.
struct CreateTicketRequest {
  std::string title{};
  std::optional<std::int64_t> queue_id{};  // required for agents; customers default to Raw
  std::optional<std::int64_t> state_id{};
  std::optional<std::string> state{};  // name
  std::optional<std::int64_t> priority_id{};
  std::optional<std::string> priority;  // id, name or name without its digit ("high")
  std::optional<std::int64_t> type_id{};
  std::optional<std::string> pending_until{};
  std::optional<std::string> customer_user_id{};
  std::optional<std::string> customer_id{};
  std::optional<std::int64_t> owner_id{};
  std::optional<std::int64_t> responsible_id{};
  std::optional<std::string> body{};  // first article, if given
  std::optional<std::string> content_type{};
  std::vector<NewAttachment> attachments;  // on the first article (needs a body)
  // The `article` object form (api-v1.md §4.2): the first article's subject
  // (default: the title, at most 255 characters) and visibility (default
  // visible; customers' first articles are always visible).
  std::optional<std::string> article_subject{};
  std::optional<bool> article_visible{};
};

enum class ArchivedFilter { kActive, kArchived, kAll };

// api-v1.md §1.4, §1.5, §4.1.
struct ListTicketsRequest {
  PageRequest page{};  // normalised by the call (goatflow/pagination.h)
  std::vector<std::string> status{};  // vocabulary of §1.5, OR-combined
  std::vector<std::int64_t> state_ids{};
  std::vector<std::string> priority{};  // ids or names, OR-combined
  std::vector<std::int64_t> queue_ids{};
  std::vector<std::int64_t> type_ids{};
  std::vector<std::int64_t> owner_ids{};        // ignored for customers
  std::vector<std::int64_t> responsible_ids{};  // ignored for customers
  std::optional<std::string> customer_id{};
  std::optional<std::string> customer_user_id{};
  std::optional<std::string> search{};  // title substring or ticket-number prefix, ≤ 200 chars
  ArchivedFilter archived = ArchivedFilter::kActive;
  std::optional<std::string> created_after{}, created_before{}, updated_after{};
  std::string sort = "created";  // created, updated, priority, tn, title, id
  std::string order = "desc";    // asc or desc
  bool include_article_count = false;
  bool include_last_article = false;
  // Only the tickets of this queue (GET /queues/:id/tickets): replaces
  // queue_ids. Errors: not_found "Queue not found" when the queue is missing or
  // the agent cannot read it; permission_denied for customers.
  std::optional<std::int64_t> within_queue{};
  // Rows to skip instead of page.Offset() (any offset >= 0, as MCP list_tickets
  // takes it); pagination then reports the page that holds the first row.
  std::optional<std::int64_t> offset{};
};

// Reads the query parameters of GET /api/v1/tickets (api-v1.md §4.1,
// pagination and aliases included; `state` is accepted as an alias of
// `status`). `param(name)` is a parameter's value, nullopt when absent.
// Errors: invalid_argument "Invalid <name> filter" (an id list that is not
// integers; core:validation_failed).
using ParamLookup = std::function<std::optional<std::string>(std::string_view name)>;
// The items of a comma-separated parameter value ("articles, last_article"),
// trimmed of spaces and tabs; empty items are dropped.
std::vector<std::string> SplitParamList(std::string_view text);
Result<ListTicketsRequest> ParseListTicketsParams(const ParamLookup& param);
// Whether ParseListTicketsParams reads parameter `name`.
bool IsListTicketsParam(std::string_view name);

struct TicketPage {
  std::vector<Ticket> tickets{};
  Pagination pagination{};
};

// Partial update (api-v1.md §4.4): only set fields change.
struct UpdateTicketRequest {
  std::optional<std::string> title{};
  std::optional<std::int64_t> queue_id{};
  std::optional<std::int64_t> state_id{};
  std::optional<std::string> state{};
  std::optional<std::string> pending_until{};
  std::optional<std::int64_t> priority_id{};
  std::optional<std::string> priority{};
  std::optional<std::int64_t> type_id{};
  std::optional<std::int64_t> owner_id{};
  std::optional<std::int64_t> responsible_id{};
  bool clear_responsible = false;  // JSON null
  std::optional<std::string> customer_user_id{};
  std::optional<std::string> customer_id{};
  std::optional<std::string> lock{};  // "lock" or "unlock"
};

struct AssignTicketRequest {
  std::optional<std::int64_t> owner_id{};  // required
  std::optional<std::int64_t> responsible_id{};
  std::optional<std::string> comment{};
};

struct CloseTicketRequest {
  std::optional<std::int64_t> state_id{};
  std::optional<std::string> state{};
  std::optional<std::string> resolution{};
  std::optional<std::string> comment{};
  bool notify_customer = false;
  std::optional<double> time_units{};
};

struct ReopenTicketRequest {
  std::string reason{};
  std::optional<std::string> notes{};
  std::optional<std::int64_t> state_id{};
  std::optional<std::string> state{};
  bool notify_customer = false;
};

struct ArchiveResult {
  std::int64_t id = 0;
  bool archived = true;
  std::string state{};
};

struct MergeTicketRequest {
  std::int64_t target_ticket_id = 0;
  std::string reason{};
};

struct ChangePriorityRequest {
  std::optional<std::int64_t> priority_id{};
  std::optional<std::string> priority{};
  std::optional<std::string> comment{};
};

struct MoveTicketRequest {
  std::int64_t queue_id = 0;
  std::optional<std::string> comment{};
};

struct HistoryEntry {
  std::int64_t id = 0;
  std::int64_t ticket_id = 0;
  std::optional<std::int64_t> article_id{};
  std::string history_type{};
  std::string name{};
  std::int64_t queue_id = 0, state_id = 0, priority_id = 0, owner_id = 0;  // snapshot
  std::string queue{}, state{}, priority{};
  TimePoint created_at{};
  std::int64_t created_by = 0;
  std::string creator_login{}, creator_full_name{};
};

struct TicketHistory {
  std::int64_t ticket_id = 0;
  std::vector<HistoryEntry> history{};  // newest first
};

struct TicketLink {
  std::int64_t related_ticket_id = 0;
  std::string related_ticket_tn{};
  std::string related_ticket_title{};
  std::string link_type{};  // Normal, ParentChild
  std::string direction{};  // "source": this ticket is the source; "target"
  TimePoint created_at{};
};

struct TicketLinks {
  std::int64_t ticket_id = 0;
  std::vector<TicketLink> links{};
};

struct BulkError {
  std::int64_t ticket_id = 0;
  std::string error{};
};

struct BulkResult {
  std::int64_t processed = 0;
  std::int64_t failed = 0;
  std::vector<BulkError> errors{};
};

// api-v1.md §5.2. Without article_type or a visibility flag: an internal note.
struct AddArticleRequest {
  std::string body{};
  std::optional<std::string> subject{};       // default: the ticket title
  std::optional<std::string> content_type;    // text/plain (default) or text/html
  std::optional<std::string> article_type{};  // note-internal, email-external, phone, ...
  std::optional<bool> is_visible_for_customer{};
  std::optional<std::string> sender_type;  // agent, system, customer (agents only)
  std::optional<std::int64_t> communication_channel_id{};
  std::optional<std::string> from{}, to{}, cc{}, reply_to{}, in_reply_to{}, references{},
      message_id{};
  std::optional<double> time_unit{};
  std::vector<NewAttachment> attachments{};
};

struct ListArticlesRequest {
  PageRequest page{};  // normalised by the call
  std::string order = "asc";
  bool include_attachments = false;
};

struct ArticlePage {
  std::vector<Article> articles{};
  Pagination pagination{};
};

class TicketService {
 public:
  // Errors: invalid_argument (title, queue, state, priority, type, pending time,
  // owner, attachments), permission_denied (agent without `create`; customer
  // naming a queue not open to customers), unauthenticated. With a body, the
  // returned ticket's last_article is the first article (has_last_article_field
  // stays false, so renderings do not show it).
  Result<Ticket> Create(const RequestContext& ctx, const CreateTicketRequest& request);

  // By id. include_articles adds the (customer-filtered) articles,
  // include_last_article the newest of them (null when there is none).
  Result<Ticket> Get(const RequestContext& ctx, std::int64_t id, bool include_articles = false,
                     bool include_last_article = false);
  // By ticket number (tn); include_articles as for Get.
  Result<Ticket> GetByNumber(const RequestContext& ctx, const std::string& tn,
                             bool include_articles = false);

  // Errors: invalid_argument "Invalid status filter" / "Invalid priority filter"
  // / bad search or time filter.
  Result<TicketPage> List(const RequestContext& ctx, const ListTicketsRequest& request);

  // Needs rw (+ move_into, priority, owner for those fields). Errors:
  // invalid_argument "No fields to update" and per field; merged tickets are read-only.
  Result<Ticket> Update(const RequestContext& ctx, std::int64_t id,
                        const UpdateTicketRequest& request);
  // Sets the owner (needs `owner`); the target must be a valid agent holding owner or rw.
  Result<Ticket> Assign(const RequestContext& ctx, std::int64_t id,
                        const AssignTicketRequest& request);
  // Lock sets the owner to the caller; conflict "ticket is already locked".
  Result<Ticket> Lock(const RequestContext& ctx, std::int64_t id);
  Result<Ticket> Unlock(const RequestContext& ctx, std::int64_t id);
  Result<Ticket> Close(const RequestContext& ctx, std::int64_t id,
                       const CloseTicketRequest& request);
  Result<Ticket> Reopen(const RequestContext& ctx, std::int64_t id,
                        const ReopenTicketRequest& request);
  // Delete = archive (domain.md §10.8); customers are denied; audited as ticket.delete.
  Result<ArchiveResult> Archive(const RequestContext& ctx, std::int64_t id);
  // Merges ticket `id` into request.target_ticket_id; audited as ticket.merge.
  Result<Ticket> Merge(const RequestContext& ctx, std::int64_t id,
                       const MergeTicketRequest& request);
  Result<Ticket> ChangePriority(const RequestContext& ctx, std::int64_t id,
                                const ChangePriorityRequest& request);
  // Needs move_into on the current and the target queue.
  Result<Ticket> MoveQueue(const RequestContext& ctx, std::int64_t id,
                           const MoveTicketRequest& request);

  // Each ticket is checked and changed on its own (its own transaction).
  BulkResult BulkAssign(const RequestContext& ctx, const std::vector<std::int64_t>& ids,
                        const AssignTicketRequest& request);
  BulkResult BulkClose(const RequestContext& ctx, const std::vector<std::int64_t>& ids,
                       const CloseTicketRequest& request);
  BulkResult BulkPriority(const RequestContext& ctx, const std::vector<std::int64_t>& ids,
                          const ChangePriorityRequest& request);
  BulkResult BulkMoveQueue(const RequestContext& ctx, const std::vector<std::int64_t>& ids,
                           const MoveTicketRequest& request);

  // Agents only (customers get not_found). limit defaults to 50, at most 200.
  Result<TicketHistory> History(const RequestContext& ctx, std::int64_t id,
                                std::optional<std::int64_t> limit = std::nullopt);

  // link_type "Normal" or "ParentChild" (id is the source / parent). Needs rw on
  // the source and ro on the target. Errors: already_exists, invalid_argument.
  Result<TicketLinks> AddLink(const RequestContext& ctx, std::int64_t id, std::int64_t target_id,
                              const std::string& link_type);
  Result<TicketLinks> RemoveLink(const RequestContext& ctx, std::int64_t id, std::int64_t target_id,
                                 const std::string& link_type);
  Result<TicketLinks> Links(const RequestContext& ctx, std::int64_t id);

  // Agents need `note`; customers add to their own tickets (forced visible).
  // Errors: invalid_argument "Article body is required", "Invalid sender type",
  // "Invalid communication channel", attachment too_large / content_type.
  Result<Article> AddArticle(const RequestContext& ctx, std::int64_t ticket_id,
                             const AddArticleRequest& request);
  Result<ArticlePage> ListArticles(const RequestContext& ctx, std::int64_t ticket_id,
                                   const ListArticlesRequest& request);
  Result<Article> GetArticle(const RequestContext& ctx, std::int64_t ticket_id,
                             std::int64_t article_id, bool include_attachments = true);
  Result<AttachmentData> GetAttachment(const RequestContext& ctx, std::int64_t ticket_id,
                                       std::int64_t article_id, std::int64_t attachment_id);

 private:
  friend class Helpdesk;
  explicit TicketService(Helpdesk::Impl& impl) : impl_(impl) {}
  Helpdesk::Impl& impl_;
};

}  // namespace goatflow
