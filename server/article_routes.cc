// Article endpoints (api-v1.md §5) and the attachment download (§0
// Attachments): raw bytes, not enveloped.

#include <fmt/format.h>

#include "goatflow/json.h"
#include "goatflow/tickets.h"
#include "server/routes.h"
#include "server/ticket_fields.h"

namespace goatflow::server {
namespace {

bool QueryFlag(const HttpRequest& req, std::string_view name) {
  auto value = req.Query(name);
  return value && (*value == "true" || *value == "1");
}

// article_sender_type_id 1/2/3 (the OTRS ids) as the library's names; other
// numbers pass through for the library to refuse ("Invalid sender type").
std::optional<std::string> SenderType(TicketFields& in) {
  if (auto name = in.String({"sender_type"})) return name;
  auto id = in.Int({"article_sender_type_id"});
  if (!id) return std::nullopt;
  switch (*id) {
    case 1:
      return "agent";
    case 2:
      return "system";
    case 3:
      return "customer";
    default:
      return std::to_string(*id);
  }
}

Result<AddArticleRequest> ParseArticle(const HttpRequest& req) {
  auto read = TicketFields::Read(req);
  if (!read.ok()) return read.error();
  TicketFields in = std::move(read).value();
  AddArticleRequest r;
  r.body = in.String({"body"}).value_or("");
  r.subject = in.String({"subject"});
  r.content_type = in.String({"content_type"});
  r.article_type = in.String({"article_type"});
  r.is_visible_for_customer =
      in.Bool({"is_visible_for_customer", "is_visible_to_customer", "is_visible"});
  r.sender_type = SenderType(in);
  r.communication_channel_id = in.Int({"communication_channel_id"});
  r.from = in.String({"from", "from_email"});
  r.to = in.String({"to", "to_email"});
  r.cc = in.String({"cc"});
  r.reply_to = in.String({"reply_to"});
  r.in_reply_to = in.String({"in_reply_to"});
  r.references = in.String({"references"});
  r.message_id = in.String({"message_id"});
  r.time_unit = in.Number({"time_unit", "time_units"});
  r.attachments = in.Attachments();
  if (!in.ok()) return in.error();
  return r;
}

// Content-Disposition for a stored filename (RFC 6266): an ASCII fallback with
// quotes, backslashes and control characters replaced, plus filename* in
// UTF-8 percent-encoding when the name is not plain ASCII.
std::string ContentDisposition(const std::string& filename) {
  std::string fallback;
  bool ascii = true;
  for (unsigned char c : filename) {
    if (c >= 0x80) ascii = false;
    bool plain = c >= 0x20 && c < 0x7f && c != '"' && c != '\\';
    fallback += plain ? static_cast<char>(c) : '_';
  }
  if (fallback.empty()) fallback = "attachment";
  std::string value = fmt::format("attachment; filename=\"{}\"", fallback);
  if (!ascii) {
    std::string encoded;
    for (unsigned char c : filename) {
      bool attr_char =
          (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
          std::string_view("!#$&+-.^_`|~").find(static_cast<char>(c)) != std::string_view::npos;
      if (attr_char) {
        encoded += static_cast<char>(c);
      } else {
        encoded += fmt::format("%{:02X}", static_cast<unsigned int>(c));
      }
    }
    value += "; filename*=UTF-8''" + encoded;
  }
  return value;
}

}  // namespace

void RegisterArticleRoutes(Router& router, Helpdesk& hd) {
  TicketService& t = hd.Tickets();

  router.Get("/api/v1/tickets/:id/articles", [&t](HttpRequest& req) -> Reply {
    GOATFLOW_HTTP_ASSIGN(auto id, req.PathId("id", "ticket"));
    ListArticlesRequest request;
    request.page = req.Page();
    request.order = req.Query("order").value_or("asc") == "desc" ? "desc" : "asc";
    request.include_attachments = QueryFlag(req, "include_attachments");
    GOATFLOW_HTTP_ASSIGN(ArticlePage page, t.ListArticles(req.context(), id, request));
    return List(json::ToJson(page.articles, request.include_attachments), page.pagination);
  });

  router.Post(
      "/api/v1/tickets/:id/articles",
      [&t](HttpRequest& req) -> Reply {
        GOATFLOW_HTTP_ASSIGN(auto id, req.PathId("id", "ticket"));
        GOATFLOW_HTTP_ASSIGN(auto request, ParseArticle(req));
        return Render(t.AddArticle(req.context(), id, request), 201);
      },
      RouteOptions{.large_body = true});

  router.Get("/api/v1/tickets/:id/articles/:article_id", [&t](HttpRequest& req) -> Reply {
    GOATFLOW_HTTP_ASSIGN(auto id, req.PathId("id", "ticket"));
    GOATFLOW_HTTP_ASSIGN(auto article_id, req.PathId("article_id", "article"));
    bool attachments = QueryFlag(req, "include_attachments");
    GOATFLOW_HTTP_ASSIGN(Article article, t.GetArticle(req.context(), id, article_id, attachments));
    return Ok(json::ToJson(article, attachments));
  });

  router.Get(
      "/api/v1/tickets/:id/articles/:article_id/attachments/:attachment_id",
      [&t](HttpRequest& req) -> Reply {
        GOATFLOW_HTTP_ASSIGN(auto id, req.PathId("id", "ticket"));
        GOATFLOW_HTTP_ASSIGN(auto article_id, req.PathId("article_id", "article"));
        GOATFLOW_HTTP_ASSIGN(auto attachment_id, req.PathId("attachment_id", "attachment"));
        GOATFLOW_HTTP_ASSIGN(AttachmentData data,
                             t.GetAttachment(req.context(), id, article_id, attachment_id));
        Reply reply;
        reply.body = std::move(data.bytes);
        reply.content_type =
            data.meta.content_type.empty() ? "application/octet-stream" : data.meta.content_type;
        reply.headers.emplace_back("Content-Disposition", ContentDisposition(data.meta.filename));
        reply.headers.emplace_back("X-Content-Type-Options", "nosniff");
        return reply;
      },
      RouteOptions{.json = false});
}

}  // namespace goatflow::server
