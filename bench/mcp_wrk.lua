-- wrk script of bench/run_mcp.sh: the same ticket list asked two ways. Environment:
--   MCP_MODE   mcp  (POST /api/mcp, tools/call list_tickets {"status":"open","limit":20})
--              rest (GET /api/v1/tickets?status=open&limit=20&sort=id, the same list)
--   MCP_TOKEN  API token (gf_...) sent as a bearer token
-- A response counts as bad unless it is 200 and, for MCP, a JSON-RPC result that is not a
-- tool error. done() prints "bad <count> <first bad status>" summed over all threads.

local mode = os.getenv("MCP_MODE") or "mcp"
local token = os.getenv("MCP_TOKEN") or ""
local threads = {}

function setup(thread)
  table.insert(threads, thread)
end

function init(args)
  bad = 0
  first_bad = 0
  wrk.headers["Authorization"] = "Bearer " .. token
  if mode == "mcp" then
    wrk.method = "POST"
    wrk.path = "/api/mcp"
    wrk.headers["Content-Type"] = "application/json"
    wrk.headers["Accept"] = "application/json, text/event-stream"
    wrk.headers["MCP-Protocol-Version"] = "2025-06-18"
    wrk.body = '{"jsonrpc":"2.0","id":1,"method":"tools/call","params":' ..
               '{"name":"list_tickets","arguments":{"status":"open","limit":20}}}'
  else
    wrk.path = "/api/v1/tickets?status=open&limit=20&sort=id"
  end
  fixed = wrk.format()
end

function request()
  return fixed
end

function response(status, headers, body)
  local ok = status == 200
  if ok and mode == "mcp" then
    ok = body:find('"result"', 1, true) ~= nil and body:find('"isError":true', 1, true) == nil
  end
  if not ok then
    bad = bad + 1
    if first_bad == 0 then first_bad = status end
  end
end

function done(summary, latency, requests)
  local total, status = 0, 0
  for _, thread in ipairs(threads) do
    total = total + thread:get("bad")
    local s = thread:get("first_bad")
    if status == 0 and s ~= 0 then status = s end
  end
  io.write(string.format("bad %d %d\n", total, status))
end
