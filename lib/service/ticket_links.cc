// TicketService: history and links (domain.md §6-7; api-v1.md §4.9).

#include <fmt/format.h>

#include "core/macros.h"
#include "core/strings.h"
#include "core/time.h"
#include "goatflow/tickets.h"
#include "service/ticket_access.h"
#include "service/unit_of_work.h"

namespace goatflow {
namespace {

using rbac::Permission;
using service::Caller;
using service::tickets::Invalid;

// The valid link type named `name` (case-insensitive), or invalid_argument.
Result<std::pair<std::int64_t, std::string>> ResolveLinkType(store::Db& db, std::string_view name) {
  GOATFLOW_ASSIGN_OR_RETURN(
      auto stmt,
      db.Prepare("SELECT id, name FROM link_type WHERE lower(name) = lower(?) AND valid_id = 1"));
  stmt.BindAll(core::Trim(name));
  GOATFLOW_ASSIGN_OR_RETURN(bool row, stmt.Step());
  if (!row) return Invalid("Invalid link type", "link_type", "not_found");
  return std::make_pair(stmt.Int(0), stmt.Text(1));
}

Result<TicketLinks> LoadLinks(store::Db& db, const Caller& caller, std::int64_t id) {
  GOATFLOW_ASSIGN_OR_RETURN(std::int64_t object_id, store::LookupId(db, "link_object", "Ticket"));
  GOATFLOW_ASSIGN_OR_RETURN(auto stmt, db.Prepare(R"sql(
    SELECT CAST(l.target_key AS INTEGER), lt.name, 'source', l.create_time
      FROM link_relation l JOIN link_type lt ON lt.id = l.type_id
     WHERE l.source_object_id = ?1 AND l.source_key = ?2 AND l.target_object_id = ?1
    UNION ALL
    SELECT CAST(l.source_key AS INTEGER), lt.name, 'target', l.create_time
      FROM link_relation l JOIN link_type lt ON lt.id = l.type_id
     WHERE l.target_object_id = ?1 AND l.target_key = ?2 AND l.source_object_id = ?1
     ORDER BY 4, 1)sql"));
  stmt.BindAll(object_id, std::to_string(id));
  TicketLinks out;
  out.ticket_id = id;
  while (true) {
    GOATFLOW_ASSIGN_OR_RETURN(bool row, stmt.Step());
    if (!row) break;
    TicketLink link;
    link.related_ticket_id = stmt.Int(0);
    link.link_type = stmt.Text(1);
    link.direction = stmt.Text(2);
    if (auto t = core::ParseDbTime(stmt.Text(3))) link.created_at = *t;
    out.links.push_back(std::move(link));
  }
  // Related tickets the caller cannot see are left out (their existence stays hidden).
  std::vector<TicketLink> visible;
  for (TicketLink& link : out.links) {
    GOATFLOW_ASSIGN_OR_RETURN(auto related, store::LoadTicket(db, link.related_ticket_id));
    if (!related || !service::tickets::CanSee(caller, *related)) continue;
    link.related_ticket_tn = related->ticket.tn;
    link.related_ticket_title = related->ticket.title;
    visible.push_back(std::move(link));
  }
  out.links = std::move(visible);
  return out;
}

}  // namespace

Result<TicketHistory> TicketService::History(const RequestContext& ctx, std::int64_t id,
                                             std::optional<std::int64_t> limit) {
  return service::Read(impl_, [&](store::Db& db) -> Result<TicketHistory> {
    GOATFLOW_ASSIGN_OR_RETURN(Caller caller, service::LoadCaller(db, ctx));
    if (caller.IsCustomer()) return service::tickets::TicketNotFound();
    GOATFLOW_RETURN_IF_ERROR(
        service::tickets::RequireTicketScope(db, ctx, caller, id, service::kScopeTicketsRead));
    GOATFLOW_RETURN_IF_ERROR(service::tickets::LoadForCaller(db, caller, id, std::nullopt));
    std::int64_t n = (limit && *limit >= 1) ? std::min<std::int64_t>(*limit, 200) : 50;
    GOATFLOW_ASSIGN_OR_RETURN(auto stmt, db.Prepare(R"sql(
      SELECT h.id, h.ticket_id, h.article_id, ht.name, h.name, h.queue_id, h.state_id,
             h.priority_id, h.owner_id, h.create_time, h.create_by, q.name, s.name, p.name,
             u.login, trim(u.first_name || ' ' || u.last_name)
        FROM ticket_history h JOIN ticket_history_type ht ON ht.id = h.history_type_id
        JOIN queue q ON q.id = h.queue_id JOIN ticket_state s ON s.id = h.state_id
        JOIN ticket_priority p ON p.id = h.priority_id JOIN users u ON u.id = h.create_by
       WHERE h.ticket_id = ? ORDER BY h.id DESC LIMIT ?)sql"));
    stmt.BindAll(id, n);
    TicketHistory out;
    out.ticket_id = id;
    while (true) {
      GOATFLOW_ASSIGN_OR_RETURN(bool row, stmt.Step());
      if (!row) break;
      HistoryEntry e;
      e.id = stmt.Int(0);
      e.ticket_id = stmt.Int(1);
      e.article_id = stmt.OptInt(2);
      e.history_type = stmt.Text(3);
      e.name = stmt.Text(4);
      e.queue_id = stmt.Int(5);
      e.state_id = stmt.Int(6);
      e.priority_id = stmt.Int(7);
      e.owner_id = stmt.Int(8);
      if (auto t = core::ParseDbTime(stmt.Text(9))) e.created_at = *t;
      e.created_by = stmt.Int(10);
      e.queue = stmt.Text(11);
      e.state = stmt.Text(12);
      e.priority = stmt.Text(13);
      e.creator_login = stmt.Text(14);
      e.creator_full_name = stmt.Text(15);
      out.history.push_back(std::move(e));
    }
    return out;
  });
}

Result<TicketLinks> TicketService::Links(const RequestContext& ctx, std::int64_t id) {
  return service::Read(impl_, [&](store::Db& db) -> Result<TicketLinks> {
    GOATFLOW_ASSIGN_OR_RETURN(
        Caller caller, service::tickets::LoadTicketCaller(db, ctx, id, service::kScopeTicketsRead));
    GOATFLOW_RETURN_IF_ERROR(service::tickets::LoadForCaller(db, caller, id, std::nullopt));
    return LoadLinks(db, caller, id);
  });
}

Result<TicketLinks> TicketService::AddLink(const RequestContext& ctx, std::int64_t id,
                                           std::int64_t target_id, const std::string& link_type) {
  TimePoint now = impl_.clock->Now();
  return service::Write(impl_, [&](store::Db& db) -> Result<TicketLinks> {
    GOATFLOW_ASSIGN_OR_RETURN(
        Caller caller, service::tickets::LoadTicketCaller(db, ctx, id, service::kScopeTicketsWrite));
    GOATFLOW_ASSIGN_OR_RETURN(auto source,
                              service::tickets::LoadForCaller(db, caller, id, Permission::kRw));
    GOATFLOW_ASSIGN_OR_RETURN(auto target,
                              service::tickets::LoadForCaller(db, caller, target_id, std::nullopt));
    if (source.ticket.id == target.ticket.id)
      return Invalid("Cannot link a ticket to itself", "target_ticket_id", "same_ticket");
    GOATFLOW_ASSIGN_OR_RETURN(auto type, ResolveLinkType(db, link_type));
    GOATFLOW_ASSIGN_OR_RETURN(std::int64_t object_id, store::LookupId(db, "link_object", "Ticket"));
    GOATFLOW_ASSIGN_OR_RETURN(std::int64_t state_id, store::LookupId(db, "link_state", "Valid"));
    {
      // A Normal link has no direction: the reverse pair is the same link.
      GOATFLOW_ASSIGN_OR_RETURN(auto exists, db.Prepare(R"sql(
        SELECT 1 FROM link_relation WHERE type_id = ?1 AND source_object_id = ?2
           AND target_object_id = ?2 AND ((source_key = ?3 AND target_key = ?4)
             OR (?5 AND source_key = ?4 AND target_key = ?3)))sql"));
      exists.BindAll(type.first, object_id, std::to_string(id), std::to_string(target_id),
                     type.second == "Normal" ? 1 : 0);
      GOATFLOW_ASSIGN_OR_RETURN(bool found, exists.Step());
      if (found)
        return Error(ErrorCode::kAlreadyExists, "Link already exists")
            .WithWireCode("core:conflict");
    }
    std::int64_t actor = caller.ActingUserId();
    GOATFLOW_ASSIGN_OR_RETURN(auto stmt, db.Prepare(R"sql(
      INSERT INTO link_relation (source_object_id, source_key, target_object_id, target_key,
                                 type_id, state_id, create_time, create_by)
      VALUES (?1, ?2, ?1, ?3, ?4, ?5, ?6, ?7))sql"));
    stmt.BindAll(object_id, std::to_string(id), std::to_string(target_id), type.first, state_id,
                 core::FormatDbTime(now), actor);
    GOATFLOW_RETURN_IF_ERROR(stmt.Run());
    GOATFLOW_RETURN_IF_ERROR(store::InsertHistory(
        db, id, "TicketLinkAdd",
        fmt::format("Added link to ticket #{} ({})", target.ticket.tn, type.second), std::nullopt,
        actor, now));
    GOATFLOW_RETURN_IF_ERROR(store::InsertHistory(
        db, target_id, "TicketLinkAdd",
        fmt::format("Added link to ticket #{} ({})", source.ticket.tn, type.second), std::nullopt,
        actor, now));
    return LoadLinks(db, caller, id);
  });
}

Result<TicketLinks> TicketService::RemoveLink(const RequestContext& ctx, std::int64_t id,
                                              std::int64_t target_id,
                                              const std::string& link_type) {
  TimePoint now = impl_.clock->Now();
  return service::Write(impl_, [&](store::Db& db) -> Result<TicketLinks> {
    GOATFLOW_ASSIGN_OR_RETURN(
        Caller caller, service::tickets::LoadTicketCaller(db, ctx, id, service::kScopeTicketsWrite));
    GOATFLOW_ASSIGN_OR_RETURN(auto source,
                              service::tickets::LoadForCaller(db, caller, id, Permission::kRw));
    GOATFLOW_ASSIGN_OR_RETURN(auto target,
                              service::tickets::LoadForCaller(db, caller, target_id, std::nullopt));
    GOATFLOW_ASSIGN_OR_RETURN(auto type, ResolveLinkType(db, link_type));
    GOATFLOW_ASSIGN_OR_RETURN(std::int64_t object_id, store::LookupId(db, "link_object", "Ticket"));
    GOATFLOW_ASSIGN_OR_RETURN(auto stmt, db.Prepare(R"sql(
      DELETE FROM link_relation WHERE type_id = ?1 AND source_object_id = ?2
         AND target_object_id = ?2 AND ((source_key = ?3 AND target_key = ?4)
           OR (source_key = ?4 AND target_key = ?3)))sql"));
    stmt.BindAll(type.first, object_id, std::to_string(id), std::to_string(target_id));
    GOATFLOW_RETURN_IF_ERROR(stmt.Run());
    if (db.Changes() == 0)
      return Error(ErrorCode::kNotFound, "Link not found").WithWireCode("core:not_found");
    std::int64_t actor = caller.ActingUserId();
    GOATFLOW_RETURN_IF_ERROR(store::InsertHistory(
        db, id, "TicketLinkDelete",
        fmt::format("Removed link to ticket #{} ({})", target.ticket.tn, type.second), std::nullopt,
        actor, now));
    GOATFLOW_RETURN_IF_ERROR(store::InsertHistory(
        db, target_id, "TicketLinkDelete",
        fmt::format("Removed link to ticket #{} ({})", source.ticket.tn, type.second), std::nullopt,
        actor, now));
    return LoadLinks(db, caller, id);
  });
}

}  // namespace goatflow
