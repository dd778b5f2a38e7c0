#pragma once

// Pure ticket rules: built-in setting defaults, ticket-number formatting, article types and attachment limits
// (domain.md §4, §5, §10; api-v1.md §1.5). No I/O.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "goatflow/seams.h"

namespace goatflow::domain {

// Built-in values of the stored settings this area reads (domain.md §8.4);
// a row in system_config overrides them.
struct TicketDefaults {
  static constexpr std::string_view kDefaultPriority = "3 normal";  // Ticket::DefaultPriority
  static constexpr std::string_view kDefaultQueue = "Raw";          // Ticket::DefaultQueue
  static constexpr std::string_view kDefaultState = "new";
  static constexpr std::string_view kDefaultType = "Unclassified";
  static constexpr std::int64_t kSystemId = 10;                         // SystemID
  static constexpr std::int64_t kAttachmentMaxSize = 10 * 1024 * 1024;  // AttachmentMaxSize
  static std::vector<std::string> SelectableQueues();  // CustomerPanel::SelectableQueues
};

// State type names as seeded (domain.md §4.2).
inline constexpr std::string_view kTypeNew = "new";
inline constexpr std::string_view kTypeOpen = "open";
inline constexpr std::string_view kTypeClosed = "closed";
inline constexpr std::string_view kTypePendingReminder = "pending reminder";
inline constexpr std::string_view kTypePendingAuto = "pending auto";
inline constexpr std::string_view kTypeRemoved = "removed";
inline constexpr std::string_view kTypeMerged = "merged";

bool IsPendingType(std::string_view state_type);

// "YYYYMMDD" + SystemID + counter padded to 5 digits (Date generator).
std::string FormatDateTicketNumber(std::string_view yyyymmdd, std::string_view system_id,
                                   std::int64_t counter);

// RFC 3339, "YYYY-MM-DD[T ]HH:MM[:SS]" (UTC) or Unix seconds.
std::optional<TimePoint> ParsePendingTime(std::string_view text);

// Closing: a resolution in {successful, resolved, fixed} (any case) means success.
bool IsSuccessfulResolution(std::string_view resolution);

// Legacy article types (domain.md §5): channel name and default visibility.
struct ArticleTypeInfo {
  std::string channel;  // Email, Phone, Internal, Chat (communication_channel.name)
  bool visible = false;
};
std::optional<ArticleTypeInfo> ArticleTypeFor(std::string_view article_type);
// The legacy label for a stored article (api-v1.md §2.2).
std::string ArticleTypeLabel(std::string_view channel, std::string_view sender_type, bool visible);

// Attachment content types allowed (domain.md §5), compared without parameters.
bool IsAllowedAttachmentType(std::string_view content_type);

// "text/plain" / "text/html" with "; charset=utf-8" appended when absent;
// nullopt for other types.
std::optional<std::string> NormaliseArticleContentType(std::string_view content_type);

}  // namespace goatflow::domain
