// huiyin audit verify: checks the keyed audit chain, every protected row against its latest
// seal, the chain head and the anchors outside the database (<data_dir>/audit.key,
// <data_dir>/audit-anchors.log). Exit 0 when everything holds, 4 listing the problems
// otherwise. Prints the chain head (seq and short hash) to compare with circulars and exports.
#include <iostream>
#include <memory>

#include "cli/cli_config.hpp"
#include "cli/cli_support.hpp"
#include "cli/commands.hpp"
#include "kernel/audit.hpp"

namespace huiyin::cli {
namespace {

const char* kind_label(const std::string& kind) {
  if (kind == "chain_broken") return "事件链断裂或事件被改";
  if (kind == "not_keyed") return "审计链未以密钥封存";
  if (kind == "head_mismatch") return "链头与最后一条事件不符";
  if (kind == "truncated") return "链尾被截去";
  if (kind == "anchor_mismatch") return "与链外锚点不符";
  if (kind == "row_changed") return "数据行被直接修改";
  if (kind == "row_deleted") return "数据行被直接删除";
  if (kind == "row_unsealed") return "数据行绕过系统插入";
  if (kind == "seals_malformed") return "行封记录格式错误";
  return "其他";
}

}  // namespace

void add_audit(CLI::App& app) {
  CLI::App* group = app.add_subcommand("audit", "审计");
  group->require_subcommand(1);
  auto o = std::make_shared<DbOptions>();
  CLI::App* verify = group->add_subcommand(
      "verify", "校验审计事件链、受保护数据行与链外锚点（密钥在 <数据目录>/audit.key）");
  add_db_options(verify, *o);
  verify->callback([o] {
    const ConfigFile cfg = load_config_or_throw(o->config);
    const std::string db = resolve_db(*o, cfg);
    const std::string data_dir = resolve_data_dir(*o, cfg);
    auto store = open_store_or_throw(db, /*migrate=*/false, data_dir, AuditKeyUse::verify);
    auto report = verify_audit_chain(*store, loaded_audit_key(), audit_anchors_path(data_dir));
    if (!report) fail(report.error());
    const AuditFindings& f = report->findings;
    std::cout << "链头: seq=" << f.head_seq << " hash=" << f.head_hash.substr(0, 16) << "\n";
    std::cout << "已校验 " << f.events << " 条事件（以密钥封存 " << f.keyed_events << " 条），"
              << f.rows_checked << " 行受保护数据\n";
    if (loaded_audit_key().empty())
      std::cout << "注意: 未找到审计密钥 " << audit_key_path(data_dir)
                << "，审计链尚未以密钥封存（请运行 huiyin migrate），只校验了不带密钥的哈希链，"
                   "未校验数据行\n";
    if (f.last_anchor_seq > 0) {
      std::cout << "链外锚点: 最后一个在 seq=" << f.last_anchor_seq << "（"
                << audit_anchors_path(data_dir) << "）\n";
      if (f.head_seq > f.last_anchor_seq)
        std::cout << "注意: seq " << f.last_anchor_seq + 1 << " 至 " << f.head_seq
                  << " 的事件在最后一个锚点之后，若从链尾整段删去，本次校验无法发现\n";
    } else {
      std::cout << "注意: 没有链外锚点（" << audit_anchors_path(data_dir)
                << "），无法发现从链尾整段删去的事件\n";
    }
    if (report->ok) {
      std::cout << "审计链完整: 事件链、数据行与锚点一致\n";
      return;
    }
    std::cerr << "审计校验未通过:\n";
    for (const auto& [kind, n] : f.counts)
      std::cerr << "  " << kind_label(kind) << " (" << kind << "): " << n << " 处\n";
    for (const auto& p : f.problems) std::cerr << "  - [" << p.kind << "] " << p.detail << "\n";
    if (f.first_bad_seq) std::cerr << "第一个异常事件 seq=" << *f.first_bad_seq << "\n";
    throw CLI::RuntimeError(4);
  });
}

}  // namespace huiyin::cli
