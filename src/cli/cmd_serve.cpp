// huiyin serve: migrate, load defaults (and the demo city with --demo), then serve the API and
// the web app until SIGINT/SIGTERM.
#include <spdlog/spdlog.h>

#include <charconv>
#include <chrono>
#include <condition_variable>
#include <functional>
#include <filesystem>
#include <iostream>
#include <memory>
#include <mutex>
#include <thread>

#include "cli/cli_config.hpp"
#include "cli/cli_support.hpp"
#include "cli/commands.hpp"
#include "http/address_list.hpp"
#include "app/app.hpp"
#include "http/client_address.hpp"
#include "app/server.hpp"
#include "http/static_files.hpp"
#include "features/matters/attachments.hpp"
#include "kernel/bootstrap.hpp"
#include "kernel/catalog.hpp"
#include "kernel/support.hpp"
#include "store/job_lease_store.hpp"
#include "demo/demo_seed.hpp"
#include "features/matters/duplicates.hpp"
#include "features/matters/routing.hpp"
#include "features/supervision/sla.hpp"
#include "features/notifications/webhooks.hpp"

namespace huiyin::cli {
namespace {

struct ServeOptions {
  DbOptions db;
  std::string port, listen, web, max_body, threads, keep_alive, intake_limit, trusted_proxies, idle_minutes, sla_minutes,
      webhook_seconds;
  bool demo = false;
  bool demo_print_otp = false;
  bool intake_limit_loopback = false;
  CLI::Option *port_flag = nullptr, *listen_flag = nullptr, *web_flag = nullptr,
              *max_body_flag = nullptr, *threads_flag = nullptr, *keep_alive_flag = nullptr, *intake_limit_flag = nullptr,
              *demo_flag = nullptr, *trusted_flag = nullptr, *idle_flag = nullptr,
              *sla_flag = nullptr, *webhook_flag = nullptr;
  std::string metrics_allow;
  CLI::Option* metrics_allow_flag = nullptr;
};

// Runs a job at once, then every `every` until destroyed (the destructor waits for a run in
// progress), all on a thread of its own: the server listens meanwhile, so a first scheduler tick
// with a backlog (14,000 escalations in a city of 100,000 matters: 13 s) does not hold up the
// start. Failures are the job's to log.
class PeriodicJob {
 public:
  PeriodicJob(std::chrono::seconds every, std::function<void()> job) : job_(std::move(job)) {
    thread_ = std::thread([this, every] {
      job_();
      std::unique_lock lock(mu_);
      while (!cv_.wait_for(lock, every, [this] { return stop_; })) {
        lock.unlock();
        job_();
        lock.lock();
      }
    });
  }
  ~PeriodicJob() {
    {
      std::lock_guard lock(mu_);
      stop_ = true;
    }
    cv_.notify_all();
    thread_.join();
  }

 private:
  std::function<void()> job_;
  std::mutex mu_;
  std::condition_variable cv_;
  bool stop_ = false;
  std::thread thread_;
};

// Removes uploads never linked to a matter.
void sweep_orphans(AttachmentService& attachments) {
  auto r = attachments.remove_orphans();
  if (!r)
    spdlog::warn("清理未使用的上传文件失败: {}", r.error().detail);
  else if (r->rows > 0)
    spdlog::info("已清理未使用的上传: {} 条记录, {} 个文件", r->rows, r->files);
}

// The lease that makes one of several nodes on one database the scheduler's: held while the
// node runs, renewed by each of its ticks, given back at shutdown; another node takes it once
// it is free or has run out. (SlaService::tick takes a short lease of its own for each run, so
// a node's tick and a `huiyin sla run` never overlap.)
constexpr const char* kSchedulerLease = "sla-scheduler";

// One tick of the deadline scheduler (预警 → 约谈) as of now, on the node holding the
// scheduler's lease; each node logs when that changes for it.
void run_sla(Services& services, const Clock& clock, int& held, Instant lease_seconds) {
  const std::string node = process_node_name();
  const Instant now = clock.now();
  auto mine = services.context().store().write([&](Tx& tx) -> Result<bool> {
    return db::take_lease(tx, kSchedulerLease, node, now, now + lease_seconds);
  });
  if (!mine) {
    spdlog::warn("督办检查失败: {}", mine.error().detail);
    return;
  }
  if ((*mine ? 1 : 0) != held) {
    held = *mine ? 1 : 0;
    if (*mine)
      spdlog::info("督办检查由本节点 {} 执行", node);
    else
      spdlog::info("督办检查由另一节点执行,本节点 {} 待命", node);
  }
  if (!*mine) return;
  auto r = services.sla().tick(now);
  if (!r)
    spdlog::warn("督办检查失败: {}", r.error().detail);
  else if (r->escalated > 0)
    spdlog::info("督办检查: {} 件在办问题中 {} 件升级", r->matters, r->escalated);
  if (r && r->verified_by_timeout > 0)
    spdlog::info("超时默认: {} 件办结后逾期未评价、未回访,已由系统默认办结", r->verified_by_timeout);
}

// One round of webhook deliveries: the outbox rows due now, posted and retried with backoff.
void run_webhooks(WebhookService& webhooks, const Clock& clock) {
  auto r = webhooks.deliver_due(clock.now());
  if (!r)
    spdlog::warn("消息推送失败: {}", r.error().detail);
  else if (r->claimed > 0)
    spdlog::info("消息推送: {} 条送达, {} 条稍后重试, {} 条转入死信", r->delivered, r->retried,
                 r->dead);
}

template <typename T>
T number_or_throw(const std::string& text, const char* what, T min, T max) {
  T v{};
  auto [p, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
  if (ec != std::errc() || p != text.data() + text.size() || v < min || v > max)
    fail(invalid(std::string(what) + " 无效: " + text, what), 2);
  return v;
}

std::string root_org_code(Services& s) {
  auto orgs = s.catalog().orgs();
  if (orgs) {
    for (const auto& o : *orgs)
      if (o.parent_code.empty()) return o.code;
  }
  return "<市级单位代码>";
}

void run(const ServeOptions& o) {
  const ConfigFile cfg = load_config_or_throw(o.db.config);
  const std::string db = resolve_db(o.db, cfg);
  const auto port = number_or_throw<unsigned>(
      pick(o.port_flag, o.port, "HUIYIN_PORT", cfg, "port", "8080"), "port", 1, 65535);
  const std::string listen = pick(o.listen_flag, o.listen, "HUIYIN_LISTEN", cfg, "listen",
                                  "127.0.0.1");
  const std::string web = pick(o.web_flag, o.web, "HUIYIN_WEB", cfg, "web", "");
  const auto max_body = number_or_throw<std::size_t>(
      pick(o.max_body_flag, o.max_body, "HUIYIN_MAX_BODY", cfg, "max_body",
           std::to_string(1u << 20)),
      "max-body", 1024, std::size_t{1} << 30);
  const std::string data_dir = resolve_data_dir(o.db, cfg);
  const auto anchor_every = number_or_throw<std::int64_t>(
      pick(nullptr, "", "HUIYIN_AUDIT_ANCHOR_EVERY", cfg, "audit_anchor_every", "100"),
      "audit_anchor_every", 1, 1000000000);
  set_audit_anchor_every(anchor_every);
  const auto threads = number_or_throw<std::size_t>(
      pick(o.threads_flag, o.threads, "HUIYIN_THREADS", cfg, "threads", "16"), "threads", 1, 256);
  const auto keep_alive_seconds = number_or_throw<int>(
      pick(o.keep_alive_flag, o.keep_alive, "HUIYIN_KEEP_ALIVE_SECONDS", cfg, "keep_alive_seconds",
           "30"),
      "keep-alive-seconds", 1, 3600);
  const std::string demo_text = pick(o.demo_flag, o.demo ? "true" : "false", "HUIYIN_DEMO", cfg,
                                     "demo", "false");
  const bool demo = demo_text == "true" || demo_text == "1" || demo_text == "yes";
  const std::string metrics_allow_text = pick(o.metrics_allow_flag, o.metrics_allow,
                                              "HUIYIN_METRICS_ALLOW", cfg, "metrics_allow",
                                              "127.0.0.1,::1");
  auto metrics_allow = http::AddressList::parse(metrics_allow_text);
  if (!metrics_allow)
    fail(invalid("metrics-allow 无效(应为逗号分隔的地址或网段,如 127.0.0.1,10.0.0.0/8,或 *): " +
                     metrics_allow_text,
                 "metrics-allow"),
         2);

  const std::string trusted = pick(o.trusted_flag, o.trusted_proxies, "HUIYIN_TRUSTED_PROXIES",
                                   cfg, "trusted_proxies", "");
  auto trusted_proxies = http::AddressList::parse(trusted);
  if (!trusted_proxies)
    fail(invalid("trusted-proxies 无效(应为逗号分隔的地址或网段,如 10.0.0.1,10.0.0.0/8): " + trusted,
                 "trusted-proxies"),
         2);
  const int idle_minutes = number_or_throw<int>(
      pick(o.idle_flag, o.idle_minutes, "HUIYIN_SESSION_IDLE_MINUTES", cfg, "session_idle_minutes",
           "30"),
      "session-idle-minutes", 1, 24 * 60);

  const int sla_minutes = number_or_throw<int>(
      pick(o.sla_flag, o.sla_minutes, "HUIYIN_SLA_EVERY_MINUTES", cfg, "sla_every_minutes", "5"),
      "sla-every-minutes", 0, 24 * 60);

  const int webhook_seconds = number_or_throw<int>(
      pick(o.webhook_flag, o.webhook_seconds, "HUIYIN_WEBHOOK_EVERY_SECONDS", cfg,
           "webhook_every_seconds", "10"),
      "webhook-every-seconds", 0, 24 * 3600);

  const int intake_limit = number_or_throw<int>(
      pick(o.intake_limit_flag, o.intake_limit, "HUIYIN_INTAKE_PER_SOURCE", cfg,
           "intake_per_source", "60"),
      "intake-per-source", 0, 1000000);

  ServiceConfig svc_cfg = service_config(data_dir);
  svc_cfg.session_idle_minutes = idle_minutes;
  svc_cfg.throttle.intakes_per_source = intake_limit;
  svc_cfg.throttle.intake_limit_loopback = o.intake_limit_loopback;
  // The one-time codes of the lookup by phone: no SMS channel yet; the demo (and tests) may have
  // them printed in this log. Never turn this on where real citizens use the site.
  if (o.demo_print_otp || demo) {
    svc_cfg.notifier = std::make_shared<LogNotifier>();
    spdlog::warn("演示模式:按手机号查询的验证码将打印在服务日志中(--demo-print-otp),切勿用于生产环境");
  }
  Opened opened = open_services_with_config(db, svc_cfg, system_clock());
  Services& services = *opened.services;
  spdlog::info("数据库: {} ({})", opened.store->backend(), db.starts_with("sqlite:") ? db : "postgresql");

  if (demo) {
    spdlog::info("正在准备演示数据(首次需要一些时间)…");
    Status s = seed_demo(services);
    if (!s) fail(s.error());
  }
  // Text features: the routing model (<data_dir>/model.bin, else built from the categories) and
  // the duplicate index of open matters. Without them the product still runs.
  if (Status s = services.routing().start(); !s)
    spdlog::warn("分类模型未能加载: {}", s.error().detail);
  if (Status s = services.duplicates().start(); !s)
    spdlog::warn("查重索引未能建立: {}", s.error().detail);
  else
    spdlog::info("查重索引: {} 件未办结问题", services.duplicates().size());
  auto first_admin = needs_first_admin(*opened.store);
  if (first_admin && *first_admin) {
    std::cout << "还没有管理员账号。创建第一个管理员:\n  echo '密码' | huiyin user add --db "
              << db << " --username admin --role admin --org " << root_org_code(services)
              << " --password-stdin\n"
              << "三员分立:再分别创建安全管理员(--role security_admin)和审计管理员(--role audit_admin)。\n"
              << std::flush;
  }

  http::AppConfig app_cfg;
  app_cfg.max_json_body = max_body;
  app_cfg.max_attachment_body = services.context().config().max_attachment_bytes;
  app_cfg.backend = opened.store->backend();
  app_cfg.metrics_allow = *metrics_allow;
  app_cfg.trusted_proxies = *trusted_proxies;
  if (!trusted.empty()) spdlog::info("信任的反向代理: {}(只采信其 X-Forwarded-For)", trusted);
  const char* secure = std::getenv("HUIYIN_SECURE_COOKIES");
  app_cfg.secure_cookies = (secure && std::string(secure) == "1") ||
                           cfg.get("secure_cookies").value_or("") == "true";
  std::error_code ec;
  const auto exe = std::filesystem::read_symlink("/proc/self/exe", ec);
  http::StaticFiles files(http::StaticFiles::resolve_root(web, ec ? std::filesystem::path{} : exe));
  if (!files.available())
    spdlog::warn("网页端目录 {} 不存在或未构建,只提供接口", files.root().string());
  else
    spdlog::info("网页端目录: {}", files.root().string());

  PeriodicJob sweeper(std::chrono::hours(1), [&] { sweep_orphans(services.attachments()); });
  // Several app nodes on one database: what another node changed reaches this one's in-memory
  // state — the duplicate index within seconds, the calendar and deadline rules within a minute.
  PeriodicJob in_step(std::chrono::seconds(10), [&] {
    if (auto r = services.duplicates().catch_up(); !r)
      spdlog::warn("查重索引同步失败: {}", r.error().detail);
  });
  PeriodicJob deadlines(std::chrono::seconds(60), [&] {
    if (Status r = services.context().reload(); !r)
      spdlog::warn("重新读取工作日历与办理时限失败: {}", r.error().detail);
  });
  std::unique_ptr<PeriodicJob> sla;
  if (sla_minutes > 0)
    sla = std::make_unique<PeriodicJob>(std::chrono::minutes(sla_minutes), [&, held = -1]() mutable {
      // Two missed ticks and a minute: then another node takes over.
      run_sla(services, system_clock(), held, Instant{2} * sla_minutes * 60 + 60);
    });
  std::unique_ptr<PeriodicJob> webhooks;
  if (webhook_seconds > 0)
    webhooks = std::make_unique<PeriodicJob>(std::chrono::seconds(webhook_seconds), [&] {
      run_webhooks(services.webhooks(), system_clock());
    });
  auto app = std::make_unique<http::App>(services, app_cfg, std::move(files));
  http::ServerOptions so;
  so.address = listen;
  so.port = static_cast<std::uint16_t>(port);
  so.threads = threads;
  so.read_timeout = std::chrono::seconds(keep_alive_seconds);
  Status s = http::run_server(*app, so, [&] {
    std::cout << "回音已启动: http://" << (listen.find(':') != std::string::npos ? "[" + listen + "]" : listen)
              << ":" << port << "/\n"
              << std::flush;
  });
  if (!s) fail(s.error());
  if (sla) {
    sla.reset();  // waits for a tick in progress
    (void)services.context().store().write([&](Tx& tx) -> Status {
      db::release_lease(tx, kSchedulerLease, process_node_name());
      return ok();
    });
  }
  flush_audit_anchors();
  spdlog::info("服务已停止");
}

}  // namespace

void add_serve(CLI::App& app) {
  auto o = std::make_shared<ServeOptions>();
  CLI::App* cmd = app.add_subcommand("serve", "启动服务(接口与网页端)");
  add_db_options(cmd, o->db);
  o->port_flag = cmd->add_option("--port", o->port, "端口,默认 8080 (环境变量 HUIYIN_PORT)");
  o->listen_flag = cmd->add_option("--listen", o->listen, "监听地址,默认 127.0.0.1");
  o->web_flag = cmd->add_option("--web", o->web, "网页端目录,默认 web/dist");
  o->max_body_flag =
      cmd->add_option("--max-body", o->max_body, "JSON 请求体上限(字节),默认 1048576");
  o->threads_flag = cmd->add_option("--threads", o->threads, "处理请求的线程数,默认 16(多数时间在等磁盘与合并提交,不占 CPU)");
  o->intake_limit_flag = cmd->add_option(
      "--intake-per-source", o->intake_limit,
      "每个来源地址每15分钟可提交的群众反映件数(防刷),默认 60,0 为不限;本机地址不限");
  cmd->add_flag("--intake-limit-loopback", o->intake_limit_loopback,
                "本机地址(127.0.0.1、::1)也受 --intake-per-source 限制");
  o->keep_alive_flag = cmd->add_option(
      "--keep-alive-seconds", o->keep_alive,
      "空闲的长连接保留多少秒(响应头 Keep-Alive: timeout=N 告知客户端),默认 30");
  o->trusted_flag = cmd->add_option(
      "--trusted-proxies", o->trusted_proxies,
      "信任的反向代理地址或网段(逗号分隔,如 10.0.0.0/8),只采信这些地址发来的 X-Forwarded-For");
  o->idle_flag = cmd->add_option("--session-idle-minutes", o->idle_minutes,
                                 "会话闲置多少分钟后失效,默认 30");
  o->sla_flag = cmd->add_option("--sla-every-minutes", o->sla_minutes,
                                "每隔多少分钟按督办规则检查一次(预警、提醒、督办、通报、约谈),默认 5,0 为不检查");
  o->webhook_flag = cmd->add_option("--webhook-every-seconds", o->webhook_seconds,
                                    "每隔多少秒推送一次待发的消息(Webhook),默认 10,0 为不推送");
  o->demo_flag = cmd->add_flag("--demo", o->demo,
                               "空数据库时载入演示数据(株洲市),并打开 --demo-print-otp");
  cmd->add_flag("--demo-print-otp", o->demo_print_otp,
                "把按手机号查询的验证码打印在服务日志中(尚无短信通道时的演示用,切勿用于生产)");
  o->metrics_allow_flag = cmd->add_option(
      "--metrics-allow", o->metrics_allow,
      "可访问 /metrics 的地址或网段(逗号分隔,* 为不限),默认 127.0.0.1,::1");
  cmd->callback([o] { run(*o); });
}

}  // namespace huiyin::cli
