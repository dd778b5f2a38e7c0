// goatflow article <verb>: notes, replies and attachments of a ticket, as the
// local operator.

#include <fmt/format.h>

#include <array>
#include <fstream>
#include <memory>

#include "cli.h"
#include "goatflow/json.h"
#include "goatflow/tickets.h"
#include "output.h"
#include "ticket_args.h"

namespace goatflow::cli {
namespace {

void PrintArticle(const Article& a) {
  PrintKeyValues({{"id", std::to_string(a.id)},
                  {"ticket_id", std::to_string(a.ticket_id)},
                  {"type", a.article_type},
                  {"sender", a.sender_type},
                  {"visible", a.is_visible_for_customer ? "yes" : "no"},
                  {"created", FormatTime(a.created_at)},
                  {"subject", a.subject}});
  for (const Attachment& att : a.attachments)
    PrintLine(fmt::format("attachment {}: {} ({}, {} bytes)", att.id, att.filename,
                          att.content_type, att.size));
  PrintLine("");
  PrintLine(a.body);
}

void AddAdd(CLI::App* article, Globals& globals) {
  auto* sub = article->add_subcommand("add", "Add a note or reply to a ticket");
  auto ticket_id = std::make_shared<std::int64_t>(0);
  auto r = std::make_shared<AddArticleRequest>();
  auto files = std::make_shared<std::vector<std::string>>();
  auto visible = std::make_shared<bool>(false);
  sub->add_option("ticket_id", *ticket_id, "Ticket id")->required();
  sub->add_option("--body", r->body, "Text (required)")->required();
  AddOptional(sub, "--subject", r->subject, "Subject (default: the ticket title)");
  AddOptional(sub, "--type", r->article_type,
              "note-internal (default), note-external, email-external, email-internal, phone");
  sub->add_flag("--visible", *visible, "Visible to the customer");
  AddOptional(sub, "--content-type", r->content_type, "text/plain (default) or text/html");
  AddOptional(sub, "--sender-type", r->sender_type, "agent (default), system or customer");
  AddOptional(sub, "--to", r->to, "To address");
  AddOptional(sub, "--time-unit", r->time_unit, "Time spent");
  sub->add_option("--attach", *files, "Attach FILE (repeatable)");
  OnRun(sub, globals, [&globals, ticket_id, r, files, visible]() -> Status {
    if (*visible) r->is_visible_for_customer = true;
    for (const std::string& path : *files) {
      auto attachment = ReadAttachment(path);
      if (!attachment.ok()) return std::move(attachment).error();
      r->attachments.push_back(std::move(*attachment));
    }
    auto helpdesk = OpenHelpdesk(globals);
    if (!helpdesk.ok()) return std::move(helpdesk).error();
    auto added = (*helpdesk)->Tickets().AddArticle(RequestContext::LocalOperator(), *ticket_id, *r);
    if (!added.ok()) return std::move(added).error();
    PrintLine(globals.json ? json::ToJson(*added)
                           : fmt::format("Added article {} ({}).", added->id, added->article_type));
    return OkStatus();
  });
}

void AddList(CLI::App* article, Globals& globals) {
  auto* sub = article->add_subcommand("list", "List the articles of a ticket");
  auto ticket_id = std::make_shared<std::int64_t>(0);
  auto r = std::make_shared<ListArticlesRequest>();
  sub->add_option("ticket_id", *ticket_id, "Ticket id")->required();
  sub->add_option("--order", r->order, "asc (default) or desc");
  auto paging = std::make_shared<PageQuery>();
  AddPageOptions(sub, *paging, "Articles");
  sub->add_flag("--attachments", r->include_attachments, "Include attachment metadata");
  OnRun(sub, globals, [&globals, ticket_id, r, paging]() -> Status {
    r->page = ParsePageRequest(*paging);
    auto helpdesk = OpenHelpdesk(globals);
    if (!helpdesk.ok()) return std::move(helpdesk).error();
    auto page =
        (*helpdesk)->Tickets().ListArticles(RequestContext::LocalOperator(), *ticket_id, *r);
    if (!page.ok()) return std::move(page).error();
    if (globals.json) {
      PrintLine(json::ToJson(*page, r->include_attachments));
      return OkStatus();
    }
    for (const Article& a : page->articles)
      PrintLine(fmt::format("{:<7} {}  {:<15} {:<9} {}", a.id, FormatTime(a.created_at),
                            a.article_type, a.sender_type, a.subject));
    PrintLine(fmt::format("{} article(s)", page->pagination.total));
    return OkStatus();
  });
}

void AddShow(CLI::App* article, Globals& globals) {
  auto* sub = article->add_subcommand("show", "Show one article");
  auto ticket_id = std::make_shared<std::int64_t>(0);
  auto article_id = std::make_shared<std::int64_t>(0);
  sub->add_option("ticket_id", *ticket_id, "Ticket id")->required();
  sub->add_option("article_id", *article_id, "Article id")->required();
  OnRun(sub, globals, [&globals, ticket_id, article_id]() -> Status {
    auto helpdesk = OpenHelpdesk(globals);
    if (!helpdesk.ok()) return std::move(helpdesk).error();
    auto a =
        (*helpdesk)->Tickets().GetArticle(RequestContext::LocalOperator(), *ticket_id, *article_id);
    if (!a.ok()) return std::move(a).error();
    if (globals.json) {
      PrintLine(json::ToJson(*a));
    } else {
      PrintArticle(*a);
    }
    return OkStatus();
  });
}

void AddAttachmentGet(CLI::App* article, Globals& globals) {
  auto* sub = article->add_subcommand("attachment-get", "Write an attachment's bytes to a file");
  auto ids = std::make_shared<std::array<std::int64_t, 3>>();
  auto output = std::make_shared<std::string>();
  sub->add_option("ticket_id", (*ids)[0], "Ticket id")->required();
  sub->add_option("article_id", (*ids)[1], "Article id")->required();
  sub->add_option("attachment_id", (*ids)[2], "Attachment id")->required();
  sub->add_option("-o,--output", *output, "File to write (default: the attachment's name)");
  OnRun(sub, globals, [&globals, ids, output]() -> Status {
    auto helpdesk = OpenHelpdesk(globals);
    if (!helpdesk.ok()) return std::move(helpdesk).error();
    auto data = (*helpdesk)->Tickets().GetAttachment(RequestContext::LocalOperator(), (*ids)[0],
                                                     (*ids)[1], (*ids)[2]);
    if (!data.ok()) return std::move(data).error();
    std::string path = output->empty() ? data->meta.filename : *output;
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out.write(data->bytes.data(), static_cast<std::streamsize>(data->bytes.size()));
    if (!out) return Error(ErrorCode::kUnavailable, "cannot write '" + path + "'");
    PrintLine(globals.json ? json::ToJson(data->meta)
                           : fmt::format("Wrote {} bytes to {}.", data->bytes.size(), path));
    return OkStatus();
  });
}

}  // namespace

void RegisterArticle(CLI::App& app, Globals& globals) {
  auto* article = app.add_subcommand("article", "Add and read ticket articles and attachments");
  article->require_subcommand(1);
  AddAdd(article, globals);
  AddList(article, globals);
  AddShow(article, globals);
  AddAttachmentGet(article, globals);
}

}  // namespace goatflow::cli
