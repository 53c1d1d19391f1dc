#include "text/documents.hpp"

#include <fstream>
#include <sstream>

#include "domain/table.hpp"

namespace huiyin::text {

Result<std::vector<Document>> parse_documents_tsv(std::string_view bytes, bool need_label) {
  const Table table = read_tsv(bytes, {.header = true});
  if (table.header_line() == 0) return invalid("TSV 文件为空");
  if (!table.column("title") && !table.column("content"))
    return invalid("TSV 表头缺少 title 或 content 列", "title");
  if (need_label && !table.column("label")) return invalid("TSV 表头缺少 label 列", "label");
  std::vector<Document> docs;
  for (const TableRow& row : table) {
    Document d{row.cell("title"), row.cell("content"), row.cell("label"), row.cell("reply")};
    if (need_label && d.label.empty())
      return invalid("TSV 第" + std::to_string(row.line()) + "行缺少 label", "label");
    docs.push_back(std::move(d));
  }
  return docs;
}

Result<std::vector<Document>> read_documents_tsv(const std::string& path, bool need_label) {
  std::ifstream f(path, std::ios::binary);
  if (!f) return not_found("找不到文件：" + path);
  std::stringstream ss;
  ss << f.rdbuf();
  return parse_documents_tsv(ss.str(), need_label);
}

}  // namespace huiyin::text
