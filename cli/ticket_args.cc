#include "ticket_args.h"

#include <fmt/chrono.h>
#include <fmt/format.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

#include "output.h"

namespace goatflow::cli {

Result<NewAttachment> ReadAttachment(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Error(ErrorCode::kInvalidArgument, "cannot read attachment file '" + path + "'");
  std::ostringstream bytes;
  bytes << in.rdbuf();
  static const std::map<std::string, std::string> kTypes = {
      {".png", "image/png"},
      {".jpg", "image/jpeg"},
      {".jpeg", "image/jpeg"},
      {".gif", "image/gif"},
      {".webp", "image/webp"},
      {".pdf", "application/pdf"},
      {".txt", "text/plain"},
      {".log", "text/plain"},
      {".csv", "text/csv"},
      {".zip", "application/zip"},
      {".doc", "application/msword"},
      {".xls", "application/vnd.ms-excel"},
      {".docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"},
      {".xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"}};
  std::filesystem::path p(path);
  std::string ext = p.extension().string();
  for (char& c : ext) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  auto it = kTypes.find(ext);
  return NewAttachment{p.filename().string(),
                       it == kTypes.end() ? "application/octet-stream" : it->second, bytes.str()};
}

std::string FormatTime(TimePoint t) {
  return fmt::format("{:%Y-%m-%dT%H:%M:%SZ}", std::chrono::floor<std::chrono::seconds>(t));
}

void PrintTicket(const Ticket& t) {
  std::vector<std::pair<std::string, std::string>> rows = {
      {"id", std::to_string(t.id)},
      {"tn", t.tn},
      {"title", t.title},
      {"queue", fmt::format("{} ({})", t.queue, t.queue_id)},
      {"state", fmt::format("{} ({})", t.state, t.status)},
      {"priority", t.priority},
      {"type", t.type.value_or("-")},
      {"lock", t.lock},
      {"owner", fmt::format("{} ({})", t.owner, t.owner_id)},
      {"responsible", t.responsible ? fmt::format("{} ({})", *t.responsible, *t.responsible_id)
                                    : std::string("-")},
      {"customer_user", t.customer_user_id.value_or("-")},
      {"customer", t.customer_id.value_or("-")},
      {"pending_until", t.pending_until ? FormatTime(*t.pending_until) : std::string("-")},
      {"archived", t.archived ? "yes" : "no"},
      {"created", FormatTime(t.created_at)},
      {"updated", FormatTime(t.updated_at)}};
  if (t.article_count) rows.emplace_back("articles", std::to_string(*t.article_count));
  PrintKeyValues(rows);
}

void PrintTicketTable(const TicketPage& page) {
  PrintLine(fmt::format("{:<7} {:<16} {:<20} {:<13} {:<14} {:<12} {}", "ID", "TN", "STATE",
                        "PRIORITY", "QUEUE", "OWNER", "TITLE"));
  for (const Ticket& t : page.tickets) {
    PrintLine(fmt::format("{:<7} {:<16} {:<20} {:<13} {:<14} {:<12} {}", t.id, t.tn, t.state,
                          t.priority, t.queue, t.owner, t.title));
  }
  const Pagination& p = page.pagination;
  PrintLine(fmt::format("page {} of {} ({} ticket(s))", p.page, p.total_pages, p.total));
}

}  // namespace goatflow::cli
