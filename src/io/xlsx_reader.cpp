#include "io/xlsx_reader.hpp"

#include <charconv>
#include <map>
#include <string>
#include <vector>

#include "io/xlsx_package.hpp"

namespace huiyin::io {
namespace {

constexpr int kMaxRows = 1048576;   // Excel's own limits
constexpr int kMaxColumns = 16384;  // A .. XFD

// ---- package structure: which part is the first sheet, which the shared strings ----

struct Relationship {
  std::string type, target;
};

class RelationshipEvents : public XmlEvents {
 public:
  std::map<std::string, Relationship> by_id;
  void start(std::string_view name, const char** a) override {
    if (name != "Relationship" || xml_attribute(a, "TargetMode") == "External") return;
    by_id[std::string(xml_attribute(a, "Id"))] = {std::string(xml_attribute(a, "Type")),
                                                  std::string(xml_attribute(a, "Target"))};
  }
  // The target of the first relationship whose type ends with `/kind`; empty when none.
  std::string target_of_type(std::string_view kind) const {
    for (const auto& [id, r] : by_id) {
      std::string_view t = r.type;
      if (t.size() > kind.size() && t.ends_with(kind) && t[t.size() - kind.size() - 1] == '/')
        return r.target;
    }
    return {};
  }
};

class WorkbookEvents : public XmlEvents {
 public:
  std::string first_sheet_id;  // the relationship id of the first visible sheet
  void start(std::string_view name, const char** a) override {
    if (name != "sheet") return;
    const auto state = xml_attribute(a, "state");
    const bool visible = state != "hidden" && state != "veryHidden";
    if (first_sheet_id.empty() || (visible && !visible_found_)) {
      first_sheet_id = std::string(xml_attribute(a, "id"));
      visible_found_ = visible;
    }
  }

 private:
  bool visible_found_ = false;
};

std::string folder_of(const std::string& part) {
  const auto slash = part.rfind('/');
  return slash == std::string::npos ? std::string() : part.substr(0, slash + 1);
}

std::string rels_of(const std::string& part) {
  const auto folder = folder_of(part);
  return folder + "_rels/" + part.substr(folder.size()) + ".rels";
}

// A relationship target as a part name: absolute ("/xl/...") or relative to the source's folder.
std::string resolve(const std::string& source, std::string_view target) {
  std::string path = target.starts_with('/') ? std::string(target.substr(1))
                                             : folder_of(source) + std::string(target);
  std::vector<std::string> parts;
  std::size_t start = 0;
  while (start <= path.size()) {
    auto slash = std::min(path.find('/', start), path.size());
    std::string seg = path.substr(start, slash - start);
    if (seg == "..") {
      if (!parts.empty()) parts.pop_back();
    } else if (!seg.empty() && seg != ".") {
      parts.push_back(std::move(seg));
    }
    start = slash + 1;
  }
  std::string out;
  for (const auto& p : parts) out += (out.empty() ? "" : "/") + p;
  return out;
}

struct SheetParts {
  std::string sheet, shared_strings;  // shared_strings empty when the workbook has none
};

TableResult<SheetParts> locate_parts(XlsxPackage& pkg) {
  std::string workbook = "xl/workbook.xml";
  if (pkg.has("_rels/.rels")) {
    RelationshipEvents root;
    if (auto e = pkg.parse("_rels/.rels", root)) return *e;
    if (auto t = root.target_of_type("officeDocument"); !t.empty()) workbook = resolve("", t);
  }
  WorkbookEvents book;
  if (auto e = pkg.parse(workbook, book)) return *e;
  RelationshipEvents rels;
  if (pkg.has(rels_of(workbook)))
    if (auto e = pkg.parse(rels_of(workbook), rels)) return *e;
  SheetParts out;
  if (auto it = rels.by_id.find(book.first_sheet_id); it != rels.by_id.end())
    out.sheet = resolve(workbook, it->second.target);
  else
    out.sheet = folder_of(workbook) + "worksheets/sheet1.xml";
  for (std::string part : {resolve(workbook, rels.target_of_type("sharedStrings")),
                           folder_of(workbook) + "sharedStrings.xml"})
    if (out.shared_strings.empty() && !part.empty() && pkg.has(part)) out.shared_strings = part;
  if (!pkg.has(out.sheet)) return TableError{0, 0, "XLSX 文件中没有工作表"};
  return out;
}

// ---- cell text ----

void append_utf8(std::string& out, unsigned cp) {
  if (cp >= 0xD800 && cp <= 0xDFFF) cp = 0xFFFD;  // a lone surrogate half
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

// OOXML writes characters XML cannot carry as _xHHHH_ (a carriage return is _x000D_, an
// underscore before such a pattern _x005F_).
std::string unescape(std::string_view s) {
  if (s.find("_x") == std::string_view::npos) return std::string(s);
  std::string out;
  for (std::size_t i = 0; i < s.size();) {
    unsigned cp = 0;
    if (s.substr(i, 2) == "_x" && i + 7 <= s.size() && s[i + 6] == '_') {
      auto [p, ec] = std::from_chars(s.data() + i + 2, s.data() + i + 6, cp, 16);
      if (ec == std::errc{} && p == s.data() + i + 6) {
        append_utf8(out, cp);
        i += 7;
        continue;
      }
    }
    out += s[i++];
  }
  return out;
}

// Text inside <t> elements of <si> or <is>, leaving out phonetic runs (<rPh>, furigana).
class RichText {
 public:
  void start(std::string_view name) {
    if (name == "rPh") ++phonetic_;
    if (name == "t" && phonetic_ == 0) in_t_ = true;
  }
  void end(std::string_view name) {
    if (name == "rPh" && phonetic_ > 0) --phonetic_;
    if (name == "t") in_t_ = false;
  }
  bool collecting() const { return in_t_; }

 private:
  int phonetic_ = 0;
  bool in_t_ = false;
};

class SharedStringEvents : public XmlEvents {
 public:
  std::vector<std::string> strings;
  void start(std::string_view name, const char**) override {
    if (name == "si") in_si_ = true, current_.clear();
    if (in_si_) rich_.start(name);
  }
  void end(std::string_view name) override {
    if (in_si_) rich_.end(name);
    if (name == "si") in_si_ = false, strings.push_back(unescape(current_));
  }
  void text(std::string_view chars) override {
    if (in_si_ && rich_.collecting()) current_ += chars;
  }

 private:
  bool in_si_ = false;
  RichText rich_;
  std::string current_;
};

// "B3" -> column 1 (0-based) and row 3; nullopt when it is not a cell reference.
std::optional<std::pair<int, int>> parse_ref(std::string_view ref) {
  int col = 0;
  std::size_t i = 0;
  for (; i < ref.size() && i < 3 && ref[i] >= 'A' && ref[i] <= 'Z'; ++i) col = col * 26 + (ref[i] - 'A' + 1);
  int row = 0;
  auto [p, ec] = std::from_chars(ref.data() + i, ref.data() + ref.size(), row);
  if (i == 0 || ec != std::errc{} || p != ref.data() + ref.size()) return std::nullopt;
  return std::pair{col - 1, row};
}

class SheetEvents : public XmlEvents {
 public:
  SheetEvents(const std::vector<std::string>& strings, std::size_t max_cells)
      : strings_(strings), max_cells_(max_cells), cells_left_(max_cells) {}
  std::vector<TableRow> rows;

  void start(std::string_view name, const char** a) override {
    if (name == "sheetData") in_data_ = true;
    if (!in_data_) return;
    if (name == "row") {
      const auto r = xml_attribute(a, "r");
      row_ = last_row_ + 1;
      if (!r.empty() && (std::from_chars(r.data(), r.data() + r.size(), row_).ec != std::errc{} ||
                         row_ < 1 || row_ > kMaxRows))
        return fail({last_row_ + 1, 0, "行号无效"});
      cells_.clear();
      next_col_ = 0;
    } else if (name == "c") {
      col_ = next_col_;
      if (const auto ref = xml_attribute(a, "r"); !ref.empty()) {
        const auto at = parse_ref(ref);
        if (!at || at->second != row_) return fail({row_, 0, "单元格位置无效: " + std::string(ref)});
        col_ = at->first;
      }
      if (col_ >= kMaxColumns) return fail({row_, col_ + 1, "列数超过 16384"});
      type_ = xml_attribute(a, "t");
      value_.clear();
    } else if (name == "v") {
      in_v_ = true;
    } else if (name == "is") {
      in_is_ = true;
    }
    if (in_is_) rich_.start(name);
  }

  void end(std::string_view name) override {
    if (in_is_) rich_.end(name);
    if (name == "v") in_v_ = false;
    if (name == "is") in_is_ = false;
    if (name == "c") finish_cell();
    if (name == "row") finish_row();
    if (name == "sheetData") in_data_ = false;
  }

  void text(std::string_view chars) override {
    if (in_v_ || (in_is_ && rich_.collecting())) value_ += chars;
  }

 private:
  void finish_cell() {
    std::string v;
    if (type_ == "s") {
      std::size_t i = 0;
      auto [p, ec] = std::from_chars(value_.data(), value_.data() + value_.size(), i);
      if (ec != std::errc{} || p != value_.data() + value_.size() || i >= strings_.size())
        return fail({row_, col_ + 1, "共享字符串序号无效"});
      v = strings_[i];
    } else if (type_ == "inlineStr" || type_ == "str") {
      v = unescape(value_);
    } else {
      v = value_;  // numbers (dates too), booleans, errors and ISO dates, as stored
    }
    if (static_cast<std::size_t>(col_) >= cells_.size()) cells_.resize(col_ + 1);
    cells_[col_] = std::move(v);
    next_col_ = col_ + 1;
  }

  void finish_row() {
    last_row_ = row_;
    for (const auto& c : cells_)
      if (!c.empty()) {
        if (cells_.size() > cells_left_)
          return fail({row_, 0, "工作表过大(超过 " + std::to_string(max_cells_) + " 个单元格)"});
        cells_left_ -= cells_.size();
        rows.emplace_back(row_, std::move(cells_));
        break;
      }
    cells_.clear();
  }

  const std::vector<std::string>& strings_;
  std::size_t max_cells_, cells_left_;
  bool in_data_ = false, in_v_ = false, in_is_ = false;
  RichText rich_;
  int row_ = 0, last_row_ = 0, col_ = 0, next_col_ = 0;
  std::string type_;  // the cell's t attribute
  std::string value_;
  std::vector<std::string> cells_;
};

}  // namespace

TableResult<Table> read_xlsx(std::string_view bytes, const TableOptions& options,
                             const XlsxLimits& limits) {
  auto pkg = XlsxPackage::open(bytes, limits.max_unpacked_bytes);
  if (!pkg) return pkg.error();
  auto parts = locate_parts(*pkg);
  if (!parts) return parts.error();
  SharedStringEvents shared;
  if (!parts->shared_strings.empty())
    if (auto e = pkg->parse(parts->shared_strings, shared)) return *e;
  SheetEvents sheet(shared.strings, limits.max_cells);
  if (auto e = pkg->parse(parts->sheet, sheet)) return *e;
  return Table(std::move(sheet.rows), options.header);
}

}  // namespace huiyin::io
