#include "server/body.h"

#include <boost/json.hpp>

namespace goatflow::server {
namespace {

std::optional<std::int64_t> AsInt(const boost::json::value& value) {
  if (value.is_int64()) return value.as_int64();
  if (value.is_uint64() && value.as_uint64() <= static_cast<std::uint64_t>(INT64_MAX))
    return static_cast<std::int64_t>(value.as_uint64());
  return std::nullopt;
}

}  // namespace

void BodyReader::WrongType(std::string_view key) {
  if (error_) return;
  error_ = Error(ErrorCode::kInvalidArgument, "Invalid request body",
                 {{"field", std::string(key)}, {"reason", "wrong_type"}})
               .WithWireCode("core:invalid_request");
}

bool BodyReader::Has(std::string_view key) const { return body_.contains(key); }

bool BodyReader::IsNull(std::string_view key) const {
  const auto* value = body_.if_contains(key);
  return value != nullptr && value->is_null();
}

std::optional<std::string> BodyReader::String(std::string_view key) {
  const auto* value = body_.if_contains(key);
  if (value == nullptr || value->is_null()) return std::nullopt;
  if (!value->is_string()) {
    WrongType(key);
    return std::nullopt;
  }
  return std::string(value->as_string());
}

std::optional<std::int64_t> BodyReader::Int(std::string_view key) {
  const auto* value = body_.if_contains(key);
  if (value == nullptr || value->is_null()) return std::nullopt;
  auto number = AsInt(*value);
  if (!number) WrongType(key);
  return number;
}

std::optional<bool> BodyReader::Bool(std::string_view key) {
  const auto* value = body_.if_contains(key);
  if (value == nullptr || value->is_null()) return std::nullopt;
  if (!value->is_bool()) {
    WrongType(key);
    return std::nullopt;
  }
  return value->as_bool();
}

std::optional<std::vector<std::string>> BodyReader::StringList(std::string_view key) {
  const auto* value = body_.if_contains(key);
  if (value == nullptr || value->is_null()) return std::nullopt;
  std::vector<std::string> out;
  if (value->is_array()) {
    for (const auto& item : value->as_array()) {
      if (!item.is_string()) {
        WrongType(key);
        return std::nullopt;
      }
      out.emplace_back(item.as_string());
    }
    return out;
  }
  WrongType(key);
  return std::nullopt;
}

std::optional<std::map<std::string, std::string>> BodyReader::StringMap(std::string_view key) {
  const auto* value = body_.if_contains(key);
  if (value == nullptr || value->is_null()) return std::nullopt;
  if (!value->is_object()) {
    WrongType(key);
    return std::nullopt;
  }
  std::map<std::string, std::string> out;
  for (const auto& [name, item] : value->as_object()) {
    if (item.is_string()) {
      out.emplace(name, item.as_string());
    } else if (item.is_number() || item.is_bool()) {
      out.emplace(name, boost::json::serialize(item));
    } else {
      WrongType(key);
      return std::nullopt;
    }
  }
  return out;
}

std::optional<std::vector<std::int64_t>> BodyReader::IntList(std::string_view key) {
  const auto* value = body_.if_contains(key);
  if (value == nullptr || value->is_null()) return std::nullopt;
  std::vector<std::int64_t> out;
  if (value->is_array()) {
    for (const auto& item : value->as_array()) {
      auto number = AsInt(item);
      if (!number) {
        WrongType(key);
        return std::nullopt;
      }
      out.push_back(*number);
    }
    return out;
  }
  WrongType(key);
  return std::nullopt;
}

}  // namespace goatflow::server
