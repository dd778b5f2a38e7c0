-- wrk script of bench/run_api.sh. Environment:
--   API_MODE   get (GET /api/v1/tickets/<random id>), list (GET /api/v1/tickets?status=open&limit=20),
--              create (POST /api/v1/tickets), plain (the URL's own path: the reference server)
--   API_TOKEN  bearer token sent with every request (optional)
--   API_MAX_ID highest ticket id for `get` (ids 1..API_MAX_ID)
-- Every response's status is checked; done() prints "non2xx <count> <first bad status>",
-- summed over all threads, which the script turns into a failure when non-zero.

local mode = os.getenv("API_MODE") or "plain"
local token = os.getenv("API_TOKEN")
local max_id = tonumber(os.getenv("API_MAX_ID") or "1")
local threads = {}
local counter = 0

function setup(thread)
  counter = counter + 1
  thread:set("id", counter)
  table.insert(threads, thread)
end

function init(args)
  non2xx = 0
  first_bad = 0
  math.randomseed(os.time() * 100 + (id or 0))
  if token and token ~= "" then wrk.headers["Authorization"] = "Bearer " .. token end
  if mode == "create" then
    wrk.method = "POST"
    wrk.headers["Content-Type"] = "application/json"
    wrk.body = '{"title":"Benchmark ticket","queue_id":1,' ..
               '"body":"The printer on the third floor reports a paper jam."}'
    wrk.path = "/api/v1/tickets"
  elseif mode == "list" then
    wrk.path = "/api/v1/tickets?status=open&limit=20"
  end
  fixed = wrk.format()
end

function request()
  if mode == "get" then
    return wrk.format(nil, "/api/v1/tickets/" .. math.random(1, max_id))
  end
  return fixed
end

function response(status, headers, body)
  if status < 200 or status > 299 then
    non2xx = non2xx + 1
    if first_bad == 0 then first_bad = status end
  end
end

function done(summary, latency, requests)
  local total, bad = 0, 0
  for _, thread in ipairs(threads) do
    total = total + thread:get("non2xx")
    local status = thread:get("first_bad")
    if bad == 0 and status ~= 0 then bad = status end
  end
  io.write(string.format("non2xx %d %d\n", total, bad))
end
