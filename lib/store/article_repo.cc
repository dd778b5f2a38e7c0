// Article, article content and attachment SQL (declared in store/ticket_repo.h).

#include "core/macros.h"
#include "core/strings.h"
#include "core/time.h"
#include "domain/ticket_rules.h"
#include "store/ticket_repo.h"

namespace goatflow::store {
namespace {

constexpr std::string_view kArticleSelect = R"sql(
  SELECT a.id, a.ticket_id, m.a_subject, m.a_body, m.a_content_type, m.a_from, m.a_to, m.a_cc,
         m.a_reply_to, m.a_message_id, m.a_in_reply_to, m.a_references, lower(sender.name),
         c.name, a.is_visible_for_customer, a.create_time, a.create_by
    FROM article a
    JOIN article_data_mime m ON m.article_id = a.id
    JOIN article_sender_type sender ON sender.id = a.article_sender_type_id
    JOIN communication_channel c ON c.id = a.communication_channel_id)sql";

Article ReadArticle(const Stmt& stmt) {
  Article a;
  a.id = stmt.Int(0);
  a.ticket_id = stmt.Int(1);
  a.subject = stmt.Text(2);
  a.body = stmt.Text(3);
  a.content_type = stmt.Text(4);
  a.from = stmt.OptText(5);
  a.to = stmt.OptText(6);
  a.cc = stmt.OptText(7);
  a.reply_to = stmt.OptText(8);
  a.message_id = stmt.OptText(9);
  a.in_reply_to = stmt.OptText(10);
  a.references = stmt.OptText(11);
  a.sender_type = stmt.Text(12);
  std::string channel = stmt.Text(13);
  a.channel = core::ToLowerAscii(channel);
  a.is_visible_for_customer = stmt.Int(14) != 0;
  a.article_type = domain::ArticleTypeLabel(channel, a.sender_type, a.is_visible_for_customer);
  if (auto t = core::ParseDbTime(stmt.Text(15))) a.created_at = *t;
  a.created_by = stmt.Int(16);
  return a;
}

Status LoadAttachmentMeta(Db& db, Article& article) {
  GOATFLOW_ASSIGN_OR_RETURN(auto stmt, db.Prepare(R"sql(
    SELECT id, article_id, filename, content_type, CAST(content_size AS INTEGER)
      FROM article_data_mime_attachment WHERE article_id = ? ORDER BY id)sql"));
  stmt.BindAll(article.id);
  while (true) {
    GOATFLOW_ASSIGN_OR_RETURN(bool row, stmt.Step());
    if (!row) break;
    article.attachments.push_back(
        Attachment{stmt.Int(0), stmt.Int(1), stmt.Text(2), stmt.Text(3), stmt.Int(4)});
  }
  return OkStatus();
}

}  // namespace

Result<std::int64_t> InsertArticle(Db& db, const NewArticleRow& row, TimePoint now) {
  GOATFLOW_ASSIGN_OR_RETURN(std::int64_t sender_id,
                            LookupId(db, "article_sender_type", row.sender_type));
  GOATFLOW_ASSIGN_OR_RETURN(std::int64_t channel_id,
                            LookupId(db, "communication_channel", row.channel));
  std::string when = core::FormatDbTime(now);
  {
    GOATFLOW_ASSIGN_OR_RETURN(auto stmt, db.Prepare(R"sql(
      INSERT INTO article (ticket_id, article_sender_type_id, communication_channel_id,
                           is_visible_for_customer, search_index_needs_rebuild, create_time,
                           create_by, change_time, change_by)
      VALUES (?1, ?2, ?3, ?4, 1, ?5, ?6, ?5, ?6))sql"));
    stmt.BindAll(row.ticket_id, sender_id, channel_id, row.visible ? 1 : 0, when, row.actor);
    GOATFLOW_RETURN_IF_ERROR(stmt.Run());
  }
  std::int64_t article_id = db.LastInsertId();
  {
    GOATFLOW_ASSIGN_OR_RETURN(auto stmt, db.Prepare(R"sql(
      INSERT INTO article_data_mime (article_id, a_from, a_reply_to, a_to, a_cc, a_subject,
                                     a_message_id, a_in_reply_to, a_references, a_content_type,
                                     a_body, incoming_time, create_time, create_by, change_time,
                                     change_by)
      VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?13, ?14))sql"));
    stmt.Bind(1, article_id).Bind(2, row.from).Bind(3, row.reply_to).Bind(4, row.to);
    stmt.Bind(5, row.cc).Bind(6, row.subject).Bind(7, row.message_id).Bind(8, row.in_reply_to);
    stmt.Bind(9, row.references).Bind(10, row.content_type).Bind(11, row.body);
    stmt.Bind(12, core::ToUnixSeconds(now)).Bind(13, when).Bind(14, row.actor);
    GOATFLOW_RETURN_IF_ERROR(stmt.Run());
  }
  for (const NewAttachment& att : row.attachments) {
    GOATFLOW_ASSIGN_OR_RETURN(auto stmt, db.Prepare(R"sql(
      INSERT INTO article_data_mime_attachment (article_id, filename, content_size, content_type,
                                                disposition, content, create_time, create_by,
                                                change_time, change_by)
      VALUES (?1, ?2, ?3, ?4, 'attachment', ?5, ?6, ?7, ?6, ?7))sql"));
    stmt.Bind(1, article_id).Bind(2, att.filename).Bind(3, std::to_string(att.bytes.size()));
    stmt.Bind(4, att.content_type).BindBlob(5, att.bytes).Bind(6, when).Bind(7, row.actor);
    GOATFLOW_RETURN_IF_ERROR(stmt.Run());
  }
  return article_id;
}

Result<std::vector<Article>> LoadArticles(Db& db, std::int64_t ticket_id, bool visible_only,
                                          bool ascending, std::int64_t limit, std::int64_t offset,
                                          bool with_attachments) {
  std::string sql = std::string(kArticleSelect) +
                    " WHERE a.ticket_id = ?1 AND (?2 = 0 OR a.is_visible_for_customer = 1)"
                    " ORDER BY a.id " +
                    (ascending ? "ASC" : "DESC") + " LIMIT ?3 OFFSET ?4";
  GOATFLOW_ASSIGN_OR_RETURN(auto stmt, db.Prepare(sql));
  stmt.BindAll(ticket_id, visible_only ? 1 : 0, limit, offset);
  std::vector<Article> out;
  while (true) {
    GOATFLOW_ASSIGN_OR_RETURN(bool row, stmt.Step());
    if (!row) break;
    out.push_back(ReadArticle(stmt));
  }
  if (with_attachments) {
    for (Article& a : out) GOATFLOW_RETURN_IF_ERROR(LoadAttachmentMeta(db, a));
  }
  return out;
}

Result<std::int64_t> CountArticles(Db& db, std::int64_t ticket_id, bool visible_only) {
  GOATFLOW_ASSIGN_OR_RETURN(auto stmt, db.Prepare(R"sql(
    SELECT count(*) FROM article
     WHERE ticket_id = ?1 AND (?2 = 0 OR is_visible_for_customer = 1))sql"));
  stmt.BindAll(ticket_id, visible_only ? 1 : 0);
  GOATFLOW_ASSIGN_OR_RETURN(bool row, stmt.Step());
  return row ? stmt.Int(0) : 0;
}

Result<std::optional<Article>> LoadArticle(Db& db, std::int64_t ticket_id, std::int64_t article_id,
                                           bool with_attachments) {
  GOATFLOW_ASSIGN_OR_RETURN(
      auto stmt, db.Prepare(std::string(kArticleSelect) + " WHERE a.id = ? AND a.ticket_id = ?"));
  stmt.BindAll(article_id, ticket_id);
  GOATFLOW_ASSIGN_OR_RETURN(bool row, stmt.Step());
  if (!row) return std::optional<Article>();
  Article article = ReadArticle(stmt);
  if (with_attachments) GOATFLOW_RETURN_IF_ERROR(LoadAttachmentMeta(db, article));
  return std::optional<Article>(std::move(article));
}

Result<std::optional<AttachmentData>> LoadAttachment(Db& db, std::int64_t article_id,
                                                     std::int64_t attachment_id) {
  GOATFLOW_ASSIGN_OR_RETURN(auto stmt, db.Prepare(R"sql(
    SELECT id, article_id, filename, content_type, length(content), content
      FROM article_data_mime_attachment WHERE id = ? AND article_id = ?)sql"));
  stmt.BindAll(attachment_id, article_id);
  GOATFLOW_ASSIGN_OR_RETURN(bool row, stmt.Step());
  if (!row) return std::optional<AttachmentData>();
  AttachmentData data;
  data.meta = Attachment{stmt.Int(0), stmt.Int(1), stmt.Text(2), stmt.Text(3), stmt.Int(4)};
  data.bytes = stmt.Blob(5);
  return std::optional<AttachmentData>(std::move(data));
}

}  // namespace goatflow::store
