// goatflow config get [NAME] | set NAME VALUE: the stored settings
// (domain.md §8.4), validated and audited by the library like
// PUT /api/v1/admin/system/config.

#include <memory>

#include "cli.h"
#include "goatflow/admin.h"
#include "goatflow/json.h"
#include "output.h"

namespace goatflow::cli {
namespace {

struct ConfigArgs {
  std::string name, value;
};

Status PrintSettings(const Globals& globals, const std::vector<Setting>& settings,
                     const std::string& name) {
  if (name.empty()) {
    if (globals.json) {
      PrintLine(json::ToJson(settings));
      return OkStatus();
    }
    std::vector<std::vector<std::string>> rows;
    for (const Setting& s : settings)
      rows.push_back({s.name, s.value_json, s.modified ? "yes" : "no"});
    PrintTable({"NAME", "VALUE", "MODIFIED"}, rows);
    return OkStatus();
  }
  for (const Setting& s : settings) {
    if (s.name != name) continue;
    if (globals.json) {
      PrintLine(json::ToJson(s));
      return OkStatus();
    }
    PrintKeyValues({{"name", s.name},
                    {"value", s.value_json},
                    {"type", s.type},
                    {"default", s.default_json},
                    {"constraint", s.constraint},
                    {"modified", s.modified ? "yes" : "no"},
                    {"takes effect", s.takes_effect}});
    return OkStatus();
  }
  return Error(ErrorCode::kNotFound, "Unknown setting: " + name).WithWireCode("core:not_found");
}

}  // namespace

void RegisterConfig(CLI::App& app, Globals& globals) {
  auto* config = app.add_subcommand("config", "Show or change stored settings (admin)");
  config->require_subcommand(1);
  auto a = std::make_shared<ConfigArgs>();

  auto* get = config->add_subcommand("get", "Show every setting, or one with its details");
  get->add_option("name", a->name, "Setting name, e.g. MaintenanceMode");
  OnRun(get, globals, [&globals, a]() -> Status {
    return WithHelpdesk(globals, [&](Helpdesk& hd, const RequestContext& ctx) -> Status {
      auto settings = hd.Admin().GetConfig(ctx);
      if (!settings.ok()) return std::move(settings).error();
      return PrintSettings(globals, *settings, a->name);
    });
  });

  auto* set = config->add_subcommand("set", "Change one setting (validated, audited)");
  set->add_option("name", a->name, "Setting name")->required();
  set->add_option("value", a->value,
                  "New value: true/false, a number, text, or a list as a,b,c or JSON")
      ->required();
  OnRun(set, globals, [&globals, a]() -> Status {
    auto value = AdminService::SettingValueFromText(a->name, a->value);
    if (!value.ok()) return std::move(value).error();
    return WithHelpdesk(globals, [&](Helpdesk& hd, const RequestContext& ctx) -> Status {
      auto updated = hd.Admin().UpdateConfig(ctx, {{a->name, *value}});
      if (!updated.ok()) return std::move(updated).error();
      if (globals.json) {
        PrintLine(json::ToJson(*updated));
      } else {
        PrintLine(updated->updated > 0 ? a->name + " updated" : a->name + " unchanged");
      }
      return OkStatus();
    });
  });
}

}  // namespace goatflow::cli
