// The 台账 as an XLSX workbook (libxlsxwriter), in the columns offices use: 序号, 问题编号,
// 问题来源, 问题类别, 问题描述, 所在区域, 责任单位, 责任人, 整改措施, 完成时限, 整改进展,
// 办理状态, 是否销号, 受理时间, 办结时间. Only matters the actor may see; never reporter data.
// Thread-safe (each call writes its own workbook).
#pragma once

#include <string>

#include "domain/result.hpp"
#include "kernel/actor.hpp"
#include "kernel/services.hpp"
#include "kernel/views.hpp"

namespace huiyin {

class LedgerService {
 public:
  explicit LedgerService(ServiceContext& ctx) : ctx_(ctx) {}

  Status write_file(const Actor& actor, const MatterQuery& q, const std::string& path);
  Result<std::string> write_memory(const Actor& actor, const MatterQuery& q);  // XLSX bytes

 private:
  ServiceContext& ctx_;
};

}  // namespace huiyin
