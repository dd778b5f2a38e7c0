#include "goatflow/tickets.h"
#include "support/test_support.h"
#include "ticket_fixture.h"

namespace goatflow {
namespace {

using testing::TicketFixture;

CreateTicketRequest Request(std::int64_t queue_id, std::string title = "Cannot log in") {
  CreateTicketRequest r;
  r.title = std::move(title);
  r.queue_id = queue_id;
  return r;
}

// Nothing of a failed create may remain.
void RequireNothingWritten(TicketFixture& f) {
  REQUIRE(f.QueryInt("SELECT count(*) FROM ticket") == 0);
  REQUIRE(f.QueryInt("SELECT count(*) FROM article") == 0);
  REQUIRE(f.QueryInt("SELECT count(*) FROM article_data_mime_attachment") == 0);
  REQUIRE(f.QueryInt("SELECT count(*) FROM ticket_history") == 0);
  REQUIRE(f.QueryInt("SELECT count(*) FROM ticket_number_counter") == 0);
}

TEST_CASE("An agent creates a ticket with the documented defaults and first article") {
  TicketFixture f;
  std::int64_t group = f.AddGroup("support");
  std::int64_t queue = f.AddQueue("Support", group);
  std::int64_t alice = f.AddAgent("alice", group, {"create", "ro"});
  auto request = Request(queue);
  request.body = "The login page says 500.";
  auto ticket = f.tickets().Create(TicketFixture::Agent(alice), request);
  REQUIRE_OK(ticket);
  REQUIRE(ticket->tn == "202603011000001");
  REQUIRE(ticket->title == "Cannot log in");
  REQUIRE(ticket->queue == "Support");
  REQUIRE(ticket->state == "new");
  REQUIRE(ticket->status == "new");
  REQUIRE(ticket->priority == "3 normal");
  REQUIRE(ticket->type == "Unclassified");
  REQUIRE(ticket->lock == "unlock");
  REQUIRE(ticket->owner_id == alice);
  REQUIRE(ticket->owner == "alice");
  REQUIRE(ticket->responsible_id == alice);
  REQUIRE(ticket->created_by == alice);
  REQUIRE_FALSE(ticket->archived);
  REQUIRE(ticket->article_count == 1);
  REQUIRE(ticket->created_at == testing::FixtureStart());

  auto articles = f.tickets().ListArticles(TicketFixture::Agent(alice), ticket->id, {});
  REQUIRE_OK(articles);
  REQUIRE(articles->articles.size() == 1);
  const Article& first = articles->articles[0];
  REQUIRE(first.subject == "Cannot log in");
  REQUIRE(first.sender_type == "agent");
  REQUIRE(first.channel == "email");
  REQUIRE(first.is_visible_for_customer);
  REQUIRE(first.content_type == "text/plain; charset=utf-8");

  auto history = f.tickets().History(TicketFixture::Agent(alice), ticket->id);
  REQUIRE_OK(history);
  REQUIRE(history->history.size() == 2);
  REQUIRE(history->history[1].history_type == "NewTicket");
  REQUIRE(history->history[1].name == "Ticket created (202603011000001)");
  REQUIRE(history->history[0].history_type == "AddNote");
  REQUIRE(history->history[0].article_id == first.id);
}

TEST_CASE("Ticket numbers count per UTC day") {
  TicketFixture f;
  REQUIRE(f.NewTicket(2).tn == "202603011000001");
  REQUIRE(f.NewTicket(2).tn == "202603011000002");
  f.clock().Advance(std::chrono::hours(24));
  REQUIRE(f.NewTicket(2).tn == "202603021000001");
  f.Sql(R"(INSERT INTO system_config (name, value, change_by) VALUES ('SystemID', '42', 1))");
  REQUIRE(f.NewTicket(2).tn == "202603024200001");
}

TEST_CASE("An agent needs create on the queue") {
  TicketFixture f;
  std::int64_t group = f.AddGroup("support");
  std::int64_t queue = f.AddQueue("Support", group);
  std::int64_t bob = f.AddAgent("bob", group, {"ro", "note"});
  REQUIRE_ERR(f.tickets().Create(TicketFixture::Agent(bob), Request(queue)),
              ErrorCode::kPermissionDenied, "No permission to create tickets in this queue");
  f.Grant(bob, group, "rw");
  REQUIRE_OK(f.tickets().Create(TicketFixture::Agent(bob), Request(queue)));
}

TEST_CASE("A customer creates in the default queue, owned by nobody") {
  TicketFixture f;
  std::int64_t carol = f.AddCustomer("carol", "ACME");
  CreateTicketRequest request;
  request.title = "  Invoice missing  ";
  request.body = "Where is my invoice?";
  request.state = "closed successful";  // ignored for customers
  request.owner_id = 1;
  auto ticket = f.tickets().Create(TicketFixture::Customer(carol), request);
  REQUIRE_OK(ticket);
  REQUIRE(ticket->title == "Invoice missing");
  REQUIRE(ticket->queue == "Raw");
  REQUIRE(ticket->state == "new");
  REQUIRE(ticket->owner_id == 1);
  REQUIRE(ticket->responsible_id == 1);
  REQUIRE(ticket->customer_user_id == "carol");
  REQUIRE(ticket->customer_id == "ACME");
  REQUIRE(ticket->created_by == 1);
  auto article = f.tickets().ListArticles(TicketFixture::Customer(carol), ticket->id, {});
  REQUIRE_OK(article);
  REQUIRE(article->articles.at(0).sender_type == "customer");

  SECTION("queues outside CustomerPanel::SelectableQueues are refused") {
    request.queue_id = 3;  // Junk
    REQUIRE_ERR(f.tickets().Create(TicketFixture::Customer(carol), request),
                ErrorCode::kPermissionDenied, "No permission");
    request.queue_id = 4;  // Misc
    REQUIRE_OK(f.tickets().Create(TicketFixture::Customer(carol), request));
  }
  SECTION("the stored setting replaces the default list") {
    f.Sql(R"(INSERT INTO system_config (name, value, change_by)
             VALUES ('CustomerPanel::SelectableQueues', '["Junk"]', 1))");
    request.queue_id = 3;
    REQUIRE_OK(f.tickets().Create(TicketFixture::Customer(carol), request));
    request.queue_id = 4;
    REQUIRE_ERR(f.tickets().Create(TicketFixture::Customer(carol), request),
                ErrorCode::kPermissionDenied, "No permission");
  }
}

TEST_CASE("Customers create at most 10 tickets an hour; agents are not limited") {
  TicketFixture f;
  std::int64_t carol = f.AddCustomer("carol", "ACME");
  CreateTicketRequest request;
  request.title = "Printer";
  request.body = "It jams.";
  for (int i = 0; i < 10; ++i) REQUIRE_OK(f.tickets().Create(TicketFixture::Customer(carol), request));
  auto refused = f.tickets().Create(TicketFixture::Customer(carol), request);
  REQUIRE_ERR(refused, ErrorCode::kRateLimited, "Too many requests");
  REQUIRE(refused.error().wire_code == "core:rate_limited");
  REQUIRE(std::stoi(refused.error().details.at("retry_after_sec")) > 0);
  std::int64_t dave = f.AddCustomer("dave", "Globex");  // the budget is per customer
  REQUIRE_OK(f.tickets().Create(TicketFixture::Customer(dave), request));
  request.queue_id = 2;
  for (int i = 0; i < 12; ++i) REQUIRE_OK(f.tickets().Create(TicketFixture::Admin(), request));
}

TEST_CASE("An agent's customer_user_id links the customer and defaults the company") {
  TicketFixture f;
  f.AddCustomer("dave", "Globex");
  auto request = Request(2);
  request.customer_user_id = "dave@example.com";
  auto linked = f.tickets().Create(TicketFixture::Admin(), request);
  REQUIRE_OK(linked);
  REQUIRE(linked->customer_user_id == "dave");
  REQUIRE(linked->customer_id == "Globex");
  request.customer_user_id = "stranger";
  auto free_text = f.tickets().Create(TicketFixture::Admin(), request);
  REQUIRE_OK(free_text);
  REQUIRE(free_text->customer_user_id == "stranger");
  REQUIRE_FALSE(free_text->customer_id.has_value());
}

TEST_CASE("State, priority, type and pending time are resolved and validated") {
  TicketFixture f;
  auto request = Request(2);
  request.priority = "urgent";
  request.state = "pending reminder";
  request.pending_until = "2026-03-05T10:00:00Z";
  request.type_id = 2;
  auto ticket = f.tickets().Create(TicketFixture::Admin(), request);
  REQUIRE_OK(ticket);
  REQUIRE(ticket->priority == "5 very high");
  REQUIRE(ticket->status == "pending");
  REQUIRE(ticket->type == "Incident");
  REQUIRE(ticket->pending_until == testing::FixtureStart() + std::chrono::hours(4 * 24 + 1));

  request = Request(2);
  request.priority = "high";
  request.state_id = 4;
  auto open = f.tickets().Create(TicketFixture::Admin(), request);
  REQUIRE_OK(open);
  REQUIRE(open->priority_id == 4);
  REQUIRE(open->state == "open");
  REQUIRE_FALSE(open->pending_until.has_value());
}

TEST_CASE("Bad create input is refused and leaves nothing behind") {
  TicketFixture f;
  auto request = Request(2);
  std::string message;
  ErrorCode code = ErrorCode::kInvalidArgument;
  std::string field;
  SECTION("empty title") {
    request.title = "   ";
    message = "title is required";
    field = "title";
  }
  SECTION("title over 255 characters") {
    request.title = std::string(256, 'x');
    message = "title too long";
    field = "title";
  }
  SECTION("unknown queue") {
    request.queue_id = 999;
    message = "invalid queue";
    field = "queue_id";
  }
  SECTION("missing queue for an agent") {
    request.queue_id.reset();
    message = "queue_id is required";
    field = "queue_id";
  }
  SECTION("unknown state name") {
    request.state = "sleeping";
    message = "invalid state";
    field = "state_id";
  }
  SECTION("merged is not a creatable state") {
    request.state = "merged";
    message = "invalid state";
    field = "state_id";
  }
  SECTION("unknown priority") {
    request.priority = "whenever";
    message = "invalid priority";
    field = "priority_id";
  }
  SECTION("unknown type") {
    request.type_id = 77;
    message = "invalid type";
    field = "type_id";
  }
  SECTION("pending state without a time") {
    request.state = "pending reminder";
    message = "pending state requires pending_until";
    field = "pending_until";
  }
  SECTION("pending time in the past") {
    request.state = "pending auto close+";
    request.pending_until = "2026-02-28 10:00";
    message = "pending_until must be in the future";
    field = "pending_until";
  }
  SECTION("unparsable pending time") {
    request.state = "pending reminder";
    request.pending_until = "next tuesday";
    message = "Invalid pending time format";
    field = "pending_until";
  }
  SECTION("owner without owner permission") {
    std::int64_t group = f.AddGroup("g");
    f.AddAgent("ro_only", group, {"ro"});
    request.owner_id = f.QueryInt("SELECT id FROM users WHERE login = 'ro_only'");
    message = "User lacks owner permission on this queue";
    field = "owner_id";
  }
  SECTION("attachment over AttachmentMaxSize") {
    f.Sql(
        "INSERT INTO system_config (name, value, change_by) VALUES ('AttachmentMaxSize', '10', 1)");
    request.body = "see attached";
    request.attachments.push_back({"big.txt", "text/plain", std::string(11, 'a')});
    message = "larger than 10 bytes";
    field = "attachments";
  }
  SECTION("attachment type not allowed") {
    request.body = "see attached";
    request.attachments.push_back({"run.exe", "application/x-msdownload", "MZ"});
    message = "not allowed";
    field = "attachments";
  }
  auto result = f.tickets().Create(TicketFixture::Admin(), request);
  REQUIRE_ERR(result, code, message);
  REQUIRE(result.error().wire_code == "core:validation_failed");
  REQUIRE(result.error().details.at("field") == field);
  RequireNothingWritten(f);
}

TEST_CASE("A create that fails after its first insert rolls back completely") {
  TicketFixture f;
  f.Sql(
      "CREATE TRIGGER refuse_attachment BEFORE INSERT ON article_data_mime_attachment "
      "BEGIN SELECT RAISE(ABORT, 'disk full'); END;");
  auto request = Request(2);
  request.body = "with a file";
  request.attachments.push_back({"log.txt", "text/plain", "line"});
  REQUIRE_FALSE(f.tickets().Create(TicketFixture::Admin(), request).ok());
  RequireNothingWritten(f);
  // The next ticket still gets the first number of the day.
  f.Sql("DROP TRIGGER refuse_attachment");
  REQUIRE(f.NewTicket(2).tn == "202603011000001");
}

TEST_CASE("Attachments on the first article are stored and downloadable") {
  TicketFixture f;
  auto request = Request(2);
  request.body = "logs attached";
  std::string bytes("\x89PNG\r\n\x1a\n\0\x01", 10);
  request.attachments.push_back({"screen.png", "image/png", bytes});
  auto ticket = f.tickets().Create(TicketFixture::Admin(), request);
  REQUIRE_OK(ticket);
  auto articles =
      f.tickets().ListArticles(TicketFixture::Admin(), ticket->id, {.include_attachments = true});
  REQUIRE_OK(articles);
  const Article& article = articles->articles.at(0);
  REQUIRE(article.attachments.size() == 1);
  REQUIRE(article.attachments[0].filename == "screen.png");
  REQUIRE(article.attachments[0].size == 10);
  auto download = f.tickets().GetAttachment(TicketFixture::Admin(), ticket->id, article.id,
                                            article.attachments[0].id);
  REQUIRE_OK(download);
  REQUIRE(download->bytes == bytes);
  REQUIRE(download->meta.content_type == "image/png");
}

}  // namespace
}  // namespace goatflow
