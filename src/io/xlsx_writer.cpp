#include "io/xlsx_writer.hpp"

#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>

namespace huiyin::io {

Result<std::string> xlsx_bytes(const std::string& what,
                               const std::function<Status(lxw_workbook*)>& fill) {
  namespace fs = std::filesystem;
  std::error_code ec;
  const fs::path dir = fs::temp_directory_path(ec);
  if (ec) return Error{ErrorCode::internal, "无法创建临时文件", {}};
  std::random_device rd;
  const fs::path tmp = dir / ("huiyin-" + std::to_string(rd()) + std::to_string(rd()) + ".xlsx");
  lxw_workbook* wb = workbook_new(tmp.string().c_str());
  if (!wb) return Error{ErrorCode::internal, "无法创建" + what, {}};
  const Status filled = fill(wb);
  const lxw_error err = workbook_close(wb);
  if (!filled || err != LXW_NO_ERROR) {
    fs::remove(tmp, ec);
    if (!filled) return filled.error();
    return Error{ErrorCode::internal, "写入" + what + "失败:" + lxw_strerror(err), {}};
  }
  std::ostringstream buf;
  {
    std::ifstream in(tmp, std::ios::binary);
    buf << in.rdbuf();
  }
  fs::remove(tmp, ec);
  return buf.str();
}

}  // namespace huiyin::io
