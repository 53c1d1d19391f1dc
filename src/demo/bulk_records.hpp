// The field records (工作记录) that raise the generated matters of the field channels (visits,
// on-site office days, night talks, enterprise pairing, process walks, patrols, joint meetings):
// each a copy of one of the demo city's records of that kind (method, topic, summary, people,
// counts, fields) held on the matter's day in its area, raising one to three matters, written
// with its place link and `record_create` event like RecordService::create writes them.
// One object per transaction (reset() when a transaction starts over); not thread-safe.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "demo/bulk_orgs.hpp"
#include "domain/result.hpp"
#include "features/records/record.hpp"
#include "kernel/actor.hpp"
#include "store/tx.hpp"

namespace huiyin {

struct RaisedBy {
  SubjectRef source;
  std::string code, kind;
};

class BulkRecords {
 public:
  // The demo's records, read once, as templates by the channel of the matters they raise.
  static Result<BulkRecords> load(Tx& tx);
  void reset() { current_.clear(); }
  // The record that raised a matter of `channel` reported at `at` in `place`, recorded by
  // `recorder`: the channel's current record while it is of the same day and area and has raised
  // fewer than `per_record`, else a new one. nullopt for a channel no record kind raises.
  Result<std::optional<RaisedBy>> source_for(Tx& tx, const std::string& code_prefix,
                                             Channel channel, Instant at, const BulkUnit& place,
                                             const Actor& recorder, int per_record);

 private:
  struct Current {
    RaisedBy by;
    std::string day;
    Id place = 0;
    int raised = 0;
  };
  std::map<Channel, std::vector<Record>> templates_;
  std::map<Channel, Current> current_;
  std::size_t next_template_ = 0;
};

}  // namespace huiyin
