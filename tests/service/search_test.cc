// SearchService: relevance, zero lag, permissions inside the query, field
// filters, snippets, the search box, agent search and suggestions.

#include <algorithm>
#include <string>
#include <vector>

#include "goatflow/search.h"
#include "service/ticket_fixture.h"

namespace goatflow {
namespace {

using testing::TicketFixture;

struct World {
  TicketFixture f;
  std::int64_t support_group = 0, sales_group = 0;
  std::int64_t support = 0, sales = 0;  // queues
  std::int64_t agent = 0;               // ro+rw on support only
  std::int64_t customer = 0;            // jdoe

  World() {
    support_group = f.AddGroup("support");
    sales_group = f.AddGroup("sales");
    support = f.AddQueue("Support", support_group);
    sales = f.AddQueue("Sales", sales_group);
    agent = f.AddAgent("alice", support_group, {"rw"});
    customer = f.AddCustomer("jdoe", "acme");
  }

  Ticket Create(std::int64_t queue, const std::string& title, const std::string& body,
                const std::string& customer_login = "") {
    CreateTicketRequest request;
    request.title = title;
    request.queue_id = queue;
    request.body = body;
    if (!customer_login.empty()) request.customer_user_id = customer_login;
    auto created = f.tickets().Create(TicketFixture::Admin(), request);
    REQUIRE_OK(created);
    return *created;
  }

  std::vector<std::string> Titles(const RequestContext& ctx, const std::string& query,
                                  bool fulltext = true) {
    SearchTicketsRequest request;
    request.query = query;
    request.fulltext = fulltext;
    auto page = f.hd().Search().SearchTickets(ctx, request);
    REQUIRE_OK(page);
    std::vector<std::string> titles;
    for (const auto& hit : page->hits) titles.push_back(hit.ticket.title);
    return titles;
  }
};

using V = std::vector<std::string>;

TEST_CASE("A title match ranks above a body match, and recent above old when equal") {
  World w;
  w.Create(w.support, "Keyboard sticky", "the vpn client also crashes");
  w.Create(w.support, "VPN down", "cannot reach the office");
  REQUIRE(w.Titles(TicketFixture::Admin(), "vpn") == V{"VPN down", "Keyboard sticky"});

  w.Create(w.support, "Mouse broken", "left button");
  w.f.clock().Advance(std::chrono::hours(24 * 60));
  w.Create(w.support, "Mouse broken", "left button");
  SearchTicketsRequest request;
  request.query = "mouse";
  auto page = w.f.hd().Search().SearchTickets(TicketFixture::Admin(), request);
  REQUIRE_OK(page);
  REQUIRE(page->hits.size() == 2);
  REQUIRE(page->hits[0].ticket.id > page->hits[1].ticket.id);
  REQUIRE(page->hits[0].score > page->hits[1].score);
}

TEST_CASE("With several words, the rarer word weighs more (BM25 inverse document frequency)") {
  World w;
  // Same length, same time; "vpn" is in 2 of 8 tickets, "printer" in all of them.
  w.Create(w.support, "Ticket A", "vpn vpn vpn printer");
  w.Create(w.support, "Ticket B", "vpn printer printer printer");
  for (int i = 0; i < 6; ++i) w.Create(w.support, "Other " + std::to_string(i), "printer jam");
  // Without the IDF both would score alike and the newer (B) would come first.
  REQUIRE(w.Titles(TicketFixture::Admin(), "printer vpn") == V{"Ticket A", "Ticket B"});
  REQUIRE(w.Titles(TicketFixture::Admin(), "vpn printer") == V{"Ticket A", "Ticket B"});
  // One word: more occurrences in a text of the same length rank higher.
  REQUIRE(w.Titles(TicketFixture::Admin(), "vpn") == V{"Ticket A", "Ticket B"});
}

TEST_CASE("Search finds a ticket right after create, update and a new article") {
  World w;
  Ticket ticket = w.Create(w.support, "Printer jam", "paper stuck");
  REQUIRE(w.Titles(TicketFixture::Admin(), "printer") == V{"Printer jam"});
  UpdateTicketRequest update;
  update.title = "Plotter jam";
  REQUIRE_OK(w.f.tickets().Update(TicketFixture::Admin(), ticket.id, update));
  REQUIRE(w.Titles(TicketFixture::Admin(), "plotter") == V{"Plotter jam"});
  AddArticleRequest article;
  article.body = "replaced the fuser unit";
  REQUIRE_OK(w.f.tickets().AddArticle(TicketFixture::Admin(), ticket.id, article));
  REQUIRE(w.Titles(TicketFixture::Admin(), "fuser") == V{"Plotter jam"});
  REQUIRE(w.Titles(TicketFixture::Admin(), "fuser", false).empty());  // not fulltext
}

TEST_CASE("Agents never see tickets of queues they cannot read, not even in counts") {
  World w;
  for (int i = 0; i < 3; ++i) w.Create(w.sales, "Invoice question " + std::to_string(i), "vat");
  w.Create(w.support, "Invoice printer", "vat");
  auto agent = TicketFixture::Agent(w.agent);
  REQUIRE(w.Titles(agent, "invoice") == V{"Invoice printer"});
  SearchTicketsRequest request;
  request.query = "vat";
  request.fulltext = true;
  request.filters.page.limit = 1;
  auto page = w.f.hd().Search().SearchTickets(agent, request);
  REQUIRE_OK(page);
  REQUIRE(page->pagination.total == 1);
  auto box = w.f.hd().Search().Search(agent, GlobalSearchRequest{.query = "vat"});
  REQUIRE_OK(box);
  REQUIRE(*box->ticket_count == 0);  // tickets match title and number only in the search box
  REQUIRE(*box->article_count == 1);
  REQUIRE(box->articles->size() == 1);
}

TEST_CASE("Customers see their own tickets and never internal notes") {
  World w;
  Ticket own = w.Create(w.support, "Broken laptop", "screen flickers", "jdoe");
  w.Create(w.support, "Broken laptop too", "screen flickers");
  AddArticleRequest note;
  note.body = "customer is difficult";
  note.article_type = "note-internal";
  REQUIRE_OK(w.f.tickets().AddArticle(TicketFixture::Admin(), own.id, note));
  auto customer = TicketFixture::Customer(w.customer);
  REQUIRE(w.Titles(customer, "laptop") == V{"Broken laptop"});
  REQUIRE(w.Titles(customer, "difficult").empty());
  REQUIRE(w.Titles(TicketFixture::Admin(), "difficult") == V{"Broken laptop"});
  auto box = w.f.hd().Search().Search(customer, GlobalSearchRequest{.query = "difficult"});
  REQUIRE_OK(box);
  REQUIRE(*box->article_count == 0);
  REQUIRE_FALSE(box->users.has_value());  // customers get no user results
}

TEST_CASE("Field filters, diacritics, snippets and the list filters combine") {
  World w;
  w.Create(w.support, "Résumé template", "Word crashes <b>always</b>");
  w.Create(w.sales, "Resume pricing", "discount");
  REQUIRE(w.Titles(TicketFixture::Admin(), "resume queue:support") == V{"Résumé template"});
  REQUIRE(w.Titles(TicketFixture::Admin(), "resume -discount") == V{"Résumé template"});
  REQUIRE(w.Titles(TicketFixture::Admin(), "resume status:closed").empty());
  REQUIRE(w.Titles(TicketFixture::Admin(), "resume status:new").size() == 2);
  REQUIRE(w.Titles(TicketFixture::Admin(), "queue:sales") == V{"Resume pricing"});
  SearchTicketsRequest request;
  request.query = "crashes";
  request.fulltext = true;
  auto page = w.f.hd().Search().SearchTickets(TicketFixture::Admin(), request);
  REQUIRE_OK(page);
  REQUIRE(page->hits.size() == 1);
  REQUIRE_THAT(page->hits[0].snippet, Catch::Contains("<mark>crashes</mark>") &&
                                          Catch::Contains("&lt;b&gt;") &&
                                          !Catch::Contains("<b>"));
  request.filters.queue_ids = {w.sales};
  auto filtered = w.f.hd().Search().SearchTickets(TicketFixture::Admin(), request);
  REQUIRE_OK(filtered);
  REQUIRE(filtered->hits.empty());
  REQUIRE_ERR(w.f.hd().Search().SearchTickets(TicketFixture::Admin(), {.query = "x status:sleeping"}),
              ErrorCode::kInvalidArgument, "Invalid status filter");
  REQUIRE_ERR(w.f.hd().Search().SearchTickets(TicketFixture::Admin(), {.query = "  "}),
              ErrorCode::kInvalidArgument, "Search query required");
}

TEST_CASE("Agent search and suggestions respect roles") {
  World w;
  Ticket ticket = w.Create(w.support, "Alpha release", "notes");
  w.Create(w.sales, "Alpine trip", "notes");
  auto agent = TicketFixture::Agent(w.agent);
  auto suggestions = w.f.hd().Search().Suggest(agent, "alp");
  REQUIRE_OK(suggestions);
  REQUIRE(suggestions->size() == 1);
  REQUIRE((*suggestions)[0].type == "ticket");
  REQUIRE((*suggestions)[0].value == "Alpha release");
  auto by_number = w.f.hd().Search().Suggest(agent, ticket.tn.substr(0, 8));
  REQUIRE_OK(by_number);
  REQUIRE_FALSE(by_number->empty());
  REQUIRE((*by_number)[0].value == ticket.tn);
  auto queue = w.f.hd().Search().Suggest(agent, "sup");
  REQUIRE_OK(queue);
  REQUIRE(queue->size() == 1);
  REQUIRE((*queue)[0].type == "queue");
  auto none = w.f.hd().Search().Suggest(agent, "sal");  // Sales is not readable
  REQUIRE_OK(none);
  REQUIRE(none->empty());
  auto users = w.f.hd().Search().Suggest(agent, "ali");
  REQUIRE_OK(users);
  REQUIRE(users->size() == 1);
  REQUIRE((*users)[0].value == "alice");
  REQUIRE(w.f.hd().Search().Suggest(agent, "a")->empty());

  auto found = w.f.hd().Search().SearchUsers(agent, {.query = "alic"});
  REQUIRE_OK(found);
  REQUIRE(found->items.size() == 1);
  REQUIRE_ERR(w.f.hd().Search().SearchUsers(TicketFixture::Customer(w.customer), {.query = "alic"}),
              ErrorCode::kPermissionDenied, "");
}

TEST_CASE("Prefix queries find every word with the prefix through the prefix index") {
  World w;
  w.Create(w.support, "Printer jam", "the printing service stops");
  w.f.clock().Advance(std::chrono::hours(1));
  w.Create(w.support, "Prism lens", "optics");
  w.f.clock().Advance(std::chrono::hours(1));
  w.Create(w.support, "Sprint planning", "agenda");
  // Migration 0005: prefixes of 2 to 5 characters are indexed.
  REQUIRE(w.f.QueryInt("SELECT count(*) FROM sqlite_master WHERE name = 'ticket_search' AND "
                       "sql LIKE '%prefix = ''2 3 4 5''%'") == 1);
  auto sorted = [&](const std::string& query) {
    V titles = w.Titles(TicketFixture::Admin(), query);
    std::sort(titles.begin(), titles.end());
    return titles;
  };
  REQUIRE(w.Titles(TicketFixture::Admin(), "print*") == V{"Printer jam"});
  REQUIRE(sorted("pri*") == V{"Printer jam", "Prism lens"});
  REQUIRE(sorted("pr*") == V{"Printer jam", "Prism lens"});
  REQUIRE(w.Titles(TicketFixture::Admin(), "printi*") == V{"Printer jam"});  // longer: no index
  REQUIRE(w.Titles(TicketFixture::Admin(), "printi*", false).empty());     // body only
  REQUIRE(w.Titles(TicketFixture::Admin(), "sprin*") == V{"Sprint planning"});

  // Each hit of a page gets the snippet of its own text, prefix matches marked.
  SearchTicketsRequest request;
  request.query = "pri*";
  request.fulltext = true;
  auto page = w.f.hd().Search().SearchTickets(TicketFixture::Admin(), request);
  REQUIRE_OK(page);
  REQUIRE(page->pagination.total == 2);
  REQUIRE(page->hits.size() == 2);
  for (const auto& hit : page->hits) {
    if (hit.ticket.title == "Prism lens") {
      REQUIRE_THAT(hit.snippet, Catch::Contains("<mark>Prism</mark>"));
    } else {
      REQUIRE_THAT(hit.snippet, Catch::Contains("<mark>Printer</mark>") ||
                                    Catch::Contains("<mark>printing</mark>"));
    }
  }
}

TEST_CASE("An agent who reads every queue gets exactly the admin's results and totals") {
  World w;
  std::int64_t bob = w.f.AddAgent("bob");
  for (std::int64_t group = 1; group <= w.f.QueryInt("SELECT max(id) FROM groups"); ++group)
    if (w.f.QueryInt("SELECT count(*) FROM groups WHERE id = " + std::to_string(group)) == 1)
      w.f.Grant(bob, group, "ro");
  for (int i = 0; i < 3; ++i) w.Create(w.sales, "Invoice question " + std::to_string(i), "vat");
  Ticket noted = w.Create(w.support, "Invoice printer", "vat");
  AddArticleRequest note;
  note.body = "vat rules changed";
  note.article_type = "note-internal";
  REQUIRE_OK(w.f.tickets().AddArticle(TicketFixture::Admin(), noted.id, note));

  auto run = [&](const RequestContext& ctx, std::vector<std::int64_t> queues) {
    SearchTicketsRequest request;
    request.query = "vat";
    request.fulltext = true;
    request.filters.page.limit = 2;
    request.filters.queue_ids = std::move(queues);
    auto page = w.f.hd().Search().SearchTickets(ctx, request);
    REQUIRE_OK(page);
    std::vector<std::int64_t> ids;
    for (const auto& hit : page->hits) ids.push_back(hit.ticket.id);
    return std::make_pair(page->pagination.total, ids);
  };
  auto agent = TicketFixture::Agent(bob);
  REQUIRE(run(agent, {}) == run(TicketFixture::Admin(), {}));
  REQUIRE(run(agent, {}).first == 4);
  REQUIRE(run(agent, {w.sales}) == run(TicketFixture::Admin(), {w.sales}));
  REQUIRE(run(agent, {w.sales}).first == 3);
  REQUIRE(run(TicketFixture::Agent(w.agent), {}).first == 1);  // support only

  auto box = w.f.hd().Search().Search(agent, GlobalSearchRequest{.query = "vat"});
  auto admin_box = w.f.hd().Search().Search(TicketFixture::Admin(), GlobalSearchRequest{.query = "vat"});
  REQUIRE_OK(box);
  REQUIRE_OK(admin_box);
  REQUIRE(*box->article_count == 5);  // four first articles and the internal note
  REQUIRE(*box->article_count == *admin_box->article_count);
  REQUIRE(box->articles->size() == admin_box->articles->size());
  auto alice_box = w.f.hd().Search().Search(TicketFixture::Agent(w.agent), GlobalSearchRequest{.query = "vat"});
  REQUIRE_OK(alice_box);
  REQUIRE(*alice_box->article_count == 2);
}

TEST_CASE("Visible queues are matched in the index: moves follow, user text never matches them") {
  World w;
  auto agent = TicketFixture::Agent(w.agent);  // support only
  Ticket ticket = w.Create(w.sales, "Scanner offline", "driver");
  REQUIRE(w.Titles(agent, "scanner").empty());
  UpdateTicketRequest move;
  move.queue_id = w.support;
  REQUIRE_OK(w.f.tickets().Update(TicketFixture::Admin(), ticket.id, move));
  REQUIRE(w.Titles(agent, "scanner") == V{"Scanner offline"});
  REQUIRE(w.Titles(agent, "scanner queue:support") == V{"Scanner offline"});
  REQUIRE(w.Titles(agent, "scanner queue:sales").empty());
  REQUIRE(w.Titles(TicketFixture::Admin(), "scanner queue:sales").empty());
  move.queue_id = w.sales;
  REQUIRE_OK(w.f.tickets().Update(TicketFixture::Admin(), ticket.id, move));
  REQUIRE(w.Titles(agent, "scanner").empty());
  REQUIRE(w.Titles(TicketFixture::Admin(), "scanner queue:SALES") == V{"Scanner offline"});
  // The queue token is not text: nobody finds the ticket by it.
  const std::string token = "q" + std::to_string(w.sales);
  REQUIRE(w.Titles(TicketFixture::Admin(), token).empty());
  REQUIRE(w.Titles(TicketFixture::Admin(), token, false).empty());
  // Nor by anything FTS5 could turn into a scope token: prefixes, case, accents, phrases.
  const std::string state = "s" + std::to_string(ticket.state_id);
  for (const std::string& query :
       {token + "*", std::string("Q*"), state, state + "*", "\"" + token + " " + state + "\"",
        std::string("q") + "\u0301" + std::to_string(w.sales)}) {
    INFO(query);
    REQUIRE(w.Titles(TicketFixture::Admin(), query).empty());
  }
  SearchTicketsRequest filtered;
  filtered.query = "driver";
  filtered.fulltext = true;
  filtered.filters.queue_ids = {w.support};
  auto page = w.f.hd().Search().SearchTickets(TicketFixture::Admin(), filtered);
  REQUIRE_OK(page);
  REQUIRE(page->pagination.total == 0);
  // Filters without words still apply the visible queues.
  REQUIRE(w.Titles(agent, "status:new").empty());
  REQUIRE(w.Titles(TicketFixture::Admin(), "status:new") == V{"Scanner offline"});
  // A state change moves the ticket between status: filters.
  w.f.Sql("UPDATE ticket SET ticket_state_id = (SELECT id FROM ticket_state WHERE name = "
          "'closed successful') WHERE id = " + std::to_string(ticket.id));
  REQUIRE(w.Titles(TicketFixture::Admin(), "scanner status:closed") == V{"Scanner offline"});
  REQUIRE(w.Titles(TicketFixture::Admin(), "scanner status:new").empty());
  REQUIRE(w.Titles(TicketFixture::Admin(), "scanner status:open status:closed").size() == 1);
  // Archived tickets: out of default searches, in with the archive filter.
  auto box = w.f.hd().Search().Search(TicketFixture::Admin(), GlobalSearchRequest{.query = "driver"});
  REQUIRE_OK(box);
  REQUIRE(*box->article_count == 1);
  w.f.Sql("UPDATE ticket SET archive_flag = 1 WHERE id = " + std::to_string(ticket.id));
  REQUIRE(w.Titles(TicketFixture::Admin(), "scanner").empty());
  box = w.f.hd().Search().Search(TicketFixture::Admin(), GlobalSearchRequest{.query = "driver"});
  REQUIRE_OK(box);
  REQUIRE(*box->article_count == 0);
  REQUIRE(box->articles->empty());
  SearchTicketsRequest archived;
  archived.query = "scanner";
  for (ArchivedFilter filter : {ArchivedFilter::kArchived, ArchivedFilter::kAll}) {
    archived.filters.archived = filter;
    auto found = w.f.hd().Search().SearchTickets(TicketFixture::Admin(), archived);
    REQUIRE_OK(found);
    REQUIRE(found->pagination.total == 1);
  }
  archived.filters.archived = ArchivedFilter::kArchived;
  archived.query = "driver";
  archived.fulltext = true;
  auto none = w.f.hd().Search().SearchTickets(TicketFixture::Admin(), archived);
  REQUIRE_OK(none);
  REQUIRE(none->pagination.total == 1);
  archived.filters.archived = ArchivedFilter::kAll;
  for (const char* word : {"archived", "ARCHIVED", "arch*", "ärchived", "\"archived\""}) {
    INFO(word);  // the scope word is not text, in any form
    archived.query = word;
    auto found = w.f.hd().Search().SearchTickets(TicketFixture::Admin(), archived);
    REQUIRE_OK(found);
    REQUIRE(found->pagination.total == 0);
  }
  auto check = w.f.hd().Search().CheckIndex(TicketFixture::Admin());
  REQUIRE_OK(check);
  REQUIRE(check->consistent());
  w.f.Sql("UPDATE ticket_search SET scope = 'q999' WHERE rowid = " + std::to_string(ticket.id));
  auto stale = w.f.hd().Search().CheckIndex(TicketFixture::Admin());
  REQUIRE_OK(stale);
  REQUIRE(stale->stale == 1);
}

TEST_CASE("Suggestions: numbers first, then titles by latest change, each ticket once") {
  World w;
  auto agent = TicketFixture::Agent(w.agent);
  Ticket older = w.Create(w.support, "Printer one", "a");
  w.f.clock().Advance(std::chrono::minutes(5));
  Ticket newer = w.Create(w.support, "printer two", "b");
  w.f.clock().Advance(std::chrono::minutes(5));
  w.Create(w.support, "Paper printer", "c");  // does not start with the text
  w.Create(w.sales, "Printer sales", "d");    // not readable
  w.Create(w.support, "50% off", "e");
  w.Create(w.support, "500 error", "f");

  auto values = [&](const RequestContext& ctx, const std::string& text) {
    auto found = w.f.hd().Search().Suggest(ctx, text);
    REQUIRE_OK(found);
    std::vector<std::string> out;
    for (const Suggestion& s : *found) out.push_back(s.type + ":" + s.value);
    return out;
  };
  REQUIRE(values(agent, "PRINT") == V{"ticket:printer two", "ticket:Printer one"});
  REQUIRE(values(agent, "50%") == V{"ticket:50% off"});
  REQUIRE(values(TicketFixture::Admin(), "printer ") ==
          V{"ticket:Printer sales", "ticket:printer two", "ticket:Printer one"});
  auto customer = TicketFixture::Customer(w.customer);
  REQUIRE(values(customer, "pr").empty());

  // A ticket whose title starts like its number is suggested once, by number.
  UpdateTicketRequest rename;
  rename.title = older.tn + " follow-up";
  REQUIRE_OK(w.f.tickets().Update(TicketFixture::Admin(), older.id, rename));
  auto numbers = w.f.hd().Search().Suggest(agent, older.tn);
  REQUIRE_OK(numbers);
  REQUIRE(numbers->size() == 1);
  REQUIRE((*numbers)[0].id == older.id);
  REQUIRE((*numbers)[0].value == older.tn);
  auto shared = w.f.hd().Search().Suggest(agent, older.tn.substr(0, 4), 20);
  REQUIRE_OK(shared);
  std::vector<std::int64_t> ids;
  for (const Suggestion& s : *shared) ids.push_back(s.id);
  REQUIRE(std::count(ids.begin(), ids.end(), older.id) == 1);
  REQUIRE(std::count(ids.begin(), ids.end(), newer.id) == 1);
  for (const Suggestion& s : *shared) REQUIRE(s.value.substr(0, 4) == older.tn.substr(0, 4));
}

TEST_CASE("Suggestions with more than a thousand candidates walk the newest changes first") {
  World w;
  auto agent = TicketFixture::Agent(w.agent);
  // 1,200 tickets titled "Bulk printer N", changed in order of N; odd N in Sales.
  w.f.Sql("WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 1200) "
          "INSERT INTO ticket (tn, title, queue_id, user_id, ticket_priority_id, ticket_state_id, "
          "create_time, create_by, change_time, change_by) "
          "SELECT 'B' || i, 'Bulk printer ' || i, CASE i % 2 WHEN 0 THEN " +
          std::to_string(w.support) + " ELSE " + std::to_string(w.sales) +
          " END, 1, 3, 1, '2026-01-01 00:00:00', 1, "
          "datetime('2026-01-01 00:00:00', '+' || i || ' minutes'), 1 FROM n");
  auto values = [&](const RequestContext& ctx, const std::string& text, int limit) {
    auto found = w.f.hd().Search().Suggest(ctx, text, limit);
    REQUIRE_OK(found);
    std::vector<std::string> out;
    for (const Suggestion& s : *found) out.push_back(s.value);
    return out;
  };
  REQUIRE(values(TicketFixture::Admin(), "bulk", 3) ==
          V{"Bulk printer 1200", "Bulk printer 1199", "Bulk printer 1198"});
  REQUIRE(values(agent, "BULK PR", 3) ==
          V{"Bulk printer 1200", "Bulk printer 1198", "Bulk printer 1196"});
  // Few candidates: sorted the same way.
  REQUIRE(values(agent, "bulk printer 119", 3) ==
          V{"Bulk printer 1198", "Bulk printer 1196", "Bulk printer 1194"});
  // Ticket numbers: "b1" starts 312 numbers, all before any title.
  auto numbers = w.f.hd().Search().Suggest(TicketFixture::Admin(), "b1", 2);
  REQUIRE_OK(numbers);
  REQUIRE(numbers->size() == 2);
  REQUIRE((*numbers)[0].value == "B1200");
  REQUIRE((*numbers)[1].value == "B1199");
}

}  // namespace
}  // namespace goatflow

namespace goatflow {
namespace {

TEST_CASE("The index check finds damage and reindex repairs it to the incremental state") {
  World w;
  Ticket a = w.Create(w.support, "Router reboot loop", "firmware 2.1", "jdoe");
  Ticket b = w.Create(w.support, "Switch port dead", "port 12");
  AddArticleRequest note;
  note.body = "check the patch panel";
  note.article_type = "note-internal";
  REQUIRE_OK(w.f.tickets().AddArticle(TicketFixture::Admin(), b.id, note));

  auto clean = w.f.hd().Search().CheckIndex(TicketFixture::Admin());
  REQUIRE_OK(clean);
  REQUIRE(clean->consistent());
  REQUIRE(clean->tickets == 2);
  REQUIRE(clean->articles == 3);

  w.f.Sql("DELETE FROM ticket_search WHERE rowid = " + std::to_string(a.id));
  w.f.Sql("UPDATE ticket_search SET internal_text = 'tampered' WHERE rowid = " +
          std::to_string(b.id));
  w.f.Sql("INSERT INTO article_search (rowid, subject, body) VALUES (999, 'ghost', 'ghost')");
  auto damaged = w.f.hd().Search().CheckIndex(TicketFixture::Admin());
  REQUIRE_OK(damaged);
  REQUIRE(damaged->missing == 1);
  REQUIRE(damaged->stale == 1);
  REQUIRE(damaged->orphaned == 1);
  REQUIRE(w.Titles(TicketFixture::Admin(), "router").empty());

  REQUIRE_ERR(w.f.hd().Search().Reindex(TicketFixture::Agent(w.agent)),
              ErrorCode::kPermissionDenied, "");
  auto repaired = w.f.hd().Search().Reindex(TicketFixture::Admin());
  REQUIRE_OK(repaired);
  REQUIRE(repaired->consistent());
  REQUIRE(w.Titles(TicketFixture::Admin(), "router") == V{"Router reboot loop"});
  REQUIRE(w.Titles(TicketFixture::Admin(), "patch panel") == V{"Switch port dead"});
  REQUIRE(w.f.QueryInt("SELECT count(*) FROM audit_log WHERE action = 'search.reindex'") == 1);
}

}  // namespace
}  // namespace goatflow
