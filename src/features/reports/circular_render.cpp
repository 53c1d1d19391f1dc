// The printed circular: HTML (http/printable.hpp) and XLSX (libxlsxwriter), both from the
// circular's content alone, so a stored circular prints as it was published. Figures are read
// generically from the stats module's JSON: a figure it adds appears without a change here
// (labelled by the table below, or by its key until it gets a label).
#include <xlsxwriter.h>

#include <algorithm>
#include <cstdio>

#include "domain/rates.hpp"
#include "features/reports/circular.hpp"
#include "http/printable.hpp"
#include "io/xlsx_writer.hpp"

namespace huiyin {
namespace {

using nlohmann::json;
using http::html_escape;

struct FigureLabel {
  const char* key;
  const char* label;
};
// In the order people read them: the rates first, then the counts behind them.
constexpr FigureLabel kFigureLabels[] = {
    {"response_rate", "响应率"},        {"resolution_rate", "解决率"},
    {"satisfaction_rate", "满意率"},    {"collected", "收集问题"},
    {"responded", "已响应"},            {"responded_in_time", "及时响应"},
    {"accepted", "已受理"},             {"rejected", "不予受理"},
    {"assigned", "已交办"},             {"resolved", "已办结"},
    {"evaluated", "已回访"},            {"solved", "已解决"},
    {"satisfied", "满意(含基本满意)"},  {"closed", "已销号"},
    {"overdue", "超期件数"},            {"returned", "退回次数"},
};

bool is_rate(const std::string& key) { return key.ends_with("_rate"); }

struct Figure {
  std::string key, label, text;
};

std::string percent(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.2f%%", v * 100);
  return buf;
}

std::string value_text(const std::string& key, const json& v) {
  if (v.is_null()) return "—";
  if (is_rate(key) && v.is_number()) return percent(v.get<double>());
  if (v.is_number_integer()) return std::to_string(v.get<std::int64_t>());
  if (v.is_number()) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.2f", v.get<double>());
    return buf;
  }
  if (v.is_string()) return v.get<std::string>();
  return v.dump();
}

// Every figure of the stats module's output. Where it has the `rates` object (each rate with its
// label, value, numerator and denominator), the rates come from it in its order — "rate:<key>",
// e.g. 及时签收率 85.00%(17/20) — and the flat *_rate fields are not repeated; then the labelled
// counts in their order, then any other scalar (a figure added to the module later) by key.
std::vector<Figure> figures_of(const json& figures) {
  std::vector<Figure> out;
  if (!figures.is_object()) return out;
  const json* rates_obj = figures.contains("rates") && figures["rates"].is_object() ? &figures["rates"] : nullptr;
  // In the rates module's order (响应率, 解决率, 满意率, 及时签收率 …), not the JSON's.
  std::vector<std::string> rate_keys;
  for (const auto& d : rate_definitions()) rate_keys.emplace_back(d.code);
  if (rates_obj)
    for (const auto& [key, r] : rates_obj->items())
      if (std::find(rate_keys.begin(), rate_keys.end(), key) == rate_keys.end()) rate_keys.push_back(key);
  if (rates_obj)
    for (const auto& key : rate_keys) {
      if (!rates_obj->contains(key)) continue;
      const json& r = (*rates_obj)[key];
      if (!r.is_object() || !r.contains("denominator")) continue;
      std::string text = value_text("_rate", r.value("value", json())) + "(" +
                         std::to_string(r.value("numerator", std::int64_t{0})) + "/" +
                         std::to_string(r.value("denominator", std::int64_t{0})) + ")";
      out.push_back({"rate:" + key, r.value("label", key), text});
    }
  for (const auto& l : kFigureLabels)
    if (figures.contains(l.key) && !(rates_obj && is_rate(l.key)))
      out.push_back({l.key, l.label, value_text(l.key, figures[l.key])});
  std::vector<Figure> rates, counts;
  for (const auto& [key, v] : figures.items()) {
    if (v.is_object() || v.is_array()) continue;
    if (rates_obj && is_rate(key)) continue;
    bool known = false;
    for (const auto& l : kFigureLabels) known = known || key == l.key;
    if (known) continue;
    (is_rate(key) ? rates : counts).push_back({key, key, value_text(key, v)});
  }
  out.insert(out.end(), rates.begin(), rates.end());
  out.insert(out.end(), counts.begin(), counts.end());
  return out;
}

// "from=…&to=…&org=…" of a list's or figure's filter (values are codes and dates).
std::string query_text(const json& q) {
  std::string out;
  if (!q.is_object()) return out;
  for (const auto& [k, v] : q.items())
    out += (out.empty() ? "" : "&") + k + "=" + (v.is_string() ? v.get<std::string>() : v.dump());
  return out;
}

// The filter in words, for the sheets (the HTML links to it instead).
std::string query_words(const json& q) {
  std::string out;
  if (!q.is_object()) return out;
  auto add = [&](const std::string& s) { out += (out.empty() ? "" : ";") + s; };
  if (q.contains("from")) add("反映日期 " + q.value("from", "") + " 至 " + q.value("to", ""));
  if (q.contains("org")) add("单位 " + q.value("org", "") + "(含下级)");
  if (q.contains("status")) add("不含已合并的重复件");
  if (q.contains("overdue")) add("超期未办结");
  if (q.contains("returned")) add("被退回过");
  if (q.contains("reopened")) add("重办过");
  if (q.contains("escalation")) add("督办级别 " + q.value("escalation", "") + "(当前)");
  return out + ";即问题台账 ?" + query_text(q);
}

std::string s(const json& j, const char* key) {
  if (!j.is_object() || !j.contains(key) || j[key].is_null()) return "";
  return j[key].is_string() ? j[key].get<std::string>() : j[key].dump();
}

const char* kNumerals[] = {"一", "二", "三", "四", "五", "六", "七", "八", "九", "十", "十一", "十二"};

struct RankGroup {
  const char* level;
  const char* title;
};
constexpr RankGroup kRankGroups[] = {{"dept", "部门"}, {"area", "地区"}};

// The ranked units of a level: the first and the last three (all of them when six or fewer),
// then the ones below the minimum volume.
std::vector<json> ranked(const json& ranking, const std::string& level, std::vector<json>* unranked) {
  std::vector<json> all;
  if (!ranking.contains("items")) return all;
  for (const auto& it : ranking["items"]) {
    if (s(it, "level") != level) continue;
    if (it["rank"].is_null()) {
      if (unranked) unranked->push_back(it);
    } else {
      all.push_back(it);
    }
  }
  return all;
}

std::string link(const std::string& base, const std::string& path, const std::string& text) {
  return "<a href=\"" + html_escape(base + path) + "\">" + html_escape(text) + "</a>";
}

std::string rank_table(const std::vector<json>& rows, const std::string& base, const json& fq) {
  std::string h =
      "<table class=\"list\"><tr><th>名次</th><th>单位</th><th>综合得分</th><th>收集问题</th>"
      "<th>响应率</th><th>解决率</th><th>满意率</th></tr>\n";
  for (const auto& r : rows) {
    json q = fq;
    q["org"] = s(r["org"], "code");
    h += "<tr><td>" + (r["rank"].is_null() ? std::string("—") : s(r, "rank")) + "</td><td>" +
         link(base, "/staff/ledger?" + query_text(q), s(r["org"], "name")) + "</td><td>" +
         value_text("score", r["score"]) + "/" + value_text("full", r["full"]) + "</td><td>" +
         s(r, "volume") + "</td><td>" + value_text("response_rate", r["response_rate"]) +
         "</td><td>" + value_text("resolution_rate", r["resolution_rate"]) + "</td><td>" +
         value_text("satisfaction_rate", r["satisfaction_rate"]) + "</td></tr>\n";
  }
  return h + "</table>\n";
}

}  // namespace

std::string circular_html(const Circular& c, const std::string& base) {
  const json& ct = c.content;
  const json fq = ct.value("figures_query", json::object());
  std::string b =
      "<style>.issue{text-align:center;margin:0}.issuer{display:flex;justify-content:space-between;"
      "border-bottom:2px solid #c00;padding-bottom:4px;margin:8px 0 16px}"
      "table.list th{width:auto;white-space:normal}table.list tr>:first-child{white-space:nowrap}table.figures th{width:40%}a{color:inherit}"
      "h2{font-size:18px;margin:20px 0 4px}.hash{font-size:12px;word-break:break-all;color:#444}"
      "</style>\n";
  b += "<p class=\"issue\" data-issue>" + html_escape(s(ct, "issue_text")) + "</p>\n";
  b += "<p class=\"issuer\"><span>发文单位:" + html_escape(c.org.name) + "</span><span>" +
       html_escape(s(ct, "date")) + "</span></p>\n";
  b += "<p>统计期间:" + html_escape(s(ct, "from")) + " 至 " + html_escape(s(ct, "to")) +
       "(按反映时间);督办、通报、约谈名单为发布时的状态。</p>\n";
  int section = 0;
  b += std::string("<h2>") + kNumerals[section++] + "、总体情况</h2>\n<table class=\"figures\">";
  const std::string fl = "/staff/ledger?" + query_text(fq);
  for (const auto& f : figures_of(ct.value("figures", json::object())))
    b += "<tr><th>" + html_escape(f.label) + "</th><td data-figure=\"" + html_escape(f.key) +
         "\">" + link(base, fl, f.text) + "</td></tr>\n";
  b += "</table>\n";

  const json ranking = ct.value("ranking", json::object());
  b += std::string("<h2>") + kNumerals[section++] + "、单位排名</h2>\n";
  for (const auto& g : kRankGroups) {
    std::vector<json> unranked;
    auto all = ranked(ranking, g.level, &unranked);
    if (all.empty() && unranked.empty()) continue;
    if (all.size() <= 6) {
      b += std::string("<p>") + g.title + "排名:</p>" + rank_table(all, base, fq);
    } else {
      b += std::string("<p>") + g.title + "排名前列:</p>" +
           rank_table({all.begin(), all.begin() + 3}, base, fq);
      b += std::string("<p>") + g.title + "排名靠后:</p>" +
           rank_table({all.end() - 3, all.end()}, base, fq);
    }
    if (!unranked.empty()) {
      std::string names;
      for (const auto& u : unranked) names += (names.empty() ? "" : "、") + s(u["org"], "name");
      b += "<p>样本不足、未参与排名:" + html_escape(names) + "</p>\n";
    }
  }
  if (ranking.contains("method")) b += "<p>排名方法:" + html_escape(s(ranking, "method")) + "</p>\n";

  for (const auto& l : ct.value("lists", json::array())) {
    const std::string q = "/staff/ledger?" + query_text(l["query"]);
    b += std::string("<h2>") + kNumerals[section++] + "、" + html_escape(s(l, "title")) + "(" +
         link(base, q, s(l, "count") + "件") + ")</h2>\n";
    if (l["items"].empty()) {
      b += "<p>无。</p>\n";
      continue;
    }
    b += "<table class=\"list\" data-list=\"" + html_escape(s(l, "key")) +
         "\"><tr><th>序号</th><th>问题编号</th><th>问题</th><th>承办单位</th><th>时限</th></tr>\n";
    int n = 0;
    for (const auto& it : l["items"]) {
      std::string when = s(it, "deadline_text");
      if (s(l, "key") == "returned") when = "退回" + s(it, "return_count") + "次";
      b += "<tr><td>" + std::to_string(++n) + "</td><td>" +
           link(base, "/staff/matters/" + s(it, "code"), s(it, "code")) + "</td><td>" +
           html_escape(s(it, "title")) + "</td><td>" +
           html_escape(s(it, "lead_org").empty() ? "待交办" : s(it, "lead_org")) + "</td><td>" +
           html_escape(when) + "</td></tr>\n";
    }
    b += "</table>\n";
  }

  b += std::string("<h2>") + kNumerals[section++] + "、典型案例</h2>\n";
  const json cases = ct.value("cases", json::array());
  if (cases.empty()) b += "<p>本期未选取。</p>\n";
  int n = 0;
  for (const auto& it : cases) {
    b += "<p data-case><b>" + std::to_string(++n) + ". " + html_escape(s(it, "title")) + "</b>(" +
         link(base, "/staff/matters/" + s(it, "code"), s(it, "code")) + "," +
         html_escape(s(it, "lead_org")) + "办理)<br>" + html_escape(s(it, "reply")) + "</p>\n";
  }
  b += "<p class=\"sign\">" + html_escape(c.org.name) + "<br>" + html_escape(s(ct, "date")) + "</p>\n";
  b += "<p class=\"hash\">本通报数据输入 SHA-256:" + html_escape(c.inputs_sha256) +
       (c.id ? ";发布时审计链第 " + std::to_string(c.anchor_seq) + " 条,哈希 " +
                   html_escape(c.anchor_hash) + ";可用 GET /api/v1/circulars/" +
                   std::to_string(*c.id) + "/verify 复核"
             : std::string(";预览,未发布")) +
       "</p>";
  return http::printable_page(c.title, b);
}

Result<std::string> circular_xlsx(const Circular& c) {
  const json& ct = c.content;
  return io::xlsx_bytes("通报文件", [&](lxw_workbook* wb) -> Status {
    lxw_format* bold = workbook_add_format(wb);
    format_set_bold(bold);
    lxw_format* head = workbook_add_format(wb);
    format_set_bold(head);
    format_set_bg_color(head, 0xD9E1F2);
    format_set_border(head, LXW_BORDER_THIN);
    lxw_format* cell = workbook_add_format(wb);
    format_set_border(cell, LXW_BORDER_THIN);
    auto put = [&](lxw_worksheet* ws, lxw_row_t r, lxw_col_t col, const std::string& v,
                   lxw_format* f) { worksheet_write_string(ws, r, col, v.c_str(), f); };

    lxw_worksheet* sum = workbook_add_worksheet(wb, "通报");
    worksheet_set_column(sum, 0, 0, 22, nullptr);
    worksheet_set_column(sum, 1, 2, 40, nullptr);
    lxw_row_t r = 0;
    put(sum, r++, 0, c.title, bold);
    put(sum, r, 0, "发文单位", nullptr);
    put(sum, r++, 1, c.org.name, nullptr);
    put(sum, r, 0, "期号", nullptr);
    put(sum, r++, 1, s(ct, "issue_text"), nullptr);
    put(sum, r, 0, "日期", nullptr);
    put(sum, r++, 1, s(ct, "date"), nullptr);
    put(sum, r, 0, "统计期间", nullptr);
    put(sum, r++, 1, s(ct, "from") + " 至 " + s(ct, "to"), nullptr);
    ++r;
    put(sum, r, 0, "指标", head);
    put(sum, r, 1, "数值", head);
    put(sum, r++, 2, "问题清单(筛选条件)", head);
    const std::string fw = query_words(ct.value("figures_query", json::object()));
    for (const auto& f : figures_of(ct.value("figures", json::object()))) {
      put(sum, r, 0, f.label, cell);
      put(sum, r, 1, f.text, cell);
      put(sum, r++, 2, fw, cell);
    }
    for (const auto& l : ct.value("lists", json::array())) {
      put(sum, r, 0, s(l, "title"), cell);
      put(sum, r, 1, s(l, "count") + "件", cell);
      put(sum, r++, 2, "见工作表“" + s(l, "title") + "”;" + query_words(l["query"]), cell);
    }
    ++r;
    put(sum, r++, 0, "数据输入 SHA-256:" + c.inputs_sha256, nullptr);
    if (c.id) put(sum, r++, 0, "发布时审计链第 " + std::to_string(c.anchor_seq) + " 条:" + c.anchor_hash, nullptr);

    lxw_worksheet* rk = workbook_add_worksheet(wb, "单位排名");
    const char* rank_cols[] = {"层级", "名次", "单位", "综合得分", "满分", "收集问题", "响应率", "解决率", "满意率"};
    for (lxw_col_t i = 0; i < 9; ++i) put(rk, 0, i, rank_cols[i], head);
    worksheet_set_column(rk, 2, 2, 24, nullptr);
    r = 1;
    const json ranking = ct.value("ranking", json::object());
    for (const auto& it : ranking.value("items", json::array())) {
      const std::vector<std::string> v = {
          s(it, "level") == "dept" ? "部门" : "地区",
          it["rank"].is_null() ? "样本不足" : s(it, "rank"),
          s(it["org"], "name"), value_text("score", it["score"]), s(it, "full"), s(it, "volume"),
          value_text("response_rate", it["response_rate"]),
          value_text("resolution_rate", it["resolution_rate"]),
          value_text("satisfaction_rate", it["satisfaction_rate"])};
      for (lxw_col_t i = 0; i < 9; ++i) put(rk, r, i, v[i], cell);
      ++r;
    }

    const char* cols[] = {"序号", "问题编号", "问题", "承办单位", "所属区域", "状态", "办理时限", "时限情况", "反映时间", "退回次数"};
    auto list_sheet = [&](const std::string& name, const std::string& filter, const json& items,
                          bool with_reply) {
      lxw_worksheet* ws = workbook_add_worksheet(wb, name.c_str());
      worksheet_set_column(ws, 1, 1, 22, nullptr);
      worksheet_set_column(ws, 2, 2, 40, nullptr);
      worksheet_set_column(ws, 3, 4, 20, nullptr);
      put(ws, 0, 0, name + ":共 " + std::to_string(items.size()) + " 件", bold);
      put(ws, 1, 0, filter, nullptr);
      for (lxw_col_t i = 0; i < 10; ++i) put(ws, 2, i, cols[i], head);
      if (with_reply) put(ws, 2, 10, "办理答复", head);
      lxw_row_t row = 3;
      for (const auto& it : items) {
        worksheet_write_number(ws, row, 0, static_cast<double>(row - 2), cell);
        const char* keys[] = {"code", "title", "lead_org", "area", "status_label", "deadline",
                              "deadline_text", "created_at"};
        for (lxw_col_t i = 0; i < 8; ++i) put(ws, row, i + 1, s(it, keys[i]), cell);
        worksheet_write_number(ws, row, 9, it.value("return_count", 0.0), cell);
        if (with_reply) put(ws, row, 10, s(it, "reply"), cell);
        ++row;
      }
    };
    for (const auto& l : ct.value("lists", json::array()))
      list_sheet(s(l, "title"), query_words(l["query"]), l["items"], false);
    list_sheet("典型案例", "从已办结问题中选取", ct.value("cases", json::array()), true);
    return ok();
  });
}

}  // namespace huiyin
