// A workbook written in memory: libxlsxwriter writes to a file, so the bytes go through a private
// temporary file that is removed whatever happens. The caller fills the workbook.
#pragma once

#include <xlsxwriter.h>

#include <functional>
#include <string>

#include "domain/result.hpp"

namespace huiyin::io {

// `fill` adds sheets and cells; `what` names the file in errors (e.g. "干部纪实文件").
Result<std::string> xlsx_bytes(const std::string& what,
                               const std::function<Status(lxw_workbook*)>& fill);

}  // namespace huiyin::io
