#include "text/privacy_mask.hpp"

#include <algorithm>
#include <cstring>

#include "text/utf8.hpp"

namespace huiyin::text {
namespace {

bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_ascii_alnum(char c) {
  return is_digit(c) || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

// A run of digits, possibly in groups split by single spaces or hyphens.
struct DigitRun {
  std::size_t begin = 0, end = 0;
  std::string digits;                 // digits only (and a final X for ID cards)
  std::vector<std::size_t> offsets;   // byte offset of each entry of `digits`
  std::vector<std::size_t> group_starts;  // index into digits where each group starts
};

bool mobile_digits(std::string_view d) {
  return d.size() == 11 && d[0] == '1' && d[1] >= '3' && d[1] <= '9';
}

// Which digits of `d` to keep visible for a kind; the rest become '*'.
std::string mask_pattern(PersonalDataKind kind, std::size_t n, std::size_t prefix_skip) {
  std::string keep(n, '*');
  auto show = [&](std::size_t from, std::size_t count) {
    for (std::size_t i = from; i < from + count && i < n; ++i) keep[i] = '=';
  };
  switch (kind) {
    case PersonalDataKind::mobile:
      show(0, prefix_skip + 3);
      show(n - 4, 4);
      break;
    case PersonalDataKind::landline:
      show(0, prefix_skip);  // the area code
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
      break;
  }
  return keep;
}

bool classify(std::string_view d, const std::vector<std::size_t>& groups, PersonalDataKind& kind,
              std::size_t& prefix) {
  prefix = 0;
  if (mobile_digits(d)) return kind = PersonalDataKind::mobile, true;
  if (d.size() == 13 && d.substr(0, 2) == "86" && mobile_digits(d.substr(2)))
    return kind = PersonalDataKind::mobile, prefix = 2, true;
  if (d.size() == 18 && valid_id_card_number(d)) return kind = PersonalDataKind::id_card, true;
  if (d.size() >= 16 && d.size() <= 19 && d.back() != 'X' && luhn_valid(d))
    return kind = PersonalDataKind::bank_card, true;
  if (groups.size() == 2 && d[0] == '0' && (groups[1] == 3 || groups[1] == 4) &&
      (d.size() - groups[1] == 7 || d.size() - groups[1] == 8))
    return kind = PersonalDataKind::landline, prefix = groups[1], true;
  return false;
}

void scan_digits(std::string_view t, std::vector<PersonalDataSpan>& found,
                 std::vector<std::string>& masks) {
  std::size_t i = 0;
  while (i < t.size()) {
    if (!is_digit(t[i])) {
      ++i;
      continue;
    }
    if (i > 0 && is_ascii_alnum(t[i - 1])) {
      while (i < t.size() && is_ascii_alnum(t[i])) ++i;
      continue;
    }
    DigitRun run;
    run.begin = i;
    run.group_starts.push_back(0);
    std::size_t j = i;
    while (j < t.size()) {
      if (is_digit(t[j])) {
        run.digits.push_back(t[j]);
        run.offsets.push_back(j);
        ++j;
      } else if ((t[j] == ' ' || t[j] == '-') && j + 1 < t.size() && is_digit(t[j + 1])) {
        run.group_starts.push_back(run.digits.size());
        ++j;
      } else {
        break;
      }
    }
    if (j < t.size() && (t[j] == 'X' || t[j] == 'x') && run.digits.size() == 17 &&
        run.group_starts.size() == 1) {
      run.digits.push_back('X');
      run.offsets.push_back(j);
      ++j;
    }
    run.end = j;
    const bool glued_after = j < t.size() && is_ascii_alnum(t[j]);
    PersonalDataKind kind;
    std::size_t prefix;
    bool matched = !glued_after && classify(run.digits, run.group_starts, kind, prefix);
    if (matched) {
      found.push_back({kind, run.begin, run.end});
      const std::string pat = mask_pattern(kind, run.digits.size(), prefix);
      std::string masked(t.substr(run.begin, run.end - run.begin));
      for (std::size_t k = 0; k < pat.size(); ++k)
        if (pat[k] == '*') masked[run.offsets[k] - run.begin] = '*';
      masks.push_back(std::move(masked));
    } else if (run.group_starts.size() > 1) {
      // Try each group alone (a phone number followed by other figures, say).
      for (std::size_t g = 0; g < run.group_starts.size(); ++g) {
        const std::size_t a = run.group_starts[g];
        const std::size_t b = g + 1 < run.group_starts.size() ? run.group_starts[g + 1] : run.digits.size();
        const std::string_view d = std::string_view(run.digits).substr(a, b - a);
        const bool glued = g + 1 == run.group_starts.size() && glued_after;
        if (!glued && classify(d, {0}, kind, prefix)) {
          const std::size_t from = run.offsets[a], to = run.offsets[b - 1] + 1;
          found.push_back({kind, from, to});
          const std::string pat = mask_pattern(kind, d.size(), prefix);
          std::string masked(t.substr(from, to - from));
          for (std::size_t k = 0; k < pat.size(); ++k)
            if (pat[k] == '*') masked[k] = '*';
          masks.push_back(std::move(masked));
        }
      }
    }
    i = j;
  }
}

constexpr std::u32string_view kProvinces =
    U"京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼";

bool plate_char(char32_t c) {
  return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z' && c != 'I' && c != 'O');
}

void scan_plates(std::string_view t, std::vector<PersonalDataSpan>& found,
                 std::vector<std::string>& masks) {
  // Walk code points with their byte offsets.
  std::size_t i = 0;
  std::vector<std::pair<char32_t, std::size_t>> cps;
  const std::u32string dec = decode_utf8(t);
  for (char32_t c : dec) {
    cps.push_back({c, i});
    std::string tmp;
    append_utf8(tmp, c);
    i += tmp.size();
  }
  cps.push_back({0, t.size()});
  for (std::size_t k = 0; k + 2 < cps.size(); ++k) {
    if (kProvinces.find(cps[k].first) == std::u32string_view::npos) continue;
    const char32_t letter = cps[k + 1].first;
    if (!(letter >= 'A' && letter <= 'Z')) continue;
    std::size_t m = k + 2;
    if (cps[m].first == U'·' || cps[m].first == ' ') ++m;
    std::size_t n = 0;
    bool has_digit = false;
    while (m + n + 1 < cps.size() && plate_char(cps[m + n].first)) {
      has_digit = has_digit || (cps[m + n].first >= '0' && cps[m + n].first <= '9');
      ++n;
    }
    if ((n != 5 && n != 6) || !has_digit) continue;
    const std::size_t from = cps[k].second, to = cps[m + n].second;
    found.push_back({PersonalDataKind::plate, from, to});
    std::string masked;
    append_utf8(masked, cps[k].first);
    append_utf8(masked, letter);
    masked.append(n - 1, '*');
    append_utf8(masked, cps[m + n - 1].first);
    masks.push_back(std::move(masked));
    k = m + n - 1;
  }
}

void collect(std::string_view text, std::vector<PersonalDataSpan>& found,
             std::vector<std::string>& masks) {
  scan_digits(text, found, masks);
  scan_plates(text, found, masks);
}

}  // namespace

bool valid_id_card_number(std::string_view d) {
  static const int kWeights[17] = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
  static const char kCheck[] = "10X98765432";
  if (d.size() != 18) return false;
  int sum = 0;
  for (int i = 0; i < 17; ++i) {
    if (!is_digit(d[i])) return false;
    sum += (d[i] - '0') * kWeights[i];
  }
  const char last = d[17] == 'x' ? 'X' : d[17];
  if (last != kCheck[sum % 11]) return false;
  const int month = (d[10] - '0') * 10 + (d[11] - '0');
  const int day = (d[12] - '0') * 10 + (d[13] - '0');
  return month >= 1 && month <= 12 && day >= 1 && day <= 31;
}

bool luhn_valid(std::string_view d) {
  if (d.empty()) return false;
  int sum = 0;
  bool dbl = false;
  for (auto it = d.rbegin(); it != d.rend(); ++it) {
    if (!is_digit(*it)) return false;
    int v = *it - '0';
    if (dbl) v = v * 2 > 9 ? v * 2 - 9 : v * 2;
    sum += v;
    dbl = !dbl;
  }
  return sum % 10 == 0;
}

std::vector<PersonalDataSpan> find_personal_data(std::string_view text) {
  std::vector<PersonalDataSpan> found;
  std::vector<std::string> masks;
  collect(text, found, masks);
  std::sort(found.begin(), found.end(),
            [](const auto& a, const auto& b) { return a.begin < b.begin; });
  return found;
}

std::string mask_personal_data(std::string_view text) {
  std::vector<PersonalDataSpan> found;
  std::vector<std::string> masks;
  collect(text, found, masks);
  std::vector<std::size_t> order(found.size());
  for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::sort(order.begin(), order.end(),
            [&](std::size_t a, std::size_t b) { return found[a].begin < found[b].begin; });
  std::string out;
  out.reserve(text.size());
  std::size_t pos = 0;
  for (std::size_t idx : order) {
    if (found[idx].begin < pos) continue;  // overlapping finding: the first one wins
    out.append(text.substr(pos, found[idx].begin - pos));
    out += masks[idx];
    pos = found[idx].end;
  }
  out.append(text.substr(pos));
  return out;
}

}  // namespace huiyin::text
