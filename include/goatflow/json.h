#pragma once

// JSON renderings of the API's value types, exactly as the REST API, MCP, the
// C ABI and `goatflow ... --json` show them (one implementation, lib/json).
// Every function returns compact UTF-8 JSON text.

#include <string>

#include "goatflow/error.h"
#include "goatflow/helpdesk.h"
#include "goatflow/tickets.h"

namespace goatflow::json {

std::string ToJson(const StoreStatus& status);

// {"code": "<wire code>", "message": "...", "details": {...}} — the error
// object used by the CLI and the C ABI (the HTTP envelope is built elsewhere).
std::string ToJson(const Error& error);

// tickets (api-v1.md §2.1, §2.2, §4.9). Pages render as
// {"data": [...], "pagination": {...}}.
std::string ToJson(const Ticket& ticket);
std::string ToJson(const TicketPage& page);
std::string ToJson(const Article& article);
std::string ToJson(const ArticlePage& page, bool include_attachments);
std::string ToJson(const Attachment& attachment);
std::string ToJson(const TicketHistory& history);  // {"ticket_id","count","history"}
std::string ToJson(const TicketLinks& links);      // {"ticket_id","count","links"}
std::string ToJson(const BulkResult& result);      // {"processed","failed","errors"}
std::string ToJson(const ArchiveResult& result);   // {"id","archived","state"}

}  // namespace goatflow::json
