// Uploads: photos attached to matters at intake, and staff evidence of measures. Bytes are stored
// once on disk by content hash under <data_dir>/attachments/<sha[0:2]>/<sha>; each upload gets a
// row with an unguessable handle (128 random bits, hex), which is all the API ever shows of it.
// Types are sniffed from the bytes — JPEG, PNG and WebP for everyone, PDF for signed-in staff —
// and a declared Content-Type or file name that says otherwise is refused, never trusted.
// Linking: an upload is linked once, by the client that made it (it holds the handle; a staff
// upload moreover only by the same user). Uploads never linked are removed after
// ServiceConfig::unlinked_upload_hours (rows and files). An Idempotency-Key makes a retried
// upload (a phone sending its offline queue again) answer the same handle. Read back only by people allowed to
// see the matter. Thread-safe (files are written to a temporary name and renamed).
#pragma once

#include <optional>
#include <shared_mutex>
#include <string>
#include <vector>

#include "domain/model.hpp"
#include "domain/result.hpp"
#include "kernel/actor.hpp"
#include "kernel/services.hpp"

namespace huiyin {

struct AttachmentBytes {
  Attachment meta;
  std::string bytes;
};

// "image/jpeg", "image/png", "image/webp" or "application/pdf" from the bytes; empty when the
// bytes are none of these.
std::string sniff_upload_type(std::string_view bytes);

struct UploadRequest {
  std::string_view bytes;
  std::string declared_type;  // the Content-Type header as sent (may be empty)
  std::string file_name;      // X-File-Name as sent (may be empty)
  // Idempotency-Key as sent (may be empty): a retry of the same bytes by the same uploader with
  // the same key answers the first upload (the same handle) and stores nothing new.
  std::string idempotency_key = {};
};

// What an upload is linked as: intake photos take images only; staff evidence also PDF.
enum class UploadUse { intake_photo, evidence };

// Inside a write transaction: the uploads named by `handles`, each existing, still unlinked,
// made by `linker` (nullptr: the public; a staff upload is linkable only by its uploader,
// evidence only from the linker's own uploads) and of a type allowed for `use`. Anything
// else is invalid naming `field`, without saying whether the handle exists.
Result<std::vector<Attachment>> claim_uploads(Tx& tx, const std::vector<std::string>& handles,
                                              const Actor* linker, UploadUse use,
                                              const std::string& field);

struct OrphanCleanup {
  int rows = 0;
  int files = 0;
};

class AttachmentService {
 public:
  explicit AttachmentService(ServiceContext& ctx) : ctx_(ctx) {}

  // `uploader`: the signed-in staff member (proved by the CSRF token), or nullptr for an
  // anonymous upload. too_large beyond the configured limit; invalid when the bytes are not an
  // accepted type for this uploader or disagree with the declared type or file name; invalid
  // naming Idempotency-Key when the key was used for other bytes or by another uploader. A key
  // whose upload has since been removed (never linked) makes a new upload under that key.
  Result<Attachment> save(const UploadRequest& in, const Actor* uploader);
  Result<Attachment> save(std::string_view bytes, const std::string& file_name = {}) {
    return save(UploadRequest{bytes, {}, file_name}, nullptr);
  }
  // `actor` nullptr: public access, allowed only for a matter's own photos when the matter
  // consented and is on the wall. Not allowed, unknown or unlinked → not_found.
  Result<AttachmentBytes> read(const std::string& handle, const Actor* actor);
  // Removes uploads never linked and older than the configured hours (by the injected clock):
  // their rows, and their files when no other row shares the bytes. Run at serve start and
  // periodically.
  Result<OrphanCleanup> remove_orphans();

 private:
  ServiceContext& ctx_;
  // save() holds it shared from writing the file to inserting the row; remove_orphans()
  // exclusively, so a file it removes is never one an upload in flight is about to reference.
  std::shared_mutex files_mu_;
};

}  // namespace huiyin
