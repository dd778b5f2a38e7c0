#include <boost/json.hpp>

#include "goatflow/json.h"

namespace goatflow::json {

std::string ToJson(const McpServerInfo& info) {
  namespace bj = boost::json;
  bj::array tools;
  for (const McpToolInfo& tool : info.tools)
    tools.push_back(bj::object{{"name", tool.name}, {"description", tool.description}});
  bj::array versions;
  for (const std::string& v : info.protocol_versions) versions.emplace_back(v);
  return bj::serialize(bj::object{{"name", info.name},
                                  {"version", info.version},
                                  {"protocol_version", info.protocol_version},
                                  {"protocol_versions", std::move(versions)},
                                  {"tools_count", info.tools.size()},
                                  {"tools", std::move(tools)},
                                  {"authentication", "Bearer token (API token)"},
                                  {"endpoint", "POST /api/mcp"}});
}

}  // namespace goatflow::json
