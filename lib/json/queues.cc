// Queue and QueueStats shapes of api-v1 §2.3-2.4.

#include "goatflow/json.h"
#include "json/internal.h"

namespace goatflow::json {
namespace {

boost::json::object QueueValue(const Queue& q) {
  boost::json::array groups;
  for (const GroupRef& g : q.groups) groups.push_back({{"id", g.id}, {"name", g.name}});
  boost::json::object out{{"id", q.id},
                          {"name", q.name},
                          {"group_id", q.group_id},
                          {"group_name", q.group_name},
                          {"groups", std::move(groups)},
                          {"comment", internal::OptString(q.comment)},
                          {"system_address_id", q.system_address_id},
                          {"salutation_id", q.salutation_id},
                          {"signature_id", q.signature_id},
                          {"unlock_timeout", q.unlock_timeout},
                          {"follow_up_id", q.follow_up_id},
                          {"follow_up_lock", q.follow_up_lock},
                          {"valid_id", q.valid_id},
                          {"valid", q.valid_id == 1},
                          {"created_at", internal::Timestamp(q.created_at)},
                          {"updated_at", internal::Timestamp(q.updated_at)}};
  if (q.stats) {
    out["ticket_count"] = q.stats->ticket_count;
    out["open_tickets"] = q.stats->open_tickets;
    out["pending_tickets"] = q.stats->pending_tickets;
    out["closed_tickets"] = q.stats->closed_tickets;
  }
  return out;
}

boost::json::object Counts(const std::vector<std::pair<std::string, std::int64_t>>& counts) {
  boost::json::object out;
  for (const auto& [name, n] : counts)
    if (n != 0) out[name] = n;
  return out;
}

}  // namespace

std::string ToJson(const Queue& queue) { return boost::json::serialize(QueueValue(queue)); }

std::string ToJson(const Page<Queue>& queues) { return internal::PageJson(queues, QueueValue); }

std::string ToJson(const std::vector<Queue>& queues) {
  return internal::ArrayJson(queues, QueueValue);
}

std::string QueueDeleted(const Queue& queue) {
  return boost::json::serialize(boost::json::object{{"id", queue.id}, {"deleted", true}});
}

std::string ToJson(const QueueStats& s) {
  boost::json::object out{
      {"queue_id", s.queue_id},
      {"total_tickets", s.total_tickets},
      {"open_tickets", s.open_tickets},
      {"pending_tickets", s.pending_tickets},
      {"closed_tickets", s.closed_tickets},
      {"by_state", Counts(s.by_state)},
      {"by_priority", Counts(s.by_priority)},
      {"avg_resolution_time", internal::OptString(s.avg_resolution_time)},
  };
  return boost::json::serialize(out);
}

}  // namespace goatflow::json
