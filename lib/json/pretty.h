#pragma once

// Indented JSON text, for output meant to be read (MCP tool results).

#include <boost/json/value.hpp>

#include <string>

namespace goatflow::json {

// `value` with two-space indentation, one member or element per line, and
// `"key": value` separators (the layout of Go's json.MarshalIndent); empty
// arrays and objects stay `[]` and `{}`.
std::string Pretty(const boost::json::value& value);

}  // namespace goatflow::json
