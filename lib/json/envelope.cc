// The response envelope of the HTTP APIs and the health renderings.

#include <boost/json.hpp>

#include "core/strings.h"
#include "core/time.h"
#include "goatflow/json.h"
#include "json/internal.h"

namespace goatflow::json {
namespace internal {

boost::json::object PaginationObject(const Pagination& p) {
  return {{"page", p.page},           {"per_page", p.per_page}, {"total", p.total},
          {"total_pages", p.total_pages}, {"has_next", p.has_next}, {"has_prev", p.has_prev}};
}

}  // namespace internal

using internal::PaginationObject;

std::string SuccessEnvelope(std::string_view data_json) {
  std::string out;
  out.reserve(data_json.size() + 27);
  out.append(R"({"success":true,"data":)").append(data_json).push_back('}');
  return out;
}

std::string ListEnvelope(std::string_view items_json, const Pagination& pagination) {
  std::string out;
  out.reserve(items_json.size() + 160);
  out.append(R"({"success":true,"data":)")
      .append(items_json)
      .append(R"(,"pagination":)")
      .append(ToJson(pagination))
      .push_back('}');
  return out;
}

std::string ErrorEnvelope(const Error& error, std::string_view wire_code) {
  boost::json::object out{{"success", false}, {"error", error.message}, {"code", wire_code}};
  boost::json::object details;
  for (const auto& [key, value] : error.details) {
    std::int64_t seconds = 0;
    if (error.code == ErrorCode::kRateLimited && key == "retry_after_sec" &&
        core::ParseInt64(value, seconds)) {
      out["retry_after_sec"] = seconds;
    } else {
      details[key] = value;
    }
  }
  if (!details.empty()) out["details"] = std::move(details);
  return boost::json::serialize(out);
}

std::string ToJson(const Pagination& pagination) {
  return boost::json::serialize(PaginationObject(pagination));
}

std::string HealthProbe(const HealthReport& report) {
  boost::json::object out{{"status", HealthStateName(report.status)},
                          {"service", "goatflow"},
                          {"version", report.version}};
  return boost::json::serialize(out);
}

std::string ApiHealth(const HealthReport& report) {
  boost::json::object out{{"status", HealthStateName(report.status)},
                          {"service", "goatflow-api"},
                          {"version", report.version},
                          {"timestamp", core::FormatRfc3339(report.checked_at)}};
  return boost::json::serialize(out);
}

std::string DetailedHealth(const HealthReport& report) {
  boost::json::object components;
  for (const auto& component : report.components) {
    boost::json::object item{{"status", HealthStateName(component.state)},
                             {"latency_ms", component.latency_ms}};
    if (!component.message.empty()) item["message"] = component.message;
    for (const auto& [name, value] : component.figures) item[name] = value;
    components[component.name] = std::move(item);
  }
  boost::json::object out{{"status", HealthStateName(report.status)},
                          {"service", "goatflow"},
                          {"version", report.version},
                          {"uptime_seconds", report.uptime_seconds},
                          {"timestamp", core::FormatRfc3339(report.checked_at)},
                          {"components", std::move(components)}};
  return boost::json::serialize(out);
}

std::string ToJson(const SystemStatus& status) {
  boost::json::object components;
  for (const auto& component : status.components)
    components[component.name] = HealthStateName(component.state);
  boost::json::value message = nullptr;
  if (status.maintenance_message) message = *status.maintenance_message;
  boost::json::object out{{"status", status.status},
                          {"message", "goatflow API is running"},
                          {"version", status.version},
                          {"api_version", "1"},
                          {"started_at", core::FormatRfc3339(status.started_at)},
                          {"uptime_seconds", status.uptime_seconds},
                          {"maintenance_mode", status.maintenance_mode},
                          {"maintenance_message", std::move(message)},
                          {"components", std::move(components)},
                          {"timestamp", core::FormatRfc3339(status.timestamp)}};
  return boost::json::serialize(out);
}

}  // namespace goatflow::json
