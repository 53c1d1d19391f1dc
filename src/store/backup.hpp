// Copies of the database for `huiyin backup` / `huiyin restore`: SQLite through its online backup
// API (one read transaction, so the copy is one consistent state while writers go on; WAL
// readers never block writers), PostgreSQL through Debian's pg_dump / pg_restore (custom format,
// one snapshot). Both run outside any Tx; the caller owns the files around them (key, anchors,
// attachments, the manifest).
#pragma once

#include <string>

#include "domain/result.hpp"

namespace huiyin::sql {

// The file of a `sqlite:` URL ("" for any other URL).
std::string sqlite_file_of(const std::string& url);

// Copies the SQLite database `source` (a file that may be in use) to `dest` (must not exist) and
// runs an integrity check on the copy.
Status sqlite_backup(const std::string& source, const std::string& dest);

// pg_dump --format=custom of `url` into `dest`; pg_restore of such a file into `url` (an empty
// database), in one transaction, stopping at the first error. The programs are found on PATH
// (Debian: postgresql-client); their error output is passed through to stderr.
Status pg_dump_to(const std::string& url, const std::string& dest);
Status pg_restore_from(const std::string& file, const std::string& url);

}  // namespace huiyin::sql
