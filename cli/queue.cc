// goatflow queue create|list|show|update|delete|stats.

#include <fmt/format.h>

#include <memory>

#include "cli.h"
#include "goatflow/json.h"
#include "goatflow/queues.h"
#include "output.h"

namespace goatflow::cli {
namespace {

// Options of create and update; Option pointers tell which were given.
struct QueueArgs {
  std::int64_t id = 0;
  std::string name, comment, valid = "all", search;
  std::int64_t group_id = 0, system_address_id = 1, salutation_id = 1, signature_id = 1;
  std::int64_t unlock_timeout = 0, follow_up_id = 1, follow_up_lock = 0, valid_id = 1;
  std::vector<std::int64_t> group_access;
  std::int64_t page = 1, limit = 20;
  bool stats = false;
  CLI::Option *name_opt = nullptr, *comment_opt = nullptr, *group_opt = nullptr,
              *system_address_opt = nullptr, *salutation_opt = nullptr, *signature_opt = nullptr,
              *unlock_opt = nullptr, *follow_up_opt = nullptr, *follow_up_lock_opt = nullptr,
              *valid_id_opt = nullptr, *group_access_opt = nullptr;
};

void AddFieldOptions(CLI::App* sub, QueueArgs& a) {
  a.comment_opt = sub->add_option("--comment", a.comment, "Comment");
  a.system_address_opt =
      sub->add_option("--system-address-id", a.system_address_id, "Sender address (default 1)");
  a.salutation_opt = sub->add_option("--salutation-id", a.salutation_id, "Salutation (default 1)");
  a.signature_opt = sub->add_option("--signature-id", a.signature_id, "Signature (default 1)");
  a.unlock_opt = sub->add_option("--unlock-timeout", a.unlock_timeout, "Minutes; 0 = never");
  a.follow_up_opt =
      sub->add_option("--follow-up-id", a.follow_up_id, "1 possible, 2 reject, 3 new ticket");
  a.follow_up_lock_opt = sub->add_option("--follow-up-lock", a.follow_up_lock, "0 or 1");
  a.group_access_opt = sub->add_option("--group-access", a.group_access,
                                       "Extra group ids (replaces the list on update)");
}

void PrintQueue(const Globals& globals, const Queue& q) {
  if (globals.json) {
    PrintLine(json::ToJson(q));
    return;
  }
  std::string extra;
  for (const GroupRef& g : q.groups) extra += (extra.empty() ? "" : ", ") + g.name;
  PrintKeyValues({{"id", std::to_string(q.id)},
                  {"name", q.name},
                  {"group", fmt::format("{} ({})", q.group_name, q.group_id)},
                  {"extra groups", extra},
                  {"comment", q.comment.value_or("")},
                  {"unlock timeout", std::to_string(q.unlock_timeout)},
                  {"follow up", std::to_string(q.follow_up_id)},
                  {"follow up lock", std::to_string(q.follow_up_lock)},
                  {"valid", q.valid_id == 1 ? "yes" : "no"}});
}

Status Print(const Globals& globals, Result<Queue> queue) {
  if (!queue.ok()) return std::move(queue).error();
  PrintQueue(globals, *queue);
  return OkStatus();
}

}  // namespace

void RegisterQueue(CLI::App& app, Globals& globals) {
  auto* queue = app.add_subcommand("queue", "Manage queues");
  queue->require_subcommand(1);
  auto a = std::make_shared<QueueArgs>();

  auto* create = queue->add_subcommand("create", "Create a queue (admin)");
  create->add_option("name", a->name, "Queue name")->required();
  create->add_option("--group-id", a->group_id, "Owning group")->required();
  AddFieldOptions(create, *a);
  OnRun(create, globals, [&globals, a]() -> Status {
    return WithHelpdesk(globals, [&](Helpdesk& hd, const RequestContext& ctx) {
      CreateQueueRequest r;
      r.name = a->name;
      r.group_id = a->group_id;
      r.comment = IfGiven(a->comment_opt, a->comment);
      r.system_address_id = IfGiven(a->system_address_opt, a->system_address_id);
      r.salutation_id = IfGiven(a->salutation_opt, a->salutation_id);
      r.signature_id = IfGiven(a->signature_opt, a->signature_id);
      r.unlock_timeout = IfGiven(a->unlock_opt, a->unlock_timeout);
      r.follow_up_id = IfGiven(a->follow_up_opt, a->follow_up_id);
      r.follow_up_lock = IfGiven(a->follow_up_lock_opt, a->follow_up_lock);
      r.group_access = a->group_access;
      return Print(globals, hd.Queues().Create(ctx, r));
    });
  });

  auto* list = queue->add_subcommand("list", "List the queues you may see, by name");
  list->add_option("--valid", a->valid, "valid, invalid or all (default)");
  list->add_option("--search", a->search, "Name contains this text");
  list->add_option("--page", a->page, "Page (default 1)");
  list->add_option("--limit", a->limit, "Per page, 1-100 (default 20)");
  list->add_flag("--stats", a->stats, "Include ticket counts");
  OnRun(list, globals, [&globals, a]() -> Status {
    auto valid = ParseValidFilter(a->valid);
    if (!valid.ok()) return std::move(valid).error();
    return WithHelpdesk(globals, [&](Helpdesk& hd, const RequestContext& ctx) -> Status {
      ListQueuesRequest r{{a->page, a->limit}, *valid, a->stats, a->search};
      auto page = hd.Queues().List(ctx, r);
      if (!page.ok()) return std::move(page).error();
      if (globals.json) {
        PrintLine(json::ToJson(*page));
        return OkStatus();
      }
      std::vector<std::vector<std::string>> rows;
      for (const Queue& q : page->items) {
        std::vector<std::string> row{std::to_string(q.id), q.name, q.group_name,
                                     q.valid_id == 1 ? "yes" : "no"};
        if (q.stats) {
          row.push_back(std::to_string(q.stats->open_tickets));
          row.push_back(std::to_string(q.stats->ticket_count));
        }
        rows.push_back(std::move(row));
      }
      std::vector<std::string> headers{"ID", "NAME", "GROUP", "VALID"};
      if (a->stats) headers.insert(headers.end(), {"OPEN", "TOTAL"});
      PrintTable(headers, rows);
      PrintLine(fmt::format("page {} of {} ({} queues)", page->pagination.page,
                            page->pagination.total_pages, page->pagination.total));
      return OkStatus();
    });
  });

  auto* show = queue->add_subcommand("show", "Show one queue");
  show->add_option("id", a->id, "Queue id")->required();
  OnRun(show, globals, [&globals, a]() -> Status {
    return WithHelpdesk(globals, [&](Helpdesk& hd, const RequestContext& ctx) {
      return Print(globals, hd.Queues().Get(ctx, a->id));
    });
  });

  auto* update = queue->add_subcommand("update", "Change a queue (admin)");
  update->add_option("id", a->id, "Queue id")->required();
  a->name_opt = update->add_option("--name", a->name, "New name");
  a->group_opt = update->add_option("--group-id", a->group_id, "Owning group");
  a->valid_id_opt = update->add_option("--valid-id", a->valid_id, "1 valid, 2 invalid");
  AddFieldOptions(update, *a);
  OnRun(update, globals, [&globals, a]() -> Status {
    return WithHelpdesk(globals, [&](Helpdesk& hd, const RequestContext& ctx) {
      UpdateQueueRequest r;
      r.name = IfGiven(a->name_opt, a->name);
      r.group_id = IfGiven(a->group_opt, a->group_id);
      r.comment = IfGiven(a->comment_opt, a->comment);
      r.system_address_id = IfGiven(a->system_address_opt, a->system_address_id);
      r.salutation_id = IfGiven(a->salutation_opt, a->salutation_id);
      r.signature_id = IfGiven(a->signature_opt, a->signature_id);
      r.unlock_timeout = IfGiven(a->unlock_opt, a->unlock_timeout);
      r.follow_up_id = IfGiven(a->follow_up_opt, a->follow_up_id);
      r.follow_up_lock = IfGiven(a->follow_up_lock_opt, a->follow_up_lock);
      r.valid_id = IfGiven(a->valid_id_opt, a->valid_id);
      r.group_access = IfGiven(a->group_access_opt, a->group_access);
      return Print(globals, hd.Queues().Update(ctx, a->id, r));
    });
  });

  auto* remove = queue->add_subcommand("delete", "Invalidate a queue without tickets (admin)");
  remove->add_option("id", a->id, "Queue id")->required();
  OnRun(remove, globals, [&globals, a]() -> Status {
    return WithHelpdesk(globals, [&](Helpdesk& hd, const RequestContext& ctx) {
      return Print(globals, hd.Queues().Delete(ctx, a->id));
    });
  });

  auto* stats = queue->add_subcommand("stats", "Ticket counts of a queue by state and priority");
  stats->add_option("id", a->id, "Queue id")->required();
  OnRun(stats, globals, [&globals, a]() -> Status {
    return WithHelpdesk(globals, [&](Helpdesk& hd, const RequestContext& ctx) -> Status {
      auto s = hd.Queues().Stats(ctx, a->id);
      if (!s.ok()) return std::move(s).error();
      if (globals.json) {
        PrintLine(json::ToJson(*s));
        return OkStatus();
      }
      std::vector<std::pair<std::string, std::string>> rows = {
          {"total", std::to_string(s->total_tickets)},
          {"open", std::to_string(s->open_tickets)},
          {"pending", std::to_string(s->pending_tickets)},
          {"closed", std::to_string(s->closed_tickets)},
          {"avg resolution", s->avg_resolution_time.value_or("-")}};
      for (const auto& [name, n] : s->by_state)
        rows.emplace_back("state " + name, std::to_string(n));
      for (const auto& [name, n] : s->by_priority)
        rows.emplace_back("priority " + name, std::to_string(n));
      PrintKeyValues(rows);
      return OkStatus();
    });
  });
}

}  // namespace goatflow::cli
