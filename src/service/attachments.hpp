// Photos attached to matters: bytes are stored once on disk by content hash under
// <data_dir>/attachments/<sha[0:2]>/<sha>, with the type sniffed from the bytes (JPEG, PNG,
// WEBP, GIF only), and read back only by people allowed to see the matter.
// Thread-safe (files are written to a temporary name and renamed).
#pragma once

#include <optional>
#include <string>

#include "domain/model.hpp"
#include "domain/result.hpp"
#include "service/actor.hpp"
#include "service/services.hpp"

namespace huiyin {

struct AttachmentBytes {
  Attachment meta;
  std::string bytes;
};

// "image/jpeg" etc. from the magic bytes; empty when not an accepted image.
std::string sniff_image_type(std::string_view bytes);

class AttachmentService {
 public:
  explicit AttachmentService(ServiceContext& ctx) : ctx_(ctx) {}

  // too_large beyond the configured limit; invalid when the bytes are not an accepted image.
  Result<Attachment> save(std::string_view bytes, const std::string& original_name = {});
  // `actor` nullptr: public access, allowed only when the matter consented and is on the wall.
  // Not allowed or unlinked → not_found.
  Result<AttachmentBytes> read(Id id, const Actor* actor);

 private:
  ServiceContext& ctx_;
};

}  // namespace huiyin
