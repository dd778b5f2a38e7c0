#include "mcp/dispatcher.h"

#include <fmt/format.h>

#include <cctype>
#include <exception>

#include "goatflow/log.h"
#include "json/pretty.h"

namespace goatflow::mcp {
namespace {

namespace bj = boost::json;

constexpr std::string_view kInstructions =
    "goatflow is a helpdesk. These tools read and change its tickets, articles, queues and "
    "agents with the permissions of the account you authenticated as: list_queues and "
    "list_users give the ids the other tools take; list_tickets, search_tickets and "
    "get_ticket read tickets; create_ticket, update_ticket and add_article change them.";

bj::object Envelope(bj::value id) {
  bj::object out;
  out.reserve(3);
  out.emplace("jsonrpc", "2.0");
  out.emplace("id", std::move(id));
  return out;
}

bj::object ErrorResponse(bj::value id, int code, std::string_view message) {
  bj::object out = Envelope(std::move(id));
  out["error"] = bj::object{{"code", code}, {"message", message}};
  return out;
}

bool IsValidId(const bj::value& id) { return id.is_string() || id.is_int64() || id.is_uint64(); }

// The id to echo in an error about `message`: its id when usable, else null.
bj::value EchoId(const bj::object& message) {
  const bj::value* id = message.if_contains("id");
  if (id != nullptr && IsValidId(*id)) return *id;
  return nullptr;
}

// "Ticket not found" -> "ticket not found"; acronyms ("ID ...") stay.
std::string ToolErrorText(const Error& error) {
  if (error.code == ErrorCode::kInternal) {
    WriteLog(LogLevel::kError, "mcp tool failed: " + error.message);
    return "Error: internal error";
  }
  std::string message = error.message;
  if (message.size() >= 2 && std::isupper(static_cast<unsigned char>(message[0])) &&
      !std::isupper(static_cast<unsigned char>(message[1])))
    message[0] = static_cast<char>(std::tolower(static_cast<unsigned char>(message[0])));
  return "Error: " + message;
}

// {"content": [{"type": "text", "text": text}]}, built by moves: an initializer
// list would copy the (page-sized) text once per level.
bj::object TextResult(std::string_view text) {
  bj::object item;
  item.reserve(2);
  item.emplace("type", "text");
  item.emplace("text", text);
  bj::array content;
  content.emplace_back(std::move(item));
  bj::object result;
  result.emplace("content", std::move(content));
  return result;
}

}  // namespace

std::string_view NewestProtocolVersion() { return McpProtocolVersions().back(); }

Dispatcher::Dispatcher(const ToolRegistry& tools, const ToolContext& call,
                       std::string protocol_version)
    : tools_(tools), call_(call), version_(std::move(protocol_version)) {}

McpReply Dispatcher::Handle(std::string_view message) {
  McpReply reply;
  boost::system::error_code ec;
  bj::value parsed = bj::parse(message, ec);
  if (ec) {
    reply.kind = McpReply::Kind::kMalformed;
    reply.body = bj::serialize(ErrorResponse(nullptr, kParseError, "Parse error"));
    return reply;
  }
  if (const bj::array* batch = parsed.if_array()) {
    if (batch->empty()) {
      reply.kind = McpReply::Kind::kMalformed;
      reply.body = bj::serialize(ErrorResponse(nullptr, kInvalidRequest, "Invalid Request"));
      return reply;
    }
    bj::array responses;
    for (const bj::value& element : *batch) {
      bool malformed = false;
      if (auto response = HandleElement(element, malformed)) responses.push_back(*response);
    }
    if (!responses.empty()) {
      reply.kind = McpReply::Kind::kResponse;
      reply.body = bj::serialize(responses);
    }
    reply.negotiated_version = negotiated_;
    return reply;
  }
  bool malformed = false;
  if (auto response = HandleElement(parsed, malformed)) {
    reply.kind = malformed ? McpReply::Kind::kMalformed : McpReply::Kind::kResponse;
    reply.body = bj::serialize(*response);
  }
  reply.negotiated_version = negotiated_;
  return reply;
}

std::optional<bj::object> Dispatcher::HandleElement(const bj::value& element, bool& malformed) {
  const bj::object* message = element.if_object();
  if (message == nullptr) {
    malformed = true;
    return ErrorResponse(nullptr, kInvalidRequest, "Invalid Request");
  }
  const bj::value* method = message->if_contains("method");
  if (method == nullptr && (message->contains("result") || message->contains("error")))
    return std::nullopt;  // a response from the client: nothing asked for it here
  const bj::value* version = message->if_contains("jsonrpc");
  const bj::value* id = message->if_contains("id");
  if (version == nullptr || !version->is_string() || version->get_string() != "2.0" ||
      method == nullptr || !method->is_string() || (id != nullptr && !IsValidId(*id))) {
    malformed = true;
    return ErrorResponse(EchoId(*message), kInvalidRequest, "Invalid Request");
  }
  if (id == nullptr) return std::nullopt;  // notifications are acknowledged, never answered
  static const bj::object kNoParams;
  const bj::value* params = message->if_contains("params");
  if (params != nullptr && !params->is_object())
    return ErrorResponse(*id, kInvalidParams, "Invalid params");
  std::variant<bj::value, RpcError> outcome;
  try {
    outcome = Dispatch(method->get_string(), params ? params->get_object() : kNoParams);
  } catch (const std::exception& e) {
    WriteLog(LogLevel::kError, fmt::format("mcp {} failed: {}", method->get_string().c_str(),
                                           e.what()));
    outcome = RpcError{kInternalError, "Internal error"};
  }
  if (auto* error = std::get_if<RpcError>(&outcome))
    return ErrorResponse(*id, error->code, error->message);
  bj::object response = Envelope(*id);
  response.emplace("result", std::move(std::get<bj::value>(outcome)));
  return response;
}

std::variant<bj::value, Dispatcher::RpcError> Dispatcher::Dispatch(std::string_view method,
                                                                   const bj::object& params) {
  if (method == "initialize") return Initialize(params);
  if (method == "ping") return bj::value(bj::object{});
  if (method == "tools/list") {
    bj::array list;
    for (const Tool& tool : tools_.tools()) list.push_back(tool.ToJson());
    return bj::value(bj::object{{"tools", std::move(list)}});
  }
  if (method == "tools/call") return CallTool(params);
  return RpcError{kMethodNotFound, fmt::format("Method not found: {}", method)};
}

std::variant<bj::value, Dispatcher::RpcError> Dispatcher::Initialize(const bj::object& params) {
  const bj::value* requested = params.if_contains("protocolVersion");
  if (requested != nullptr && !requested->is_string())
    return RpcError{kInvalidParams, "Invalid params: protocolVersion must be a string"};
  for (std::string_view member : {"capabilities", "clientInfo"}) {
    const bj::value* v = params.if_contains(member);
    if (v != nullptr && !v->is_object())
      return RpcError{kInvalidParams, fmt::format("Invalid params: {} must be an object", member)};
  }
  std::string version(NewestProtocolVersion());
  if (requested != nullptr && IsSupportedMcpProtocolVersion(requested->get_string()))
    version = std::string(requested->get_string());
  negotiated_ = version;
  version_ = version;
  bj::object result{
      {"protocolVersion", version},
      {"capabilities", bj::object{{"tools", bj::object{{"listChanged", false}}}}},
      {"serverInfo", bj::object{{"name", kServerName}, {"version", Version()}}}};
  if (version >= "2025-03-26") result["instructions"] = kInstructions;
  return bj::value(std::move(result));
}

std::variant<bj::value, Dispatcher::RpcError> Dispatcher::CallTool(const bj::object& params) {
  const bj::value* name = params.if_contains("name");
  if (name == nullptr || !name->is_string())
    return RpcError{kInvalidParams, "Invalid params: name must be a string"};
  static const bj::object kNoArguments;
  const bj::value* arguments = params.if_contains("arguments");
  if (arguments != nullptr && !arguments->is_null() && !arguments->is_object())
    return RpcError{kInvalidParams, "Invalid params: arguments must be an object"};
  const Tool* tool = tools_.Find(name->get_string());
  if (tool == nullptr)
    return RpcError{kInvalidParams, fmt::format("Unknown tool: {}", name->get_string().c_str())};
  Arguments args(arguments != nullptr && arguments->is_object() ? arguments->get_object()
                                                                : kNoArguments);
  Result<bj::value> outcome = tool->run(call_, args);
  if (!outcome.ok()) {
    bj::object failed = TextResult(ToolErrorText(outcome.error()));
    failed.emplace("isError", true);
    return bj::value(std::move(failed));
  }
  bj::object result = TextResult(json::Pretty(*outcome));
  if (Structured()) {
    // Moved, not copied: a page of tickets is a few hundred values.
    bj::value structured = std::move(*outcome);
    if (!structured.is_object()) {
      bj::object wrapped;
      wrapped["items"] = std::move(structured);
      structured = std::move(wrapped);
    }
    result.emplace("structuredContent", std::move(structured));
  }
  return bj::value(std::move(result));
}

bool Dispatcher::Structured() const { return version_.empty() || version_ >= "2025-06-18"; }

}  // namespace goatflow::mcp
