#include "server/ticket_fields.h"

#include <httplib.h>
#include <sodium.h>

#include <boost/json.hpp>
#include <charconv>

namespace goatflow::server {
namespace {

std::optional<std::int64_t> AsInt(const boost::json::value& value) {
  if (value.is_int64()) return value.as_int64();
  if (value.is_uint64() && value.as_uint64() <= static_cast<std::uint64_t>(INT64_MAX))
    return static_cast<std::int64_t>(value.as_uint64());
  return std::nullopt;
}

std::optional<std::int64_t> ParseInt(std::string_view text) {
  std::int64_t value = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || end != text.data() + text.size() || text.empty()) return std::nullopt;
  return value;
}

// Standard base64 with optional padding and ignored whitespace (line breaks
// of MIME-style encoders).
std::optional<std::string> DecodeBase64(std::string_view text) {
  std::string out(text.size() / 4 * 3 + 3, '\0');
  std::size_t length = 0;
  const char* end = nullptr;
  if (sodium_base642bin(reinterpret_cast<unsigned char*>(out.data()), out.size(), text.data(),
                        text.size(), " \t\r\n", &length, &end,
                        sodium_base64_VARIANT_ORIGINAL) != 0 ||
      end != text.data() + text.size()) {
    if (sodium_base642bin(reinterpret_cast<unsigned char*>(out.data()), out.size(), text.data(),
                          text.size(), " \t\r\n", &length, &end,
                          sodium_base64_VARIANT_ORIGINAL_NO_PADDING) != 0 ||
        end != text.data() + text.size())
      return std::nullopt;
  }
  out.resize(length);
  return out;
}

}  // namespace

Result<TicketFields> TicketFields::Read(const HttpRequest& req, bool optional) {
  if (req.IsFormBody()) return TicketFields(req, {}, true);
  if (optional && req.body().find_first_not_of(" \t\r\n") == std::string::npos)
    return TicketFields(req, {}, false);
  auto body = req.JsonBody();
  if (!body.ok()) return std::move(body).error();
  return TicketFields(req, std::move(body).value(), false);
}

TicketFields TicketFields::Nested(std::string_view name) {
  TicketFields nested(*req_, {}, false);
  if (form_) return nested;
  const auto* value = object_.if_contains(name);
  if (value == nullptr || value->is_null()) return nested;
  if (!value->is_object()) {
    Bad(name, "wrong_type");
    return nested;
  }
  nested.object_ = value->as_object();
  return nested;
}

void TicketFields::Bad(std::string_view field, std::string_view reason) {
  if (error_) return;
  error_ = Error(ErrorCode::kInvalidArgument, "Invalid request body",
                 {{"field", std::string(field)}, {"reason", std::string(reason)}})
               .WithWireCode("core:invalid_request");
}

const boost::json::value* TicketFields::Find(Names names) const {
  for (std::string_view name : names) {
    const auto* value = object_.if_contains(name);
    if (value != nullptr && !value->is_null()) return value;
  }
  return nullptr;
}

std::optional<std::string> TicketFields::FormValue(Names names) const {
  for (std::string_view name : names) {
    if (auto value = req_->FormField(name)) return value;
  }
  return std::nullopt;
}

bool TicketFields::IsNull(Names names) const {
  for (std::string_view name : names) {
    const auto* value = object_.if_contains(name);
    if (value != nullptr && value->is_null()) return true;
  }
  return false;
}

std::optional<std::string> TicketFields::String(Names names) {
  if (form_) return FormValue(names);
  const auto* value = Find(names);
  if (value == nullptr) return std::nullopt;
  if (!value->is_string()) {
    Bad(*names.begin(), "wrong_type");
    return std::nullopt;
  }
  return std::string(value->as_string());
}

std::optional<std::string> TicketFields::StringOrInt(Names names) {
  if (form_) return FormValue(names);
  const auto* value = Find(names);
  if (value == nullptr) return std::nullopt;
  if (auto number = AsInt(*value)) return std::to_string(*number);
  if (!value->is_string()) {
    Bad(*names.begin(), "wrong_type");
    return std::nullopt;
  }
  return std::string(value->as_string());
}

std::optional<std::int64_t> TicketFields::Int(Names names) {
  if (form_) {
    auto text = FormValue(names);
    if (!text || text->empty()) return std::nullopt;
    auto number = ParseInt(*text);
    if (!number) Bad(*names.begin(), "wrong_type");
    return number;
  }
  const auto* value = Find(names);
  if (value == nullptr) return std::nullopt;
  auto number = AsInt(*value);
  if (!number) Bad(*names.begin(), "wrong_type");
  return number;
}

std::optional<double> TicketFields::Number(Names names) {
  const auto* value = form_ ? nullptr : Find(names);
  if (value == nullptr) return std::nullopt;
  if (value->is_double()) return value->as_double();
  if (auto number = AsInt(*value)) return static_cast<double>(*number);
  Bad(*names.begin(), "wrong_type");
  return std::nullopt;
}

std::optional<bool> TicketFields::Bool(Names names) {
  if (form_) {
    auto text = FormValue(names);
    if (!text || text->empty()) return std::nullopt;
    if (*text == "true" || *text == "1" || *text == "on") return true;
    if (*text == "false" || *text == "0" || *text == "off") return false;
    Bad(*names.begin(), "wrong_type");
    return std::nullopt;
  }
  const auto* value = Find(names);
  if (value == nullptr) return std::nullopt;
  if (!value->is_bool()) {
    Bad(*names.begin(), "wrong_type");
    return std::nullopt;
  }
  return value->as_bool();
}

std::optional<std::vector<std::int64_t>> TicketFields::IntList(Names names) {
  const auto* value = form_ ? nullptr : Find(names);
  if (value == nullptr) return std::nullopt;
  std::vector<std::int64_t> out;
  if (!value->is_array()) {
    Bad(*names.begin(), "wrong_type");
    return std::nullopt;
  }
  for (const auto& item : value->as_array()) {
    auto number = AsInt(item);
    if (!number) {
      Bad(*names.begin(), "wrong_type");
      return std::nullopt;
    }
    out.push_back(*number);
  }
  return out;
}

std::vector<NewAttachment> TicketFields::Attachments() {
  std::vector<NewAttachment> out;
  if (form_) {
    for (const auto& [name, part] : req_->raw().files) {
      if (part.filename.empty()) continue;  // a text field, not a file
      out.push_back({part.filename,
                     part.content_type.empty() ? "application/octet-stream" : part.content_type,
                     part.content});
    }
    return out;
  }
  const auto* value = Find({"attachments"});
  if (value == nullptr) return out;
  if (!value->is_array()) {
    Bad("attachments", "wrong_type");
    return out;
  }
  for (const auto& item : value->as_array()) {
    const auto* object = item.if_object();
    const auto* filename = object ? object->if_contains("filename") : nullptr;
    const auto* type = object ? object->if_contains("content_type") : nullptr;
    const auto* data = object ? object->if_contains("content_base64") : nullptr;
    if (object == nullptr || filename == nullptr || !filename->is_string() || data == nullptr ||
        !data->is_string() || (type != nullptr && !type->is_null() && !type->is_string())) {
      Bad("attachments", "wrong_type");
      return {};
    }
    auto bytes = DecodeBase64(data->as_string());
    if (!bytes) {
      Bad("attachments", "invalid_base64");
      return {};
    }
    std::string content_type = (type != nullptr && type->is_string())
                                   ? std::string(type->as_string())
                                   : std::string("application/octet-stream");
    out.push_back({std::string(filename->as_string()), std::move(content_type), std::move(*bytes)});
  }
  return out;
}

}  // namespace goatflow::server
