#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace goatflow::core {

std::string_view Trim(std::string_view s);                 // ASCII white space
std::string ToLowerAscii(std::string_view s);
bool EqualsIgnoreCaseAscii(std::string_view a, std::string_view b);
std::vector<std::string_view> Split(std::string_view s, char sep);  // keeps empty parts
std::string Join(const std::vector<std::string>& parts, std::string_view sep);

// True when `s` is well-formed UTF-8 (no overlongs, surrogates or values past U+10FFFF).
bool IsValidUtf8(std::string_view s);
// Number of Unicode code points in valid UTF-8 text.
std::size_t Utf8Length(std::string_view s);
// True when `s` contains ASCII control characters other than tab, LF and CR.
bool HasControlChars(std::string_view s);

std::string HexEncode(const std::uint8_t* data, std::size_t size);
std::string HexEncode(std::string_view bytes);

// Parses a whole string as a base-10 signed 64-bit integer (no sign for '+', no spaces).
bool ParseInt64(std::string_view s, std::int64_t& out);

}  // namespace goatflow::core
