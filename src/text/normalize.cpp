#include "text/normalize.hpp"

#include <opencc/SimpleConverter.hpp>
#include <utf8proc.h>

#include <cstdlib>
#include <memory>
#include <mutex>
#include <vector>

#include "text/utf8.hpp"

namespace huiyin::text {
namespace {

constexpr char32_t kMaxMarked = 0x30000;

// The OpenCC converter plus a bitmap of every character that t2s changes on its own, built
// once by converting each CJK code point; texts without such a character skip OpenCC.
class T2s {
 public:
  static T2s& instance() {
    static T2s t;
    return t;
  }

  bool available() const { return converter_ != nullptr; }
  bool marked(char32_t c) const { return c < kMaxMarked && changed_[c]; }

  std::string convert(std::string_view s) {
    if (!converter_) return std::string(s);
    std::lock_guard<std::mutex> lock(mu_);
    return converter_->Convert(s.data(), s.size());
  }

 private:
  T2s() : changed_(kMaxMarked, false) {
    try {
      converter_ = std::make_unique<opencc::SimpleConverter>("t2s.json");
    } catch (...) {
      converter_.reset();
      return;
    }
    std::string all;
    std::vector<char32_t> cps;
    auto add_range = [&](char32_t lo, char32_t hi) {
      for (char32_t c = lo; c <= hi; ++c) {
        cps.push_back(c);
        append_utf8(all, c);
        all.push_back('\n');
      }
    };
    add_range(0x3400, 0x4DBF);
    add_range(0x4E00, 0x9FFF);
    add_range(0xF900, 0xFAFF);
    const std::string out = converter_->Convert(all);
    std::size_t start = 0, line = 0;
    for (std::size_t i = 0; i <= out.size() && line < cps.size(); ++i) {
      if (i == out.size() || out[i] == '\n') {
        const std::u32string got = decode_utf8(std::string_view(out).substr(start, i - start));
        if (got.size() != 1 || got[0] != cps[line]) changed_[cps[line]] = true;
        ++line;
        start = i + 1;
      }
    }
  }

  std::unique_ptr<opencc::SimpleConverter> converter_;
  std::vector<bool> changed_;
  std::mutex mu_;
};

std::string nfkc_casefold(std::string_view text) {
  utf8proc_uint8_t* out = nullptr;
  const auto opts = static_cast<utf8proc_option_t>(UTF8PROC_STABLE | UTF8PROC_COMPOSE |
                                                   UTF8PROC_COMPAT | UTF8PROC_CASEFOLD |
                                                   UTF8PROC_IGNORE);
  utf8proc_ssize_t n = utf8proc_map(reinterpret_cast<const utf8proc_uint8_t*>(text.data()),
                                    static_cast<utf8proc_ssize_t>(text.size()), &out, opts);
  if (n < 0) {
    // Invalid UTF-8: repair with U+FFFD first, then map again.
    const std::string repaired = encode_utf8(decode_utf8(text));
    n = utf8proc_map(reinterpret_cast<const utf8proc_uint8_t*>(repaired.data()),
                     static_cast<utf8proc_ssize_t>(repaired.size()), &out, opts);
    if (n < 0) return repaired;
  }
  std::string result(reinterpret_cast<char*>(out), static_cast<std::size_t>(n));
  std::free(out);
  return result;
}

bool is_word_char(char32_t c) {
  if (c < 0x80) return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
  switch (utf8proc_category(static_cast<utf8proc_int32_t>(c))) {
    case UTF8PROC_CATEGORY_LU:
    case UTF8PROC_CATEGORY_LL:
    case UTF8PROC_CATEGORY_LT:
    case UTF8PROC_CATEGORY_LM:
    case UTF8PROC_CATEGORY_LO:
    case UTF8PROC_CATEGORY_ND:
    case UTF8PROC_CATEGORY_NL:
    case UTF8PROC_CATEGORY_NO:
    case UTF8PROC_CATEGORY_MN:
    case UTF8PROC_CATEGORY_MC:
      return true;
    default:
      return false;
  }
}

// The common case, checked first: text made only of ASCII, CJK unified ideographs (which have no
// compatibility decomposition), full-width ASCII forms (NFKC maps them by a fixed offset) and
// the usual CJK/general punctuation (which folds to a space whatever NFKC makes of it). For such
// text NFKC + case folding is done here without utf8proc, with the same result.
bool fast_nfkc_casefold(std::u32string& cps) {
  for (char32_t& c : cps) {
    if (c < 0x80) {
      if (c >= 'A' && c <= 'Z') c += 'a' - 'A';
    } else if (c >= 0x4E00 && c <= 0x9FFF) {
    } else if (c >= 0xFF01 && c <= 0xFF5E) {
      c -= 0xFEE0;
      if (c >= 'A' && c <= 'Z') c += 'a' - 'A';
    } else if ((c >= 0x3000 && c <= 0x3004) || (c >= 0x3008 && c <= 0x3011) ||
               (c >= 0x3014 && c <= 0x301F) || (c >= 0x2010 && c <= 0x2016) ||
               (c >= 0x2018 && c <= 0x2027) || c == 0x00B7) {
      c = U' ';  // punctuation or space: folded below either way
    } else {
      return false;
    }
  }
  return true;
}

}  // namespace

bool traditional_conversion_available() { return T2s::instance().available(); }

bool has_traditional(std::string_view text) {
  T2s& t = T2s::instance();
  for (char32_t c : decode_utf8(text))
    if (t.marked(c)) return true;
  return false;
}

std::string to_simplified(std::string_view text) {
  if (!has_traditional(text)) return std::string(text);
  return T2s::instance().convert(text);
}

std::string normalize_for_index(std::string_view text) {
  T2s& t2s = T2s::instance();
  std::u32string cps = decode_utf8(text);
  if (!fast_nfkc_casefold(cps)) cps = decode_utf8(nfkc_casefold(text));
  for (char32_t c : cps) {
    if (t2s.marked(c)) {
      cps = decode_utf8(t2s.convert(encode_utf8(cps)));
      break;
    }
  }
  std::string out;
  out.reserve(cps.size() * 3);
  bool pending_space = false;
  for (char32_t c : cps) {
    if ((c >= 0x4E00 && c <= 0x9FFF) || is_word_char(c)) {
      if (pending_space && !out.empty()) out.push_back(' ');
      pending_space = false;
      append_utf8(out, c);
    } else {
      pending_space = true;
    }
  }
  return out;
}

}  // namespace huiyin::text
