#include "domain/ticket_rules.h"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cctype>

#include "core/strings.h"
#include "core/time.h"

namespace goatflow::domain {

std::vector<std::string> TicketDefaults::SelectableQueues() {
  return {"Raw", "Misc", "Postmaster"};
}

bool IsPendingType(std::string_view state_type) {
  return state_type == kTypePendingReminder || state_type == kTypePendingAuto;
}

std::string StatusForStateType(std::string_view state_type) {
  if (IsPendingType(state_type)) return "pending";
  return std::string(state_type);  // new, open, closed, merged, removed
}

StatusTerm ParseStatusTerm(std::string_view raw) {
  StatusTerm term;
  std::string t = core::ToLowerAscii(core::Trim(raw));
  std::int64_t id = 0;
  if (core::ParseInt64(t, id)) {
    term.state_id = id;
  } else if (t == "new") {
    term.state_types = {std::string(kTypeNew)};
  } else if (t == "open") {
    term.state_types = {std::string(kTypeNew), std::string(kTypeOpen)};
  } else if (t == "pending") {
    term.state_types = {std::string(kTypePendingReminder), std::string(kTypePendingAuto)};
  } else if (t == "closed" || t == "resolved") {
    term.state_types = {std::string(kTypeClosed)};
  } else if (t == "active") {
    term.state_types = {std::string(kTypeNew), std::string(kTypeOpen),
                        std::string(kTypePendingReminder), std::string(kTypePendingAuto)};
  } else if (t == "merged") {
    term.state_types = {std::string(kTypeMerged)};
  } else if (t == "removed") {
    term.state_types = {std::string(kTypeRemoved)};
  } else {
    term.state_name = t;
  }
  return term;
}

std::string NormalisePriorityTerm(std::string_view raw) {
  std::string t = core::ToLowerAscii(core::Trim(raw));
  std::replace(t.begin(), t.end(), '-', ' ');
  std::replace(t.begin(), t.end(), '_', ' ');
  if (t == "medium") return "normal";
  if (t == "critical" || t == "urgent") return "very high";
  return t;
}

std::string PriorityNameWithoutNumber(std::string_view name) {
  std::size_t i = 0;
  while (i < name.size() && std::isdigit(static_cast<unsigned char>(name[i]))) ++i;
  if (i == 0 || i >= name.size() || name[i] != ' ') return core::ToLowerAscii(name);
  return core::ToLowerAscii(name.substr(i + 1));
}

std::string FormatDateTicketNumber(std::string_view yyyymmdd, std::string_view system_id,
                                   std::int64_t counter) {
  return fmt::format("{}{}{:05d}", yyyymmdd, system_id, counter);
}

std::optional<TimePoint> ParsePendingTime(std::string_view raw) {
  std::string_view text = core::Trim(raw);
  if (text.empty()) return std::nullopt;
  std::int64_t seconds = 0;
  if (core::ParseInt64(text, seconds)) {
    if (seconds <= 0) return std::nullopt;
    return core::FromUnixSeconds(seconds);
  }
  if (auto t = core::ParseRfc3339(text)) return t;
  return core::ParseDbTime(text);
}

bool IsSuccessfulResolution(std::string_view resolution) {
  std::string r = core::ToLowerAscii(core::Trim(resolution));
  return r == "successful" || r == "resolved" || r == "fixed";
}

std::optional<ArticleTypeInfo> ArticleTypeFor(std::string_view raw) {
  std::string t = core::ToLowerAscii(core::Trim(raw));
  if (t == "note") t = "note-internal";
  if (t == "email") t = "email-external";
  if (t == "email-external") return ArticleTypeInfo{"Email", true};
  if (t == "email-internal") return ArticleTypeInfo{"Email", false};
  if (t == "phone") return ArticleTypeInfo{"Phone", true};
  if (t == "webrequest" || t == "fax" || t == "sms") return ArticleTypeInfo{"Email", true};
  if (t == "note-internal" || t == "note-report") return ArticleTypeInfo{"Internal", false};
  if (t == "note-external") return ArticleTypeInfo{"Internal", true};
  if (t == "chat-external") return ArticleTypeInfo{"Chat", true};
  if (t == "chat-internal") return ArticleTypeInfo{"Chat", false};
  return std::nullopt;
}

std::string ArticleTypeLabel(std::string_view channel, std::string_view sender_type, bool visible) {
  std::string c = core::ToLowerAscii(channel);
  if (c == "phone") return "phone";
  if (c == "internal") return visible ? "note-external" : "note-internal";
  if (c == "chat") return visible ? "chat-external" : "chat-internal";
  if (sender_type == "customer") return "webrequest";
  return visible ? "email-external" : "email-internal";
}

bool IsAllowedAttachmentType(std::string_view content_type) {
  static constexpr std::array<std::string_view, 16> kAllowed = {
      "image/jpeg",
      "image/png",
      "image/gif",
      "image/webp",
      "image/bmp",
      "image/svg+xml",
      "application/pdf",
      "text/plain",
      "text/csv",
      "application/zip",
      "application/msword",
      "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
      "application/vnd.ms-excel",
      "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
      "application/octet-stream",
      "message/rfc822"};
  std::string base = core::ToLowerAscii(core::Trim(content_type.substr(0, content_type.find(';'))));
  return std::find(kAllowed.begin(), kAllowed.end(), base) != kAllowed.end();
}

std::optional<std::string> NormaliseArticleContentType(std::string_view content_type) {
  std::string lower = core::ToLowerAscii(core::Trim(content_type));
  std::string base(core::Trim(std::string_view(lower).substr(0, lower.find(';'))));
  if (base != "text/plain" && base != "text/html") return std::nullopt;
  if (lower.find("charset=") != std::string::npos) return lower;
  return base + "; charset=utf-8";
}

}  // namespace goatflow::domain
