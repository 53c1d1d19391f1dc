#include "features/matters/attachments.hpp"

#include <sodium.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <mutex>
#include <set>
#include <sstream>

#include <nlohmann/json.hpp>

#include "features/matters/matter_reader.hpp"
#include "features/matters/intake.hpp"
#include "kernel/support.hpp"
#include "features/matters/matter_store.hpp"
#include "store/attachment_store.hpp"
#include "store/catalog_store.hpp"

namespace huiyin {
namespace fs = std::filesystem;

namespace {

constexpr const char* kPdf = "application/pdf";

bool is_image(const std::string& mime) { return mime.starts_with("image/"); }

// File name extensions each accepted type may carry.
bool extension_fits(const std::string& mime, std::string ext) {
  std::transform(ext.begin(), ext.end(), ext.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  if (mime == "image/jpeg") return ext == "jpg" || ext == "jpeg" || ext == "jpe" || ext == "jfif";
  if (mime == "image/png") return ext == "png";
  if (mime == "image/webp") return ext == "webp";
  if (mime == kPdf) return ext == "pdf";
  return false;
}

// The media type of a Content-Type value, lower-cased, without parameters; empty when it says
// nothing (absent, or the generic application/octet-stream).
std::string declared_mime(std::string_view v) {
  v = v.substr(0, v.find(';'));
  while (!v.empty() && (v.front() == ' ' || v.front() == '\t')) v.remove_prefix(1);
  while (!v.empty() && (v.back() == ' ' || v.back() == '\t')) v.remove_suffix(1);
  std::string m(v);
  std::transform(m.begin(), m.end(), m.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  if (m == "application/octet-stream") return {};
  if (m == "image/jpg" || m == "image/pjpeg") return "image/jpeg";
  return m;
}

const char* type_label(const std::string& mime) {
  if (mime == "image/jpeg") return "JPEG图片";
  if (mime == "image/png") return "PNG图片";
  if (mime == "image/webp") return "WebP图片";
  if (mime == kPdf) return "PDF文件";
  return "其他文件";
}

// A file name kept for display: valid UTF-8, no control characters, at most 100 characters.
std::string clean_name(const std::string& name) {
  if (!valid_utf8(name)) return {};
  std::string out;
  std::size_t chars = 0;
  for (std::size_t i = 0; i < name.size() && chars < 100;) {
    unsigned char c = name[i];
    std::size_t n = c < 0x80 ? 1 : (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xE ? 3 : 4;
    if (!(c < 0x20 || c == 0x7F)) out.append(name, i, n);
    i += n;
    ++chars;
  }
  return out;
}

std::string new_handle() {
  unsigned char buf[16];
  randombytes_buf(buf, sizeof buf);
  char hex[sizeof buf * 2 + 1];
  sodium_bin2hex(hex, sizeof hex, buf, sizeof buf);
  return hex;
}

// What an upload's Idempotency-Key is bound to and answers: the bytes' hash, the uploader
// (0: the public) and the handle made the first time.
std::string upload_receipt(const Attachment& a) {
  return nlohmann::json{{"handle", a.handle}, {"sha256", a.sha256}, {"user", a.uploaded_by.value_or(0)}}
      .dump();
}

enum class Replay { none, same, gone };

// The first upload under `idem_key`, when the key was stored: `same` with `out` filled when it
// is still there, `gone` when it has been removed since; invalid when the key was used for
// other bytes or by another uploader.
Result<Replay> replay_upload(Tx& tx, const std::string& idem_key, const std::string& sha,
                             Id user, Attachment& out) {
  auto stored = db::idempotent_response(tx, idem_key);
  if (!stored) return Replay::none;
  auto j = nlohmann::json::parse(*stored, nullptr, false);
  if (j.is_discarded() || !j.is_object() || j.value("sha256", "") != sha ||
      j.value("user", Id{0}) != user)
    return invalid("该 Idempotency-Key 已用于另一个文件,请换用新的 Idempotency-Key 后重试",
                   "Idempotency-Key");
  auto a = db::attachment_by_handle(tx, j.value("handle", ""));
  if (!a) return Replay::gone;
  out = *a;
  return Replay::same;
}

fs::path file_of(const std::string& data_dir, const std::string& sha) {
  return fs::path(data_dir) / "attachments" / sha.substr(0, 2) / sha;
}

}  // namespace

std::string sniff_upload_type(std::string_view b) {
  auto at = [&](std::string_view magic, std::size_t off = 0) {
    return b.size() >= off + magic.size() && b.substr(off, magic.size()) == magic;
  };
  if (at("\xFF\xD8\xFF") && b.size() >= 4) return "image/jpeg";
  // The signature, then the IHDR chunk that every PNG starts with.
  if (at(std::string_view("\x89PNG\r\n\x1A\n", 8)) && at("IHDR", 12)) return "image/png";
  if (at("RIFF") && at("WEBPVP8", 8)) return "image/webp";
  // A PDF starts with its header and ends with %%EOF (within the last 1 KB, as readers allow).
  if (at("%PDF-")) {
    std::string_view tail = b.substr(b.size() > 1024 ? b.size() - 1024 : 0);
    if (tail.find("%%EOF") != std::string_view::npos) return kPdf;
  }
  return {};
}

Result<std::vector<Attachment>> claim_uploads(Tx& tx, const std::vector<std::string>& handles,
                                              const Actor* linker, UploadUse use,
                                              const std::string& field) {
  std::vector<Attachment> out;
  std::set<std::string> seen;
  for (std::size_t i = 0; i < handles.size(); ++i) {
    const std::string& h = handles[i];
    const std::string which = use == UploadUse::evidence ? "佐证材料" : "照片";
    const std::string nth = which + "第" + std::to_string(i + 1) + "项";
    if (!seen.insert(h).second) return invalid(nth + "重复", field);
    auto a = db::attachment_by_handle(tx, h);
    bool mine = a && !a->matter_id;
    if (mine && a->uploaded_by) mine = linker && linker->user_id == *a->uploaded_by;
    if (mine && use == UploadUse::evidence) mine = a->uploaded_by.has_value();
    if (!mine) return invalid(nth + "不存在、已过期或已被使用,请重新上传", field);
    if (use == UploadUse::intake_photo && !is_image(a->mime))
      return invalid(nth + "不是图片,反映问题只能附JPEG、PNG或WebP格式的照片", field);
    out.push_back(*a);
  }
  return out;
}

Result<Attachment> AttachmentService::save(const UploadRequest& in, const Actor* uploader) {
  const auto limit = ctx_.config().max_attachment_bytes;
  if (in.bytes.size() > limit)
    return Error{ErrorCode::too_large,
                 "文件不能超过" + std::to_string(limit / (1024 * 1024)) + "MB", "file"};
  if (in.bytes.empty()) return invalid("文件内容为空", "file");
  const std::string mime = sniff_upload_type(in.bytes);
  const bool staff = uploader != nullptr;
  if (mime.empty() || (mime == kPdf && !staff))
    return invalid(staff ? "只能上传JPEG、PNG、WebP格式的图片或PDF文件"
                         : "只能上传JPEG、PNG或WebP格式的照片",
                   "file");
  // The bytes decide the type; a declaration that says otherwise is refused, not corrected.
  const std::string declared = declared_mime(in.declared_type);
  if (!declared.empty() && declared != mime)
    return invalid("文件内容(" + std::string(type_label(mime)) + ")与声明的类型“" + declared +
                       "”不符",
                   "file");
  const std::string name = clean_name(in.file_name);
  if (auto dot = name.rfind('.'); dot != std::string::npos && dot + 1 < name.size() &&
                                  !extension_fits(mime, name.substr(dot + 1)))
    return invalid("文件内容(" + std::string(type_label(mime)) + ")与文件名“" + name + "”不符",
                   "file");

  if (in.idempotency_key.size() > 200)
    return invalid("Idempotency-Key 过长(最多200个字符)", "Idempotency-Key");
  const std::string idem_key = in.idempotency_key.empty() ? std::string() : "upload:" + in.idempotency_key;
  const Id user = uploader ? uploader->user_id : 0;

  Attachment a;
  a.sha256 = sha256_of(in.bytes);
  if (!idem_key.empty()) {
    Attachment first;
    Result<Replay> replay = Replay::none;
    Status st = ctx_.store().read([&](Tx& tx) -> Status {
      replay = replay_upload(tx, idem_key, a.sha256, user, first);
      return ok();
    });
    if (!st) return st.error();
    if (!replay) return replay.error();
    if (*replay == Replay::same) return first;
  }
  a.mime = mime;
  a.size = static_cast<std::int64_t>(in.bytes.size());
  a.original_name = name;
  a.created_at = ctx_.clock().now();
  a.handle = new_handle();
  if (uploader) a.uploaded_by = uploader->user_id;

  std::shared_lock lock(files_mu_);
  const fs::path target = file_of(ctx_.config().data_dir, a.sha256);
  std::error_code ec;
  if (!fs::exists(target, ec)) {
    fs::create_directories(target.parent_path(), ec);
    if (ec) return internal_error("无法保存文件:" + ec.message());
    fs::path tmp = target;
    tmp += ".tmp" + random_token(6);
    {
      std::ofstream out(tmp, std::ios::binary);
      out.write(in.bytes.data(), static_cast<std::streamsize>(in.bytes.size()));
      out.flush();
      if (!out) {
        fs::remove(tmp, ec);
        return internal_error("无法保存文件(磁盘写入失败)");
      }
    }
    fs::rename(tmp, target, ec);
    if (ec) {
      fs::remove(tmp, ec);
      return internal_error("无法保存文件:" + ec.message());
    }
  }
  TxError te;
  std::optional<Attachment> first;
  auto store_upload = [&](Tx& tx) -> Status {
    Replay seen = Replay::none;
    if (!idem_key.empty()) {
      Attachment earlier;
      auto replay = replay_upload(tx, idem_key, a.sha256, user, earlier);
      if (!replay) return te.fail(replay.error());
      if (*replay == Replay::same) {
        first = earlier;
        return ok();
      }
      seen = *replay;
    }
    auto id = db::insert_attachment(tx, a);
    if (!id) return id.error();
    a.id = *id;
    if (seen == Replay::gone) return db::replace_idempotent_response(tx, idem_key, upload_receipt(a), a.created_at);
    if (!idem_key.empty()) return db::put_idempotent_response(tx, idem_key, upload_receipt(a), a.created_at);
    return ok();
  };
  Status st = ctx_.store().write(store_upload);
  // Two uploads with one key at once: the one that lost the insert of the key answers the first.
  if (!st && !te.error && !idem_key.empty() && st.error().code == ErrorCode::conflict) {
    a.id = 0;
    st = ctx_.store().write(store_upload);
  }
  if (!st) return te.take(st);
  if (first) return *first;
  return a;
}

Result<AttachmentBytes> AttachmentService::read(const std::string& handle, const Actor* actor) {
  Result<Attachment> meta = not_found("文件不存在");
  Status st = ctx_.store().read([&](Tx& tx) -> Status {
    auto a = db::attachment_by_handle(tx, handle);
    if (!a || !a->matter_id) return ok();
    auto m = db::matter_by_id(tx, *a->matter_id);
    if (!m) return ok();
    const CatalogPtr catalog = ctx_.catalog(tx);
    const OrgIndex& orgs = catalog->orgs();
    // Staff read what the matter reader allows; the public a wall matter's own photos, never
    // staff evidence.
    bool allowed = actor ? MatterReader(tx, actor, orgs).may_read_attachment(*m, *a)
                         : on_wall(*m) && !a->measure_id;
    if (allowed) meta = *a;
    return ok();
  });
  if (!st) return st.error();
  if (!meta) return meta.error();
  std::ifstream in(file_of(ctx_.config().data_dir, meta->sha256), std::ios::binary);
  if (!in) return internal_error("文件缺失");
  std::ostringstream buf;
  buf << in.rdbuf();
  return AttachmentBytes{*meta, buf.str()};
}

Result<OrphanCleanup> AttachmentService::remove_orphans() {
  const Instant before =
      ctx_.clock().now() - std::int64_t{ctx_.config().unlinked_upload_hours} * 3600;
  OrphanCleanup done;
  std::unique_lock lock(files_mu_);
  for (;;) {
    std::vector<std::string> freed;
    int rows = 0;
    Status st = ctx_.store().write([&](Tx& tx) -> Status {
      freed.clear();
      rows = 0;
      auto batch = db::unlinked_attachments_before(tx, before, 500);
      for (const auto& [id, sha] : batch) {
        if (Status s = db::delete_unlinked_attachment(tx, id); !s) return s;
        ++rows;
      }
      std::set<std::string> shas;
      for (const auto& [id, sha] : batch) shas.insert(sha);
      for (const auto& sha : shas)
        if (!db::attachment_sha_in_use(tx, sha)) freed.push_back(sha);
      return ok();
    });
    if (!st) return st.error();
    done.rows += rows;
    for (const auto& sha : freed) {
      std::error_code ec;
      if (fs::remove(file_of(ctx_.config().data_dir, sha), ec)) ++done.files;
    }
    if (rows < 500) break;
  }
  return done;
}

}  // namespace huiyin
