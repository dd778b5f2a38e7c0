#include "domain/ticket_rules.h"

#include "support/test_support.h"

namespace goatflow::domain {
namespace {

TEST_CASE("Date ticket numbers pad the counter to five digits and grow past it") {
  REQUIRE(FormatDateTicketNumber("20250821", "10", 7) == "202508211000007");
  REQUIRE(FormatDateTicketNumber("20250821", "10", 123456) == "2025082110123456");
}

TEST_CASE("Pending times accept RFC 3339, storage text and Unix seconds") {
  auto expected = std::chrono::sys_days{std::chrono::year{2026} / 3 / 5} + std::chrono::hours{10};
  REQUIRE(ParsePendingTime("2026-03-05T10:00:00Z") == expected);
  REQUIRE(ParsePendingTime("2026-03-05 10:00") == expected);
  REQUIRE(ParsePendingTime("1772704800") == expected);
  REQUIRE_FALSE(ParsePendingTime("tomorrow").has_value());
  REQUIRE_FALSE(ParsePendingTime("0").has_value());
  // Beyond 2261 a time would overflow: refused like any invalid time.
  REQUIRE_FALSE(ParsePendingTime("9223372036854775807").has_value());
  REQUIRE_FALSE(ParsePendingTime("9214646400").has_value());
  REQUIRE(ParsePendingTime("9214646399") == ParsePendingTime("2261-12-31T23:59:59Z"));
  REQUIRE_FALSE(ParsePendingTime("9999-01-01T00:00:00Z").has_value());
}

TEST_CASE("Article types, labels, content types and attachment types") {
  REQUIRE(ArticleTypeFor("note")->channel == "Internal");
  REQUIRE_FALSE(ArticleTypeFor("note")->visible);
  REQUIRE(ArticleTypeFor("email")->visible);
  REQUIRE_FALSE(ArticleTypeFor("telegram").has_value());
  REQUIRE(ArticleTypeLabel("Email", "customer", true) == "webrequest");
  REQUIRE(ArticleTypeLabel("Internal", "agent", false) == "note-internal");
  REQUIRE(NormaliseArticleContentType("text/html") == "text/html; charset=utf-8");
  REQUIRE_FALSE(NormaliseArticleContentType("application/json").has_value());
  REQUIRE(IsAllowedAttachmentType("image/PNG"));
  REQUIRE(IsAllowedAttachmentType("text/plain; charset=utf-8"));
  REQUIRE_FALSE(IsAllowedAttachmentType("application/x-msdownload"));
  REQUIRE(IsSuccessfulResolution(" Fixed "));
  REQUIRE_FALSE(IsSuccessfulResolution("duplicate"));
}

}  // namespace
}  // namespace goatflow::domain
