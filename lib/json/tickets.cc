// JSON renderings of tickets, articles, history and links (api-v1.md §2.1,
// §2.2, §4.9). Times are RFC 3339 UTC; absent optional scalars are null.

#include "goatflow/tickets.h"

#include <boost/json.hpp>

#include "core/time.h"
#include "goatflow/json.h"
#include "json/internal.h"

namespace goatflow::json {
namespace {

namespace bj = boost::json;

bj::value Opt(const std::optional<std::string>& s) {
  return s ? bj::value(*s) : bj::value(nullptr);
}
bj::value Opt(const std::optional<std::int64_t>& i) {
  return i ? bj::value(*i) : bj::value(nullptr);
}
bj::value Time(TimePoint t) { return bj::value(core::FormatRfc3339(t)); }

bj::object AttachmentObject(const Attachment& a) {
  return {
      {"id", a.id}, {"filename", a.filename}, {"content_type", a.content_type}, {"size", a.size}};
}

bj::object ArticleObject(const Article& a, bool with_attachments) {
  bj::object o{{"id", a.id},
               {"ticket_id", a.ticket_id},
               {"subject", a.subject},
               {"body", a.body},
               {"content_type", a.content_type},
               {"from", Opt(a.from)},
               {"to", Opt(a.to)},
               {"cc", Opt(a.cc)},
               {"reply_to", Opt(a.reply_to)},
               {"message_id", Opt(a.message_id)},
               {"in_reply_to", Opt(a.in_reply_to)},
               {"references", Opt(a.references)},
               {"sender_type", a.sender_type},
               {"channel", a.channel},
               {"article_type", a.article_type},
               {"is_visible_for_customer", a.is_visible_for_customer},
               {"created_at", Time(a.created_at)},
               {"created_by", a.created_by}};
  if (with_attachments) {
    bj::array list;
    for (const Attachment& att : a.attachments) list.push_back(AttachmentObject(att));
    o["attachments"] = std::move(list);
  }
  return o;
}

// `sp`: where the object allocates (a list renders into one monotonic buffer).
bj::object TicketObject(const Ticket& t, bj::storage_ptr sp = {}) {
  bj::object o({{"id", t.id},
               {"tn", t.tn},
               {"title", t.title},
               {"queue_id", t.queue_id},
               {"queue", t.queue},
               {"state_id", t.state_id},
               {"state", t.state},
               {"status", t.status},
               {"priority_id", t.priority_id},
               {"priority", t.priority},
               {"type_id", Opt(t.type_id)},
               {"type", Opt(t.type)},
               {"lock", t.lock},
               {"owner_id", t.owner_id},
               {"owner", t.owner},
               {"responsible_id", Opt(t.responsible_id)},
               {"responsible", Opt(t.responsible)},
               {"customer_id", Opt(t.customer_id)},
               {"customer_user_id", Opt(t.customer_user_id)},
               {"pending_until", t.pending_until ? Time(*t.pending_until) : bj::value(nullptr)},
               {"archived", t.archived},
               {"created_at", Time(t.created_at)},
               {"updated_at", Time(t.updated_at)},
               {"created_by", t.created_by},
               {"updated_by", t.updated_by}},
               sp);
  if (t.article_count) o["article_count"] = *t.article_count;
  if (t.has_last_article_field) {
    if (t.last_article) {
      o["last_article"] = bj::object{{"id", t.last_article->id},
                                     {"subject", t.last_article->subject},
                                     {"created_at", Time(t.last_article->created_at)}};
    } else {
      o["last_article"] = nullptr;
    }
  }
  if (t.articles) {
    bj::array list;
    for (const Article& a : *t.articles) list.push_back(ArticleObject(a, true));
    o["articles"] = std::move(list);
  }
  return o;
}

}  // namespace

std::string ToJson(const Ticket& ticket) { return bj::serialize(TicketObject(ticket)); }

std::string CreatedTicket(const Ticket& ticket) {
  bj::object o = TicketObject(ticket);
  o["ticket_state_id"] = ticket.state_id;
  o["ticket_priority_id"] = ticket.priority_id;
  return bj::serialize(o);
}

std::string ToJson(const TicketPage& page) {
  bj::array data;
  for (const Ticket& t : page.tickets) data.push_back(TicketObject(t));
  return bj::serialize(
      bj::object{{"data", std::move(data)}, {"pagination", internal::PaginationObject(page.pagination)}});
}

namespace {

bj::array HitsArray(const std::vector<TicketSearchHit>& hits) {
  bj::array data;
  for (const TicketSearchHit& hit : hits) {
    bj::object o = TicketObject(hit.ticket);
    o["snippet"] = hit.snippet;
    o["score"] = hit.score;
    data.push_back(std::move(o));
  }
  return data;
}

}  // namespace

std::string ToJson(const std::vector<TicketSearchHit>& hits) {
  return bj::serialize(HitsArray(hits));
}

std::string ToJson(const TicketSearchPage& page) {
  return bj::serialize(bj::object{{"data", HitsArray(page.hits)},
                                  {"pagination", internal::PaginationObject(page.pagination)}});
}

std::string ToJson(const std::vector<Ticket>& tickets) {
  // One arena for the whole page: a list renders without a malloc per field.
  bj::monotonic_resource arena;
  bj::storage_ptr sp(&arena);
  bj::array data(sp);
  data.reserve(tickets.size());
  for (const Ticket& t : tickets) data.push_back(TicketObject(t, sp));
  return bj::serialize(data);
}

std::string ToJson(const std::vector<Article>& articles, bool include_attachments) {
  bj::array data;
  for (const Article& a : articles) data.push_back(ArticleObject(a, include_attachments));
  return bj::serialize(data);
}

std::string ToJson(const Article& article) { return bj::serialize(ArticleObject(article, true)); }

std::string ToJson(const Article& article, bool include_attachments) {
  return bj::serialize(ArticleObject(article, include_attachments));
}

std::string ToJson(const ArticlePage& page, bool include_attachments) {
  bj::array data;
  for (const Article& a : page.articles) data.push_back(ArticleObject(a, include_attachments));
  return bj::serialize(
      bj::object{{"data", std::move(data)}, {"pagination", internal::PaginationObject(page.pagination)}});
}

std::string ToJson(const Attachment& attachment) {
  return bj::serialize(AttachmentObject(attachment));
}

std::string ToJson(const TicketHistory& history) {
  bj::array list;
  for (const HistoryEntry& e : history.history) {
    list.push_back(bj::object{{"id", e.id},
                              {"history_type", e.history_type},
                              {"name", e.name},
                              {"creator_login", e.creator_login},
                              {"creator_full_name", e.creator_full_name},
                              {"created_at", Time(e.created_at)},
                              {"article_id", Opt(e.article_id)},
                              {"queue", e.queue},
                              {"state", e.state},
                              {"priority", e.priority}});
  }
  return bj::serialize(bj::object{{"ticket_id", history.ticket_id},
                                  {"count", static_cast<std::int64_t>(history.history.size())},
                                  {"history", std::move(list)}});
}

std::string ToJson(const TicketLinks& links) {
  bj::array list;
  for (const TicketLink& l : links.links) {
    list.push_back(bj::object{{"related_ticket_id", l.related_ticket_id},
                              {"related_ticket_tn", l.related_ticket_tn},
                              {"related_ticket_title", l.related_ticket_title},
                              {"link_type", l.link_type},
                              {"direction", l.direction},
                              {"created_at", Time(l.created_at)}});
  }
  return bj::serialize(bj::object{{"ticket_id", links.ticket_id},
                                  {"count", static_cast<std::int64_t>(links.links.size())},
                                  {"links", std::move(list)}});
}

std::string ToJson(const BulkResult& result) {
  bj::array errors;
  for (const BulkError& e : result.errors)
    errors.push_back(bj::object{{"ticket_id", e.ticket_id}, {"error", e.error}});
  return bj::serialize(bj::object{
      {"processed", result.processed}, {"failed", result.failed}, {"errors", std::move(errors)}});
}

std::string ToJson(const ArchiveResult& result) {
  return bj::serialize(
      bj::object{{"id", result.id}, {"archived", result.archived}, {"state", result.state}});
}

}  // namespace goatflow::json
