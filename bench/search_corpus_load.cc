// LoadSearchCorpus: the search benchmark's database, written with bulk SQL so
// the search index is filled by migration 0003's triggers, row by row, as
// production writes fill it.

#include <fmt/format.h>
#include <sqlite3.h>

#include <string>
#include <vector>

#include "bulk_tickets.h"
#include "search_corpus.h"

namespace goatflow::bench {
namespace {

struct QueueSpec {
  int id;
  const char* name;  // nullptr: a default queue of migration 0001
  int group_id;
  int weight;        // share of tickets
};
// Groups 4 and 5 are added here; the partial agent reads group 4 only
// (Support and Hardware: 40 % of the tickets).
const QueueSpec kQueues[] = {
    {1, nullptr, 1, 5},         {2, nullptr, 1, 20},         {3, nullptr, 1, 3},
    {4, nullptr, 1, 7},         {5, "Support", 4, 25},       {6, "Hardware", 4, 15},
    {7, "Network", 5, 15},      {8, "Billing", 5, 10},
};
constexpr int kCompanies = 400;
constexpr int kCustomers = 3000;
constexpr int kTicketsPerTransaction = 5000;
constexpr int kDays = 365;

void Bind(sqlite3_stmt* stmt, int index, const std::string& text) {
  sqlite3_bind_text(stmt, index, text.data(), static_cast<int>(text.size()), SQLITE_TRANSIENT);
}

std::string Login(std::string name) {
  for (char& c : name)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return name;
}

// Returns the customer users' logins.
std::vector<std::string> AddDirectory(sqlite3* db, TextGenerator& text) {
  Exec(db,
       "INSERT INTO groups (id, name, create_by, change_by) VALUES "
       "(4, 'first_level', 1, 1), (5, 'second_level', 1, 1)");
  for (const QueueSpec& q : kQueues)
    if (q.name)
      Exec(db, fmt::format("INSERT INTO queue (id, name, group_id, create_by, change_by) "
                           "VALUES ({}, '{}', {}, 1, 1)", q.id, q.name, q.group_id));
  Exec(db, fmt::format("INSERT INTO users (id, login, pw, first_name, last_name, create_by, "
                       "change_by) VALUES ({}, '{}', '', 'Search', 'All', 1, 1), "
                       "({}, '{}', '', 'Search', 'Partial', 1, 1)",
                       kAllQueuesAgentId, kAllQueuesAgent, kPartialAgentId, kPartialAgent));
  Exec(db, fmt::format("INSERT INTO group_user (user_id, group_id, permission_key, create_by, "
                       "change_by) VALUES ({0}, 1, 'ro', 1, 1), ({0}, 4, 'ro', 1, 1), "
                       "({0}, 5, 'ro', 1, 1), ({1}, 4, 'ro', 1, 1)",
                       kAllQueuesAgentId, kPartialAgentId));
  const char* kinds[] = {"Logistics", "Bäckerei", "Consulting", "Hospital", "Software",
                         "Café", "Engineering", "Retail", "Bank", "University"};
  sqlite3_stmt* company = Prepare(db,
      "INSERT INTO customer_company (customer_id, name, create_by, change_by) "
      "VALUES (?1, ?2, 1, 1)");
  for (int i = 0; i < kCompanies; ++i) {
    Bind(company, 1, fmt::format("C{:04d}", i));
    Bind(company, 2, fmt::format("{} {} {}", text.LastName(), kinds[text.Uniform(10)], i));
    Step(db, company);
  }
  sqlite3_stmt* customer = Prepare(db,
      "INSERT INTO customer_user (login, email, customer_id, first_name, last_name, create_by, "
      "change_by) VALUES (?1, ?2, ?3, ?4, ?5, 1, 1)");
  std::vector<std::string> logins;
  for (int i = 0; i < kCustomers; ++i) {
    std::string first = text.FirstName(), last = text.LastName();
    std::string login = Login(fmt::format("{}.{}{}", first, last, i));
    logins.push_back(login);
    Bind(customer, 1, login);
    Bind(customer, 2, login + "@example.com");
    Bind(customer, 3, fmt::format("C{:04d}", i % kCompanies));
    Bind(customer, 4, first);
    Bind(customer, 5, last);
    Step(db, customer);
  }
  for (auto* stmt : {company, customer}) sqlite3_finalize(stmt);
  return logins;
}

// Articles per ticket: one each, the rest spread at random (exactly `articles`).
std::vector<int> ArticleCounts(TextGenerator& text, const CorpusSize& size) {
  std::vector<int> counts(size.tickets, 1);
  for (int i = size.tickets; i < size.articles; ++i) ++counts[text.Uniform(size.tickets)];
  return counts;
}

int PickQueue(TextGenerator& text) {
  int total = 0;
  for (const QueueSpec& q : kQueues) total += q.weight;
  int pick = text.Uniform(total);
  for (const QueueSpec& q : kQueues)
    if ((pick -= q.weight) < 0) return q.id;
  return 1;
}

}  // namespace

void LoadSearchCorpus(const std::string& path, const CorpusSize& size) {
  sqlite3* db = nullptr;
  if (sqlite3_open(path.c_str(), &db) != SQLITE_OK) Die("corpus open");
  Exec(db, "PRAGMA journal_mode=WAL; PRAGMA synchronous=OFF; PRAGMA cache_size=-262144;");
  TextGenerator text(size.seed);
  Exec(db, "BEGIN");
  std::vector<std::string> logins = AddDirectory(db, text);
  sqlite3_stmt* ticket = Prepare(db, R"sql(
    INSERT INTO ticket (tn, title, queue_id, ticket_lock_id, type_id, user_id, responsible_user_id,
                        ticket_priority_id, ticket_state_id, customer_id, customer_user_id,
                        create_time, create_by, change_time, change_by)
    VALUES (?1, ?2, ?3, 1, 1, 1, 1, ?4, ?5, ?6, ?7, ?8, 1, ?9, 1))sql");
  sqlite3_stmt* article = Prepare(db, R"sql(
    INSERT INTO article (ticket_id, article_sender_type_id, communication_channel_id,
                         is_visible_for_customer, create_time, create_by, change_time, change_by)
    VALUES (?1, ?2, 1, ?3, ?4, 1, ?4, 1))sql");
  sqlite3_stmt* mime = Prepare(db, R"sql(
    INSERT INTO article_data_mime (article_id, a_subject, a_content_type, a_body, create_time,
                                   create_by, change_time, change_by)
    VALUES (?1, ?2, 'text/plain; charset=utf-8', ?3, ?4, 1, ?4, 1))sql");
  sqlite3_stmt* when = Prepare(db, "SELECT datetime('2025-11-28', ?1 || ' days', ?2 || ' seconds')");
  auto at = [&](int day, int second) {
    sqlite3_bind_int(when, 1, day);
    sqlite3_bind_int(when, 2, second);
    if (sqlite3_step(when) != SQLITE_ROW) Die("datetime");
    std::string out = reinterpret_cast<const char*>(sqlite3_column_text(when, 0));
    sqlite3_reset(when);
    return out;
  };
  const int states[] = {1, 1, 1, 1, 4, 4, 6, 2, 2, 3};
  std::vector<int> counts = ArticleCounts(text, size);
  for (int i = 0; i < size.tickets; ++i) {
    int day = i * kDays / size.tickets;
    int second = text.Uniform(80000);
    std::string created = at(day, second);
    int customer = static_cast<int>(kCustomers * text.Unit() * text.Unit());  // some write often
    std::string title = text.Title();
    Bind(ticket, 1, fmt::format("{}{:06d}", created.substr(0, 10).erase(7, 1).erase(4, 1), i));
    Bind(ticket, 2, title.substr(0, 255));
    sqlite3_bind_int(ticket, 3, PickQueue(text));
    sqlite3_bind_int(ticket, 4, 1 + text.Uniform(5));
    sqlite3_bind_int(ticket, 5, states[text.Uniform(10)]);
    Bind(ticket, 6, fmt::format("C{:04d}", customer % kCompanies));  // as in customer_user
    Bind(ticket, 7, logins[customer]);
    Bind(ticket, 8, created);
    Bind(ticket, 9, at(day, second + 3600 * (counts[i] - 1)));
    Step(db, ticket);
    sqlite3_int64 ticket_id = sqlite3_last_insert_rowid(db);
    for (int a = 0; a < counts[i]; ++a) {
      // The customer's first message, then agent replies (70 %) and internal notes.
      bool first = a == 0, note = !first && text.Unit() < 0.3;
      int words = first ? 30 + text.Uniform(170) : note ? 5 + text.Uniform(35) : 10 + text.Uniform(70);
      std::string stamp = at(day, second + 3600 * a);
      sqlite3_bind_int64(article, 1, ticket_id);
      sqlite3_bind_int(article, 2, first ? 3 : 1);
      sqlite3_bind_int(article, 3, note ? 0 : 1);
      Bind(article, 4, stamp);
      Step(db, article);
      sqlite3_bind_int64(mime, 1, sqlite3_last_insert_rowid(db));
      Bind(mime, 2, first ? title : note ? "Internal note" : "Re: " + title);
      Bind(mime, 3, text.Body(words));
      Bind(mime, 4, stamp);
      Step(db, mime);
    }
    if (i % kTicketsPerTransaction == kTicketsPerTransaction - 1) Exec(db, "COMMIT; BEGIN");
  }
  Exec(db, "COMMIT; ANALYZE;");
  for (auto* stmt : {ticket, article, mime, when}) sqlite3_finalize(stmt);
  sqlite3_close(db);
}

}  // namespace goatflow::bench
