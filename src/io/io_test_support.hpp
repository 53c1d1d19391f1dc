// Test support for the io layer: workbooks made with libxlsxwriter (what Huiyin's own exports
// use) and hand-made zip packages for the shapes other writers produce, both as bytes.
#pragma once

#include <xlsxwriter.h>
#include <zip.h>

#include <cstdio>
#include <fstream>
#include <functional>
#include <map>
#include <sstream>
#include <stdexcept>
#include <string>
#include <unistd.h>

namespace huiyin::io::testing {

inline std::string slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

inline std::string temp_path(const char* suffix) {
  char dir[] = "/tmp/huiyin-io-XXXXXX";
  if (!mkdtemp(dir)) throw std::runtime_error("mkdtemp");
  return std::string(dir) + "/t" + suffix;
}

// A workbook built by `fill` on its first sheet ("工单"); constant_memory makes libxlsxwriter
// write inline strings instead of a shared-string table.
inline std::string make_xlsx(const std::function<void(lxw_workbook*, lxw_worksheet*)>& fill,
                             bool constant_memory = false) {
  const std::string path = temp_path(".xlsx");
  lxw_workbook_options options{};
  options.constant_memory = constant_memory ? LXW_TRUE : LXW_FALSE;
  lxw_workbook* wb = workbook_new_opt(path.c_str(), &options);
  lxw_worksheet* ws = workbook_add_worksheet(wb, "工单");
  fill(wb, ws);
  if (workbook_close(wb) != LXW_NO_ERROR) throw std::runtime_error("workbook_close");
  std::string bytes = slurp(path);
  std::remove(path.c_str());
  return bytes;
}

// A zip file holding `parts` (name -> contents), deflated.
inline std::string make_zip(const std::map<std::string, std::string>& parts) {
  const std::string path = temp_path(".zip");
  int err = 0;
  zip_t* z = zip_open(path.c_str(), ZIP_CREATE | ZIP_TRUNCATE, &err);
  if (!z) throw std::runtime_error("zip_open");
  for (const auto& [name, body] : parts) {
    zip_source_t* src = zip_source_buffer(z, body.data(), body.size(), 0);
    if (!src || zip_file_add(z, name.c_str(), src, ZIP_FL_OVERWRITE) < 0)
      throw std::runtime_error("zip_file_add");
  }
  if (zip_close(z) != 0) throw std::runtime_error("zip_close");
  std::string bytes = slurp(path);
  std::remove(path.c_str());
  return bytes;
}

// The smallest package a workbook needs: workbook, its relationships, one sheet and, when
// given, a shared-string table.
inline std::string make_package(const std::string& sheet_xml, const std::string& shared_xml = {}) {
  std::map<std::string, std::string> parts{
      {"xl/workbook.xml",
       R"(<workbook xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">)"
       R"(<sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>)"},
      {"xl/_rels/workbook.xml.rels",
       R"(<Relationships><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>)"
       R"(<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>)"},
      {"xl/worksheets/sheet1.xml", sheet_xml},
  };
  if (!shared_xml.empty()) parts["xl/sharedStrings.xml"] = shared_xml;
  return make_zip(parts);
}

}  // namespace huiyin::io::testing
