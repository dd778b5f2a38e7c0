// TicketService: articles and attachments (domain.md §5; api-v1.md §5).

#include <fmt/format.h>

#include "core/macros.h"
#include "core/strings.h"
#include "core/time.h"
#include "domain/ticket_rules.h"
#include "goatflow/tickets.h"
#include "service/notify.h"
#include "service/ticket_access.h"
#include "service/unit_of_work.h"

namespace goatflow {
namespace {

using service::Caller;
using service::tickets::Invalid;

Error ArticleNotFound() {
  return Error(ErrorCode::kNotFound, "Article not found").WithWireCode("core:not_found");
}

std::optional<std::string> Opt(const std::optional<std::string>& s) {
  if (!s || core::Trim(*s).empty()) return std::nullopt;
  return s;
}

// History type of a new article (domain.md §6).
std::string_view HistoryTypeFor(const store::NewArticleRow& row) {
  if (row.sender_type == "customer") return "FollowUp";
  if (row.channel == "Phone") return "PhoneCallAgent";
  if (row.channel == "Email" && row.visible && row.sender_type == "agent") return "SendAnswer";
  return "AddNote";
}

// Builds the article row from the request and the caller's kind.
Result<store::NewArticleRow> BuildRow(store::Db& db, const Caller& caller, const Ticket& ticket,
                                      const AddArticleRequest& r) {
  store::NewArticleRow row;
  row.ticket_id = ticket.id;
  row.actor = caller.ActingUserId();
  if (core::Trim(r.body).empty()) return Invalid("Article body is required", "body", "required");
  row.body = r.body;
  row.subject = r.subject ? std::string(core::Trim(*r.subject)) : ticket.title;
  if (core::Utf8Length(row.subject) > 255 || !core::IsValidUtf8(row.subject))
    return Invalid("subject too long", "subject", "too_long");
  row.content_type = "text/plain; charset=utf-8";
  if (r.content_type) {
    auto normalised = domain::NormaliseArticleContentType(*r.content_type);
    if (!normalised) return Invalid("Invalid content type", "content_type", "invalid");
    row.content_type = *normalised;
  }
  if (caller.IsCustomer()) {  // forced, whatever the request says
    row.sender_type = "customer";
    row.channel = "Email";
    row.visible = true;
  } else {
    row.sender_type = "agent";
    row.channel = "Internal";
    row.visible = false;
    if (r.article_type) {
      auto info = domain::ArticleTypeFor(*r.article_type);
      if (!info) return Invalid("Invalid article type", "article_type", "invalid");
      row.channel = info->channel;
      row.visible = info->visible;
    }
    if (r.is_visible_for_customer) row.visible = *r.is_visible_for_customer;
    if (r.sender_type) {
      std::string sender = core::ToLowerAscii(core::Trim(*r.sender_type));
      if (sender == "1") sender = "agent";
      if (sender == "2") sender = "system";
      if (sender == "3") sender = "customer";
      if (sender != "agent" && sender != "system" && sender != "customer")
        return Invalid("Invalid sender type", "sender_type", "invalid");
      row.sender_type = sender;
    }
    if (r.communication_channel_id) {
      GOATFLOW_ASSIGN_OR_RETURN(
          auto stmt,
          db.Prepare("SELECT name FROM communication_channel WHERE id = ? AND valid_id = 1"));
      stmt.BindAll(*r.communication_channel_id);
      GOATFLOW_ASSIGN_OR_RETURN(bool found, stmt.Step());
      if (!found)
        return Invalid("Invalid communication channel", "communication_channel_id", "not_found");
      row.channel = stmt.Text(0);
    }
  }
  row.from = Opt(r.from);
  row.to = Opt(r.to);
  row.cc = Opt(r.cc);
  row.reply_to = Opt(r.reply_to);
  row.in_reply_to = Opt(r.in_reply_to);
  row.references = Opt(r.references);
  row.message_id = Opt(r.message_id);
  if (r.time_unit && *r.time_unit < 0)
    return Invalid("time_unit must not be negative", "time_unit", "negative");
  GOATFLOW_RETURN_IF_ERROR(service::tickets::CheckNewAttachments(db, r.attachments));
  row.attachments = r.attachments;
  return row;
}

}  // namespace

Result<Article> TicketService::AddArticle(const RequestContext& ctx, std::int64_t ticket_id,
                                          const AddArticleRequest& request) {
  TimePoint now = impl_.clock->Now();
  return service::Write(impl_, [&](store::Db& db) -> Result<Article> {
    GOATFLOW_ASSIGN_OR_RETURN(Caller caller, service::LoadCaller(db, ctx));
    GOATFLOW_RETURN_IF_ERROR(
        service::tickets::RequireTicketScope(db, ctx, caller, ticket_id, service::kScopeArticlesWrite));
    std::optional<rbac::Permission> needed;
    if (!caller.IsCustomer()) needed = rbac::Permission::kNote;
    GOATFLOW_ASSIGN_OR_RETURN(auto rec,
                              service::tickets::LoadForCaller(db, caller, ticket_id, needed));
    GOATFLOW_RETURN_IF_ERROR(service::tickets::RequireNotMerged(rec));
    GOATFLOW_ASSIGN_OR_RETURN(auto row, BuildRow(db, caller, rec.ticket, request));
    // A customer writing on a closed ticket follows the queue's follow-up rule:
    // "possible" reopens it, anything else refuses the follow-up.
    if (caller.IsCustomer() && rec.ticket.state_type == domain::kTypeClosed) {
      GOATFLOW_ASSIGN_OR_RETURN(auto rule, db.Prepare(R"sql(
        SELECT f.name FROM queue q JOIN follow_up_possible f ON f.id = q.follow_up_id
         WHERE q.id = ?)sql"));
      rule.BindAll(rec.ticket.queue_id);
      GOATFLOW_ASSIGN_OR_RETURN(bool found, rule.Step());
      if (!found || rule.Text(0) != "possible")
        return Invalid("Follow-ups to this closed ticket are not possible", "ticket_id", "closed");
      GOATFLOW_ASSIGN_OR_RETURN(auto open, store::FindStateByName(db, "open"));
      if (!open) return Error(ErrorCode::kInternal, "state 'open' is missing");
      GOATFLOW_RETURN_IF_ERROR(service::tickets::SetState(db, rec, *open, 0, row.actor, now));
    }
    GOATFLOW_ASSIGN_OR_RETURN(std::int64_t article_id, store::InsertArticle(db, row, now));
    GOATFLOW_RETURN_IF_ERROR(store::InsertHistory(db, ticket_id, HistoryTypeFor(row),
                                                  fmt::format("Added article ({})", row.subject),
                                                  article_id, row.actor, now));
    GOATFLOW_RETURN_IF_ERROR(store::TouchTicket(db, ticket_id, row.actor, now));
    if (row.sender_type == "customer") {
      GOATFLOW_RETURN_IF_ERROR(service::NotifyCustomerArticle(db, service::ActingAgent(caller),
                                                              rec.ticket, row.subject, now));
    }
    if (request.time_unit) {
      GOATFLOW_RETURN_IF_ERROR(service::tickets::AccountTime(db, ticket_id, article_id,
                                                             *request.time_unit, row.actor, now));
    }
    GOATFLOW_ASSIGN_OR_RETURN(auto article, store::LoadArticle(db, ticket_id, article_id, true));
    if (!article) return Error(ErrorCode::kInternal, "article vanished after insert");
    return std::move(*article);
  });
}

Result<ArticlePage> TicketService::ListArticles(const RequestContext& ctx, std::int64_t ticket_id,
                                                const ListArticlesRequest& request) {
  return service::Read(impl_, [&](store::Db& db) -> Result<ArticlePage> {
    GOATFLOW_ASSIGN_OR_RETURN(Caller caller, service::LoadCaller(db, ctx));
    GOATFLOW_RETURN_IF_ERROR(
        service::tickets::RequireTicketScope(db, ctx, caller, ticket_id, service::kScopeArticlesRead));
    GOATFLOW_RETURN_IF_ERROR(service::tickets::LoadForCaller(db, caller, ticket_id, std::nullopt));
    const PageRequest window = request.page.Normalized();
    bool customer = caller.IsCustomer();
    GOATFLOW_ASSIGN_OR_RETURN(std::int64_t total, store::CountArticles(db, ticket_id, customer));
    ArticlePage page;
    page.pagination = MakePagination(window, total);
    bool ascending = core::ToLowerAscii(core::Trim(request.order)) != "desc";
    GOATFLOW_ASSIGN_OR_RETURN(page.articles,
                              store::LoadArticles(db, ticket_id, customer, ascending, window.limit,
                                                  window.Offset(), request.include_attachments));
    return page;
  });
}

Result<Article> TicketService::GetArticle(const RequestContext& ctx, std::int64_t ticket_id,
                                          std::int64_t article_id, bool include_attachments) {
  return service::Read(impl_, [&](store::Db& db) -> Result<Article> {
    GOATFLOW_ASSIGN_OR_RETURN(Caller caller, service::LoadCaller(db, ctx));
    GOATFLOW_RETURN_IF_ERROR(
        service::tickets::RequireTicketScope(db, ctx, caller, ticket_id, service::kScopeArticlesRead));
    GOATFLOW_RETURN_IF_ERROR(service::tickets::LoadForCaller(db, caller, ticket_id, std::nullopt));
    GOATFLOW_ASSIGN_OR_RETURN(auto article,
                              store::LoadArticle(db, ticket_id, article_id, include_attachments));
    if (!article || (caller.IsCustomer() && !article->is_visible_for_customer))
      return ArticleNotFound();
    return std::move(*article);
  });
}

Result<AttachmentData> TicketService::GetAttachment(const RequestContext& ctx,
                                                    std::int64_t ticket_id, std::int64_t article_id,
                                                    std::int64_t attachment_id) {
  return service::Read(impl_, [&](store::Db& db) -> Result<AttachmentData> {
    GOATFLOW_ASSIGN_OR_RETURN(Caller caller, service::LoadCaller(db, ctx));
    GOATFLOW_RETURN_IF_ERROR(
        service::tickets::RequireTicketScope(db, ctx, caller, ticket_id, service::kScopeArticlesRead));
    GOATFLOW_RETURN_IF_ERROR(service::tickets::LoadForCaller(db, caller, ticket_id, std::nullopt));
    GOATFLOW_ASSIGN_OR_RETURN(auto article, store::LoadArticle(db, ticket_id, article_id, false));
    if (!article || (caller.IsCustomer() && !article->is_visible_for_customer))
      return ArticleNotFound();
    GOATFLOW_ASSIGN_OR_RETURN(auto data, store::LoadAttachment(db, article_id, attachment_id));
    if (!data)
      return Error(ErrorCode::kNotFound, "Attachment not found").WithWireCode("core:not_found");
    return std::move(*data);
  });
}

}  // namespace goatflow
