#include "domain/table.hpp"

namespace huiyin {
namespace {

constexpr std::string_view kBom = "\xEF\xBB\xBF";

std::string_view trim_blanks(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

std::optional<std::size_t> find_column(const std::vector<std::string>& header,
                                       std::string_view name) {
  name = trim_blanks(name);
  for (std::size_t i = 0; i < header.size(); ++i)
    if (trim_blanks(header[i]) == name) return i;
  return std::nullopt;
}

std::string_view without_bom(std::string_view text) {
  if (text.starts_with(kBom)) text.remove_prefix(kBom.size());
  return text;
}

}  // namespace

std::string TableError::text() const {
  if (line <= 0) return message;
  std::string where = "第" + std::to_string(line) + "行";
  if (column > 0) where += "第" + std::to_string(column) + "列";
  return where + ": " + message;
}

bool TableRow::blank() const {
  for (const auto& c : cells_)
    if (!c.empty()) return false;
  return true;
}

const std::string& TableRow::none() {
  static const std::string empty;
  return empty;
}

const std::string& TableRow::cell(std::string_view name) const {
  auto i = header_ ? find_column(*header_, name) : std::nullopt;
  return i ? (*this)[*i] : none();
}

TableError TableRow::error(std::size_t i, std::string message) const {
  return {line_, static_cast<int>(i) + 1, std::move(message)};
}

TableError TableRow::error_at(std::string_view name, std::string message) const {
  auto i = header_ ? find_column(*header_, name) : std::nullopt;
  return i ? error(*i, std::move(message)) : error(std::move(message));
}

Table::Table(std::vector<TableRow> rows, bool header) {
  std::vector<std::string> names;
  std::size_t first = 0;
  if (header && !rows.empty()) {
    names = std::move(rows.front().cells_);
    header_line_ = rows.front().line_;
    first = 1;
  }
  header_ = std::make_shared<const std::vector<std::string>>(std::move(names));
  rows_.reserve(rows.size() - first);
  for (std::size_t i = first; i < rows.size(); ++i) {
    rows[i].header_ = header_;
    rows_.push_back(std::move(rows[i]));
  }
}

const std::vector<std::string>& Table::header() const {
  static const std::vector<std::string> none;
  return header_ ? *header_ : none;
}

std::optional<std::size_t> Table::column(std::string_view name) const {
  return find_column(header(), name);
}

Table read_tsv(std::string_view text, const TableOptions& options) {
  text = without_bom(text);
  std::vector<TableRow> rows;
  int line_no = 0;
  while (!text.empty()) {
    const auto nl = text.find('\n');
    std::string_view line = text.substr(0, nl);
    text = nl == std::string_view::npos ? std::string_view() : text.substr(nl + 1);
    ++line_no;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line.empty() || (options.comments && line.front() == '#')) continue;
    std::vector<std::string> cells;
    while (true) {
      const auto tab = line.find('\t');
      cells.emplace_back(line.substr(0, tab));
      if (tab == std::string_view::npos) break;
      line.remove_prefix(tab + 1);
    }
    rows.emplace_back(line_no, std::move(cells));
  }
  return Table(std::move(rows), options.header);
}

namespace {

// The CSV scanner: one pass over the text, counting lines as it goes (CRLF, LF and a lone CR
// each end one), so every record knows the line it starts on.
class CsvScanner {
 public:
  CsvScanner(std::string_view text, char delimiter) : s_(text), d_(delimiter) {}

  TableResult<Table> read(const TableOptions& options) {
    std::vector<TableRow> rows;
    while (i_ < s_.size()) {
      if (at_break()) {  // an empty line
        skip_break();
        continue;
      }
      if (options.comments && s_[i_] == '#') {
        while (i_ < s_.size() && !at_break()) ++i_;
        if (i_ < s_.size()) skip_break();
        continue;
      }
      const int record_line = line_;
      std::vector<std::string> cells;
      while (true) {
        auto cell = field(static_cast<int>(cells.size()) + 1);
        if (!cell) return cell.error();
        cells.push_back(std::move(*cell));
        if (i_ < s_.size() && s_[i_] == d_) {
          ++i_;  // another field follows, empty when the line ends here
          continue;
        }
        break;
      }
      if (i_ < s_.size()) skip_break();
      rows.emplace_back(record_line, std::move(cells));
    }
    return Table(std::move(rows), options.header);
  }

 private:
  bool at_break() const { return i_ < s_.size() && (s_[i_] == '\n' || s_[i_] == '\r'); }
  void skip_break() {
    if (s_[i_] == '\r' && i_ + 1 < s_.size() && s_[i_ + 1] == '\n') ++i_;
    ++i_;
    ++line_;
  }

  // One field from i_ up to (not including) the delimiter or line break after it.
  TableResult<std::string> field(int column) {
    const int field_line = line_;
    if (i_ >= s_.size() || s_[i_] != '"') {
      const std::size_t start = i_;
      while (i_ < s_.size() && s_[i_] != d_ && !at_break()) ++i_;
      return std::string(s_.substr(start, i_ - start));
    }
    std::string out;
    ++i_;
    while (true) {
      const auto quote = s_.find('"', i_);
      if (quote == std::string_view::npos)
        return TableError{field_line, column, "引号没有闭合"};
      count_breaks(s_.substr(i_, quote - i_));
      out.append(s_.substr(i_, quote - i_));
      i_ = quote + 1;
      if (i_ < s_.size() && s_[i_] == '"') {  // "" stands for one quote
        out.push_back('"');
        ++i_;
        continue;
      }
      break;
    }
    if (i_ < s_.size() && s_[i_] != d_ && !at_break())
      return TableError{field_line, column, "右引号后应紧跟分隔符或换行"};
    return out;
  }

  void count_breaks(std::string_view part) {
    for (std::size_t k = 0; k < part.size(); ++k)
      if (part[k] == '\n' || (part[k] == '\r' && (k + 1 == part.size() || part[k + 1] != '\n')))
        ++line_;
  }

  std::string_view s_;
  char d_;
  std::size_t i_ = 0;
  int line_ = 1;
};

}  // namespace

TableResult<Table> read_csv(std::string_view text, const TableOptions& options) {
  return CsvScanner(without_bom(text), options.delimiter).read(options);
}

}  // namespace huiyin
