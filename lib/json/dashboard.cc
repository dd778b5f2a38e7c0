// Dashboard shapes of api-v1 §2.6 and §9, the counter check and the job summary.

#include "goatflow/json.h"
#include "json/internal.h"

namespace goatflow::json {
namespace {

boost::json::object ActivityValue(const Activity& a) {
  boost::json::value user = nullptr;
  if (a.user) user = boost::json::object{{"id", a.user->id}, {"login", a.user->login}};
  return {{"id", a.id},
          {"type", a.type},
          {"message", a.message},
          {"ticket_id", a.ticket_id},
          {"ticket_number", a.ticket_number},
          {"user", std::move(user)},
          {"timestamp", internal::Timestamp(a.timestamp)}};
}

boost::json::object NotificationValue(const Notification& n) {
  boost::json::value ticket = nullptr;
  if (n.ticket_id) ticket = *n.ticket_id;
  return {{"id", n.id},
          {"type", n.type},
          {"title", n.title},
          {"message", n.message},
          {"ticket_id", std::move(ticket)},
          {"read", n.read},
          {"created_at", internal::Timestamp(n.created_at)}};
}

boost::json::array Numbers(const std::vector<std::int64_t>& values) {
  boost::json::array out;
  for (std::int64_t v : values) out.push_back(v);
  return out;
}

boost::json::array Strings(const std::vector<std::string>& values) {
  boost::json::array out;
  for (const std::string& v : values) out.push_back(boost::json::string(v));
  return out;
}

}  // namespace

std::string ToJson(const DashboardStats& s) {
  return boost::json::serialize(
      boost::json::object{{"total_tickets", s.total_tickets},
                          {"open_tickets", s.open_tickets},
                          {"pending_tickets", s.pending_tickets},
                          {"closed_today", s.closed_today},
                          {"created_today", s.created_today},
                          {"my_tickets", s.my_tickets},
                          {"overdue_tickets", s.overdue_tickets},
                          {"avg_response_time", internal::OptString(s.avg_response_time)}});
}

std::string ToJson(const std::vector<Activity>& activities) {
  return internal::ArrayJson(activities, ActivityValue);
}

std::string ToJson(const NotificationPage& page) {
  boost::json::array items;
  for (const Notification& n : page.notifications) items.push_back(NotificationValue(n));
  return boost::json::serialize(
      boost::json::object{{"notifications", std::move(items)}, {"unread_count", page.unread_count}});
}

std::string ToJson(const NotificationRead& read) {
  return boost::json::serialize(boost::json::object{{"id", read.id}, {"read", read.read}});
}

std::string ToJson(const CountChart& chart) {
  return boost::json::serialize(
      boost::json::object{{"labels", Strings(chart.labels)}, {"data", Numbers(chart.data)}});
}

std::string ToJson(const TimeChart& chart) {
  boost::json::array datasets;
  for (const ChartDataset& d : chart.datasets)
    datasets.push_back(boost::json::object{{"label", d.label}, {"data", Numbers(d.data)}});
  return boost::json::serialize(
      boost::json::object{{"labels", Strings(chart.labels)}, {"datasets", std::move(datasets)}});
}

std::string ToJson(const CounterCheck& check) {
  boost::json::array mismatches;
  for (const CounterMismatch& m : check.mismatches)
    mismatches.push_back(boost::json::object{{"counter", m.counter},
                                             {"key", m.key},
                                             {"stored", m.stored},
                                             {"recounted", m.recounted}});
  return boost::json::serialize(boost::json::object{{"consistent", check.consistent},
                                                    {"rows_checked", check.rows_checked},
                                                    {"mismatches", std::move(mismatches)}});
}

std::string ToJson(const JobRunSummary& s) {
  return boost::json::serialize(
      boost::json::object{{"reminders_fired", s.reminders_fired},
                          {"reminder_notifications", s.reminder_notifications},
                          {"auto_closed", s.auto_closed},
                          {"unlocked", s.unlocked},
                          {"sessions_and_tokens_removed", s.sessions_and_tokens_removed},
                          {"errors", Strings(s.errors)}});
}

}  // namespace goatflow::json
