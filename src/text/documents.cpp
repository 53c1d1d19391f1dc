#include "text/documents.hpp"

#include <fstream>
#include <sstream>

namespace huiyin::text {
namespace {

std::vector<std::string_view> split_tabs(std::string_view line) {
  std::vector<std::string_view> cells;
  std::size_t start = 0;
  for (std::size_t i = 0; i <= line.size(); ++i) {
    if (i == line.size() || line[i] == '\t') {
      cells.push_back(line.substr(start, i - start));
      start = i + 1;
    }
  }
  return cells;
}

}  // namespace

Result<std::vector<Document>> parse_documents_tsv(std::string_view bytes, bool need_label) {
  if (bytes.substr(0, 3) == "\xEF\xBB\xBF") bytes.remove_prefix(3);  // BOM
  std::vector<Document> docs;
  int title_col = -1, content_col = -1, label_col = -1, reply_col = -1;
  std::size_t line_no = 0, pos = 0;
  while (pos < bytes.size()) {
    std::size_t nl = bytes.find('\n', pos);
    if (nl == std::string_view::npos) nl = bytes.size();
    std::string_view line = bytes.substr(pos, nl - pos);
    pos = nl + 1;
    ++line_no;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    const auto cells = split_tabs(line);
    if (line_no == 1) {
      for (std::size_t i = 0; i < cells.size(); ++i) {
        if (cells[i] == "title") title_col = static_cast<int>(i);
        if (cells[i] == "content") content_col = static_cast<int>(i);
        if (cells[i] == "label") label_col = static_cast<int>(i);
        if (cells[i] == "reply") reply_col = static_cast<int>(i);
      }
      if (title_col < 0 && content_col < 0)
        return invalid("TSV 表头缺少 title 或 content 列", "title");
      if (need_label && label_col < 0) return invalid("TSV 表头缺少 label 列", "label");
      continue;
    }
    if (line.empty()) continue;
    auto cell = [&](int col) -> std::string {
      return col >= 0 && static_cast<std::size_t>(col) < cells.size() ? std::string(cells[col])
                                                                      : std::string();
    };
    Document d{cell(title_col), cell(content_col), cell(label_col), cell(reply_col)};
    if (need_label && d.label.empty())
      return invalid("TSV 第" + std::to_string(line_no) + "行缺少 label", "label");
    docs.push_back(std::move(d));
  }
  if (line_no == 0) return invalid("TSV 文件为空");
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
