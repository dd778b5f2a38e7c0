// The official MCP TypeScript SDK against goatflow: connects (Streamable HTTP
// with a bearer token, or stdio by launching `goatflow mcp`), initializes,
// lists the tools and calls each one. Any protocol error, an unexpected tool
// error or a missing tool fails the run (exit 1).
//
//   node client.mjs http URL TOKEN
//   node client.mjs stdio COMMAND [ARG...]

import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StdioClientTransport } from "@modelcontextprotocol/sdk/client/stdio.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";

const EXPECTED_TOOLS = [
  "list_tickets", "get_ticket", "create_ticket", "update_ticket", "add_article",
  "list_queues", "list_users", "search_tickets", "get_statistics", "execute_sql",
];

function fail(message) {
  throw new Error(message);
}

function textOf(result, name) {
  const first = result.content?.[0];
  if (!first || first.type !== "text") fail(`${name}: no text content`);
  return first.text;
}

// Calls a tool that must succeed; returns its value (the text parsed as JSON).
async function call(client, name, args) {
  const result = await client.callTool({ name, arguments: args });
  const text = textOf(result, name);
  if (result.isError) fail(`${name} failed: ${text}`);
  return JSON.parse(text);
}

async function exercise(label, transport) {
  const client = new Client({ name: "goatflow-sdk-test", version: "1.0.0" });
  await client.connect(transport);
  const server = client.getServerVersion();
  if (server?.name !== "goatflow-mcp") fail(`unexpected server ${JSON.stringify(server)}`);

  const { tools } = await client.listTools();
  const names = tools.map((t) => t.name);
  for (const name of EXPECTED_TOOLS) {
    if (!names.includes(name)) fail(`tool ${name} is not listed (got ${names.join(", ")})`);
  }

  const queues = await call(client, "list_queues", {});
  if (!Array.isArray(queues) || queues.length === 0) fail("list_queues returned no queue");
  const queue = queues.find((q) => q.name === "Raw") ?? queues[0];
  const created = await call(client, "create_ticket", {
    title: `SDK ${label} ticket`, queue_id: queue.id, body: "Created by the MCP TypeScript SDK.",
  });
  const id = created.ticket_id;
  await call(client, "get_ticket", { ticket_id: id });
  await call(client, "update_ticket", { ticket_id: id, title: `SDK ${label} ticket, updated` });
  await call(client, "add_article", { ticket_id: id, body: "A note from the SDK." });
  const listed = await call(client, "list_tickets", { limit: 5 });
  if (!listed.some((t) => t.id === id)) fail("list_tickets does not show the new ticket");
  await call(client, "list_users", { limit: 10 });
  await call(client, "search_tickets", { query: "SDK" });
  const stats = await call(client, "get_statistics", {});
  if (!(stats.total_tickets >= 1)) fail("get_statistics counts no ticket");

  const sql = await call(client, "execute_sql", {
    query: "SELECT id, title FROM ticket WHERE id = ? AND ? = 1", args: [id, true],
  });
  if (sql.rows_count !== 1 || sql.rows[0].id !== id) fail(`execute_sql: ${JSON.stringify(sql)}`);
  const secret = await client.callTool({ name: "execute_sql", arguments: { query: "SELECT * FROM user_api_tokens" } });
  if (!secret.isError) fail("execute_sql read the token table");

  const refused = await client.callTool({ name: "get_ticket", arguments: {} });
  if (!refused.isError) fail("get_ticket without an id did not report a tool error");
  await client.ping();
  await client.close();
  console.log(`${label}: ${names.length} tools listed, ${EXPECTED_TOOLS.length} called`);
}

async function main() {
  const [mode, ...rest] = process.argv.slice(2);
  if (mode === "http" && rest.length === 2) {
    const [url, token] = rest;
    await exercise("http", new StreamableHTTPClientTransport(new URL(url), {
      requestInit: { headers: { Authorization: `Bearer ${token}` } },
    }));
  } else if (mode === "stdio" && rest.length >= 1) {
    const [command, ...args] = rest;
    await exercise("stdio", new StdioClientTransport({ command, args, stderr: "inherit" }));
  } else {
    fail("usage: client.mjs http URL TOKEN | client.mjs stdio COMMAND [ARG...]");
  }
}

main().catch((error) => {
  console.error(`mcp client: ${error?.stack ?? error}`);
  process.exit(1);
});
