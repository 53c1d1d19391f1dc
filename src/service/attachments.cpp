#include "service/attachments.hpp"

#include <filesystem>
#include <fstream>
#include <sstream>

#include "service/matter_reader.hpp"
#include "service/support.hpp"
#include "service/wall.hpp"

namespace huiyin {
namespace fs = std::filesystem;

std::string sniff_image_type(std::string_view b) {
  auto starts = [&](std::string_view magic, std::size_t at = 0) {
    return b.size() >= at + magic.size() && b.substr(at, magic.size()) == magic;
  };
  if (starts("\xFF\xD8\xFF")) return "image/jpeg";
  if (starts(std::string_view("\x89PNG\r\n\x1A\n", 8))) return "image/png";
  if (starts("GIF87a") || starts("GIF89a")) return "image/gif";
  if (starts("RIFF") && starts("WEBP", 8)) return "image/webp";
  return {};
}

namespace {

fs::path file_of(const std::string& data_dir, const std::string& sha) {
  return fs::path(data_dir) / "attachments" / sha.substr(0, 2) / sha;
}

}  // namespace

Result<Attachment> AttachmentService::save(std::string_view bytes, const std::string& original_name) {
  const auto limit = ctx_.config().max_attachment_bytes;
  if (bytes.size() > limit)
    return Error{ErrorCode::too_large,
                 "照片不能超过" + std::to_string(limit / (1024 * 1024)) + "MB", "file"};
  if (bytes.empty()) return invalid("照片内容为空", "file");
  std::string mime = sniff_image_type(bytes);
  if (mime.empty()) return invalid("只能上传JPEG、PNG、WEBP或GIF格式的图片", "file");

  Attachment a;
  a.sha256 = sha256_of(bytes);
  a.mime = mime;
  a.size = static_cast<std::int64_t>(bytes.size());
  a.original_name = original_name.substr(0, 200);
  a.created_at = ctx_.clock().now();

  const fs::path target = file_of(ctx_.config().data_dir, a.sha256);
  std::error_code ec;
  if (!fs::exists(target, ec)) {
    fs::create_directories(target.parent_path(), ec);
    if (ec) return internal_error("无法保存照片:" + ec.message());
    fs::path tmp = target;
    tmp += ".tmp" + random_token(6);
    {
      std::ofstream out(tmp, std::ios::binary);
      out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
      out.flush();
      if (!out) {
        fs::remove(tmp, ec);
        return internal_error("无法保存照片(磁盘写入失败)");
      }
    }
    fs::rename(tmp, target, ec);
    if (ec) {
      fs::remove(tmp, ec);
      return internal_error("无法保存照片:" + ec.message());
    }
  }
  Status st = ctx_.store().write([&](Tx& tx) -> Status {
    auto id = tx.insert_attachment(a);
    if (!id) return id.error();
    a.id = *id;
    return ok();
  });
  if (!st) return st.error();
  return a;
}

Result<AttachmentBytes> AttachmentService::read(Id id, const Actor* actor) {
  Result<Attachment> meta = not_found("照片不存在");
  Status st = ctx_.store().read([&](Tx& tx) -> Status {
    auto a = tx.attachment_by_id(id);
    if (!a || !a->matter_id) return ok();
    auto m = tx.matter_by_id(*a->matter_id);
    if (!m) return ok();
    OrgIndex orgs = load_orgs(tx);
    bool allowed = actor ? MatterReader(tx, actor, orgs).may_read_attachment(*m, *a) : on_wall(*m);
    if (allowed) meta = *a;
    return ok();
  });
  if (!st) return st.error();
  if (!meta) return meta.error();
  std::ifstream in(file_of(ctx_.config().data_dir, meta->sha256), std::ios::binary);
  if (!in) return internal_error("照片文件缺失");
  std::ostringstream buf;
  buf << in.rdbuf();
  return AttachmentBytes{*meta, buf.str()};
}

}  // namespace huiyin
