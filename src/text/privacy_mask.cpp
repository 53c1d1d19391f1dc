#include "text/privacy_mask.hpp"

#include <utf8proc.h>

#include <algorithm>
#include <cstdint>

#include "text/normalize.hpp"
#include "text/utf8.hpp"

namespace huiyin::text {
namespace {

// A zero-width or format character: invisible, so a number may hide it anywhere.
constexpr char32_t kIgnorable = 0x110000;

// One character of the input: its folded form and where it is written.
struct Unit {
  char32_t c;
  std::uint32_t b, e;
};

char32_t fold(char32_t c) {
  if (c < 0x80 || (c >= 0x4E00 && c <= 0x9FFF)) return c;
  if (c >= 0xFF01 && c <= 0xFF5E) return c - 0xFEE0;  // full-width ASCII forms
  // clang-format off
  switch (c) {
    case 0x00AD: case 0x180E: case 0x200B: case 0x200C: case 0x200D: case 0x2060: case 0xFEFF:
      return kIgnorable;
    case 0x00A0: case 0x3000:
      return ' ';
    case 0x2010: case 0x2011: case 0x2012: case 0x2013: case 0x2014: case 0x2015: case 0x2212:
    case 0xFE63:
      return '-';
    default:
      break;
  }
  // clang-format on
  if (c >= 0x3001 && c <= 0x303F) return c;  // CJK punctuation: nothing to fold
  utf8proc_int32_t out[4];
  int boundclass = 0;
  const auto n = utf8proc_decompose_char(static_cast<utf8proc_int32_t>(c), out, 4, UTF8PROC_COMPAT,
                                         &boundclass);
  return n == 1 ? static_cast<char32_t>(out[0]) : c;
}

bool continuation(unsigned char b) { return (b & 0xC0) == 0x80; }

std::vector<Unit> units_of(std::string_view t) {
  std::vector<Unit> u;
  u.reserve(t.size() / 2 + 1);
  std::size_t i = 0;
  while (i < t.size()) {
    const auto b0 = static_cast<unsigned char>(t[i]);
    char32_t c = 0xFFFD;
    std::size_t len = 1;
    if (b0 < 0x80) {
      c = b0;
    } else if ((b0 >> 5) == 0x6 && i + 1 < t.size() && continuation(t[i + 1])) {
      c = ((b0 & 0x1Fu) << 6) | (t[i + 1] & 0x3Fu);
      len = 2;
    } else if ((b0 >> 4) == 0xE && i + 2 < t.size() && continuation(t[i + 1]) &&
               continuation(t[i + 2])) {
      c = ((b0 & 0x0Fu) << 12) | ((t[i + 1] & 0x3Fu) << 6) | (t[i + 2] & 0x3Fu);
      len = 3;
    } else if ((b0 >> 3) == 0x1E && i + 3 < t.size() && continuation(t[i + 1]) &&
               continuation(t[i + 2]) && continuation(t[i + 3])) {
      c = ((b0 & 0x07u) << 18) | ((t[i + 1] & 0x3Fu) << 12) | ((t[i + 2] & 0x3Fu) << 6) |
          (t[i + 3] & 0x3Fu);
      len = 4;
    }
    if (c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF)) c = 0xFFFD;
    u.push_back({fold(c), static_cast<std::uint32_t>(i), static_cast<std::uint32_t>(i + len)});
    i += len;
  }
  return u;
}

// The value of a digit written in Arabic or Chinese numerals, or -1.
int digit_value(char32_t c) {
  if (c >= '0' && c <= '9') return static_cast<int>(c - '0');
  // clang-format off
  switch (c) {
    case U'〇': case U'零': return 0;
    case U'一': case U'幺': case U'壹': return 1;
    case U'二': case U'贰': case U'貳': return 2;
    case U'三': case U'叁': case U'參': return 3;
    case U'四': case U'肆': return 4;
    case U'五': case U'伍': return 5;
    case U'六': case U'陆': case U'陸': return 6;
    case U'七': case U'柒': return 7;
    case U'八': case U'捌': return 8;
    case U'九': case U'玖': return 9;
    default: return -1;
  }
  // clang-format on
}

bool is_ascii_digit(char32_t c) { return c >= '0' && c <= '9'; }
bool is_ascii_letter(char32_t c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool separator(char32_t c) { return c == ' ' || c == '-' || c == '.' || c == '/' || c == '_'; }
bool all_digits(std::string_view d) {
  return std::all_of(d.begin(), d.end(), [](char c) { return c >= '0' && c <= '9'; });
}
bool mobile_digits(std::string_view d) {
  return d.size() == 11 && d[0] == '1' && d[1] >= '3' && d[1] <= '9';
}

// A run of digits as written: the digits ('0'-'9', and a final 'X' of an ID number), the unit
// each came from, and the groups it falls into. A group starts after a separator (hard) or
// where the digits switch between Arabic and Chinese numerals (soft).
struct Run {
  std::string digits;
  std::vector<std::size_t> unit;
  std::vector<std::size_t> group_start;  // index into digits
  std::vector<bool> hard;                // per group: starts after a separator
};

struct Finding {
  PersonalDataSpan span;
  std::string mask;
};

struct Candidate {
  PersonalDataKind kind;
  std::size_t prefix = 0;  // leading digits shown (country code, area code)
};

// Is digits[from, to) of `run` personal data? `g0` and `g1` are the groups it spans.
bool classify(const Run& run, std::size_t g0, std::size_t g1, Candidate& out) {
  const std::size_t from = run.group_start[g0];
  const std::size_t to =
      g1 + 1 < run.group_start.size() ? run.group_start[g1 + 1] : run.digits.size();
  const std::string_view d = std::string_view(run.digits).substr(from, to - from);
  if (d.size() == 18 && valid_id_card_number(d)) return out = {PersonalDataKind::id_card, 0}, true;
  if (!all_digits(d)) return false;
  if (mobile_digits(d)) return out = {PersonalDataKind::mobile, 0}, true;
  if (d.size() == 13 && d.substr(0, 2) == "86" && mobile_digits(d.substr(2)))
    return out = {PersonalDataKind::mobile, 2}, true;
  if (d.size() == 15 && d.substr(0, 4) == "0086" && mobile_digits(d.substr(4)))
    return out = {PersonalDataKind::mobile, 4}, true;
  if (d.size() == 15 && plausible_old_id_card_number(d))
    return out = {PersonalDataKind::id_card, 0}, true;
  // Card numbers start 3 (JCB, Amex), 4 (Visa), 5 (Mastercard), 6 (UnionPay 62) or 9 (domestic
  // cards); years and room numbers start 1 or 2.
  const bool card_start = d[0] == '3' || d[0] == '4' || d[0] == '5' || d[0] == '6' || d[0] == '9';
  if (d.size() >= 16 && d.size() <= 19 && card_start && luhn_valid(d)) {
    // Split cards are written in groups of four.
    bool grouped = true;
    for (std::size_t g = g0 + 1; g <= g1; ++g)
      if (run.hard[g] && run.group_start[g] - run.group_start[g - 1] != 4) grouped = false;
    if (grouped) return out = {PersonalDataKind::bank_card, 0}, true;
  }
  // +86 731 2888 6666, 0086-10-88886666, +86 0731 28886666: a country code written apart, then
  // the area code (its 0 may be left out) and the local number.
  for (std::string_view cc : {std::string_view("0086"), std::string_view("86")}) {
    if (d.substr(0, cc.size()) != cc || d.size() < cc.size() + 9) continue;
    std::size_t g = g0 + 1;
    while (g <= g1 && run.group_start[g] < from + cc.size()) ++g;
    if (g > g1 || !run.hard[g] || run.group_start[g] != from + cc.size()) continue;
    const std::size_t zero = d[cc.size()] == '0' ? 1 : 0;
    const std::string_view r = d.substr(cc.size() + zero);
    if (r.empty() || r[0] == '0') continue;
    std::size_t area = (r[0] == '2' || r.substr(0, 2) == "10") ? 2 : 3;
    if (g + 1 <= g1 && run.hard[g + 1]) area = run.group_start[g + 1] - run.group_start[g] - zero;
    if (area < 2 || area > 3 || r.size() < area + 7 || r.size() > area + 8 || r[area] < '2')
      continue;
    return out = {PersonalDataKind::landline, cc.size() + zero + area}, true;
  }
  // Landline: 0 + area code (010, 02x: 3 digits; else 4) + a 7-8 digit number not starting 0/1.
  if (d.size() < 10 || d.size() > 12 || d[0] != '0' || d[1] == '0') return false;
  std::size_t first_hard = to;
  for (std::size_t g = g0 + 1; g <= g1; ++g)
    if (run.hard[g]) {
      first_hard = run.group_start[g];
      break;
    }
  std::size_t hard_groups = 1;
  for (std::size_t g = g0 + 1; g <= g1; ++g) hard_groups += run.hard[g];
  std::size_t area;
  if (first_hard == to) {
    area = (d[1] == '2' || (d[1] == '1' && d[2] == '0')) ? 3 : 4;
  } else {
    area = first_hard - from;
    if ((area != 3 && area != 4) || hard_groups > 3) return false;
  }
  const std::size_t local = d.size() - area;
  if (local < 7 || local > 8 || d[area] < '2') return false;
  return out = {PersonalDataKind::landline, area}, true;
}

std::string mask_pattern(PersonalDataKind kind, std::size_t n, std::size_t prefix) {
  std::string keep(n, '*');
  auto show = [&](std::size_t from, std::size_t count) {
    for (std::size_t i = from; i < from + count && i < n; ++i) keep[i] = '=';
  };
  switch (kind) {
    case PersonalDataKind::mobile:
      show(0, prefix + 3);
      show(n - 4, 4);
      break;
    case PersonalDataKind::landline:
      show(0, prefix);
      show(n - 4, 4);
      break;
    case PersonalDataKind::id_card:
      show(0, 3);
      show(n - 4, 4);
      break;
    case PersonalDataKind::bank_card:
      show(n - 4, 4);
      break;
    case PersonalDataKind::plate:
    case PersonalDataKind::name:
      break;
  }
  return keep;
}

void emit(std::string_view t, const std::vector<Unit>& u, const Run& run, std::size_t g0,
          std::size_t g1, const Candidate& c, std::vector<Finding>& found) {
  const std::size_t from = run.group_start[g0];
  const std::size_t to =
      g1 + 1 < run.group_start.size() ? run.group_start[g1 + 1] : run.digits.size();
  const std::string pat = mask_pattern(c.kind, to - from, c.prefix);
  const std::size_t first = run.unit[from], last = run.unit[to - 1];
  Finding f{{c.kind, u[first].b, u[last].e}, {}};
  std::size_t k = from;
  for (std::size_t i = first; i <= last; ++i) {
    if (k < to && run.unit[k] == i) {
      if (pat[k - from] == '*')
        f.mask += '*';
      else if (u[i].e - u[i].b == 1)
        f.mask += t[u[i].b];  // an ASCII digit or X, as written
      else
        f.mask += run.digits[k];
      ++k;
    } else if (u[i].c != kIgnorable) {
      f.mask.append(t.substr(u[i].b, u[i].e - u[i].b));
    }
  }
  found.push_back(std::move(f));
}

// Try every stretch of groups of a run, longest first from each start.
void classify_run(std::string_view t, const std::vector<Unit>& u, const Run& run,
                  std::vector<Finding>& found) {
  const std::size_t n = run.group_start.size();
  std::size_t g0 = 0;
  while (g0 < n) {
    bool matched = false;
    // Each group holds a digit at least, so no finding (19 digits at most) spans more than 19.
    for (std::size_t g1 = std::min(n, g0 + 19); g1-- > g0;) {
      const std::size_t to = g1 + 1 < n ? run.group_start[g1 + 1] : run.digits.size();
      const std::size_t len = to - run.group_start[g0];
      if (len > 19) continue;
      if (len < 10) break;
      Candidate c;
      if (classify(run, g0, g1, c)) {
        emit(t, u, run, g0, g1, c, found);
        g0 = g1 + 1;
        matched = true;
        break;
      }
    }
    if (!matched) ++g0;
  }
}

// digits[a, b) of `run` as a run of its own.
Run subrun(const Run& run, std::size_t a, std::size_t b) {
  Run r;
  r.digits = run.digits.substr(a, b - a);
  r.unit.assign(run.unit.begin() + static_cast<std::ptrdiff_t>(a),
                run.unit.begin() + static_cast<std::ptrdiff_t>(b));
  for (std::size_t g = 0; g < run.group_start.size(); ++g) {
    const std::size_t s = run.group_start[g];
    const std::size_t e =
        g + 1 < run.group_start.size() ? run.group_start[g + 1] : run.digits.size();
    if (e <= a || s >= b) continue;
    r.group_start.push_back(std::max(s, a) - a);
    r.hard.push_back(r.group_start.size() == 1 || run.hard[g]);
  }
  return r;
}

// Chinese numerals also start and end ordinary words (一直, 一下, 三楼): when a run found nothing
// and begins or ends with them, try it again without one or two of them at either end
// (电话一三八一二三四五六七八一直没人接).
void classify_trimmed(std::string_view t, const std::vector<Unit>& u, const Run& run,
                      std::vector<Finding>& found) {
  const std::size_t n = run.digits.size();
  auto chinese = [&](std::size_t k) { return u[run.unit[k]].c >= 0x80; };
  std::size_t lead = 0, trail = 0;
  while (lead < 2 && lead < n && chinese(lead)) ++lead;
  while (trail < 2 && trail < n && chinese(n - 1 - trail) && run.digits[n - 1 - trail] != 'X')
    ++trail;
  for (std::size_t a = 0; a <= lead; ++a)
    for (std::size_t b = 0; b <= trail; ++b) {
      if ((a == 0 && b == 0) || a + b + 10 > n) continue;
      const std::size_t before = found.size();
      classify_run(t, u, subrun(run, a, n - b), found);
      if (found.size() > before) return;
    }
}

// Letters right before a number are fine (tel13812345678) unless they end a code that holds
// digits itself (A1B13812345678).
bool glued_to_code(const std::vector<Unit>& u, std::size_t i) {
  std::size_t k = i;
  while (k > 0 && (is_ascii_letter(u[k - 1].c) || u[k - 1].c == kIgnorable)) --k;
  return k < i && k > 0 && is_ascii_digit(u[k - 1].c);
}

void scan_digits(std::string_view t, const std::vector<Unit>& u, std::vector<Finding>& found) {
  Run run;  // reused: most runs are a lone 一 or a short count
  std::size_t i = 0;
  while (i < u.size()) {
    if (digit_value(u[i].c) < 0) {
      ++i;
      continue;
    }
    run.digits.clear();
    run.unit.clear();
    run.group_start.clear();
    run.hard.clear();
    std::size_t j = i;
    bool pending_hard = true;  // the first group
    bool prev_chinese = false;
    std::size_t seps = 0;
    while (j < u.size()) {
      const char32_t c = u[j].c;
      const int v = digit_value(c);
      if (v >= 0) {
        const bool chinese = c >= 0x80;
        if (run.digits.empty() || pending_hard || chinese != prev_chinese) {
          run.group_start.push_back(run.digits.size());
          run.hard.push_back(pending_hard);
        }
        pending_hard = false;
        prev_chinese = chinese;
        seps = 0;
        run.digits.push_back(static_cast<char>('0' + v));
        run.unit.push_back(j);
        ++j;
      } else if (c == kIgnorable) {
        ++j;
      } else if ((separator(c) && seps < 3) ||
                 (c == ')' && seps == 0 && run.group_start.size() == 1 && run.digits[0] == '0' &&
                  (run.digits.size() == 3 || run.digits.size() == 4) && i > 0 &&
                  u[i - 1].c == '(')) {
        ++seps;
        pending_hard = true;
        ++j;
      } else {
        break;
      }
    }
    const std::size_t last = run.unit.back();
    // An ID number's final X, right after the last digit.
    if (last + 1 < u.size() && (u[last + 1].c == 'X' || u[last + 1].c == 'x') &&
        (last + 2 >= u.size() ||
         !(is_ascii_letter(u[last + 2].c) || is_ascii_digit(u[last + 2].c)))) {
      run.group_start.push_back(run.digits.size());
      run.hard.push_back(false);
      run.digits.push_back('X');
      run.unit.push_back(last + 1);
    }
    if (run.digits.size() >= 10 && !glued_to_code(u, i)) {
      const std::size_t before = found.size();
      classify_run(t, u, run, found);
      if (found.size() == before) classify_trimmed(t, u, run, found);
    }
    i = run.unit.back() + 1;
  }
}

constexpr std::u32string_view kProvinces =
    U"京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼";

bool plate_char(char32_t c) {
  return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z' && c != 'I' && c != 'O');
}

void scan_plates(std::string_view t, const std::vector<Unit>& u, std::vector<Finding>& found) {
  auto at = [&](std::size_t k) { return k < u.size() ? u[k].c : char32_t{0}; };
  auto text_of = [&](std::size_t k) { return t.substr(u[k].b, u[k].e - u[k].b); };
  for (std::size_t k = 0; k + 2 < u.size(); ++k) {
    if (u[k].c < 0x80 || kProvinces.find(u[k].c) == std::u32string_view::npos) continue;
    const char32_t letter = u[k + 1].c;
    if (!(letter >= 'A' && letter <= 'Z')) continue;
    std::size_t m = k + 2;
    if (at(m) == U'·' || at(m) == ' ') ++m;
    std::size_t n = 0;
    bool has_digit = false;
    while (m + n < u.size() && plate_char(u[m + n].c)) {
      has_digit = has_digit || is_ascii_digit(u[m + n].c);
      ++n;
    }
    if ((n != 5 && n != 6) || !has_digit) continue;
    Finding f{{PersonalDataKind::plate, u[k].b, u[m + n - 1].e}, {}};
    f.mask.append(text_of(k));
    f.mask += static_cast<char>(letter);
    f.mask.append(n - 1, '*');
    f.mask += static_cast<char>(u[m + n - 1].c);
    found.push_back(std::move(f));
    k = m + n - 1;
  }
}

// The text's characters for matching names: folded, and Simplified where the text is written in
// Traditional (歐陽娜娜 matches 欧阳娜娜) as long as the conversion keeps one character per
// character.
std::u32string name_keys(std::string_view t, const std::vector<Unit>& u) {
  std::u32string keys(u.size(), 0);
  for (std::size_t i = 0; i < u.size(); ++i) keys[i] = u[i].c;
  if (has_traditional(t)) {
    const std::u32string simp = decode_utf8(to_simplified(t));
    if (simp.size() == u.size())
      for (std::size_t i = 0; i < u.size(); ++i)
        if (is_cjk(u[i].c)) keys[i] = simp[i];
  }
  return keys;
}

// Each name as written anywhere (folded like the text; zero-width characters, and spaces between
// Chinese characters, skipped): its first character stays, the rest become '*' (欧阳娜娜 → 欧***).
void scan_names(std::string_view t, const std::vector<Unit>& u,
                const std::vector<std::string>& names, std::vector<Finding>& found) {
  std::u32string keys;
  for (const std::string& name : names) {
    std::u32string want;
    for (const Unit& x : units_of(to_simplified(name)))
      if (x.c != kIgnorable) want.push_back(x.c);
    while (!want.empty() && want.back() == ' ') want.pop_back();
    while (!want.empty() && want.front() == ' ') want.erase(want.begin());
    if (want.size() < 2) continue;
    if (keys.empty()) keys = name_keys(t, u);
    for (std::size_t s = 0; s < u.size(); ++s) {
      if (keys[s] != want[0]) continue;
      std::size_t k = s + 1, m = 1;
      while (m < want.size() && k < u.size()) {
        if (keys[k] == kIgnorable || (keys[k] == ' ' && is_cjk(want[m]) && is_cjk(want[m - 1]))) {
          ++k;
        } else if (keys[k] == want[m]) {
          ++k;
          ++m;
        } else {
          break;
        }
      }
      if (m < want.size()) continue;
      Finding f{{PersonalDataKind::name, u[s].b, u[k - 1].e}, {}};
      f.mask.append(t.substr(u[s].b, u[s].e - u[s].b));
      f.mask.append(want.size() - 1, '*');
      found.push_back(std::move(f));
      s = k - 1;
    }
  }
}

// All findings, sorted by start, without overlaps (the earlier, then the longer one wins).
std::vector<Finding> collect(std::string_view text, const std::vector<std::string>* names) {
  std::vector<Finding> found;
  const std::vector<Unit> u = units_of(text);
  scan_digits(text, u, found);
  scan_plates(text, u, found);
  if (names) scan_names(text, u, *names, found);
  std::sort(found.begin(), found.end(), [](const Finding& a, const Finding& b) {
    return a.span.begin != b.span.begin ? a.span.begin < b.span.begin : a.span.end > b.span.end;
  });
  std::vector<Finding> out;
  out.reserve(found.size());
  for (auto& f : found)
    if (out.empty() || f.span.begin >= out.back().span.end) out.push_back(std::move(f));
  return out;
}

std::vector<PersonalDataSpan> spans(std::vector<Finding> found) {
  std::vector<PersonalDataSpan> out;
  out.reserve(found.size());
  for (const auto& f : found) out.push_back(f.span);
  return out;
}

std::string apply(std::string_view text, const std::vector<Finding>& found) {
  if (found.empty()) return std::string(text);
  std::string out;
  out.reserve(text.size());
  std::size_t pos = 0;
  for (const auto& f : found) {
    out.append(text.substr(pos, f.span.begin - pos));
    out += f.mask;
    pos = f.span.end;
  }
  out.append(text.substr(pos));
  return out;
}

}  // namespace

bool valid_id_card_number(std::string_view d) {
  static const int kWeights[17] = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
  static const char kCheck[] = "10X98765432";
  if (d.size() != 18) return false;
  int sum = 0;
  for (int i = 0; i < 17; ++i) {
    if (d[i] < '0' || d[i] > '9') return false;
    sum += (d[i] - '0') * kWeights[i];
  }
  const char last = d[17] == 'x' ? 'X' : d[17];
  if (last != kCheck[sum % 11]) return false;
  const int month = (d[10] - '0') * 10 + (d[11] - '0');
  const int day = (d[12] - '0') * 10 + (d[13] - '0');
  return month >= 1 && month <= 12 && day >= 1 && day <= 31;
}

bool plausible_old_id_card_number(std::string_view d) {
  if (d.size() != 15 || !all_digits(d)) return false;
  const int province = (d[0] - '0') * 10 + (d[1] - '0');
  static const int kProvinceCodes[] = {11, 12, 13, 14, 15, 21, 22, 23, 31, 32, 33, 34,
                                       35, 36, 37, 41, 42, 43, 44, 45, 46, 50, 51, 52,
                                       53, 54, 61, 62, 63, 64, 65, 71, 81, 82};
  if (std::find(std::begin(kProvinceCodes), std::end(kProvinceCodes), province) ==
      std::end(kProvinceCodes))
    return false;
  const int month = (d[8] - '0') * 10 + (d[9] - '0');
  const int day = (d[10] - '0') * 10 + (d[11] - '0');
  return month >= 1 && month <= 12 && day >= 1 && day <= 31;
}

bool luhn_valid(std::string_view d) {
  if (d.empty()) return false;
  int sum = 0;
  bool dbl = false;
  for (auto it = d.rbegin(); it != d.rend(); ++it) {
    if (*it < '0' || *it > '9') return false;
    int v = *it - '0';
    if (dbl) v = v * 2 > 9 ? v * 2 - 9 : v * 2;
    sum += v;
    dbl = !dbl;
  }
  return sum % 10 == 0;
}

std::vector<PersonalDataSpan> find_personal_data(std::string_view text) {
  return spans(collect(text, nullptr));
}

std::vector<PersonalDataSpan> find_personal_data(std::string_view text,
                                                 const std::vector<std::string>& names) {
  return spans(collect(text, &names));
}

std::string mask_personal_data(std::string_view text) {
  return apply(text, collect(text, nullptr));
}

std::string mask_personal_data(std::string_view text, const std::vector<std::string>& names) {
  return apply(text, collect(text, &names));
}

bool contains_personal_data(std::string_view text) { return !collect(text, nullptr).empty(); }

bool contains_personal_data(std::string_view text, const std::vector<std::string>& names) {
  return !collect(text, &names).empty();
}

}  // namespace huiyin::text
