// Reading the parts of a request that several handlers share: the JSON body and the matter
// filters of the staff list and the ledger. Errors are values naming the field. Pure; thread-safe.
#pragma once

#include "domain/result.hpp"
#include "http/json_util.hpp"
#include "http/message.hpp"
#include "kernel/views.hpp"

namespace huiyin::http {

// The filters of GET /api/v1/matters and GET /api/v1/ledger.xlsx:
// status=a,b&org=&category=&channel=&campaign=&q=&overdue=true&from=&to=&limit=&cursor=
// &solved=&source_kind=&source_record=&source_from=&source_to=&source_org=&escalation=
// &returned=&reopened=
Result<MatterQuery> matter_query(const Request& req);

// An optional boolean query parameter: true|1 or false|0; anything else is invalid.
Result<std::optional<bool>> query_bool(const Request& req, const char* name);

}  // namespace huiyin::http
