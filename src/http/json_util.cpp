#include "http/json_util.hpp"

#include <chrono>
#include <cstdio>

#include "domain/calendar.hpp"
#include "http/message.hpp"

namespace huiyin::http {

namespace {

// The name of the first field holding a NUL character in a key or a string value ("title",
// "location.address", "co_orgs"), found without recursion so nesting depth costs no stack.
std::optional<std::string> field_with_nul(const json& root) {
  std::vector<std::pair<const json*, std::string>> todo{{&root, std::string()}};
  while (!todo.empty()) {
    auto [node, name] = todo.back();
    todo.pop_back();
    if (node->is_string()) {
      if (node->get_ref<const std::string&>().find('\0') != std::string::npos)
        return name.empty() ? std::string("body") : name;
    } else if (node->is_object()) {
      for (auto it = node->begin(); it != node->end(); ++it) {
        std::string child = name.empty() ? it.key() : name + "." + it.key();
        if (it.key().find('\0') != std::string::npos) return name.empty() ? std::string("body") : name;
        todo.emplace_back(&*it, std::move(child));
      }
    } else if (node->is_array()) {
      for (const auto& e : *node) todo.emplace_back(&e, name);
    }
  }
  return std::nullopt;
}

}  // namespace

Result<json> parse_json_object(std::string_view body) {
  if (!valid_utf8(body)) return Error{ErrorCode::bad_request, "请求内容不是有效的UTF-8文本", {}};
  std::size_t i = 0;
  while (i < body.size() && (body[i] == ' ' || body[i] == '\n' || body[i] == '\r' ||
                             body[i] == '\t'))
    ++i;
  if (i == body.size()) return json::object();
  json j = json::parse(body, nullptr, /*allow_exceptions=*/false);
  if (j.is_discarded()) return Error{ErrorCode::bad_request, "请求内容不是有效的JSON", {}};
  if (!j.is_object()) return Error{ErrorCode::bad_request, "请求内容应为JSON对象", {}};
  if (auto field = field_with_nul(j))
    return invalid("内容不能包含空字符(\\u0000),请删除后重试", *field);
  return j;
}

const json* Fields::get(const char* name) {
  auto it = obj_.find(name);
  if (it == obj_.end() || it->is_null()) return nullptr;
  return &*it;
}

void Fields::wrong_type(const char* name, std::string_view expected) {
  fail(invalid("字段 " + std::string(name) + " 应为" + std::string(expected), name));
}

void Fields::fail(Error e) {
  if (!error_) error_ = std::move(e);
}

void Fields::fail_from(const Fields& inner, std::string_view prefix) {
  if (inner.ok()) return;
  Error e = inner.error();
  e.field = std::string(prefix) + (e.field.empty() ? "" : "." + e.field);
  fail(std::move(e));
}

void Fields::require(const char* name, bool present, std::string_view what) {
  if (present) return;
  std::string w = what.empty() ? std::string(name) : std::string(what);
  fail(invalid("缺少必填项:" + w, name));
}

std::optional<std::string> Fields::str(const char* name) {
  const json* v = get(name);
  if (!v) return std::nullopt;
  if (!v->is_string()) {
    wrong_type(name, "字符串");
    return std::nullopt;
  }
  return v->get<std::string>();
}

std::optional<bool> Fields::boolean(const char* name) {
  const json* v = get(name);
  if (!v) return std::nullopt;
  if (!v->is_boolean()) {
    wrong_type(name, "布尔值(true 或 false)");
    return std::nullopt;
  }
  return v->get<bool>();
}

std::optional<std::int64_t> Fields::integer(const char* name) {
  const json* v = get(name);
  if (!v) return std::nullopt;
  if (!v->is_number_integer()) {
    wrong_type(name, "整数");
    return std::nullopt;
  }
  return v->get<std::int64_t>();
}

std::optional<double> Fields::number(const char* name) {
  const json* v = get(name);
  if (!v) return std::nullopt;
  if (!v->is_number()) {
    wrong_type(name, "数字");
    return std::nullopt;
  }
  return v->get<double>();
}

std::optional<std::vector<std::string>> Fields::str_list(const char* name) {
  const json* v = get(name);
  if (!v) return std::nullopt;
  if (!v->is_array()) {
    wrong_type(name, "字符串数组");
    return std::nullopt;
  }
  std::vector<std::string> out;
  for (const auto& e : *v) {
    if (!e.is_string()) {
      wrong_type(name, "字符串数组");
      return std::nullopt;
    }
    out.push_back(e.get<std::string>());
  }
  return out;
}

std::optional<std::vector<std::int64_t>> Fields::int_list(const char* name) {
  const json* v = get(name);
  if (!v) return std::nullopt;
  if (!v->is_array()) {
    wrong_type(name, "整数数组");
    return std::nullopt;
  }
  std::vector<std::int64_t> out;
  for (const auto& e : *v) {
    if (!e.is_number_integer()) {
      wrong_type(name, "整数数组");
      return std::nullopt;
    }
    out.push_back(e.get<std::int64_t>());
  }
  return out;
}

const json* Fields::object(const char* name) {
  const json* v = get(name);
  if (!v) return nullptr;
  if (!v->is_object()) {
    wrong_type(name, "对象");
    return nullptr;
  }
  return v;
}

std::string iso_time(Instant t) {
  using namespace std::chrono;
  const sys_seconds local{seconds{t + kShanghaiOffset}};
  const auto day = floor<days>(local);
  const year_month_day ymd{day};
  const hh_mm_ss hms{local - day};
  char buf[64];
  std::snprintf(buf, sizeof buf, "%04d-%02u-%02uT%02ld:%02ld:%02ld+08:00", int(ymd.year()),
                unsigned(ymd.month()), unsigned(ymd.day()), long(hms.hours().count()),
                long(hms.minutes().count()), long(hms.seconds().count()));
  return buf;
}

json iso_time_or_null(const std::optional<Instant>& t) {
  if (!t) return nullptr;
  return iso_time(*t);
}

std::optional<Instant> parse_time(std::string_view s) {
  if (s.size() == 10) {
    auto d = parse_date(s);
    if (!d) return std::nullopt;
    return start_of_local_day(*d);
  }
  // YYYY-MM-DDTHH:MM:SS then Z or ±HH:MM (fractions of a second are ignored).
  if (s.size() < 20 || s[10] != 'T') return std::nullopt;
  auto d = parse_date(s.substr(0, 10));
  if (!d) return std::nullopt;
  auto num = [&](std::size_t at) -> int {
    if (at + 2 > s.size() || s[at] < '0' || s[at] > '9' || s[at + 1] < '0' || s[at + 1] > '9')
      return -1;
    return (s[at] - '0') * 10 + (s[at + 1] - '0');
  };
  int hh = num(11), mm = num(14), ss = num(17);
  if (hh < 0 || hh > 23 || mm < 0 || mm > 59 || ss < 0 || ss > 60 || s[13] != ':' || s[16] != ':')
    return std::nullopt;
  std::size_t i = 19;
  if (i < s.size() && s[i] == '.') {
    ++i;
    while (i < s.size() && s[i] >= '0' && s[i] <= '9') ++i;
  }
  std::int64_t offset = 0;
  std::string_view tz = s.substr(i);
  if (tz == "Z") {
    offset = 0;
  } else if (tz.size() == 6 && (tz[0] == '+' || tz[0] == '-') && tz[3] == ':') {
    int oh = num(i + 1), om = num(i + 4);
    if (oh < 0 || oh > 14 || om < 0 || om > 59) return std::nullopt;
    offset = (oh * 3600 + om * 60) * (tz[0] == '-' ? -1 : 1);
  } else {
    return std::nullopt;
  }
  const std::int64_t day_secs = std::chrono::sys_seconds(*d).time_since_epoch().count();
  return day_secs + hh * 3600 + mm * 60 + ss - offset;
}

std::string dump(const json& j) {
  return j.dump(-1, ' ', false, json::error_handler_t::replace);
}

}  // namespace huiyin::http
