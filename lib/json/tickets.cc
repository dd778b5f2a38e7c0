// JSON renderings of tickets, articles, history and links (api-v1.md §2.1,
// §2.2, §4.9). Times are RFC 3339 UTC; absent optional scalars are null.

#include "goatflow/tickets.h"

#include <boost/json.hpp>

#include "core/time.h"
#include "goatflow/json.h"
#include "json/internal.h"
#include "json/writer.h"

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

// The ticket's members, written into the object `w` has open.
void TicketMembers(JsonWriter& w, const Ticket& t) {
  w.Key("id").Int(t.id);
  w.Key("tn").String(t.tn);
  w.Key("title").String(t.title);
  w.Key("queue_id").Int(t.queue_id);
  w.Key("queue").String(t.queue);
  w.Key("state_id").Int(t.state_id);
  w.Key("state").String(t.state);
  w.Key("status").String(t.status);
  w.Key("priority_id").Int(t.priority_id);
  w.Key("priority").String(t.priority);
  w.Key("type_id").IntOrNull(t.type_id);
  w.Key("type").StringOrNull(t.type);
  w.Key("lock").String(t.lock);
  w.Key("owner_id").Int(t.owner_id);
  w.Key("owner").String(t.owner);
  w.Key("responsible_id").IntOrNull(t.responsible_id);
  w.Key("responsible").StringOrNull(t.responsible);
  w.Key("customer_id").StringOrNull(t.customer_id);
  w.Key("customer_user_id").StringOrNull(t.customer_user_id);
  w.Key("pending_until").TimeOrNull(t.pending_until);
  w.Key("archived").Bool(t.archived);
  w.Key("created_at").Time(t.created_at);
  w.Key("updated_at").Time(t.updated_at);
  w.Key("created_by").Int(t.created_by);
  w.Key("updated_by").Int(t.updated_by);
  if (t.article_count) w.Key("article_count").Int(*t.article_count);
  if (t.has_last_article_field) {
    w.Key("last_article");
    if (t.last_article) {
      w.BeginObject();
      w.Key("id").Int(t.last_article->id);
      w.Key("subject").String(t.last_article->subject);
      w.Key("created_at").Time(t.last_article->created_at);
      w.EndObject();
    } else {
      w.Null();
    }
  }
  if (t.articles) {
    bj::array list;
    for (const Article& a : *t.articles) list.push_back(ArticleObject(a, true));
    w.Key("articles").Raw(bj::serialize(list));
  }
}

// Rough size of a rendered ticket without articles, to reserve once.
constexpr std::size_t kTicketJsonBytes = 640;

void TicketArray(JsonWriter& w, const std::vector<Ticket>& tickets) {
  w.BeginArray();
  for (const Ticket& t : tickets) {
    w.BeginObject();
    TicketMembers(w, t);
    w.EndObject();
  }
  w.EndArray();
}

void HitsArray(JsonWriter& w, const std::vector<TicketSearchHit>& hits) {
  w.BeginArray();
  for (const TicketSearchHit& hit : hits) {
    w.BeginObject();
    TicketMembers(w, hit.ticket);
    w.Key("snippet").String(hit.snippet);
    w.Key("score").Raw(bj::serialize(bj::value(hit.score)));
    w.EndObject();
  }
  w.EndArray();
}

// {"data": <the array write_items writes>, "pagination": {...}}.
template <typename WriteItems>
std::string DataPage(const Pagination& pagination, std::size_t items_bytes,
                     WriteItems&& write_items) {
  std::string out;
  out.reserve(items_bytes + 160);
  JsonWriter w(out);
  w.BeginObject().Key("data");
  write_items(w);
  w.Key("pagination").Raw(bj::serialize(internal::PaginationObject(pagination)));
  w.EndObject();
  return out;
}

}  // namespace

std::string ToJson(const Ticket& ticket) {
  std::string out;
  out.reserve(kTicketJsonBytes);
  JsonWriter w(out);
  w.BeginObject();
  TicketMembers(w, ticket);
  w.EndObject();
  return out;
}

std::string CreatedTicket(const Ticket& ticket) {
  std::string out;
  out.reserve(kTicketJsonBytes);
  JsonWriter w(out);
  w.BeginObject();
  TicketMembers(w, ticket);
  w.Key("ticket_state_id").Int(ticket.state_id);
  w.Key("ticket_priority_id").Int(ticket.priority_id);
  w.EndObject();
  return out;
}

std::string ToJson(const TicketPage& page) {
  return DataPage(page.pagination, kTicketJsonBytes * page.tickets.size(),
                  [&](JsonWriter& w) { TicketArray(w, page.tickets); });
}

std::string ToJson(const std::vector<TicketSearchHit>& hits) {
  std::string out;
  JsonWriter w(out);
  HitsArray(w, hits);
  return out;
}

std::string ToJson(const TicketSearchPage& page) {
  return DataPage(page.pagination, kTicketJsonBytes * page.hits.size(),
                  [&](JsonWriter& w) { HitsArray(w, page.hits); });
}

std::string ToJson(const std::vector<Ticket>& tickets) {
  std::string out;
  out.reserve(kTicketJsonBytes * tickets.size() + 2);
  JsonWriter w(out);
  TicketArray(w, tickets);
  return out;
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
