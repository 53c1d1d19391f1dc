#include "text/features.hpp"

#include <algorithm>
#include <cmath>
#include <cstring>

#include "text/normalize.hpp"
#include "text/utf8.hpp"

namespace huiyin::text {
namespace {

std::uint64_t mix(std::uint64_t h) {
  h ^= h >> 33;
  h *= 0xff51afd7ed558ccdULL;
  h ^= h >> 33;
  h *= 0xc4ceb9fe1a85ec53ULL;
  h ^= h >> 33;
  return h;
}

// Appends hashed n-grams of normalised text; n-grams stay inside runs (no space in them).
void add_ngrams(const std::u32string& s, int max_n, std::uint64_t seed, std::uint32_t mask,
                std::vector<std::uint32_t>& out) {
  const std::size_t len = s.size();
  for (std::size_t i = 0; i < len; ++i) {
    if (s[i] == U' ') continue;
    std::uint64_t h = seed;
    for (int n = 1; n <= max_n && i + n <= len; ++n) {
      const char32_t c = s[i + n - 1];
      if (c == U' ') break;
      h = (h ^ c) * 0x100000001b3ULL;
      out.push_back(static_cast<std::uint32_t>(mix(h + n)) & mask);
    }
  }
}

std::u32string prepared(std::string_view raw) {
  std::u32string s = decode_utf8(normalize_for_index(raw));
  for (char32_t& c : s)
    if (c >= '1' && c <= '9') c = '0';
  return s;
}

// LSD radix sort, 8 bits a pass: hashed indices are below 2^24, and ~1,000 of them per text
// sort several times faster this way than with std::sort.
void radix_sort(std::vector<std::uint32_t>& v) {
  std::vector<std::uint32_t> tmp(v.size());
  for (int shift = 0; shift < 24; shift += 8) {
    std::size_t count[257] = {};
    for (std::uint32_t x : v) ++count[((x >> shift) & 255) + 1];
    for (int b = 0; b < 256; ++b) count[b + 1] += count[b];
    for (std::uint32_t x : v) tmp[count[(x >> shift) & 255]++] = x;
    v.swap(tmp);
  }
}

SparseVector to_counts(std::vector<std::uint32_t>& idx) {
  radix_sort(idx);
  SparseVector v;
  v.reserve(idx.size());
  for (std::size_t i = 0; i < idx.size();) {
    std::size_t j = i;
    while (j < idx.size() && idx[j] == idx[i]) ++j;
    v.push_back({idx[i], static_cast<float>(j - i)});
    i = j;
  }
  return v;
}

}  // namespace

SparseVector Vectorizer::counts(std::string_view title, std::string_view content) const {
  const std::uint32_t mask = dimension() - 1;
  const std::u32string t = prepared(title);
  const std::u32string c = prepared(content);
  std::vector<std::uint32_t> body, head;
  body.reserve((t.size() + c.size()) * opt_.max_n);
  head.reserve(t.size() * opt_.max_n);
  add_ngrams(t, opt_.max_n, 0x9e3779b97f4a7c15ULL, mask, body);
  add_ngrams(c, opt_.max_n, 0x9e3779b97f4a7c15ULL, mask, body);
  SparseVector v = to_counts(body);
  if (opt_.title_weight <= 0) return v;
  // Title n-grams again, in their own hashed space, counted at title_weight each.
  add_ngrams(t, opt_.max_n, 0x7f4a7c159e3779b9ULL, mask, head);
  SparseVector h = to_counts(head);
  for (auto& e : h) e.second *= opt_.title_weight;
  SparseVector merged;
  merged.reserve(v.size() + h.size());
  std::size_t a = 0, b = 0;
  while (a < v.size() || b < h.size()) {
    if (b == h.size() || (a < v.size() && v[a].first < h[b].first)) {
      merged.push_back(v[a++]);
    } else if (a == v.size() || h[b].first < v[a].first) {
      merged.push_back(h[b++]);
    } else {
      merged.push_back({v[a].first, v[a].second + h[b].second});
      ++a, ++b;
    }
  }
  return merged;
}

void Vectorizer::fit_idf(const std::vector<SparseVector>& docs) {
  std::vector<std::uint32_t> df(dimension(), 0);
  for (const auto& d : docs)
    for (const auto& [i, c] : d) ++df[i];
  const double n = static_cast<double>(docs.size());
  idf_.assign(dimension(), 0.0f);
  for (std::uint32_t i = 0; i < dimension(); ++i)
    idf_[i] = static_cast<float>(std::log((1.0 + n) / (1.0 + df[i])) + 1.0);
  unseen_idf_ = static_cast<float>(std::log(1.0 + n) + 1.0);
}

float Vectorizer::tf(float count) {
  return count == 1.0f ? 0.69314718f : std::log1p(count);  // sublinear
}

SparseVector Vectorizer::weigh(const SparseVector& counts) const {
  SparseVector v;
  v.reserve(counts.size());
  double norm = 0;
  for (const auto& [i, raw] : counts) {
    const float w = tf(raw) * idf(i);
    v.push_back({i, w});
    norm += static_cast<double>(w) * w;
  }
  if (norm > 0) {
    const float inv = static_cast<float>(1.0 / std::sqrt(norm));
    for (auto& e : v) e.second *= inv;
  }
  return v;
}

void put_u32(std::string& out, std::uint32_t v) {
  for (int k = 0; k < 4; ++k) out.push_back(static_cast<char>((v >> (8 * k)) & 0xFF));
}
void put_f32(std::string& out, float v) {
  std::uint32_t u;
  std::memcpy(&u, &v, 4);
  put_u32(out, u);
}
void put_str(std::string& out, std::string_view s) {
  put_u32(out, static_cast<std::uint32_t>(s.size()));
  out.append(s);
}
bool get_u32(std::string_view& in, std::uint32_t& v) {
  if (in.size() < 4) return false;
  v = 0;
  for (int k = 0; k < 4; ++k) v |= static_cast<std::uint32_t>(static_cast<unsigned char>(in[k])) << (8 * k);
  in.remove_prefix(4);
  return true;
}
bool get_f32(std::string_view& in, float& v) {
  std::uint32_t u;
  if (!get_u32(in, u)) return false;
  std::memcpy(&v, &u, 4);
  return true;
}
bool get_str(std::string_view& in, std::string& s) {
  std::uint32_t n;
  if (!get_u32(in, n) || in.size() < n) return false;
  s.assign(in.substr(0, n));
  in.remove_prefix(n);
  return true;
}

void Vectorizer::write(std::string& out) const {
  put_u32(out, static_cast<std::uint32_t>(opt_.max_n));
  put_u32(out, static_cast<std::uint32_t>(opt_.hash_bits));
  put_f32(out, opt_.title_weight);
  put_f32(out, unseen_idf_);
  // idf sparsely: only entries that differ from unseen_idf_ (seen in some document).
  std::uint32_t n = 0;
  for (float f : idf_)
    if (f != unseen_idf_) ++n;
  put_u32(out, n);
  for (std::uint32_t i = 0; i < idf_.size(); ++i)
    if (idf_[i] != unseen_idf_) put_u32(out, i), put_f32(out, idf_[i]);
}

bool Vectorizer::read(std::string_view& in) {
  std::uint32_t max_n, bits, n;
  if (!get_u32(in, max_n) || !get_u32(in, bits) || !get_f32(in, opt_.title_weight) ||
      !get_f32(in, unseen_idf_) || !get_u32(in, n))
    return false;
  if (max_n < 1 || max_n > 5 || bits < 10 || bits > 24) return false;
  opt_.max_n = static_cast<int>(max_n);
  opt_.hash_bits = static_cast<int>(bits);
  idf_.assign(dimension(), unseen_idf_);
  for (std::uint32_t k = 0; k < n; ++k) {
    std::uint32_t i;
    float f;
    if (!get_u32(in, i) || !get_f32(in, f) || i >= dimension()) return false;
    idf_[i] = f;
  }
  return true;
}

}  // namespace huiyin::text
