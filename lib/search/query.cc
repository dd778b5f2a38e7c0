#include "search/query.h"

#include <fmt/format.h>

#include <array>

#include "core/strings.h"
#include "core/time.h"

namespace goatflow::search {
namespace {

Error InvalidQuery(std::string message, std::string_view reason) {
  return Error(ErrorCode::kInvalidArgument, std::move(message),
               {{"field", "q"}, {"reason", std::string(reason)}})
      .WithWireCode("core:validation_failed");
}

// One piece of the query as typed: a word or quoted phrase, possibly
// excluded, possibly a field filter.
struct Token {
  std::string text;
  std::string field;  // "" for plain text
  bool excluded = false;
  bool quoted = false;
};

bool IsSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

// Letters and digits as unicode61 sees them, approximately: ASCII
// alphanumerics and every non-ASCII byte (FTS5 decides the rest).
bool HasWordCharacter(std::string_view s) {
  for (unsigned char c : s)
    if (std::isalnum(c) || c >= 0x80) return true;
  return false;
}

constexpr std::array<std::string_view, 7> kFields = {"queue",  "state", "status",  "priority",
                                                     "owner", "customer", "created"};

bool IsField(std::string_view name) {
  for (std::string_view field : kFields)
    if (field == name) return true;
  return false;
}

// Splits on whitespace; "..." groups words (an unclosed quote runs to the end).
std::vector<Token> Tokenize(std::string_view text) {
  std::vector<Token> tokens;
  std::size_t i = 0;
  while (i < text.size()) {
    while (i < text.size() && IsSpace(text[i])) ++i;
    if (i >= text.size()) break;
    Token token;
    if (text[i] == '-' && i + 1 < text.size() && !IsSpace(text[i + 1])) {
      token.excluded = true;
      ++i;
    }
    // field:value or field:"value"
    std::size_t colon = text.find(':', i);
    std::size_t space = i;
    while (space < text.size() && !IsSpace(text[space]) && text[space] != '"') ++space;
    if (colon != std::string_view::npos && colon < space &&
        IsField(core::ToLowerAscii(text.substr(i, colon - i)))) {
      token.field = core::ToLowerAscii(text.substr(i, colon - i));
      i = colon + 1;
    }
    if (i < text.size() && text[i] == '"') {
      std::size_t close = text.find('"', i + 1);
      std::size_t end = close == std::string_view::npos ? text.size() : close;
      token.text = std::string(text.substr(i + 1, end - i - 1));
      token.quoted = true;
      i = close == std::string_view::npos ? text.size() : close + 1;
      // A prefix star right after the closing quote: "foo bar"*
      if (i < text.size() && text[i] == '*') {
        token.text += '*';
        ++i;
      }
    } else {
      std::size_t end = i;
      while (end < text.size() && !IsSpace(text[end]) && text[end] != '"') ++end;
      token.text = std::string(text.substr(i, end - i));
      i = end;
    }
    tokens.push_back(std::move(token));
  }
  return tokens;
}

// An FTS5 string for `text`: double quotes doubled, optional prefix star.
std::string FtsString(std::string_view text) {
  bool prefix = false;
  while (!text.empty() && text.back() == '*') {
    prefix = true;
    text.remove_suffix(1);
  }
  std::string out = "\"";
  for (char c : text) {
    if (c == '"') out += '"';
    out += c;
  }
  out += '"';
  if (prefix) out += '*';
  return out;
}

Result<std::string> DateFilter(std::string_view value) {
  auto day = core::ParseDbTime(std::string(value) + " 00:00:00");
  if (!day) day = core::ParseRfc3339(value);
  if (!day) return InvalidQuery("Invalid created: date (use YYYY-MM-DD)", "invalid");
  return core::FormatDbTime(*day);
}

}  // namespace

Result<ParsedQuery> ParseQuery(std::string_view raw) {
  if (!core::IsValidUtf8(raw)) return InvalidQuery("Search query is not valid UTF-8", "invalid");
  std::string text(raw);
  for (char& c : text)
    if (static_cast<unsigned char>(c) < 0x20 || c == 0x7F) c = ' ';
  if (core::Trim(text).empty()) return InvalidQuery("Search query required", "required");
  if (core::Utf8Length(text) > kMaxQueryLength)
    return InvalidQuery("Search query too long", "too_long");

  ParsedQuery out;
  std::vector<std::string> include, exclude;
  for (Token& token : Tokenize(text)) {
    if (token.field == "created") {
      std::string_view value = token.text;
      bool after = !value.empty() && value.front() == '>';
      bool before = !value.empty() && value.front() == '<';
      if (!after && !before) return InvalidQuery("created: needs > or < and a date", "invalid");
      value.remove_prefix(1);
      if (!value.empty() && value.front() == '=') value.remove_prefix(1);
      auto when = DateFilter(value);
      if (!when.ok()) return when.error();
      (after ? out.created_after : out.created_before) = *when;
      continue;
    }
    if (!token.field.empty() && token.field != "customer") {
      if (token.text.empty()) continue;
      auto& list = token.field == "queue"      ? out.queues
                   : token.field == "priority" ? out.priorities
                   : token.field == "owner"    ? out.owners
                                               : out.statuses;
      list.push_back(token.text);
      continue;
    }
    if (!HasWordCharacter(token.text)) continue;  // "*", "^", ":" alone: nothing to find
    std::string term = FtsString(token.text);
    if (token.field == "customer") term = "{customer} : " + term;
    if (token.excluded) {
      exclude.push_back(std::move(term));
    } else {
      include.push_back(std::move(term));
      std::string word = core::ToLowerAscii(token.text);
      while (!word.empty() && word.back() == '*') word.pop_back();
      out.words.push_back(std::move(word));
    }
  }
  if (include.empty() && !exclude.empty())
    return InvalidQuery("Search needs a word to look for", "invalid");
  if (include.empty() && !out.HasFilters()) return InvalidQuery("Search query required", "required");
  if (!include.empty()) {
    out.match = core::Join(include, " AND ");
    for (const std::string& term : exclude) out.match = "(" + out.match + ") NOT " + term;
  }
  return out;
}

std::string RestrictColumns(const std::string& match, std::string_view columns) {
  if (match.empty()) return match;
  return fmt::format("{{{}}} : ({})", columns, match);
}

}  // namespace goatflow::search
