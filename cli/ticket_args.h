#pragma once

// Option helpers shared by the ticket and article commands: optional values,
// comma-separated lists, attachment files and ticket rendering.

#include <CLI/CLI.hpp>
#include <optional>
#include <string>
#include <vector>

#include "goatflow/tickets.h"

namespace goatflow::cli {

// Reads FILE for an attachment; the content type follows the file extension.
Result<NewAttachment> ReadAttachment(const std::string& path);

std::string FormatTime(TimePoint t);

// Prints one ticket as key/value rows, or a page as a table.
void PrintTicket(const Ticket& ticket);
void PrintTicketTable(const TicketPage& page);

}  // namespace goatflow::cli
