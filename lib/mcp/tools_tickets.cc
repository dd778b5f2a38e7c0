// Ticket tools (spec/mcp.md §6.1-6.5): each parses its arguments, makes one
// TicketService call under the caller's context and shapes the result.

#include <algorithm>

#include "goatflow/tickets.h"
#include "json/internal.h"
#include "mcp/registry.h"

namespace goatflow::mcp {
namespace {

namespace bj = boost::json;
using json::internal::Timestamp;

constexpr std::string_view kStateHint =
    "Default states: 1 new, 4 open, 2 closed successful, 3 closed unsuccessful "
    "(pending states need a pending time and are not offered here)";
constexpr std::string_view kPriorityHint =
    "Default priorities: 1 very low, 2 low, 3 normal, 4 high, 5 very high";

Error Invalid(std::string message) { return Error(ErrorCode::kInvalidArgument, std::move(message)); }

// One row of list_tickets: names, not ids.
bj::object Summary(const Ticket& t) {
  // emplace, not an initializer list: a list page builds twenty of these per call.
  bj::object o;
  o.reserve(7);
  o.emplace("id", t.id);
  o.emplace("number", t.tn);
  o.emplace("title", t.title);
  o.emplace("state", t.state);
  o.emplace("queue", t.queue);
  o.emplace("priority", t.priority);
  o.emplace("owner", t.owner);
  return o;
}

bj::value OptText(const std::optional<std::string>& text) {
  if (!text) return nullptr;
  return bj::value(*text);
}

bj::object Detail(const Ticket& t) {
  bj::object out{{"id", t.id},
                 {"number", t.tn},
                 {"title", t.title},
                 {"customer_id", OptText(t.customer_id)},
                 {"customer_user_id", OptText(t.customer_user_id)},
                 {"state", t.state},
                 {"queue", t.queue},
                 {"priority", t.priority},
                 {"owner", t.owner},
                 {"create_time", Timestamp(t.created_at)},
                 {"change_time", Timestamp(t.updated_at)}};
  if (t.articles) {
    bj::array articles;
    for (const Article& a : *t.articles) {
      articles.push_back(bj::object{{"id", a.id},
                                    {"sender_type", a.sender_type},
                                    {"subject", a.subject},
                                    {"body", a.body},
                                    {"is_visible_for_customer", a.is_visible_for_customer},
                                    {"create_time", Timestamp(a.created_at)}});
    }
    out["articles"] = std::move(articles);
  }
  return out;
}

Result<bj::value> ListTickets(const ToolContext& call, Arguments& args) {
  ListTicketsRequest request;
  if (auto queue = args.Int("queue_id")) request.queue_ids = {*queue};
  if (auto state = args.Int("state_id")) request.state_ids = {*state};
  if (auto owner = args.Int("owner_id")) request.owner_ids = {*owner};
  request.customer_id = args.String("customer_id");
  if (auto status = args.String("status")) request.status = {*status};
  if (auto priority = args.String("priority")) request.priority = {*priority};
  std::int64_t limit = args.Int("limit").value_or(PageRequest::kDefaultLimit);
  std::int64_t offset = args.Int("offset").value_or(0);
  if (!args.ok()) return args.error();
  if (offset < 0) return Invalid("offset must be at least 0");
  if (limit < 1) limit = PageRequest::kDefaultLimit;
  request.page.limit = std::min(limit, PageRequest::kMaxLimit);
  request.offset = offset;
  request.sort = "id";
  request.order = "desc";
  auto page = call.helpdesk.Tickets().List(call.ctx, request);
  if (!page.ok()) return std::move(page).error();
  bj::array items;
  items.reserve(page->tickets.size());
  for (const Ticket& t : page->tickets) items.emplace_back(Summary(t));
  return bj::value(std::move(items));
}

Result<bj::value> GetTicket(const ToolContext& call, Arguments& args) {
  auto id = args.Int("ticket_id");
  auto number = args.String("ticket_number");
  bool include_articles = args.Bool("include_articles").value_or(true);
  if (!args.ok()) return args.error();
  Result<Ticket> ticket = Error(ErrorCode::kInvalidArgument,
                                "either ticket_id or ticket_number is required");
  if (id) {
    ticket = call.helpdesk.Tickets().Get(call.ctx, *id, include_articles);
  } else if (number) {
    ticket = call.helpdesk.Tickets().GetByNumber(call.ctx, *number, include_articles);
  }
  if (!ticket.ok()) return std::move(ticket).error();
  return bj::value(Detail(*ticket));
}

Result<bj::value> CreateTicket(const ToolContext& call, Arguments& args) {
  CreateTicketRequest request;
  request.title = args.RequiredString("title").value_or("");
  request.queue_id = args.RequiredInt("queue_id");
  request.body = args.RequiredString("body");
  request.priority_id = args.Int("priority_id");
  request.state_id = args.Int("state_id");
  request.customer_user_id = args.String("customer_user");
  if (!args.ok()) return args.error();
  auto ticket = call.helpdesk.Tickets().Create(call.ctx, request);
  if (!ticket.ok()) return std::move(ticket).error();
  bj::value article_id = nullptr;
  if (ticket->last_article) article_id = ticket->last_article->id;
  return bj::value(bj::object{{"ticket_id", ticket->id},
                              {"ticket_number", ticket->tn},
                              {"article_id", article_id},
                              {"message", "Ticket created successfully"}});
}

Result<bj::value> UpdateTicket(const ToolContext& call, Arguments& args) {
  std::int64_t id = args.RequiredInt("ticket_id").value_or(0);
  UpdateTicketRequest request;
  request.title = args.String("title");
  request.state_id = args.Int("state_id");
  request.priority_id = args.Int("priority_id");
  request.queue_id = args.Int("queue_id");
  request.owner_id = args.Int("owner_id");
  if (!args.ok()) return args.error();
  bj::array updated;
  if (request.title) updated.emplace_back("title");
  if (request.state_id) updated.emplace_back("state_id");
  if (request.priority_id) updated.emplace_back("priority_id");
  if (request.queue_id) updated.emplace_back("queue_id");
  if (request.owner_id) updated.emplace_back("owner_id");
  auto ticket = call.helpdesk.Tickets().Update(call.ctx, id, request);
  if (!ticket.ok()) return std::move(ticket).error();
  return bj::value(bj::object{{"ticket_id", ticket->id},
                              {"message", "Ticket updated successfully"},
                              {"updated", std::move(updated)}});
}

constexpr std::string_view kArticleTypes[] = {"note-internal", "note-external", "email-external"};

Result<bj::value> AddArticle(const ToolContext& call, Arguments& args) {
  std::int64_t ticket_id = args.RequiredInt("ticket_id").value_or(0);
  AddArticleRequest request;
  request.body = args.RequiredString("body").value_or("");
  request.subject = args.String("subject");
  std::string type = args.String("article_type").value_or("note-internal");
  if (!args.ok()) return args.error();
  if (std::find(std::begin(kArticleTypes), std::end(kArticleTypes), type) ==
      std::end(kArticleTypes))
    return Invalid("article_type must be one of note-internal, note-external, email-external");
  request.article_type = type;
  auto article = call.helpdesk.Tickets().AddArticle(call.ctx, ticket_id, request);
  if (!article.ok()) return std::move(article).error();
  return bj::value(bj::object{{"article_id", article->id},
                              {"ticket_id", article->ticket_id},
                              {"article_type", type},
                              {"message", "Article added successfully"}});
}

}  // namespace

Tool ListTicketsTool() {
  return Tool{
      .name = "list_tickets",
      .description =
          "List the tickets you can see, newest first, optionally filtered by queue, state, "
          "status, priority, owner or customer company. Returns id, number, title, state, "
          "queue, priority and owner of each ticket.",
      .input_schema = InputSchema()
                          .Integer("queue_id", "Only tickets of this queue (see list_queues)")
                          .Integer("state_id", std::string(kStateHint))
                          .String("status",
                                  "Status filter: new, open (new or open), pending, closed, "
                                  "active (not closed), merged, or an exact state name")
                          .String("priority",
                                  "Priority filter: an id or a name such as low, normal, high")
                          .Integer("owner_id", "Only tickets owned by this agent (see list_users)")
                          .String("customer_id", "Only tickets of this customer company id")
                          .Integer("limit", "Tickets to return")
                          .Minimum(1).Maximum(100).Default(20)
                          .Integer("offset", "Tickets to skip").Minimum(0).Default(0),
      .run = ListTickets,
  };
}

Tool GetTicketTool() {
  return Tool{
      .name = "get_ticket",
      .description =
          "Get one ticket by id or ticket number, with its articles (oldest first, internal "
          "notes included; is_visible_for_customer tells notes from customer-facing replies).",
      .input_schema = InputSchema()
                          .Integer("ticket_id", "Ticket id (wins over ticket_number)")
                          .String("ticket_number", "Ticket number")
                          .Boolean("include_articles", "Include the articles").Default(true),
      .run = GetTicket,
  };
}

Tool CreateTicketTool() {
  return Tool{
      .name = "create_ticket",
      .description =
          "Create a ticket in a queue with a first article, as the REST API does (numbering, "
          "defaults, history). Needs the create permission on the queue.",
      .input_schema =
          InputSchema()
              .String("title", "Ticket title").Required().MinLength(1).MaxLength(255)
              .Integer("queue_id", "Queue id (see list_queues)").Required()
              .String("body", "Text of the first article").Required()
              .Integer("priority_id", std::string(kPriorityHint)).Default(3)
              .Integer("state_id", std::string(kStateHint) + "; default new")
              .String("customer_user", "Customer login or e-mail address"),
      .read_only = false,
      .destructive = false,
      .idempotent = false,
      .run = CreateTicket,
  };
}

Tool UpdateTicketTool() {
  return Tool{
      .name = "update_ticket",
      .description =
          "Change a ticket's title, state, priority, queue or owner. Needs rw on the ticket's "
          "queue, plus priority for the priority, move_into on the target queue, and owner "
          "for the owner. Give at least one field besides ticket_id.",
      .input_schema = InputSchema()
                          .Integer("ticket_id", "Ticket id").Required()
                          .String("title", "New title").MinLength(1).MaxLength(255)
                          .Integer("state_id", std::string(kStateHint))
                          .Integer("priority_id", std::string(kPriorityHint))
                          .Integer("queue_id", "Move to this queue (see list_queues)")
                          .Integer("owner_id", "New owner agent id (see list_users)"),
      .read_only = false,
      .destructive = true,
      .idempotent = true,
      .run = UpdateTicket,
  };
}

Tool AddArticleTool() {
  return Tool{
      .name = "add_article",
      .description =
          "Add a note or reply to a ticket. An internal note unless article_type says "
          "otherwise; note-external and email-external are visible to the customer.",
      .input_schema = InputSchema()
                          .Integer("ticket_id", "Ticket id").Required()
                          .String("body", "Text of the article").Required().MinLength(1)
                          .String("subject", "Subject; defaults to the ticket title").MaxLength(255)
                          .String("article_type", "Kind of article")
                          .Enum({"note-internal", "note-external", "email-external"})
                          .Default("note-internal"),
      .read_only = false,
      .destructive = false,
      .idempotent = false,
      .run = AddArticle,
  };
}

}  // namespace goatflow::mcp
