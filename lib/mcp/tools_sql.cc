// The execute_sql tool (spec/mcp.md §6.10) over the SQL console
// (goatflow/sql_console.h), which holds every safeguard.

#include <fmt/format.h>

#include <limits>

#include "goatflow/sql_console.h"
#include "json/internal.h"
#include "mcp/registry.h"

namespace goatflow::mcp {
namespace {

namespace bj = boost::json;

// One placeholder value: null, a boolean (bound as 1 or 0), a number or a string.
Result<SqlValue> ToSqlValue(const bj::value& v, std::size_t index) {
  switch (v.kind()) {
    case bj::kind::null:
      return SqlValue(nullptr);
    case bj::kind::bool_:
      return SqlValue(std::int64_t{v.get_bool() ? 1 : 0});
    case bj::kind::int64:
      return SqlValue(v.get_int64());
    case bj::kind::uint64:
      if (v.get_uint64() <= static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max()))
        return SqlValue(static_cast<std::int64_t>(v.get_uint64()));
      return SqlValue(static_cast<double>(v.get_uint64()));
    case bj::kind::double_:
      return SqlValue(v.get_double());
    case bj::kind::string:
      return SqlValue(std::string(v.get_string()));
    default:
      return Error(ErrorCode::kInvalidArgument,
                   fmt::format("args[{}] must be a string, number, boolean or null", index));
  }
}

Result<bj::value> ExecuteSql(const ToolContext& call, Arguments& args) {
  SqlQueryRequest request;
  request.sql = args.RequiredString("query").value_or("");
  const bj::array* values = args.Array("args");
  if (!args.ok()) return args.error();
  if (values != nullptr) {
    for (std::size_t i = 0; i < values->size(); ++i) {
      auto value = ToSqlValue((*values)[i], i);
      if (!value.ok()) return std::move(value).error();
      request.args.push_back(std::move(value).value());
    }
  }
  auto result = call.helpdesk.Sql().Query(call.ctx, request);
  if (!result.ok()) return std::move(result).error();
  return bj::value(json::internal::SqlResultObject(*result));
}

}  // namespace

Tool ExecuteSqlTool() {
  return Tool{
      .name = "execute_sql",
      .description =
          "Run one read-only SQL statement (SELECT or WITH ... SELECT, SQLite dialect) against "
          "the helpdesk database. Administrators only. Credentials are never returned; at most "
          "1000 rows and 5 seconds. Use ? placeholders with args for values.",
      .input_schema =
          InputSchema()
              .String("query", "One read-only SQL statement").Required().MinLength(1)
              .MaxLength(static_cast<std::int64_t>(SqlConsole::kMaxSqlChars))
              .Array("args", "Values for the ? placeholders, in order",
                     bj::object{{"type", bj::array{"string", "number", "boolean", "null"}}}),
      .run = ExecuteSql,
  };
}

}  // namespace goatflow::mcp
