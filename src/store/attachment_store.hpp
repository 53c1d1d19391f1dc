// Store functions for attachment rows; the bytes live on disk by content hash.
#pragma once

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "domain/model.hpp"
#include "domain/result.hpp"
#include "store/tx.hpp"

namespace huiyin::db {

Result<Id> insert_attachment(Tx& tx, const Attachment& a);
Status link_attachment(Tx& tx, Id attachment_id, Id matter_id);
// A matter's own photos; staff evidence is listed per measure (evidence_of).
std::vector<Attachment> attachments_of(Tx& tx, Id matter_id);
// Links an unlinked upload to another kind of subject (a field record's photos).
Status link_attachment_to(Tx& tx, Id attachment_id, const SubjectRef& subject);
std::vector<Attachment> attachments_of(Tx& tx, const SubjectRef& subject);
std::optional<Attachment> attachment_by_id(Tx& tx, Id id);
std::optional<Attachment> attachment_by_handle(Tx& tx, const std::string& handle);
// Links an unlinked upload to a measure (and its matter) as evidence.
Status link_evidence(Tx& tx, Id attachment_id, Id measure_id);
std::vector<Attachment> evidence_of(Tx& tx, Id measure_id);
// Uploads never linked and created before `before`: (id, sha256), oldest first.
std::vector<std::pair<Id, std::string>> unlinked_attachments_before(Tx& tx, Instant before,
                                                                    int limit);
// Deletes the row only while it is still unlinked.
Status delete_unlinked_attachment(Tx& tx, Id id);
bool attachment_sha_in_use(Tx& tx, const std::string& sha256);

}  // namespace huiyin::db
