#include "goatflow/tickets.h"
#include "support/test_support.h"
#include "ticket_fixture.h"

namespace goatflow {
namespace {

using testing::TicketFixture;

struct Desk {
  TicketFixture f;
  std::int64_t group = f.AddGroup("support");
  std::int64_t queue = f.AddQueue("Support", group);
  std::int64_t noter = f.AddAgent("noter", group, {"ro", "note"});
  std::int64_t reader = f.AddAgent("reader", group, {"ro"});
  std::int64_t carol = f.AddCustomer("carol", "ACME");
  Ticket ticket = f.NewTicket(queue, "Broken VPN", "carol");
};

AddArticleRequest Note(std::string body) {
  AddArticleRequest r;
  r.body = std::move(body);
  return r;
}

TEST_CASE("Agent notes are internal unless the type or flag says otherwise") {
  Desk d;
  auto note = d.f.tickets().AddArticle(TicketFixture::Agent(d.noter), d.ticket.id,
                                       Note("checked the logs"));
  REQUIRE_OK(note);
  REQUIRE(note->article_type == "note-internal");
  REQUIRE(note->channel == "internal");
  REQUIRE(note->subject == "Broken VPN");
  REQUIRE_FALSE(note->is_visible_for_customer);
  REQUIRE(note->created_by == d.noter);

  auto external = Note("we are on it");
  external.article_type = "email-external";
  external.to = "carol@example.com";
  auto mail = d.f.tickets().AddArticle(TicketFixture::Agent(d.noter), d.ticket.id, external);
  REQUIRE_OK(mail);
  REQUIRE(mail->article_type == "email-external");
  REQUIRE(mail->is_visible_for_customer);
  REQUIRE(mail->to == "carol@example.com");

  auto flagged = Note("visible note");
  flagged.is_visible_for_customer = true;
  flagged.content_type = "text/html";
  auto visible = d.f.tickets().AddArticle(TicketFixture::Agent(d.noter), d.ticket.id, flagged);
  REQUIRE_OK(visible);
  REQUIRE(visible->article_type == "note-external");
  REQUIRE(visible->content_type == "text/html; charset=utf-8");

  auto history = d.f.tickets().History(TicketFixture::Admin(), d.ticket.id, 3);
  REQUIRE_OK(history);
  REQUIRE(history->history[0].history_type == "AddNote");
  REQUIRE(history->history[1].history_type == "SendAnswer");
  REQUIRE(history->history[2].history_type == "AddNote");
}

TEST_CASE("Customers only see customer-visible articles and write visible replies") {
  Desk d;
  auto internal =
      d.f.tickets().AddArticle(TicketFixture::Agent(d.noter), d.ticket.id, Note("internal only"));
  REQUIRE_OK(internal);
  auto reply = Note("any news?");
  reply.is_visible_for_customer = false;  // ignored: forced visible
  reply.sender_type = "agent";            // ignored: forced customer
  auto added = d.f.tickets().AddArticle(TicketFixture::Customer(d.carol), d.ticket.id, reply);
  REQUIRE_OK(added);
  REQUIRE(added->sender_type == "customer");
  REQUIRE(added->is_visible_for_customer);
  REQUIRE(added->created_by == 1);

  auto seen = d.f.tickets().ListArticles(TicketFixture::Customer(d.carol), d.ticket.id, {});
  REQUIRE_OK(seen);
  REQUIRE(seen->pagination.total == 2);  // first article + reply, not the internal note
  for (const Article& a : seen->articles) REQUIRE(a.is_visible_for_customer);
  REQUIRE_ERR(d.f.tickets().GetArticle(TicketFixture::Customer(d.carol), d.ticket.id, internal->id),
              ErrorCode::kNotFound, "Article not found");
  REQUIRE_OK(d.f.tickets().GetArticle(TicketFixture::Agent(d.reader), d.ticket.id, internal->id));
  auto ticket = d.f.tickets().Get(TicketFixture::Customer(d.carol), d.ticket.id, true);
  REQUIRE_OK(ticket);
  REQUIRE(ticket->article_count == 2);
  REQUIRE(ticket->articles->size() == 2);
  auto history = d.f.tickets().History(TicketFixture::Admin(), d.ticket.id, 1);
  REQUIRE(history->history[0].history_type == "FollowUp");
  REQUIRE_ERR(d.f.tickets().History(TicketFixture::Customer(d.carol), d.ticket.id),
              ErrorCode::kNotFound, "Ticket not found");
}

TEST_CASE("Article permissions and validation") {
  Desk d;
  REQUIRE_ERR(d.f.tickets().AddArticle(TicketFixture::Agent(d.reader), d.ticket.id, Note("hi")),
              ErrorCode::kPermissionDenied, "note");
  std::int64_t stranger = d.f.AddCustomer("stranger", "Other");
  REQUIRE_ERR(d.f.tickets().AddArticle(TicketFixture::Customer(stranger), d.ticket.id, Note("hi")),
              ErrorCode::kNotFound, "Ticket not found");
  REQUIRE_ERR(d.f.tickets().AddArticle(TicketFixture::Agent(d.noter), d.ticket.id, Note("  ")),
              ErrorCode::kInvalidArgument, "Article body is required");
  auto bad_sender = Note("x");
  bad_sender.sender_type = "robot";
  REQUIRE_ERR(d.f.tickets().AddArticle(TicketFixture::Agent(d.noter), d.ticket.id, bad_sender),
              ErrorCode::kInvalidArgument, "Invalid sender type");
  auto bad_channel = Note("x");
  bad_channel.communication_channel_id = 42;
  REQUIRE_ERR(d.f.tickets().AddArticle(TicketFixture::Agent(d.noter), d.ticket.id, bad_channel),
              ErrorCode::kInvalidArgument, "Invalid communication channel");
  auto too_big = Note("x");
  too_big.attachments.push_back(
      {"dump.bin", "application/octet-stream", std::string(10 * 1024 * 1024 + 1, '\0')});
  auto big = d.f.tickets().AddArticle(TicketFixture::Agent(d.noter), d.ticket.id, too_big);
  REQUIRE_ERR(big, ErrorCode::kInvalidArgument, "larger than");
  REQUIRE(big.error().details.at("reason") == "too_large");
  REQUIRE(d.f.QueryInt("SELECT count(*) FROM article") == 1);
}

TEST_CASE("Attachments of internal articles are hidden from customers") {
  Desk d;
  auto with_file = Note("screenshot attached");
  with_file.attachments.push_back({"shot.png", "image/png", "PNGDATA"});
  auto internal = d.f.tickets().AddArticle(TicketFixture::Agent(d.noter), d.ticket.id, with_file);
  REQUIRE_OK(internal);
  REQUIRE(internal->attachments.size() == 1);
  std::int64_t attachment = internal->attachments[0].id;
  auto agent = d.f.tickets().GetAttachment(TicketFixture::Agent(d.reader), d.ticket.id,
                                           internal->id, attachment);
  REQUIRE_OK(agent);
  REQUIRE(agent->bytes == "PNGDATA");
  REQUIRE_ERR(d.f.tickets().GetAttachment(TicketFixture::Customer(d.carol), d.ticket.id,
                                          internal->id, attachment),
              ErrorCode::kNotFound, "Article not found");
  REQUIRE_ERR(d.f.tickets().GetAttachment(TicketFixture::Agent(d.reader), d.ticket.id, internal->id,
                                          attachment + 100),
              ErrorCode::kNotFound, "Attachment not found");
}

TEST_CASE("A customer follow-up reopens a closed ticket when the queue allows it") {
  Desk d;
  REQUIRE_OK(d.f.tickets().Close(TicketFixture::Admin(), d.ticket.id, {}));
  REQUIRE_OK(d.f.tickets().AddArticle(TicketFixture::Customer(d.carol), d.ticket.id,
                                      Note("still broken")));
  REQUIRE(d.f.tickets().Get(TicketFixture::Admin(), d.ticket.id)->state == "open");
  Ticket junk = d.f.NewTicket(3, "Spam", "carol");  // Junk: follow-up rejected
  REQUIRE_OK(d.f.tickets().Close(TicketFixture::Admin(), junk.id, {}));
  REQUIRE_ERR(d.f.tickets().AddArticle(TicketFixture::Customer(d.carol), junk.id, Note("hey")),
              ErrorCode::kInvalidArgument, "not possible");
}

TEST_CASE("Merge moves articles, links the tickets and makes the source read-only") {
  Desk d;
  Ticket target = d.f.NewTicket(d.queue, "VPN down (main)");
  REQUIRE_ERR(d.f.tickets().Merge(TicketFixture::Admin(), d.ticket.id,
                                  {.target_ticket_id = d.ticket.id, .reason = "dup"}),
              ErrorCode::kInvalidArgument, "into itself");
  REQUIRE_ERR(
      d.f.tickets().Merge(TicketFixture::Admin(), d.ticket.id, {.target_ticket_id = target.id}),
      ErrorCode::kInvalidArgument, "reason is required");
  REQUIRE_ERR(d.f.tickets().Merge(TicketFixture::Customer(d.carol), d.ticket.id,
                                  {.target_ticket_id = target.id, .reason = "dup"}),
              ErrorCode::kPermissionDenied, "Customers cannot merge");
  auto merged = d.f.tickets().Merge(TicketFixture::Admin(), d.ticket.id,
                                    {.target_ticket_id = target.id, .reason = "duplicate"});
  REQUIRE_OK(merged);
  REQUIRE(merged->id == target.id);
  REQUIRE(merged->article_count == 2);
  auto source = d.f.tickets().Get(TicketFixture::Admin(), d.ticket.id);
  REQUIRE(source->status == "merged");
  REQUIRE(source->article_count == 0);
  REQUIRE(d.f.QueryInt("SELECT count(*) FROM audit_log WHERE action = 'ticket.merge'") == 1);

  auto links = d.f.tickets().Links(TicketFixture::Admin(), target.id);
  REQUIRE_OK(links);
  REQUIRE(links->links.size() == 1);
  REQUIRE(links->links[0].link_type == "ParentChild");
  REQUIRE(links->links[0].direction == "source");
  REQUIRE(links->links[0].related_ticket_tn == d.ticket.tn);

  REQUIRE_ERR(d.f.tickets().AddArticle(TicketFixture::Admin(), d.ticket.id, Note("x")),
              ErrorCode::kInvalidArgument, "merged");
  REQUIRE_ERR(d.f.tickets().Update(TicketFixture::Admin(), d.ticket.id, {.title = "x"}),
              ErrorCode::kInvalidArgument, "merged");
  REQUIRE_ERR(d.f.tickets().Close(TicketFixture::Admin(), d.ticket.id, {}),
              ErrorCode::kInvalidArgument, "already closed");
  REQUIRE_ERR(d.f.tickets().Reopen(TicketFixture::Admin(), d.ticket.id, {.reason = "x"}),
              ErrorCode::kInvalidArgument, "Merged tickets cannot be reopened");
  REQUIRE_ERR(d.f.tickets().Merge(TicketFixture::Admin(), d.ticket.id,
                                  {.target_ticket_id = target.id, .reason = "again"}),
              ErrorCode::kInvalidArgument, "already merged");
}

TEST_CASE("Links are added, listed from both sides and removed with history") {
  Desk d;
  Ticket other = d.f.NewTicket(d.queue, "Related");
  auto added = d.f.tickets().AddLink(TicketFixture::Admin(), d.ticket.id, other.id, "normal");
  REQUIRE_OK(added);
  REQUIRE(added->links.at(0).link_type == "Normal");
  REQUIRE_ERR(d.f.tickets().AddLink(TicketFixture::Admin(), other.id, d.ticket.id, "Normal"),
              ErrorCode::kAlreadyExists, "Link already exists");
  REQUIRE_ERR(d.f.tickets().AddLink(TicketFixture::Admin(), d.ticket.id, other.id, "Cousin"),
              ErrorCode::kInvalidArgument, "Invalid link type");
  REQUIRE_ERR(d.f.tickets().AddLink(TicketFixture::Admin(), d.ticket.id, d.ticket.id, "Normal"),
              ErrorCode::kInvalidArgument, "itself");
  auto inbound = d.f.tickets().Links(TicketFixture::Agent(d.reader), other.id);
  REQUIRE_OK(inbound);
  REQUIRE(inbound->links.at(0).direction == "target");
  REQUIRE(inbound->links.at(0).related_ticket_id == d.ticket.id);
  REQUIRE_ERR(
      d.f.tickets().AddLink(TicketFixture::Agent(d.reader), d.ticket.id, other.id, "ParentChild"),
      ErrorCode::kPermissionDenied, "Write access denied");
  auto removed = d.f.tickets().RemoveLink(TicketFixture::Admin(), other.id, d.ticket.id, "Normal");
  REQUIRE_OK(removed);
  REQUIRE(removed->links.empty());
  REQUIRE_ERR(d.f.tickets().RemoveLink(TicketFixture::Admin(), other.id, d.ticket.id, "Normal"),
              ErrorCode::kNotFound, "Link not found");
  REQUIRE(d.f.QueryInt("SELECT count(*) FROM ticket_history h JOIN ticket_history_type t ON "
                       "t.id = h.history_type_id WHERE t.name IN ('TicketLinkAdd', "
                       "'TicketLinkDelete')") == 4);
}

TEST_CASE("Bulk actions check and report each ticket on its own") {
  Desk d;
  std::int64_t other_group = d.f.AddGroup("hidden");
  std::int64_t hidden_queue = d.f.AddQueue("Hidden", other_group);
  Ticket visible = d.f.NewTicket(d.queue, "one");
  Ticket hidden = d.f.NewTicket(hidden_queue, "two");
  std::int64_t lead = d.f.AddAgent("lead", d.group, {"rw"});
  auto result = d.f.tickets().BulkClose(TicketFixture::Agent(lead),
                                        {visible.id, hidden.id, 9999, d.ticket.id}, {});
  REQUIRE(result.processed == 2);
  REQUIRE(result.failed == 2);
  REQUIRE(result.errors.at(0).ticket_id == hidden.id);
  REQUIRE(result.errors.at(0).error == "Ticket not found");
  auto priority = d.f.tickets().BulkPriority(TicketFixture::Agent(lead), {visible.id, d.ticket.id},
                                             {.priority = "5"});
  REQUIRE(priority.processed == 2);
  auto assign =
      d.f.tickets().BulkAssign(TicketFixture::Agent(lead), {visible.id}, {.owner_id = d.reader});
  REQUIRE(assign.failed == 1);
  REQUIRE(assign.errors.at(0).error == "User lacks owner permission on this queue");
  auto move =
      d.f.tickets().BulkMoveQueue(TicketFixture::Admin(), {visible.id, hidden.id}, {.queue_id = 4});
  REQUIRE(move.processed == 2);
}

}  // namespace
}  // namespace goatflow
