#include "json/pretty.h"

#include <boost/json.hpp>

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
      out += boost::json::serialize(boost::json::value(member.key()));
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
  out += boost::json::serialize(value);
}

}  // namespace

std::string Pretty(const boost::json::value& value) {
  std::string out;
  Write(value, 0, out);
  return out;
}

}  // namespace goatflow::json
