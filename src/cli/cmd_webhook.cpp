// huiyin webhook add | list | dead | replay: the outbound webhooks an administrator keeps (the
// same as 系统管理 → 消息推送), from the command line that holds the database. The target must
// match the allowlist (setting webhook_allowlist; loopback only by default).
#include <iostream>
#include <memory>

#include "cli/cli_config.hpp"
#include "cli/cli_support.hpp"
#include "cli/commands.hpp"
#include "features/notifications/webhooks.hpp"
#include "http/json_util.hpp"

namespace huiyin::cli {
namespace {

struct WebhookOptions {
  DbOptions db;
  std::string url, secret, events;
  std::int64_t id = 0;
};

Opened open_for(const WebhookOptions& o) {
  const ConfigFile cfg = load_config_or_throw(o.db.config);
  return open_services_or_throw(resolve_db(o.db, cfg), resolve_data_dir(o.db, cfg), system_clock());
}

std::string joined(const std::vector<std::string>& v) {
  if (v.empty()) return "(全部)";
  std::string out;
  for (const auto& e : v) out += (out.empty() ? "" : ",") + e;
  return out;
}

}  // namespace

void add_webhook(CLI::App& app) {
  CLI::App* group = app.add_subcommand("webhook", "消息推送(外发 Webhook)");
  group->require_subcommand(1);
  // One set of options per subcommand: CLI11 fills the defaults of every subcommand's options,
  // so shared variables would be overwritten by a subcommand that was not called.
  auto o = std::make_shared<WebhookOptions>();
  CLI::App* add = group->add_subcommand("add", "添加推送地址(须在允许列表中)");
  add_db_options(add, o->db);
  add->add_option("--url", o->url, "推送地址,如 http://127.0.0.1:8088/sms")->required();
  add->add_option("--secret", o->secret, "签名密钥(16至200个字符)")->required();
  add->add_option("--events", o->events,
                  "只推送这些事件(逗号分隔,如 reporter.*,matter.assigned);不给则推送全部");
  add->callback([o] {
    Opened opened = open_for(*o);
    auto w = opened.services->webhooks().add(nullptr, {o->url, o->secret, split_event_list(o->events)});
    if (!w) fail(w.error());
    std::cout << "已添加推送地址 #" << w->id << " " << w->url << " 事件 " << joined(w->events)
              << " 密钥 " << w->secret_hint << "\n";
  });

  auto lo = std::make_shared<WebhookOptions>();
  CLI::App* list = group->add_subcommand("list", "列出推送地址");
  add_db_options(list, lo->db);
  list->callback([o = lo] {
    Opened opened = open_for(*o);
    auto l = opened.services->webhooks().list(nullptr);
    if (!l) fail(l.error());
    std::cout << "编号\t地址\t事件\t密钥\t待推送\t已送达\t死信\n";
    for (const auto& w : *l)
      std::cout << w.id << "\t" << w.url << "\t" << joined(w.events) << "\t" << w.secret_hint
                << "\t" << w.pending << "\t" << w.delivered << "\t" << w.dead << "\n";
  });

  auto dd = std::make_shared<WebhookOptions>();
  CLI::App* dead = group->add_subcommand("dead", "列出死信(多次推送失败的消息)");
  add_db_options(dead, dd->db);
  dead->callback([o = dd] {
    Opened opened = open_for(*o);
    auto l = opened.services->webhooks().dead_letters(nullptr);
    if (!l) fail(l.error());
    std::cout << "编号\t事件\t问题\t次数\t地址\t最后错误\n";
    for (const auto& d : *l)
      std::cout << d.id << "\t" << d.event_type << "\t" << d.matter_code << "\t" << d.attempts
                << "\t" << d.url << "\t" << d.last_error << "\n";
  });

  auto ro = std::make_shared<WebhookOptions>();
  CLI::App* replay = group->add_subcommand("replay", "重新推送一条死信");
  add_db_options(replay, ro->db);
  replay->add_option("--id", ro->id, "死信编号")->required();
  replay->callback([o = ro] {
    Opened opened = open_for(*o);
    if (Status st = opened.services->webhooks().replay(nullptr, o->id); !st) fail(st.error());
    std::cout << "已重新排队: #" << o->id << "\n";
  });
}

}  // namespace huiyin::cli
