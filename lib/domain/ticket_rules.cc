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

std::string FormatDateTicketNumber(std::string_view yyyymmdd, std::string_view system_id,
                                   std::int64_t counter) {
  return fmt::format("{}{}{:05d}", yyyymmdd, system_id, counter);
}

std::optional<TimePoint> ParsePendingTime(std::string_view raw) {
  std::string_view text = core::Trim(raw);
  if (text.empty()) return std::nullopt;
  std::int64_t seconds = 0;
  if (core::ParseInt64(text, seconds)) {
    if (seconds <= 0 || seconds > core::kMaxUnixSeconds) return std::nullopt;
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
