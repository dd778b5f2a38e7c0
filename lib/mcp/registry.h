#pragma once

// The tool registry of the MCP server (spec/mcp.md §5, §6). A tool is a name,
// a description, an input schema, annotations and a handler that makes one
// library call under the caller's context. Adding a tool is one Add call in
// RegisterTools (mcp/tools.cc) with its schema; tools/list, tools/call and
// GET /api/mcp follow the registry.

#include <boost/json.hpp>

#include <cstdint>
#include <functional>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "goatflow/context.h"
#include "goatflow/error.h"
#include "goatflow/helpdesk.h"

namespace goatflow::mcp {

// A JSON Schema object for a tool's arguments: every property has a type and
// a description; the modifiers apply to the property added last.
//
//   InputSchema()
//       .Integer("ticket_id", "Ticket id").Required()
//       .String("article_type", "Kind of article")
//       .Enum({"note-internal", "note-external"}).Default("note-internal");
class InputSchema {
 public:
  InputSchema& Integer(std::string_view name, std::string_view description);
  InputSchema& String(std::string_view name, std::string_view description);
  InputSchema& Boolean(std::string_view name, std::string_view description);
  // An array whose elements match `items` (a JSON Schema; strict clients
  // reject arrays without one, spec/mcp.md §5).
  InputSchema& Array(std::string_view name, std::string_view description,
                     boost::json::object items);

  InputSchema& Required();
  InputSchema& Default(boost::json::value value);
  InputSchema& Minimum(std::int64_t value);
  InputSchema& Maximum(std::int64_t value);
  InputSchema& MinLength(std::int64_t value);
  InputSchema& MaxLength(std::int64_t value);
  InputSchema& Enum(std::initializer_list<std::string_view> values);

  // {"type":"object","properties":{...}[,"required":[...]]}: `properties` is
  // always present, `required` only when not empty (mcp.md §5).
  boost::json::object ToJson() const;

 private:
  InputSchema& Add(std::string_view name, std::string_view type, std::string_view description);

  boost::json::object properties_;
  std::vector<std::string> required_;
  std::string last_;
};

// Typed access to a call's `arguments`. Each getter returns nullopt when the
// argument is absent or null, and also when it has the wrong type, which is
// then recorded (the first problem wins). Integers may arrive as numbers
// without a fractional part (5 or 5.0); strings are never coerced.
class Arguments {
 public:
  explicit Arguments(const boost::json::object& arguments) : arguments_(arguments) {}

  std::optional<std::int64_t> Int(std::string_view name);
  std::optional<std::string> String(std::string_view name);
  std::optional<bool> Bool(std::string_view name);
  // The array itself (valid while the call's arguments are), or nullptr.
  const boost::json::array* Array(std::string_view name);
  // As Int / String, recording "<name> is required" when absent.
  std::optional<std::int64_t> RequiredInt(std::string_view name);
  std::optional<std::string> RequiredString(std::string_view name);

  bool ok() const { return !error_.has_value(); }
  // invalid_argument naming the argument. Only meaningful when !ok().
  const Error& error() const { return *error_; }

 private:
  void Fail(std::string message);

  const boost::json::object& arguments_;
  std::optional<Error> error_;
};

// What a handler works with: the library and the caller.
struct ToolContext {
  Helpdesk& helpdesk;
  Helpdesk::Impl& impl;
  const RequestContext& ctx;
};

// The tool's result value (rendered as JSON text and, for current protocol
// versions, as structuredContent), or the error a tool result reports.
using ToolHandler = std::function<Result<boost::json::value>(const ToolContext&, Arguments&)>;

struct Tool {
  std::string name{};
  std::string description{};
  InputSchema input_schema{};
  bool read_only = true;     // annotations.readOnlyHint
  bool destructive = false;  // annotations.destructiveHint (meaningful for writers)
  bool idempotent = true;    // annotations.idempotentHint
  ToolHandler run{};

  // The tools/list entry: name, description, inputSchema, annotations.
  boost::json::object ToJson() const;
};

class ToolRegistry {
 public:
  // Tools are listed in the order they were added; a second tool with the
  // same name replaces the first.
  void Add(Tool tool);
  const Tool* Find(std::string_view name) const;
  const std::vector<Tool>& tools() const { return tools_; }

 private:
  std::vector<Tool> tools_;
};

// Registers every tool of the server, in the order of spec/mcp.md §6.
void RegisterTools(ToolRegistry& registry);

// The tools of each area (mcp/tools_*.cc).
Tool ListTicketsTool();
Tool GetTicketTool();
Tool CreateTicketTool();
Tool UpdateTicketTool();
Tool AddArticleTool();
Tool ListQueuesTool();
Tool ListUsersTool();
Tool SearchTicketsTool();
Tool GetStatisticsTool();
Tool ExecuteSqlTool();

}  // namespace goatflow::mcp
