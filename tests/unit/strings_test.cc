#include "core/strings.h"
#include "support/test_support.h"

namespace goatflow::core {
namespace {

TEST_CASE("String helpers") {
  REQUIRE(Trim("  a b \t\n") == "a b");
  REQUIRE(Trim("") == "");
  REQUIRE(ToLowerAscii("Very HIGH") == "very high");
  REQUIRE(EqualsIgnoreCaseAscii("Open", "oPEN"));
  REQUIRE_FALSE(EqualsIgnoreCaseAscii("open", "opened"));
  REQUIRE(Split("a,,b", ',') == std::vector<std::string_view>{"a", "", "b"});
  REQUIRE(Join({"x", "y", "z"}, ", ") == "x, y, z");
  REQUIRE(HexEncode(std::string_view("\x01\xab", 2)) == "01ab");
}

TEST_CASE("UTF-8 validation rejects malformed input") {
  REQUIRE(IsValidUtf8("résumé"));
  REQUIRE(Utf8Length("résumé") == 6);
  REQUIRE_FALSE(IsValidUtf8("\xc3"));              // truncated
  REQUIRE_FALSE(IsValidUtf8("\xc0\xaf"));          // overlong '/'
  REQUIRE_FALSE(IsValidUtf8("\xed\xa0\x80"));      // surrogate
  REQUIRE_FALSE(IsValidUtf8("\xf4\x90\x80\x80"));  // past U+10FFFF
  REQUIRE(HasControlChars(std::string_view("a\0b", 3)));
  REQUIRE_FALSE(HasControlChars("tab\tand\nnewline"));
}

TEST_CASE("Integer parsing takes whole strings only") {
  std::int64_t v = 0;
  REQUIRE(ParseInt64("42", v));
  REQUIRE(v == 42);
  REQUIRE(ParseInt64("-7", v));
  REQUIRE_FALSE(ParseInt64("42abc", v));
  REQUIRE_FALSE(ParseInt64("", v));
  REQUIRE_FALSE(ParseInt64("99999999999999999999", v));
}

}  // namespace
}  // namespace goatflow::core
