#include "io/table_file.hpp"

#include <fstream>
#include <sstream>

namespace huiyin::io {
namespace {

constexpr std::string_view kZipSignature = "PK\x03\x04";
constexpr std::string_view kOleSignature = "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1";  // .xls, encrypted .xlsx

}  // namespace

TableResult<Table> read_table(std::string_view bytes, const TableFileOptions& options) {
  if (bytes.starts_with(kOleSignature))
    return TableError{0, 0, "不能读取旧版 .xls 或加了密码的 Excel 文件,请另存为 .xlsx 或 CSV 后再导入"};
  TableFormat format = options.format;
  if (format == TableFormat::automatic && bytes.starts_with(kZipSignature))
    format = TableFormat::xlsx;
  if (format == TableFormat::xlsx) return read_xlsx(bytes, options.table, options.xlsx);

  auto text = decode_text(bytes, options.encoding);
  if (!text) return text.error();
  TableOptions table = options.table;
  if (format == TableFormat::tsv) return read_tsv(*text, table);
  if (format == TableFormat::automatic) {
    const std::string_view first_line = std::string_view(*text).substr(0, text->find('\n'));
    table.delimiter = first_line.find('\t') != std::string_view::npos ? '\t' : ',';
  }
  return read_csv(*text, table);
}

TableResult<Table> read_table_file(const std::string& path, const TableFileOptions& options) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return TableError{0, 0, "无法读取文件 " + path};
  std::ostringstream bytes;
  bytes << in.rdbuf();
  return read_table(bytes.str(), options);
}

}  // namespace huiyin::io
