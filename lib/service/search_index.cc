// SearchService::CheckIndex and Reindex: the full-text indexes of migrations
// 0003 and 0005 compared with, and rebuilt from, the tables they index.

#include <array>
#include <string>

#include "core/macros.h"
#include "goatflow/search.h"
#include "service/audit.h"
#include "service/caller.h"
#include "service/checks.h"
#include "service/search_index.h"
#include "service/unit_of_work.h"

namespace goatflow {
namespace {

struct Count {
  const char* sql;
  std::int64_t IndexReport::*field;
};

// Each query counts one kind of difference; views ticket_search_customer and
// ticket_search_articles compute what the triggers store.
constexpr std::array<Count, 6> kCounts = {{
    {"SELECT count(*) FROM ticket_search", &IndexReport::tickets},
    {"SELECT count(*) FROM article_search", &IndexReport::articles},
    {"SELECT (SELECT count(*) FROM ticket t WHERE NOT EXISTS "
     "(SELECT 1 FROM ticket_search s WHERE s.rowid = t.id)) + "
     "(SELECT count(*) FROM article_data_mime m WHERE NOT EXISTS "
     "(SELECT 1 FROM article_search s WHERE s.rowid = m.article_id))",
     &IndexReport::missing},
    {"SELECT (SELECT count(*) FROM ticket_search s WHERE NOT EXISTS "
     "(SELECT 1 FROM ticket t WHERE t.id = s.rowid)) + "
     "(SELECT count(*) FROM article_search s WHERE NOT EXISTS "
     "(SELECT 1 FROM article_data_mime m WHERE m.article_id = s.rowid))",
     &IndexReport::orphaned},
    {R"sql(SELECT count(*) FROM ticket_search s
             JOIN ticket t ON t.id = s.rowid
             JOIN ticket_search_customer c ON c.ticket_id = t.id
             JOIN ticket_search_articles a ON a.ticket_id = t.id
            WHERE s.tn IS NOT t.tn OR s.title IS NOT t.title OR s.customer IS NOT c.customer
               OR s.public_text IS NOT a.public_text OR s.internal_text IS NOT a.internal_text
               OR s.scope IS NOT (SELECT scope FROM ticket_search_scope WHERE ticket_id = t.id))sql",
     &IndexReport::stale},
    {R"sql(SELECT count(*) FROM article_search s
             JOIN article_data_mime m ON m.article_id = s.rowid
            WHERE s.subject IS NOT coalesce(m.a_subject, '') OR s.body IS NOT m.a_body)sql",
     &IndexReport::stale},
}};

constexpr const char* kRebuild = R"sql(
  DELETE FROM ticket_search;
  INSERT INTO ticket_search (rowid, tn, title, customer, public_text, internal_text, scope)
  SELECT t.id, t.tn, t.title, c.customer, a.public_text, a.internal_text, s.scope
    FROM ticket t
    JOIN ticket_search_customer c ON c.ticket_id = t.id
    JOIN ticket_search_articles a ON a.ticket_id = t.id
    JOIN ticket_search_scope s ON s.ticket_id = t.id;
  DELETE FROM article_search;
  INSERT INTO article_search (rowid, subject, body)
  SELECT article_id, coalesce(a_subject, ''), a_body FROM article_data_mime;)sql";

}  // namespace

namespace service {

Result<IndexReport> CheckSearchIndex(store::Db& db) {
  IndexReport report;
  for (const Count& count : kCounts) {
    GOATFLOW_ASSIGN_OR_RETURN(std::int64_t n, db.QueryInt(count.sql));
    report.*count.field += n;
  }
  return report;
}

}  // namespace service

Result<IndexReport> SearchService::CheckIndex(const RequestContext& ctx) {
  return service::Read(impl_, [&](store::Db& db) -> Result<IndexReport> {
    GOATFLOW_ASSIGN_OR_RETURN(service::Caller caller, service::LoadCaller(db, ctx));
    GOATFLOW_RETURN_IF_ERROR(service::RequireScope(ctx, service::kScopeAdmin));
    GOATFLOW_RETURN_IF_ERROR(service::RequireAdmin(caller));
    return service::CheckSearchIndex(db);
  });
}

Result<IndexReport> SearchService::Reindex(const RequestContext& ctx) {
  return service::AdminWrite<IndexReport>(
      impl_, ctx, "search.reindex",
      [&](store::Db& db, const service::Caller&) -> Result<IndexReport> {
        GOATFLOW_RETURN_IF_ERROR(service::RequireScope(ctx, service::kScopeAdmin));
        GOATFLOW_ASSIGN_OR_RETURN(IndexReport before, service::CheckSearchIndex(db));
        GOATFLOW_RETURN_IF_ERROR(db.Exec(kRebuild));
        GOATFLOW_ASSIGN_OR_RETURN(IndexReport after, service::CheckSearchIndex(db));
        service::AuditEntry entry;
        entry.action = "search.reindex";
        entry.target_type = "search_index";
        entry.details = {{"tickets", std::to_string(after.tickets)},
                         {"articles", std::to_string(after.articles)},
                         {"repaired", std::to_string(before.missing + before.stale +
                                                     before.orphaned)}};
        GOATFLOW_RETURN_IF_ERROR(service::WriteAudit(db, ctx, impl_.clock->Now(), entry));
        return after;
      });
}

}  // namespace goatflow
