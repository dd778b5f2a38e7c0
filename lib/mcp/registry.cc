#include "mcp/registry.h"

#include <fmt/format.h>

#include <cmath>
#include <limits>

namespace goatflow::mcp {

namespace bj = boost::json;

InputSchema& InputSchema::Add(std::string_view name, std::string_view type,
                              std::string_view description) {
  properties_[name] = bj::object{{"type", type}, {"description", description}};
  last_ = std::string(name);
  return *this;
}

InputSchema& InputSchema::Integer(std::string_view name, std::string_view description) {
  return Add(name, "integer", description);
}
InputSchema& InputSchema::String(std::string_view name, std::string_view description) {
  return Add(name, "string", description);
}
InputSchema& InputSchema::Boolean(std::string_view name, std::string_view description) {
  return Add(name, "boolean", description);
}

InputSchema& InputSchema::Array(std::string_view name, std::string_view description,
                                bj::object items) {
  Add(name, "array", description);
  properties_[last_].as_object()["items"] = std::move(items);
  return *this;
}

InputSchema& InputSchema::Required() {
  required_.push_back(last_);
  return *this;
}

InputSchema& InputSchema::Default(bj::value value) {
  properties_[last_].as_object()["default"] = std::move(value);
  return *this;
}

InputSchema& InputSchema::Minimum(std::int64_t value) {
  properties_[last_].as_object()["minimum"] = value;
  return *this;
}

InputSchema& InputSchema::Maximum(std::int64_t value) {
  properties_[last_].as_object()["maximum"] = value;
  return *this;
}

InputSchema& InputSchema::MinLength(std::int64_t value) {
  properties_[last_].as_object()["minLength"] = value;
  return *this;
}

InputSchema& InputSchema::MaxLength(std::int64_t value) {
  properties_[last_].as_object()["maxLength"] = value;
  return *this;
}

InputSchema& InputSchema::Enum(std::initializer_list<std::string_view> values) {
  bj::array items;
  for (std::string_view v : values) items.emplace_back(v);
  properties_[last_].as_object()["enum"] = std::move(items);
  return *this;
}

bj::object InputSchema::ToJson() const {
  bj::object schema{{"type", "object"}, {"properties", properties_}};
  if (!required_.empty()) {
    bj::array required;
    for (const std::string& name : required_) required.emplace_back(name);
    schema["required"] = std::move(required);
  }
  return schema;
}

void Arguments::Fail(std::string message) {
  if (!error_) error_ = Error(ErrorCode::kInvalidArgument, std::move(message));
}

std::optional<std::int64_t> Arguments::Int(std::string_view name) {
  const bj::value* v = arguments_.if_contains(name);
  if (v == nullptr || v->is_null()) return std::nullopt;
  if (v->is_int64()) return v->get_int64();
  if (v->is_uint64() && v->get_uint64() <= static_cast<std::uint64_t>(
                                               std::numeric_limits<std::int64_t>::max()))
    return static_cast<std::int64_t>(v->get_uint64());
  // 2^63 as a double: the first value past the int64 range.
  constexpr double kLimit = 9223372036854775808.0;
  if (v->is_double()) {
    double d = v->get_double();
    if (std::isfinite(d) && std::trunc(d) == d && d >= -kLimit && d < kLimit)
      return static_cast<std::int64_t>(d);
  }
  Fail(fmt::format("{} must be an integer", name));
  return std::nullopt;
}

std::optional<std::string> Arguments::String(std::string_view name) {
  const bj::value* v = arguments_.if_contains(name);
  if (v == nullptr || v->is_null()) return std::nullopt;
  if (const bj::string* s = v->if_string()) return std::string(*s);
  Fail(fmt::format("{} must be a string", name));
  return std::nullopt;
}

std::optional<bool> Arguments::Bool(std::string_view name) {
  const bj::value* v = arguments_.if_contains(name);
  if (v == nullptr || v->is_null()) return std::nullopt;
  if (const bool* b = v->if_bool()) return *b;
  Fail(fmt::format("{} must be a boolean", name));
  return std::nullopt;
}

const bj::array* Arguments::Array(std::string_view name) {
  const bj::value* v = arguments_.if_contains(name);
  if (v == nullptr || v->is_null()) return nullptr;
  if (const bj::array* a = v->if_array()) return a;
  Fail(fmt::format("{} must be an array", name));
  return nullptr;
}

namespace {

// Absent and null read alike: "<name> is required".
bool Present(const bj::object& arguments, std::string_view name) {
  const bj::value* v = arguments.if_contains(name);
  return v != nullptr && !v->is_null();
}

}  // namespace

std::optional<std::int64_t> Arguments::RequiredInt(std::string_view name) {
  if (!Present(arguments_, name)) Fail(fmt::format("{} is required", name));
  return Int(name);
}

std::optional<std::string> Arguments::RequiredString(std::string_view name) {
  if (!Present(arguments_, name)) Fail(fmt::format("{} is required", name));
  return String(name);
}

bj::object Tool::ToJson() const {
  // Every tool acts on this helpdesk only (openWorldHint false).
  bj::object annotations{{"readOnlyHint", read_only},
                         {"destructiveHint", destructive},
                         {"openWorldHint", false}};
  if (!read_only) annotations["idempotentHint"] = idempotent;
  return bj::object{{"name", name},
                    {"description", description},
                    {"inputSchema", input_schema.ToJson()},
                    {"annotations", std::move(annotations)}};
}

void ToolRegistry::Add(Tool tool) {
  for (Tool& existing : tools_) {
    if (existing.name == tool.name) {
      existing = std::move(tool);
      return;
    }
  }
  tools_.push_back(std::move(tool));
}

const Tool* ToolRegistry::Find(std::string_view name) const {
  for (const Tool& tool : tools_)
    if (tool.name == name) return &tool;
  return nullptr;
}

}  // namespace goatflow::mcp
