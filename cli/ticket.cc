// goatflow ticket <verb>: tickets as the local operator. Each verb parses its
// options into one request, makes one TicketService call and renders the
// result (a table, or the API's JSON shape with --json).

#include <fmt/format.h>

#include <memory>

#include "cli.h"
#include "goatflow/json.h"
#include "goatflow/tickets.h"
#include "output.h"
#include "ticket_args.h"

namespace goatflow::cli {
namespace {

// Opens the helpdesk, runs `call` with the ticket service as the operator and
// prints its value with `render` (or as JSON).
template <typename Call, typename Render>
Status RunTicketCall(const Globals& globals, Call&& call, Render&& render) {
  auto helpdesk = OpenHelpdesk(globals);
  if (!helpdesk.ok()) return std::move(helpdesk).error();
  auto result = call((*helpdesk)->Tickets(), RequestContext::LocalOperator());
  if (!result.ok()) return std::move(result).error();
  if (globals.json) {
    PrintLine(json::ToJson(*result));
  } else {
    render(*result);
  }
  return OkStatus();
}

void AddCreate(CLI::App* ticket, Globals& globals) {
  auto* sub = ticket->add_subcommand("create", "Create a ticket (optionally with a first article)");
  auto r = std::make_shared<CreateTicketRequest>();
  auto files = std::make_shared<std::vector<std::string>>();
  sub->add_option("--title", r->title, "Title (1-255 characters)")->required();
  AddOptional(sub, "--queue-id", r->queue_id, "Queue id")->required();
  AddOptional(sub, "--state", r->state, "State name (default new)");
  AddOptional(sub, "--state-id", r->state_id, "State id");
  AddOptional(sub, "--priority", r->priority, "Priority: id, name or 'high', 'low', ...");
  AddOptional(sub, "--type-id", r->type_id, "Ticket type id (default Unclassified)");
  AddOptional(sub, "--pending-until", r->pending_until,
              "Pending time for pending states (RFC 3339 or 'YYYY-MM-DD HH:MM' UTC)");
  AddOptional(sub, "--customer-user-id", r->customer_user_id, "Customer login (or e-mail)");
  AddOptional(sub, "--customer-id", r->customer_id, "Customer company id");
  AddOptional(sub, "--owner-id", r->owner_id, "Owner agent id (default: the operator)");
  AddOptional(sub, "--responsible-id", r->responsible_id, "Responsible agent id");
  AddOptional(sub, "--body", r->body, "Text of the first article");
  AddOptional(sub, "--content-type", r->content_type, "text/plain (default) or text/html");
  sub->add_option("--attach", *files, "Attach FILE to the first article (repeatable)");
  OnRun(sub, globals, [&globals, r, files]() -> Status {
    for (const std::string& path : *files) {
      auto attachment = ReadAttachment(path);
      if (!attachment.ok()) return std::move(attachment).error();
      r->attachments.push_back(std::move(*attachment));
    }
    return RunTicketCall(
        globals, [&](TicketService& s, const RequestContext& ctx) { return s.Create(ctx, *r); },
        [](const Ticket& t) { PrintLine(fmt::format("Created ticket {} (id {}).", t.tn, t.id)); });
  });
}

void AddList(CLI::App* ticket, Globals& globals) {
  auto* sub = ticket->add_subcommand("list", "List tickets with filters, sorting and pages");
  auto r = std::make_shared<ListTicketsRequest>();
  auto archived = std::make_shared<std::string>("false");
  auto include = std::make_shared<std::vector<std::string>>();
  sub->add_option("--status", r->status, "new, open, pending, closed, active, a state name or id")
      ->delimiter(',');
  sub->add_option("--state-id", r->state_ids, "State ids")->delimiter(',');
  sub->add_option("--priority", r->priority, "Priority ids or names")->delimiter(',');
  sub->add_option("--queue-id", r->queue_ids, "Queue ids")->delimiter(',');
  sub->add_option("--type-id", r->type_ids, "Type ids")->delimiter(',');
  sub->add_option("--owner-id", r->owner_ids, "Owner ids")->delimiter(',');
  sub->add_option("--responsible-id", r->responsible_ids, "Responsible ids")->delimiter(',');
  AddOptional(sub, "--customer-id", r->customer_id, "Customer company id");
  AddOptional(sub, "--customer-user-id", r->customer_user_id, "Customer login");
  AddOptional(sub, "--search", r->search, "Text in title or articles, or a ticket-number prefix");
  sub->add_option("--archived", *archived, "false (default), true or all")
      ->check(CLI::IsMember({"false", "true", "all"}));
  AddOptional(sub, "--created-after", r->created_after, "Created after (RFC 3339)");
  AddOptional(sub, "--created-before", r->created_before, "Created before (RFC 3339)");
  AddOptional(sub, "--updated-after", r->updated_after, "Updated after (RFC 3339)");
  sub->add_option("--sort", r->sort, "created, updated, priority, tn, title or id");
  sub->add_option("--order", r->order, "asc or desc (default)");
  auto paging = std::make_shared<PageQuery>();
  AddPageOptions(sub, *paging, "Tickets");
  sub->add_option("--include", *include, "article_count, last_article")->delimiter(',');
  OnRun(sub, globals, [&globals, r, archived, include, paging]() -> Status {
    r->page = ParsePageRequest(*paging);
    r->archived = *archived == "true"  ? ArchivedFilter::kArchived
                  : *archived == "all" ? ArchivedFilter::kAll
                                       : ArchivedFilter::kActive;
    for (const std::string& what : *include) {
      if (what == "article_count") r->include_article_count = true;
      if (what == "last_article") r->include_last_article = true;
    }
    return RunTicketCall(
        globals, [&](TicketService& s, const RequestContext& ctx) { return s.List(ctx, *r); },
        PrintTicketTable);
  });
}

void AddShow(CLI::App* ticket, Globals& globals) {
  auto* sub = ticket->add_subcommand("show", "Show one ticket by id or by --tn");
  auto id = std::make_shared<std::optional<std::int64_t>>();
  auto tn = std::make_shared<std::optional<std::string>>();
  auto articles = std::make_shared<bool>(false);
  AddOptional(sub, "id", *id, "Ticket id");
  AddOptional(sub, "--tn", *tn, "Ticket number instead of the id");
  sub->add_flag("--articles", *articles, "Include the articles");
  OnRun(sub, globals, [&globals, id, tn, articles]() -> Status {
    if (!*id && !*tn) return Error(ErrorCode::kInvalidArgument, "give a ticket id or --tn");
    return RunTicketCall(
        globals,
        [&](TicketService& s, const RequestContext& ctx) {
          return *tn ? s.GetByNumber(ctx, **tn) : s.Get(ctx, **id, *articles);
        },
        [](const Ticket& t) {
          PrintTicket(t);
          if (!t.articles) return;
          for (const Article& a : *t.articles) {
            PrintLine("");
            PrintLine(fmt::format("--- article {} ({}, {}) {}", a.id, a.article_type, a.sender_type,
                                  FormatTime(a.created_at)));
            PrintLine(a.subject);
            PrintLine(a.body);
          }
        });
  });
}

void AddUpdate(CLI::App* ticket, Globals& globals) {
  auto* sub = ticket->add_subcommand("update", "Change ticket fields (only those given)");
  auto id = std::make_shared<std::int64_t>(0);
  auto r = std::make_shared<UpdateTicketRequest>();
  sub->add_option("id", *id, "Ticket id")->required();
  AddOptional(sub, "--title", r->title, "Title");
  AddOptional(sub, "--queue-id", r->queue_id, "Move to this queue (needs move_into)");
  AddOptional(sub, "--state", r->state, "State name");
  AddOptional(sub, "--state-id", r->state_id, "State id");
  AddOptional(sub, "--pending-until", r->pending_until, "Pending time (pending states)");
  AddOptional(sub, "--priority", r->priority, "Priority id or name");
  AddOptional(sub, "--type-id", r->type_id, "Type id");
  AddOptional(sub, "--owner-id", r->owner_id, "Owner agent id");
  AddOptional(sub, "--responsible-id", r->responsible_id, "Responsible agent id");
  sub->add_flag("--clear-responsible", r->clear_responsible, "Remove the responsible agent");
  AddOptional(sub, "--customer-user-id", r->customer_user_id, "Customer login");
  AddOptional(sub, "--customer-id", r->customer_id, "Customer company id");
  AddOptional(sub, "--lock", r->lock, "lock or unlock");
  OnRun(sub, globals, [&globals, id, r]() -> Status {
    return RunTicketCall(
        globals,
        [&](TicketService& s, const RequestContext& ctx) { return s.Update(ctx, *id, *r); },
        PrintTicket);
  });
}

void AddAssign(CLI::App* ticket, Globals& globals) {
  auto* sub = ticket->add_subcommand("assign", "Set the owner of a ticket");
  auto id = std::make_shared<std::int64_t>(0);
  auto r = std::make_shared<AssignTicketRequest>();
  sub->add_option("id", *id, "Ticket id")->required();
  AddOptional(sub, "--user-id", r->owner_id, "New owner (agent id)")->required();
  AddOptional(sub, "--responsible-id", r->responsible_id, "Also set the responsible agent");
  AddOptional(sub, "--comment", r->comment, "Internal note");
  OnRun(sub, globals, [&globals, id, r]() -> Status {
    return RunTicketCall(
        globals,
        [&](TicketService& s, const RequestContext& ctx) { return s.Assign(ctx, *id, *r); },
        PrintTicket);
  });
}

void AddLockUnlock(CLI::App* ticket, Globals& globals, bool lock) {
  auto* sub = ticket->add_subcommand(
      lock ? "lock" : "unlock", lock ? "Lock a ticket (you become the owner)" : "Unlock a ticket");
  auto id = std::make_shared<std::int64_t>(0);
  sub->add_option("id", *id, "Ticket id")->required();
  OnRun(sub, globals, [&globals, id, lock]() -> Status {
    return RunTicketCall(
        globals,
        [&](TicketService& s, const RequestContext& ctx) {
          return lock ? s.Lock(ctx, *id) : s.Unlock(ctx, *id);
        },
        PrintTicket);
  });
}

void AddClose(CLI::App* ticket, Globals& globals) {
  auto* sub = ticket->add_subcommand("close", "Close a ticket");
  auto id = std::make_shared<std::int64_t>(0);
  auto r = std::make_shared<CloseTicketRequest>();
  sub->add_option("id", *id, "Ticket id")->required();
  AddOptional(sub, "--state", r->state, "A closed state (default closed successful)");
  AddOptional(sub, "--resolution", r->resolution, "successful/resolved/fixed, or another reason");
  AddOptional(sub, "--comment", r->comment, "Note 'Ticket Closed'");
  sub->add_flag("--notify-customer", r->notify_customer, "Make the note visible to the customer");
  AddOptional(sub, "--time-units", r->time_units, "Time spent");
  OnRun(sub, globals, [&globals, id, r]() -> Status {
    return RunTicketCall(
        globals, [&](TicketService& s, const RequestContext& ctx) { return s.Close(ctx, *id, *r); },
        [](const Ticket& t) { PrintLine(fmt::format("Ticket {} is {}.", t.tn, t.state)); });
  });
}

void AddReopen(CLI::App* ticket, Globals& globals) {
  auto* sub = ticket->add_subcommand("reopen", "Reopen a closed ticket");
  auto id = std::make_shared<std::int64_t>(0);
  auto r = std::make_shared<ReopenTicketRequest>();
  sub->add_option("id", *id, "Ticket id")->required();
  sub->add_option("--reason", r->reason, "Why (required)")->required();
  AddOptional(sub, "--notes", r->notes, "Extra text for the note");
  AddOptional(sub, "--state", r->state, "new or open (default)");
  sub->add_flag("--notify-customer", r->notify_customer, "Make the note visible to the customer");
  OnRun(sub, globals, [&globals, id, r]() -> Status {
    return RunTicketCall(
        globals,
        [&](TicketService& s, const RequestContext& ctx) { return s.Reopen(ctx, *id, *r); },
        [](const Ticket& t) { PrintLine(fmt::format("Ticket {} is {}.", t.tn, t.state)); });
  });
}

void AddDelete(CLI::App* ticket, Globals& globals) {
  auto* sub = ticket->add_subcommand("delete", "Archive a ticket (tickets are never erased)");
  auto id = std::make_shared<std::int64_t>(0);
  sub->add_option("id", *id, "Ticket id")->required();
  OnRun(sub, globals, [&globals, id]() -> Status {
    return RunTicketCall(
        globals, [&](TicketService& s, const RequestContext& ctx) { return s.Archive(ctx, *id); },
        [](const ArchiveResult& a) {
          PrintLine(fmt::format("Ticket {} archived ({}).", a.id, a.state));
        });
  });
}

void AddMerge(CLI::App* ticket, Globals& globals) {
  auto* sub = ticket->add_subcommand("merge", "Merge a ticket into another");
  auto id = std::make_shared<std::int64_t>(0);
  auto r = std::make_shared<MergeTicketRequest>();
  sub->add_option("id", *id, "Source ticket id (becomes merged)")->required();
  sub->add_option("--into", r->target_ticket_id, "Target ticket id")->required();
  sub->add_option("--reason", r->reason, "Why (required)")->required();
  OnRun(sub, globals, [&globals, id, r]() -> Status {
    return RunTicketCall(
        globals, [&](TicketService& s, const RequestContext& ctx) { return s.Merge(ctx, *id, *r); },
        [](const Ticket& t) { PrintLine(fmt::format("Merged into ticket {}.", t.tn)); });
  });
}

void AddHistory(CLI::App* ticket, Globals& globals) {
  auto* sub = ticket->add_subcommand("history", "Show the history of a ticket, newest first");
  auto id = std::make_shared<std::int64_t>(0);
  auto limit = std::make_shared<std::optional<std::int64_t>>();
  sub->add_option("id", *id, "Ticket id")->required();
  AddOptional(sub, "--limit", *limit, "Entries (default 50, at most 200)");
  OnRun(sub, globals, [&globals, id, limit]() -> Status {
    return RunTicketCall(
        globals,
        [&](TicketService& s, const RequestContext& ctx) { return s.History(ctx, *id, *limit); },
        [](const TicketHistory& h) {
          for (const HistoryEntry& e : h.history)
            PrintLine(fmt::format("{}  {:<18} {:<10} {}", FormatTime(e.created_at), e.history_type,
                                  e.creator_login, e.name));
        });
  });
}

void AddLinkCommands(CLI::App* ticket, Globals& globals) {
  auto print = [](const TicketLinks& links) {
    for (const TicketLink& l : links.links)
      PrintLine(fmt::format("{:<12} {:<7} {} ({}) {}", l.link_type, l.direction,
                            l.related_ticket_tn, l.related_ticket_id, l.related_ticket_title));
    if (links.links.empty()) PrintLine("No links.");
  };
  for (bool add : {true, false}) {
    auto* sub =
        ticket->add_subcommand(add ? "link" : "unlink", add ? "Link two tickets" : "Remove a link");
    auto id = std::make_shared<std::int64_t>(0);
    auto target = std::make_shared<std::int64_t>(0);
    auto type = std::make_shared<std::string>("Normal");
    sub->add_option("id", *id, "Ticket id (the source / parent)")->required();
    sub->add_option("target", *target, "Other ticket id")->required();
    sub->add_option("--type", *type, "Normal (default) or ParentChild");
    OnRun(sub, globals, [&globals, id, target, type, add, print]() -> Status {
      return RunTicketCall(
          globals,
          [&](TicketService& s, const RequestContext& ctx) {
            return add ? s.AddLink(ctx, *id, *target, *type)
                       : s.RemoveLink(ctx, *id, *target, *type);
          },
          print);
    });
  }
  auto* sub = ticket->add_subcommand("links", "List the links of a ticket");
  auto id = std::make_shared<std::int64_t>(0);
  sub->add_option("id", *id, "Ticket id")->required();
  OnRun(sub, globals, [&globals, id, print]() -> Status {
    return RunTicketCall(
        globals, [&](TicketService& s, const RequestContext& ctx) { return s.Links(ctx, *id); },
        print);
  });
}

}  // namespace

void RegisterTicket(CLI::App& app, Globals& globals) {
  auto* ticket = app.add_subcommand("ticket", "Create, list, change and close tickets");
  ticket->require_subcommand(1);
  AddCreate(ticket, globals);
  AddList(ticket, globals);
  AddShow(ticket, globals);
  AddUpdate(ticket, globals);
  AddAssign(ticket, globals);
  AddLockUnlock(ticket, globals, true);
  AddLockUnlock(ticket, globals, false);
  AddClose(ticket, globals);
  AddReopen(ticket, globals);
  AddDelete(ticket, globals);
  AddMerge(ticket, globals);
  AddHistory(ticket, globals);
  AddLinkCommands(ticket, globals);
}

}  // namespace goatflow::cli
