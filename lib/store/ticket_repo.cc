#include "store/ticket_repo.h"

#include <algorithm>

#include "core/macros.h"
#include "core/strings.h"
#include "core/time.h"
#include "domain/ticket_rules.h"
#include "domain/vocabulary.h"
#include "store/catalog.h"

namespace goatflow::store {
namespace {

// The ticket's own columns; the names come from the connection's Catalog.
constexpr std::string_view kTicketSelect = R"sql(
  SELECT t.id, t.tn, t.title, t.queue_id, t.ticket_state_id, t.ticket_priority_id, t.type_id,
         t.ticket_lock_id, t.user_id, t.responsible_user_id, t.customer_id, t.customer_user_id,
         t.until_time, t.archive_flag, t.create_time, t.change_time, t.create_by, t.change_by
    FROM ticket t)sql";

TimePoint DbTime(std::string_view text) {
  auto t = core::ParseDbTime(text);
  return t ? *t : TimePoint{};
}

const std::string& NameOr(const std::string* name) {
  static const std::string kNone;
  return name != nullptr ? *name : kNone;
}

std::optional<std::string> OptName(const std::string* name) {
  return name != nullptr ? std::optional<std::string>(*name) : std::nullopt;
}

Result<std::optional<TicketRecord>> LoadOne(Db& db, Stmt& stmt) {
  GOATFLOW_ASSIGN_OR_RETURN(bool row, stmt.Step());
  if (!row) return std::optional<TicketRecord>();
  GOATFLOW_ASSIGN_OR_RETURN(const Catalog* names, CurrentCatalog(db));
  return std::optional<TicketRecord>(ReadTicketRow(stmt, *names));
}

}  // namespace

std::string_view TicketSelectSql() { return kTicketSelect; }

TicketRecord ReadTicketRow(const Stmt& stmt, const Catalog& names) {
  TicketRecord rec;
  Ticket& t = rec.ticket;
  t.id = stmt.Int(0);
  t.tn = stmt.Text(1);
  t.title = stmt.Text(2);
  t.queue_id = stmt.Int(3);
  if (const QueueName* queue = names.queues.Find(t.queue_id)) {
    t.queue = queue->name;
    rec.group_id = queue->group_id;
  }
  t.state_id = stmt.Int(4);
  if (const StateName* state = names.states.Find(t.state_id)) {
    t.state = state->name;
    t.state_type = state->type;
  }
  t.status = domain::StatusCategory(t.state_type);
  t.priority_id = stmt.Int(5);
  t.priority = NameOr(names.priorities.Find(t.priority_id));
  t.type_id = stmt.OptInt(6);
  if (t.type_id) t.type = OptName(names.types.Find(*t.type_id));
  const std::string* lock = names.lock_types.Find(stmt.Int(7));
  t.lock = lock != nullptr && *lock == "unlock" ? "unlock" : "lock";
  t.owner_id = stmt.Int(8);
  t.owner = NameOr(names.logins.Find(t.owner_id));
  t.responsible_id = stmt.OptInt(9);
  if (t.responsible_id) t.responsible = OptName(names.logins.Find(*t.responsible_id));
  t.customer_id = stmt.OptText(10);
  t.customer_user_id = stmt.OptText(11);
  if (std::int64_t until = stmt.Int(12); until > 0) t.pending_until = core::FromUnixSeconds(until);
  t.archived = stmt.Int(13) != 0;
  t.created_at = DbTime(stmt.TextView(14));
  t.updated_at = DbTime(stmt.TextView(15));
  t.created_by = stmt.Int(16);
  t.updated_by = stmt.Int(17);
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
  return LoadOne(db, stmt);
}

Result<std::optional<TicketRecord>> LoadTicketByNumber(Db& db, std::string_view tn) {
  GOATFLOW_ASSIGN_OR_RETURN(auto stmt, db.Prepare(std::string(kTicketSelect) + " WHERE t.tn = ?"));
  stmt.BindAll(tn);
  return LoadOne(db, stmt);
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
