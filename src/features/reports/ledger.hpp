// The 台账 as an XLSX workbook (libxlsxwriter): a title row "问题台账(<unit>)", a line with the
// filters applied and the export time, then the columns offices use: 序号, 问题编号, 问题来源,
// 问题类别, 问题描述, 所在区域, 责任单位, 责任人, 整改措施, 完成时限 (the matter's),
// 措施完成时限 (each measure's), 整改进展, 办理状态, 是否销号, 反映时间, 受理时间, 办结时间,
// 来源记录 (the field record that raised the matter: its kind's label and its code), 原定时限 (the
// deadline its first assignment gave it) and 延期后时限 (its deadline once extended, else blank).
// Only matters the actor may see; never reporter data. Thread-safe (each call writes its own
// workbook).
#pragma once

#include <functional>
#include <string>

#include "domain/calendar.hpp"

#include "domain/result.hpp"
#include "features/matters/matters.hpp"
#include "kernel/actor.hpp"
#include "kernel/services.hpp"
#include "kernel/views.hpp"

namespace huiyin {

// What the title rows say, and the file name built from them.
struct LedgerTitle {
  std::string unit;         // the org filtered on, else the actor's scope (株洲市 city-wide)
  std::string filters;      // "办理状态 已销号;单位 芦淞区(含下级)", or "全部"
  std::string exported_at;  // YYYY-MM-DD HH:MM, Asia/Shanghai
  Date date{};              // the export's local date
  std::string file_name() const;        // 问题台账_株洲市_20261202.xlsx
  std::string ascii_file_name() const;  // ledger_20261202.xlsx
};

class LedgerService {
 public:
  explicit LedgerService(ServiceContext& ctx) : ctx_(ctx) {}

  Result<LedgerTitle> title(const Actor& actor, const MatterQuery& q);
  Status write_file(const Actor& actor, const MatterQuery& q, const std::string& path);
  Result<std::string> write_memory(const Actor& actor, const MatterQuery& q);  // XLSX bytes

  // How 来源记录 names a record kind ("visit" → "走访调研"); the composition root passes the
  // records feature's labels. Without it the kind code is written.
  using SourceLabel = std::function<std::string(const std::string& kind)>;
  void set_source_label(SourceLabel f) { source_label_ = std::move(f); }
  // The records feature's source condition, for the source_* filters the list shares.
  void set_source_resolver(SourceResolver f) { source_resolver_ = std::move(f); }

 private:
  ServiceContext& ctx_;
  SourceLabel source_label_;
  SourceResolver source_resolver_;
};

}  // namespace huiyin
