// TicketService: create and read (domain.md §10.1-10.2, api-v1.md §4.2-4.3).

#include "goatflow/tickets.h"

#include <fmt/format.h>

#include <algorithm>

#include "core/macros.h"
#include "core/strings.h"
#include "core/time.h"
#include "domain/ticket_rules.h"
#include "goatflow/auth.h"
#include "service/notify.h"
#include "service/settings_read.h"
#include "service/ticket_access.h"
#include "service/unit_of_work.h"

namespace goatflow {

using service::Caller;
using service::tickets::Invalid;
using Defaults = domain::TicketDefaults;

namespace {

// Where a new ticket goes and who may put it there.
Result<store::QueueInfo> ResolveCreateQueue(store::Db& db, const Caller& caller,
                                            const CreateTicketRequest& request) {
  if (caller.IsCustomer()) {
    GOATFLOW_ASSIGN_OR_RETURN(auto allowed, service::SelectableQueueNames(db));
    std::optional<store::QueueInfo> queue;
    if (request.queue_id) {
      GOATFLOW_ASSIGN_OR_RETURN(queue, store::FindQueue(db, *request.queue_id));
      if (!queue || !queue->valid) return Invalid("invalid queue", "queue_id", "not_found");
    } else {
      GOATFLOW_ASSIGN_OR_RETURN(std::string name, service::DefaultQueueName(db));
      GOATFLOW_ASSIGN_OR_RETURN(queue, store::FindQueueByName(db, name));
      if (!queue || !queue->valid) return Invalid("invalid queue", "queue_id", "not_found");
    }
    bool open = std::any_of(allowed.begin(), allowed.end(), [&](const std::string& name) {
      return core::EqualsIgnoreCaseAscii(name, queue->name);
    });
    if (!open) return service::tickets::Denied("No permission to create tickets in this queue");
    return *queue;
  }
  if (!request.queue_id) return Invalid("queue_id is required", "queue_id", "required");
  GOATFLOW_ASSIGN_OR_RETURN(auto queue, store::FindQueue(db, *request.queue_id));
  if (!queue || !queue->valid) return Invalid("invalid queue", "queue_id", "not_found");
  if (!rbac::AgentAllows(caller.grants, queue->group_id, rbac::Permission::kCreate))
    return service::tickets::Denied("No permission to create tickets in this queue");
  return *queue;
}

}  // namespace

namespace service::tickets {

Status CheckNewAttachments(store::Db& db, const std::vector<NewAttachment>& attachments) {
  GOATFLOW_ASSIGN_OR_RETURN(
      std::int64_t max_size,
      service::ReadIntSetting(db, "AttachmentMaxSize", Defaults::kAttachmentMaxSize));
  for (const NewAttachment& att : attachments) {
    if (core::Trim(att.filename).empty() ||
        att.filename.find_first_of("/\\") != std::string::npos ||
        !core::IsValidUtf8(att.filename) || core::HasControlChars(att.filename))
      return Invalid("Invalid attachment filename", "attachments", "filename");
    if (static_cast<std::int64_t>(att.bytes.size()) > max_size)
      return Invalid(fmt::format("Attachment '{}' is larger than {} bytes", att.filename, max_size),
                     "attachments", "too_large");
    if (!domain::IsAllowedAttachmentType(att.content_type))
      return Invalid(fmt::format("Attachment content type '{}' is not allowed", att.content_type),
                     "attachments", "content_type");
  }
  return OkStatus();
}

}  // namespace service::tickets

Result<Ticket> TicketService::Create(const RequestContext& ctx,
                                     const CreateTicketRequest& request) {
  TimePoint now = impl_.clock->Now();
  GOATFLOW_RETURN_IF_ERROR(service::RequireScope(ctx, service::kScopeTicketsWrite));
  // Customers may create RateLimit::CustomerTicketCreatePerHour tickets an
  // hour (security.md §10); the rate check precedes validation (api-v1.md §0).
  if (ctx.principal.kind == PrincipalKind::kCustomer) {
    RateLimitResult rate = impl_.auth->CheckRateLimit(RateBucket::kCustomerTicketCreate,
                                                      std::to_string(ctx.principal.id));
    if (!rate.allowed) return TooManyRequests(rate);
  }
  return service::Write(impl_, [&](store::Db& db) -> Result<Ticket> {
    GOATFLOW_ASSIGN_OR_RETURN(Caller caller, service::LoadCaller(db, ctx));
    GOATFLOW_ASSIGN_OR_RETURN(store::QueueInfo queue, ResolveCreateQueue(db, caller, request));
    GOATFLOW_ASSIGN_OR_RETURN(std::string title, service::tickets::CheckTitle(request.title, true));

    // State (customers always start new) and pending time.
    store::StateInfo state;
    std::int64_t until_time = 0;
    bool explicit_state = !caller.IsCustomer() && (request.state_id || request.state);
    if (explicit_state) {
      GOATFLOW_ASSIGN_OR_RETURN(auto found, store::FindState(db, request.state_id, request.state));
      if (!found || found->type == domain::kTypeMerged || found->type == domain::kTypeRemoved)
        return Invalid("invalid state", "state_id", "not_found");
      state = *found;
    } else {
      GOATFLOW_ASSIGN_OR_RETURN(auto found, store::FindStateByName(db, Defaults::kDefaultState));
      if (!found) return Error(ErrorCode::kInternal, "default state 'new' is missing");
      state = *found;
    }
    if (domain::IsPendingType(state.type)) {
      GOATFLOW_ASSIGN_OR_RETURN(until_time,
                                service::tickets::CheckPendingUntil(request.pending_until, now));
    }

    std::int64_t priority_id = 0;
    if (request.priority_id || request.priority) {
      std::optional<std::int64_t> found;
      if (request.priority_id) {
        GOATFLOW_ASSIGN_OR_RETURN(found, store::FindPriorityById(db, *request.priority_id));
      } else {
        GOATFLOW_ASSIGN_OR_RETURN(found, store::FindPriority(db, *request.priority));
      }
      if (!found) return Invalid("invalid priority", "priority_id", "not_found");
      priority_id = *found;
    } else {
      GOATFLOW_ASSIGN_OR_RETURN(
          std::string name,
          service::ReadStringSetting(db, "Ticket::DefaultPriority", Defaults::kDefaultPriority));
      GOATFLOW_ASSIGN_OR_RETURN(auto found, store::FindPriority(db, name));
      if (!found) return Error(ErrorCode::kInternal, "default priority is missing");
      priority_id = *found;
    }

    GOATFLOW_ASSIGN_OR_RETURN(
        auto type_id,
        request.type_id ? store::FindTypeId(db, request.type_id, std::nullopt)
                        : store::FindTypeId(db, std::nullopt, std::string(Defaults::kDefaultType)));
    if (!type_id) return Invalid("invalid type", "type_id", "not_found");

    // Owner, responsible and customer.
    std::int64_t owner = caller.ActingUserId();
    std::optional<std::int64_t> responsible = owner;
    std::optional<std::string> customer_user_id, customer_id;
    if (caller.IsCustomer()) {
      owner = 1;
      responsible = 1;
      customer_user_id = caller.login;
      customer_id = caller.company;
    } else {
      if (request.owner_id) {
        GOATFLOW_RETURN_IF_ERROR(
            service::tickets::CheckEligibleOwner(db, *request.owner_id, queue.group_id));
        owner = *request.owner_id;
      }
      if (request.responsible_id) {
        GOATFLOW_ASSIGN_OR_RETURN(bool valid, store::IsValidAgent(db, *request.responsible_id));
        if (!valid) return Invalid("User not found or inactive", "responsible_id", "not_found");
        responsible = *request.responsible_id;
      }
      if (request.customer_user_id && !core::Trim(*request.customer_user_id).empty()) {
        customer_user_id = std::string(core::Trim(*request.customer_user_id));
        GOATFLOW_ASSIGN_OR_RETURN(auto customer, store::FindCustomerUser(db, *customer_user_id));
        if (customer) {
          customer_user_id = customer->first;
          customer_id = customer->second;
        }
      }
      if (request.customer_id) customer_id = request.customer_id;
    }

    // First article.
    bool has_body = request.body && !core::Trim(*request.body).empty();
    if (!request.attachments.empty() && !has_body)
      return Invalid("Attachments need an article body", "body", "required");
    std::string content_type = "text/plain; charset=utf-8";
    if (request.content_type) {
      auto normalised = domain::NormaliseArticleContentType(*request.content_type);
      if (!normalised) return Invalid("Invalid content type", "content_type", "invalid");
      content_type = *normalised;
    }
    GOATFLOW_RETURN_IF_ERROR(service::tickets::CheckNewAttachments(db, request.attachments));

    GOATFLOW_ASSIGN_OR_RETURN(std::int64_t system_id,
                              service::ReadIntSetting(db, "SystemID", Defaults::kSystemId));
    GOATFLOW_ASSIGN_OR_RETURN(std::string tn, store::NextTicketNumber(db, now, system_id));
    GOATFLOW_ASSIGN_OR_RETURN(std::int64_t unlock_id,
                              store::LookupId(db, "ticket_lock_type", "unlock"));
    std::string when = core::FormatDbTime(now);
    std::int64_t actor = caller.ActingUserId();
    {
      GOATFLOW_ASSIGN_OR_RETURN(auto stmt, db.Prepare(R"sql(
        INSERT INTO ticket (tn, title, queue_id, ticket_lock_id, type_id, user_id,
                            responsible_user_id, ticket_priority_id, ticket_state_id, customer_id,
                            customer_user_id, until_time, archive_flag, create_time, create_by,
                            change_time, change_by)
        VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, 0, ?13, ?14, ?13, ?14))sql"));
      stmt.Bind(1, tn).Bind(2, title).Bind(3, queue.id).Bind(4, unlock_id).Bind(5, *type_id);
      stmt.Bind(6, owner).Bind(7, responsible).Bind(8, priority_id).Bind(9, state.id);
      stmt.Bind(10, customer_id).Bind(11, customer_user_id).Bind(12, until_time);
      stmt.Bind(13, when).Bind(14, actor);
      GOATFLOW_RETURN_IF_ERROR(stmt.Run());
    }
    std::int64_t id = db.LastInsertId();
    GOATFLOW_RETURN_IF_ERROR(store::InsertHistory(
        db, id, "NewTicket", fmt::format("Ticket created ({})", tn), std::nullopt, actor, now));
    if (has_body) {
      store::NewArticleRow row;
      row.ticket_id = id;
      row.sender_type = caller.IsCustomer() ? "customer" : "agent";
      row.channel = "Email";
      row.visible = caller.IsCustomer() || request.article_visible.value_or(true);
      row.subject = title;
      if (request.article_subject && !core::Trim(*request.article_subject).empty()) {
        row.subject = std::string(core::Trim(*request.article_subject));
        if (!core::IsValidUtf8(row.subject) || core::Utf8Length(row.subject) > 255)
          return Invalid("subject too long", "article.subject", "too_long");
      }
      row.body = *request.body;
      row.content_type = content_type;
      row.attachments = request.attachments;
      row.actor = actor;
      GOATFLOW_ASSIGN_OR_RETURN(std::int64_t article_id, store::InsertArticle(db, row, now));
      GOATFLOW_RETURN_IF_ERROR(store::InsertHistory(db, id, "AddNote", "Added note (" + title + ")",
                                                    article_id, actor, now));
      GOATFLOW_ASSIGN_OR_RETURN(Ticket created, service::tickets::Fresh(db, caller, id));
      created.last_article = LastArticle{article_id, row.subject, now};
      return created;
    }
    GOATFLOW_RETURN_IF_ERROR(
        service::NotifyTicketChange(db, service::ActingAgent(caller), std::nullopt, id, now));
    return service::tickets::Fresh(db, caller, id);
  });
}

Result<Ticket> TicketService::Get(const RequestContext& ctx, std::int64_t id,
                                  bool include_articles, bool include_last_article) {
  return service::Read(impl_, [&](store::Db& db) -> Result<Ticket> {
    GOATFLOW_ASSIGN_OR_RETURN(
        Caller caller, service::tickets::LoadTicketCaller(db, ctx, id, service::kScopeTicketsRead));
    GOATFLOW_ASSIGN_OR_RETURN(auto record,
                              service::tickets::LoadForCaller(db, caller, id, std::nullopt));
    GOATFLOW_ASSIGN_OR_RETURN(Ticket ticket,
                              service::tickets::WithArticleCount(db, caller, std::move(record)));
    if (include_articles) {
      GOATFLOW_ASSIGN_OR_RETURN(
          auto articles, store::LoadArticles(db, id, caller.IsCustomer(), true, -1, 0, true));
      ticket.articles = std::move(articles);
    }
    if (include_last_article) {
      GOATFLOW_ASSIGN_OR_RETURN(
          auto newest, store::LoadArticles(db, id, caller.IsCustomer(), false, 1, 0, false));
      ticket.has_last_article_field = true;
      if (!newest.empty())
        ticket.last_article = LastArticle{newest[0].id, newest[0].subject, newest[0].created_at};
    }
    return ticket;
  });
}

Result<Ticket> TicketService::GetByNumber(const RequestContext& ctx, const std::string& tn,
                                          bool include_articles) {
  return service::Read(impl_, [&](store::Db& db) -> Result<Ticket> {
    GOATFLOW_ASSIGN_OR_RETURN(Caller caller, service::LoadCaller(db, ctx));
    GOATFLOW_ASSIGN_OR_RETURN(auto record, store::LoadTicketByNumber(db, core::Trim(tn)));
    if (!record || !service::tickets::CanSee(caller, *record))
      return service::tickets::TicketNotFound();
    GOATFLOW_RETURN_IF_ERROR(service::RequireScope(ctx, service::kScopeTicketsRead));
    std::int64_t id = record->ticket.id;
    GOATFLOW_ASSIGN_OR_RETURN(Ticket ticket,
                              service::tickets::WithArticleCount(db, caller, std::move(*record)));
    if (include_articles) {
      GOATFLOW_ASSIGN_OR_RETURN(
          auto articles, store::LoadArticles(db, id, caller.IsCustomer(), true, -1, 0, true));
      ticket.articles = std::move(articles);
    }
    return ticket;
  });
}

}  // namespace goatflow
