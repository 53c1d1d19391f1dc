#include "http/printable.hpp"

namespace huiyin::http {

std::string html_escape(std::string_view in) {
  std::string out;
  out.reserve(in.size());
  for (char ch : in) {
    switch (ch) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      default: out += ch;
    }
  }
  return out;
}

std::string printable_row(std::string_view th, std::string_view td_html) {
  return "<tr><th>" + html_escape(th) + "</th><td>" + std::string(td_html) + "</td></tr>\n";
}

std::string printable_page(std::string_view title, std::string_view body_html) {
  const std::string t = html_escape(title);
  std::string out =
      "<!doctype html>\n<html lang=\"zh-CN\"><head><meta charset=\"utf-8\">"
      "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>" + t +
      "</title>\n<style>\n"
      "@page { size: A4; margin: 25mm 20mm; }\n"
      "body { font-family: 'SimSun', 'Songti SC', 'Noto Serif CJK SC', serif; font-size: 16px;"
      " line-height: 1.8; color: #000; max-width: 720px; margin: 24px auto; padding: 0 16px; }\n"
      "h1 { text-align: center; font-size: 26px; letter-spacing: 4px; margin: 8px 0 4px; }\n"
      ".doc-no { text-align: center; margin: 0 0 16px; }\n"
      "table { width: 100%; border-collapse: collapse; margin: 12px 0; }\n"
      "th, td { border: 1px solid #000; padding: 6px 8px; vertical-align: top; text-align: left; }\n"
      "th { width: 22%; white-space: nowrap; font-weight: normal; background: #f4f4f4; }\n"
      ".answer { min-height: 120px; }\n"
      ".sign { text-align: right; margin-top: 32px; }\n"
      "@media print { body { margin: 0; } }\n"
      "</style></head>\n<body>\n<h1>" + t + "</h1>\n";
  out += body_html;
  out += "\n</body></html>\n";
  return out;
}

}  // namespace huiyin::http
