#include "text/classifier.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <numeric>
#include <random>
#include <sstream>

namespace huiyin::text {

Classifier::Classifier(Vectorizer vectorizer, std::vector<std::string> labels)
    : vec_(std::move(vectorizer)), labels_(std::move(labels)) {}

void Classifier::fit(const std::vector<TrainingExample>& ex, const LinearOptions& opt) {
  const std::size_t k_count = labels_.size();
  const std::size_t stride = k_count + 1;
  const std::size_t n = ex.size();
  w_.assign(static_cast<std::size_t>(vec_.dimension()) * stride, 0.0f);
  fill_idf();
  bias_.assign(k_count, 0.0f);
  if (n == 0) return;
  float* const w = w_.data() + 1;  // w[j * stride + k]: weight of feature j for label k
  std::vector<double> qii(n), dii(n);
  for (std::size_t i = 0; i < n; ++i) {
    double sq = 1.0;  // the bias feature
    for (const auto& [j, v] : *ex[i].x) sq += static_cast<double>(v) * v;
    dii[i] = 1.0 / (2.0 * opt.c * ex[i].weight);
    qii[i] = sq + dii[i];
  }
  std::vector<std::size_t> order(n);
  std::vector<double> alpha(n);
  for (std::size_t k = 0; k < k_count; ++k) {
    std::mt19937_64 rng(opt.seed + k);
    std::fill(alpha.begin(), alpha.end(), 0.0);
    std::iota(order.begin(), order.end(), 0);
    float& b = bias_[k];
    for (int epoch = 0; epoch < opt.max_epochs; ++epoch) {
      std::shuffle(order.begin(), order.end(), rng);
      double pg_max = -1e300, pg_min = 1e300;
      for (std::size_t i : order) {
        const double y = ex[i].label == static_cast<int>(k) ? 1.0 : -1.0;
        double dot = b;
        for (const auto& [j, v] : *ex[i].x) dot += w[static_cast<std::size_t>(j) * stride + k] * v;
        const double g = y * dot - 1.0 + dii[i] * alpha[i];
        const double pg = alpha[i] == 0.0 ? std::min(g, 0.0) : g;
        pg_max = std::max(pg_max, pg);
        pg_min = std::min(pg_min, pg);
        if (std::fabs(pg) < 1e-12) continue;
        const double next = std::max(alpha[i] - g / qii[i], 0.0);
        const double d = (next - alpha[i]) * y;
        alpha[i] = next;
        for (const auto& [j, v] : *ex[i].x)
          w[static_cast<std::size_t>(j) * stride + k] += static_cast<float>(d * v);
        b += static_cast<float>(d);
      }
      if (pg_max - pg_min < opt.tolerance) break;
    }
  }
}

void Classifier::fill_idf() {
  const std::size_t stride = labels_.size() + 1;
  for (std::uint32_t j = 0; j < vec_.dimension(); ++j) w_[j * stride] = vec_.idf(j);
}

std::vector<double> Classifier::scores(const SparseVector& x) const {
  const std::size_t k_count = labels_.size();
  const std::size_t stride = k_count + 1;
  std::vector<double> s(bias_.begin(), bias_.end());
  if (w_.empty()) return std::vector<double>(k_count, 0.0);
  for (const auto& [j, v] : x) {
    const float* row = &w_[static_cast<std::size_t>(j) * stride + 1];
    for (std::size_t k = 0; k < k_count; ++k) s[k] += row[k] * v;
  }
  return s;
}

std::vector<Suggestion> Classifier::suggest(std::string_view title, std::string_view content,
                                            std::size_t top) const {
  const std::size_t k_count = labels_.size();
  const std::size_t stride = k_count + 1;
  if (w_.empty()) return ranked(std::vector<double>(k_count, 0.0), top);
  std::vector<double> s(k_count, 0.0);
  double norm = 0;
  for (const auto& [j, raw] : vec_.counts(title, content)) {
    const float* row = &w_[static_cast<std::size_t>(j) * stride];
    const double v = static_cast<double>(Vectorizer::tf(raw)) * row[0];
    norm += v * v;
    for (std::size_t k = 0; k < k_count; ++k) s[k] += row[1 + k] * v;
  }
  const double inv = norm > 0 ? 1.0 / std::sqrt(norm) : 0.0;
  for (std::size_t k = 0; k < k_count; ++k) s[k] = s[k] * inv + bias_[k];
  return ranked(s, top);
}

std::vector<Suggestion> Classifier::suggest(const SparseVector& x, std::size_t top) const {
  return ranked(scores(x), top);
}

std::vector<Suggestion> Classifier::ranked(const std::vector<double>& s, std::size_t top) const {
  if (s.empty()) return {};
  const double mx = *std::max_element(s.begin(), s.end());
  std::vector<double> p(s.size());
  double sum = 0;
  for (std::size_t k = 0; k < s.size(); ++k) sum += p[k] = std::exp(scale_ * (s[k] - mx));
  std::vector<std::size_t> idx(s.size());
  std::iota(idx.begin(), idx.end(), 0);
  std::stable_sort(idx.begin(), idx.end(), [&](std::size_t a, std::size_t b) { return s[a] > s[b]; });
  std::vector<Suggestion> out;
  for (std::size_t r = 0; r < idx.size() && r < top; ++r)
    out.push_back({labels_[idx[r]], p[idx[r]] / sum});
  return out;
}

std::string Classifier::serialize() const {
  std::string out = "HYTC";
  put_u32(out, kFormatVersion);
  vec_.write(out);
  put_f32(out, scale_);
  put_u32(out, static_cast<std::uint32_t>(labels_.size()));
  for (const auto& l : labels_) put_str(out, l);
  for (float b : bias_) put_f32(out, b);
  const std::size_t k_count = labels_.size();
  const std::size_t stride = k_count + 1;
  std::uint32_t rows = 0;
  for (std::uint32_t j = 0; j < vec_.dimension() && !w_.empty(); ++j)
    for (std::size_t k = 0; k < k_count; ++k)
      if (w_[j * stride + 1 + k] != 0.0f) {
        ++rows;
        break;
      }
  put_u32(out, rows);
  for (std::uint32_t j = 0; j < vec_.dimension() && !w_.empty(); ++j) {
    const float* row = &w_[j * stride + 1];
    if (std::all_of(row, row + k_count, [](float f) { return f == 0.0f; })) continue;
    put_u32(out, j);
    for (std::size_t k = 0; k < k_count; ++k) put_f32(out, row[k]);
  }
  return out;
}

Result<Classifier> Classifier::deserialize(std::string_view in) {
  const Error bad = invalid("模型文件格式不正确或已损坏");
  if (in.substr(0, 4) != "HYTC") return bad;
  in.remove_prefix(4);
  std::uint32_t version = 0, k_count = 0, rows = 0;
  if (!get_u32(in, version)) return bad;
  if (version != kFormatVersion) return invalid("模型文件版本不受支持：" + std::to_string(version));
  Classifier c;
  if (!c.vec_.read(in) || !get_f32(in, c.scale_) || !get_u32(in, k_count) || k_count == 0 ||
      k_count > 10000)
    return bad;
  c.labels_.resize(k_count);
  for (auto& l : c.labels_)
    if (!get_str(in, l)) return bad;
  c.bias_.resize(k_count);
  for (auto& b : c.bias_)
    if (!get_f32(in, b)) return bad;
  if (!get_u32(in, rows)) return bad;
  const std::size_t stride = k_count + 1;
  c.w_.assign(static_cast<std::size_t>(c.vec_.dimension()) * stride, 0.0f);
  c.fill_idf();
  for (std::uint32_t r = 0; r < rows; ++r) {
    std::uint32_t j;
    if (!get_u32(in, j) || j >= c.vec_.dimension()) return bad;
    for (std::uint32_t k = 0; k < k_count; ++k)
      if (!get_f32(in, c.w_[static_cast<std::size_t>(j) * stride + 1 + k])) return bad;
  }
  if (!in.empty()) return bad;
  return c;
}

Status Classifier::save(const std::string& path) const {
  const std::string tmp = path + ".tmp";
  {
    std::ofstream f(tmp, std::ios::binary | std::ios::trunc);
    if (!f) return invalid("无法写入模型文件：" + path);
    const std::string bytes = serialize();
    f.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    if (!f) return invalid("写入模型文件失败：" + path);
  }
  if (std::rename(tmp.c_str(), path.c_str()) != 0) return invalid("无法写入模型文件：" + path);
  return ok();
}

Result<Classifier> Classifier::load(const std::string& path) {
  std::ifstream f(path, std::ios::binary);
  if (!f) return not_found("找不到模型文件：" + path);
  std::stringstream ss;
  ss << f.rdbuf();
  return deserialize(ss.str());
}

}  // namespace huiyin::text
