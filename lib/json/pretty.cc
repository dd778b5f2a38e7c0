#include "json/pretty.h"

#include <boost/json.hpp>
#include <charconv>

#include "json/writer.h"

namespace goatflow::json {
namespace {

void Write(const boost::json::value& value, int depth, std::string& out) {
  auto newline = [&out](int level) {
    out.push_back('\n');
    out.append(static_cast<std::size_t>(level) * 2, ' ');
  };
  if (const auto* object = value.if_object(); object != nullptr && !object->empty()) {
    out.push_back('{');
    bool first = true;
    for (const auto& member : *object) {
      if (!first) out.push_back(',');
      first = false;
      newline(depth + 1);
      AppendJsonString(out, member.key());
      out += ": ";
      Write(member.value(), depth + 1, out);
    }
    newline(depth);
    out.push_back('}');
    return;
  }
  if (const auto* array = value.if_array(); array != nullptr && !array->empty()) {
    out.push_back('[');
    bool first = true;
    for (const auto& element : *array) {
      if (!first) out.push_back(',');
      first = false;
      newline(depth + 1);
      Write(element, depth + 1, out);
    }
    newline(depth);
    out.push_back(']');
    return;
  }
  // Scalars as boost::json::serialize writes them, without a string per value.
  if (const auto* text = value.if_string()) {
    AppendJsonString(out, *text);
  } else if (const auto* number = value.if_int64()) {
    char digits[24];
    out.append(digits, std::to_chars(digits, digits + sizeof digits, *number).ptr);
  } else if (const auto* flag = value.if_bool()) {
    out += *flag ? "true" : "false";
  } else if (value.is_null()) {
    out += "null";
  } else {
    out += boost::json::serialize(value);  // doubles, uint64, empty objects and arrays
  }
}

}  // namespace

std::string Pretty(const boost::json::value& value) {
  std::string out;
  Write(value, 0, out);
  return out;
}

}  // namespace goatflow::json
