#include "store/ticket_repo.h"

#include <algorithm>

#include "core/macros.h"
#include "core/strings.h"
#include "core/time.h"
#include "domain/ticket_rules.h"
#include "domain/vocabulary.h"

namespace goatflow::store {
namespace {

constexpr std::string_view kTicketSelect = R"sql(
  SELECT t.id, t.tn, t.title, t.queue_id, q.name, t.ticket_state_id, s.name, st.name,
         t.ticket_priority_id, p.name, t.type_id, ty.name, lt.name, t.user_id, o.login,
         t.responsible_user_id, r.login, t.customer_id, t.customer_user_id, t.until_time,
         t.archive_flag, t.create_time, t.change_time, t.create_by, t.change_by, q.group_id
    FROM ticket t
    JOIN queue q ON q.id = t.queue_id
    JOIN ticket_state s ON s.id = t.ticket_state_id
    JOIN ticket_state_type st ON st.id = s.type_id
    JOIN ticket_priority p ON p.id = t.ticket_priority_id
    JOIN ticket_lock_type lt ON lt.id = t.ticket_lock_id
    JOIN users o ON o.id = t.user_id
    LEFT JOIN ticket_type ty ON ty.id = t.type_id
    LEFT JOIN users r ON r.id = t.responsible_user_id)sql";

TimePoint DbTime(const std::string& text) {
  auto t = core::ParseDbTime(text);
  return t ? *t : TimePoint{};
}

Result<std::optional<TicketRecord>> LoadOne(Stmt& stmt) {
  GOATFLOW_ASSIGN_OR_RETURN(bool row, stmt.Step());
  if (!row) return std::optional<TicketRecord>();
  return std::optional<TicketRecord>(ReadTicketRow(stmt));
}

}  // namespace

std::string_view TicketSelectSql() { return kTicketSelect; }

TicketRecord ReadTicketRow(const Stmt& stmt) {
  TicketRecord rec;
  Ticket& t = rec.ticket;
  t.id = stmt.Int(0);
  t.tn = stmt.Text(1);
  t.title = stmt.Text(2);
  t.queue_id = stmt.Int(3);
  t.queue = stmt.Text(4);
  t.state_id = stmt.Int(5);
  t.state = stmt.Text(6);
  t.state_type = stmt.Text(7);
  t.status = domain::StatusCategory(t.state_type);
  t.priority_id = stmt.Int(8);
  t.priority = stmt.Text(9);
  t.type_id = stmt.OptInt(10);
  t.type = stmt.OptText(11);
  t.lock = stmt.Text(12) == "unlock" ? "unlock" : "lock";
  t.owner_id = stmt.Int(13);
  t.owner = stmt.Text(14);
  t.responsible_id = stmt.OptInt(15);
  t.responsible = stmt.OptText(16);
  t.customer_id = stmt.OptText(17);
  t.customer_user_id = stmt.OptText(18);
  if (std::int64_t until = stmt.Int(19); until > 0) t.pending_until = core::FromUnixSeconds(until);
  t.archived = stmt.Int(20) != 0;
  t.created_at = DbTime(stmt.Text(21));
  t.updated_at = DbTime(stmt.Text(22));
  t.created_by = stmt.Int(23);
  t.updated_by = stmt.Int(24);
  rec.group_id = stmt.Int(25);
  return rec;
}

namespace {
Result<std::optional<QueueInfo>> ReadQueue(Stmt& stmt) {
  GOATFLOW_ASSIGN_OR_RETURN(bool row, stmt.Step());
  if (!row) return std::optional<QueueInfo>();
  return std::optional<QueueInfo>(
      QueueInfo{stmt.Int(0), stmt.Text(1), stmt.Int(2), stmt.Int(3) == 1});
}
}  // namespace

Result<std::optional<QueueInfo>> FindQueue(Db& db, std::int64_t id) {
  GOATFLOW_ASSIGN_OR_RETURN(auto stmt, db.Prepare(R"sql(
    SELECT q.id, q.name, q.group_id, q.valid_id = 1 AND g.valid_id = 1
      FROM queue q JOIN groups g ON g.id = q.group_id WHERE q.id = ?)sql"));
  stmt.BindAll(id);
  return ReadQueue(stmt);
}

Result<std::optional<QueueInfo>> FindQueueByName(Db& db, std::string_view name) {
  GOATFLOW_ASSIGN_OR_RETURN(auto stmt, db.Prepare(R"sql(
    SELECT q.id, q.name, q.group_id, q.valid_id = 1 AND g.valid_id = 1
      FROM queue q JOIN groups g ON g.id = q.group_id WHERE q.name = ?)sql"));
  stmt.BindAll(name);
  return ReadQueue(stmt);
}

Result<std::optional<StateInfo>> FindState(Db& db, std::optional<std::int64_t> id,
                                           std::optional<std::string> name) {
  GOATFLOW_ASSIGN_OR_RETURN(auto stmt, db.Prepare(R"sql(
    SELECT s.id, s.name, st.name FROM ticket_state s JOIN ticket_state_type st ON st.id = s.type_id
     WHERE s.valid_id = 1 AND (s.id = ?1 OR lower(s.name) = lower(?2)))sql"));
  stmt.Bind(1, id).Bind(2, name);
  GOATFLOW_ASSIGN_OR_RETURN(bool row, stmt.Step());
  if (!row) return std::optional<StateInfo>();
  return std::optional<StateInfo>(StateInfo{stmt.Int(0), stmt.Text(1), stmt.Text(2)});
}

Result<std::optional<StateInfo>> FindStateByName(Db& db, std::string_view name) {
  return FindState(db, std::nullopt, std::string(name));
}

Result<std::optional<std::int64_t>> FindPriorityById(Db& db, std::int64_t id) {
  GOATFLOW_ASSIGN_OR_RETURN(
      auto stmt, db.Prepare("SELECT id FROM ticket_priority WHERE id = ? AND valid_id = 1"));
  stmt.BindAll(id);
  GOATFLOW_ASSIGN_OR_RETURN(bool row, stmt.Step());
  if (!row) return std::optional<std::int64_t>();
  return std::optional<std::int64_t>(stmt.Int(0));
}

Result<std::optional<std::int64_t>> FindPriority(Db& db, std::string_view term) {
  GOATFLOW_ASSIGN_OR_RETURN(
      auto stmt, db.Prepare("SELECT id, name FROM ticket_priority WHERE valid_id = 1 ORDER BY id"));
  std::vector<domain::PriorityRow> rows;
  while (true) {
    GOATFLOW_ASSIGN_OR_RETURN(bool row, stmt.Step());
    if (!row) break;
    rows.push_back({stmt.Int(0), stmt.Text(1)});
  }
  return domain::MatchPriorityTerm(rows, term);
}

Result<std::optional<std::int64_t>> FindTypeId(Db& db, std::optional<std::int64_t> id,
                                               std::optional<std::string> name) {
  GOATFLOW_ASSIGN_OR_RETURN(auto stmt, db.Prepare(R"sql(
    SELECT id FROM ticket_type WHERE valid_id = 1 AND (id = ?1 OR lower(name) = lower(?2)))sql"));
  stmt.Bind(1, id).Bind(2, name);
  GOATFLOW_ASSIGN_OR_RETURN(bool row, stmt.Step());
  if (!row) return std::optional<std::int64_t>();
  return std::optional<std::int64_t>(stmt.Int(0));
}

Result<std::int64_t> LookupId(Db& db, std::string_view table, std::string_view name) {
  GOATFLOW_ASSIGN_OR_RETURN(auto stmt, db.Prepare("SELECT id FROM " + std::string(table) +
                                                  " WHERE lower(name) = lower(?)"));
  stmt.BindAll(name);
  GOATFLOW_ASSIGN_OR_RETURN(bool row, stmt.Step());
  if (!row)
    return Error(ErrorCode::kInternal,
                 "missing lookup row " + std::string(table) + " '" + std::string(name) + "'");
  return stmt.Int(0);
}

Result<bool> IsValidAgent(Db& db, std::int64_t user_id) {
  GOATFLOW_ASSIGN_OR_RETURN(auto stmt,
                            db.Prepare("SELECT 1 FROM users WHERE id = ? AND valid_id = 1"));
  stmt.BindAll(user_id);
  return stmt.Step();
}

Result<std::optional<std::pair<std::string, std::optional<std::string>>>> FindCustomerUser(
    Db& db, std::string_view login_or_email) {
  using Out = std::optional<std::pair<std::string, std::optional<std::string>>>;
  GOATFLOW_ASSIGN_OR_RETURN(auto stmt, db.Prepare(R"sql(
    SELECT login, customer_id FROM customer_user
     WHERE valid_id = 1 AND (login = ?1 OR email = ?1) ORDER BY login = ?1 DESC LIMIT 1)sql"));
  stmt.BindAll(login_or_email);
  GOATFLOW_ASSIGN_OR_RETURN(bool row, stmt.Step());
  if (!row) return Out();
  return Out(std::make_pair(stmt.Text(0), stmt.OptText(1)));
}

Result<std::string> NextTicketNumber(Db& db, TimePoint now, std::int64_t system_id_number) {
  std::string system_id = std::to_string(system_id_number);
  std::string date = core::FormatDate(now);
  GOATFLOW_ASSIGN_OR_RETURN(auto stmt, db.Prepare(R"sql(
    INSERT INTO ticket_number_counter (counter, counter_uid, create_time) VALUES (1, ?1, ?2)
    ON CONFLICT (counter_uid) DO UPDATE SET counter = counter + 1 RETURNING counter)sql"));
  stmt.BindAll(system_id + "_" + date, core::FormatDbTime(now));
  GOATFLOW_ASSIGN_OR_RETURN(bool row, stmt.Step());
  if (!row) return Error(ErrorCode::kInternal, "ticket number counter returned no row");
  std::int64_t counter = stmt.Int(0);
  GOATFLOW_RETURN_IF_ERROR(stmt.Run());
  return domain::FormatDateTicketNumber(date, system_id, counter);
}

Result<std::optional<TicketRecord>> LoadTicket(Db& db, std::int64_t id) {
  GOATFLOW_ASSIGN_OR_RETURN(auto stmt, db.Prepare(std::string(kTicketSelect) + " WHERE t.id = ?"));
  stmt.BindAll(id);
  return LoadOne(stmt);
}

Result<std::optional<TicketRecord>> LoadTicketByNumber(Db& db, std::string_view tn) {
  GOATFLOW_ASSIGN_OR_RETURN(auto stmt, db.Prepare(std::string(kTicketSelect) + " WHERE t.tn = ?"));
  stmt.BindAll(tn);
  return LoadOne(stmt);
}

Status InsertHistory(Db& db, std::int64_t ticket_id, std::string_view type, std::string_view text,
                     std::optional<std::int64_t> article_id, std::int64_t actor, TimePoint now) {
  std::int64_t type_id = 0;
  {
    GOATFLOW_ASSIGN_OR_RETURN(auto find,
                              db.Prepare("SELECT id FROM ticket_history_type WHERE name = ?"));
    find.BindAll(type);
    GOATFLOW_ASSIGN_OR_RETURN(bool row, find.Step());
    if (row) type_id = find.Int(0);
  }
  std::string when = core::FormatDbTime(now);
  if (type_id == 0) {  // created on first use (domain.md §6)
    GOATFLOW_ASSIGN_OR_RETURN(auto add, db.Prepare(R"sql(
      INSERT INTO ticket_history_type (name, valid_id, create_time, create_by, change_time,
                                       change_by) VALUES (?1, 1, ?2, 1, ?2, 1))sql"));
    add.BindAll(type, when);
    GOATFLOW_RETURN_IF_ERROR(add.Run());
    type_id = db.LastInsertId();
  }
  // At most 200 characters of history text, cut on a UTF-8 character boundary.
  std::size_t cut = std::min<std::size_t>(text.size(), 200);
  while (cut < text.size() && cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80)
    --cut;
  std::string name(text.substr(0, cut));
  GOATFLOW_ASSIGN_OR_RETURN(auto stmt, db.Prepare(R"sql(
    INSERT INTO ticket_history (name, history_type_id, ticket_id, article_id, type_id, queue_id,
                                owner_id, priority_id, state_id, create_time, create_by,
                                change_time, change_by)
    SELECT ?1, ?2, t.id, ?3, t.type_id, t.queue_id, t.user_id, t.ticket_priority_id,
           t.ticket_state_id, ?4, ?5, ?4, ?5 FROM ticket t WHERE t.id = ?6)sql"));
  stmt.Bind(1, name)
      .Bind(2, type_id)
      .Bind(3, article_id)
      .Bind(4, when)
      .Bind(5, actor)
      .Bind(6, ticket_id);
  return stmt.Run();
}

Status TouchTicket(Db& db, std::int64_t ticket_id, std::int64_t actor, TimePoint now) {
  GOATFLOW_ASSIGN_OR_RETURN(
      auto stmt, db.Prepare("UPDATE ticket SET change_time = ?, change_by = ? WHERE id = ?"));
  stmt.BindAll(core::FormatDbTime(now), actor, ticket_id);
  return stmt.Run();
}

}  // namespace goatflow::store
