#pragma once

// Option helpers shared by the ticket and article commands: optional values,
// comma-separated lists, attachment files and ticket rendering.

#include <CLI/CLI.hpp>
#include <optional>
#include <string>
#include <vector>

#include "goatflow/tickets.h"

namespace goatflow::cli {

// Sets `target` only when the option is given (the storage must outlive parsing).
template <typename T>
CLI::Option* AddOptional(CLI::App* sub, const std::string& name, std::optional<T>& target,
                         const std::string& description) {
  return sub->add_option_function<T>(
      name, [&target](const T& value) { target = value; }, description);
}

// Reads FILE for an attachment; the content type follows the file extension.
Result<NewAttachment> ReadAttachment(const std::string& path);

std::string FormatTime(TimePoint t);

// Prints one ticket as key/value rows, or a page as a table.
void PrintTicket(const Ticket& ticket);
void PrintTicketTable(const TicketPage& page);

}  // namespace goatflow::cli
