// Intake and the citizen's side of the loop: submitting a matter (public, or recorded by staff in
// the field), following it with the tracking code and token, and evaluating the answer.
// The tracking token (in the saved link) and the short 查询码 (6 characters, read aloud or typed
// beside the code) are returned once; only their SHA-256 is stored (the 查询码's salted with the
// matter code). A wrong token or 查询码 is reported as not_found, exactly like a missing matter,
// so a code alone reveals nothing; wrong 查询码 guesses are throttled per source address.
// Thread-safe.
#pragma once

#include <functional>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/model.hpp"
#include "domain/result.hpp"
#include "domain/text_checks.hpp"
#include "kernel/actor.hpp"
#include "kernel/services.hpp"

namespace huiyin {

constexpr std::size_t kMaxTitleChars = 100;
constexpr std::size_t kMaxContentChars = 5000;

struct IntakeRequest {
  std::string title;     // 1..100 characters
  std::string content;   // 1..5000 characters
  std::string category;  // category code, optional
  std::string kind;      // kind code, default problem
  std::string channel;   // channel code, default web
  std::string address;
  std::string district;  // area org code, optional
  std::optional<double> lat, lng;
  std::string contact_name;
  std::string contact_phone;  // mainland mobile or landline, optional
  bool anonymous = false;     // no personal data kept
  bool public_consent = false;
  std::vector<std::string> attachments;  // handles from AttachmentService::save, at most 9
  std::string campaign;         // campaign code, optional (staff intake)
  // Set by a feature whose record raised the matter (a field visit...), never from the public
  // form: the record (kind + id) and its code, kept on the matter and named in its submit event.
  SubjectRef source;
  std::string source_code;  // the record's code
  std::string source_kind;  // the record's kind (visit...), shown as the matter's source
  // Decided on the spot by the record's leader (现场交办): the matter is accepted and assigned
  // in its intake transaction, by a recorder may_assign_at_intake allows. The deadline defaults
  // to the rules' for the channel and handling class (default phased); `note` goes on the
  // assign event (a person responsible...).
  struct Assignment {
    std::string lead_org;        // org code
    std::string handling_class;  // code; default phased
    std::string deadline;        // YYYY-MM-DD; not before today
    std::string note;
  };
  std::optional<Assignment> assign;
};

// Whether `recorder` may assign a matter of `area` to `lead` when recording it: a dispatcher
// who dispatches that area assigns within its own subtree (the city level and admins anywhere),
// as for `assign`; a leader decides on the spot within the leader's own scope. forbidden
// otherwise.
Status may_assign_at_intake(const Actor& recorder, const Org& area, const Org& lead,
                            const OrgIndex& orgs);

// The alphabet of 查询码: digits and capitals without 0/O, 1/I/L.
inline constexpr std::string_view kQueryCodeAlphabet = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";
inline constexpr std::size_t kQueryCodeLength = 6;

// The 查询码 as typed, in its stored form: capitals, spaces and hyphens dropped; empty when it
// cannot be one (wrong length or a character outside the alphabet).
std::string normalize_query_code(std::string_view typed);

struct IntakeReceipt {
  std::string code;
  std::string token;
  std::string query_code;  // empty only on a replayed receipt stored before 查询码 existed
  MatterStatus status = MatterStatus::submitted;
  // Staff intake only (never for the public): codes of similar open matters the recorder may
  // see, so a duplicate is caught while the visitor is still there.
  std::vector<std::string> similar;
};

struct TimelineItem {
  Instant at = 0;
  std::string type;  // event type (submit, accept, assign, ...)
  std::optional<MatterStatus> status;
  std::string note;  // public note: reason of a rejection, the reply
};

// What the citizen sees: no personal data and no internal notes. For a merged matter the status,
// reply and timeline are those of the matter it was merged into (`merged_into` names it).
struct TrackView {
  std::string code;
  std::string title;
  std::string content;
  MatterStatus status = MatterStatus::submitted;
  std::string category_code, category_name;
  std::string lead_unit;  // the name of the unit answering for it (主办单位), once assigned
  Instant created_at = 0;
  std::optional<Instant> deadline;
  std::string reply;
  std::optional<Instant> resolved_at;
  bool can_evaluate = false;
  std::optional<Evaluation> evaluation;  // the latest one
  std::vector<TimelineItem> timeline;
  std::string merged_into;  // the kept matter; its reply is shown and can be evaluated here
  std::optional<PetitionProgress> petition;  // petition-channel matters (not merged)
  std::optional<OrgRef> petition_request_org;
};

// 请求复查 / 请求复核 from the tracking page: `action` may be empty (the next stage's request).
struct PetitionRequest {
  std::string action;  // review_request | recheck_request | empty
  std::string reason;  // required, at most 2000 characters
};

struct EvaluationRequest {
  std::optional<bool> solved;
  std::string satisfaction;  // satisfied | basically_satisfied | dissatisfied
  std::string comment;       // at most 500 characters
};

// How a citizen proves a matter is theirs: the link's token, the access granted by a verified
// one-time code sent to their phone, or the short 查询码 typed from `source` (the client address;
// its wrong guesses are counted). The token wins, then the access.
struct TrackKey {
  std::string token;
  std::string query_code;
  std::string source;
  std::string access;
};

// One of the reporter's matters found by their phone number.
struct PhoneMatter {
  std::string code;
  std::string title;
  MatterStatus status = MatterStatus::submitted;
  Instant created_at = 0;
};

// What a verified one-time code opens: the reporter's matters, newest first, and the access
// token (`TrackKey::access`) that opens each of them until `access_expires_at`.
struct PhoneMatters {
  std::vector<PhoneMatter> items;
  std::string access;
  Instant access_expires_at = 0;
};

class IntakeService {
 public:
  explicit IntakeService(ServiceContext& ctx)
      : ctx_(ctx), codes_(ctx.config().one_time_codes, ctx.config().audit_key) {}

  // `idempotency_key` (may be empty): a retry with the same key returns the first receipt and
  // makes no second matter. `recorder` is the staff member recording it (nullptr: public).
  Result<IntakeReceipt> submit(const IntakeRequest& req, const std::string& idempotency_key,
                               const Actor* recorder = nullptr);
  Result<TrackView> track(const std::string& code, const std::string& token) {
    return track(code, TrackKey{token, {}, {}});
  }
  // not_found for a missing matter and a wrong token or 查询码 alike; too_many_requests while the
  // source is throttled for wrong 查询码 guesses (even a right one then waits).
  Result<TrackView> track(const std::string& code, const TrackKey& key);
  // On a merged matter (every reporter of a duplicate gets the kept matter's answer): allowed
  // once the kept matter is answered, recorded against the merged matter itself (its reporter's
  // verdict), leaving the kept matter's state to its own reporter and the staff.
  Result<TrackView> evaluate(const std::string& code, const std::string& token,
                             const EvaluationRequest& req) {
    return evaluate(code, TrackKey{token, {}, {}}, req);
  }
  Result<TrackView> evaluate(const std::string& code, const TrackKey& key,
                             const EvaluationRequest& req);
  // The petitioner asks for 复查 / 复核 within 30 days of the written reply (as the staff's
  // review_request / recheck_request). not_found as track(); conflict when no request is open.
  Result<TrackView> petition_request(const std::string& code, const TrackKey& key,
                                     const PetitionRequest& req);

  // The lookup of a reporter's matters by the phone number they gave (track_phone.cpp).
  // Asks for a one-time code to `phone` from `source`: the same answer whether or not matters
  // exist for it (ok), and only when they do is a code issued and sent through the notifier.
  // invalid for what is no phone number; too_many_requests while the phone or the source is
  // throttled (counted before anything is looked up, so it tells nothing either).
  Status request_phone_code(const std::string& phone, const std::string& source);
  // The matters of `phone` for its right one-time code (used up by this call); a wrong, expired,
  // used or never-sent code answers the same invalid error (field `otp`), whether or not the
  // phone has matters. Wrong codes are throttled per phone and per source.
  Result<PhoneMatters> verify_phone_code(const std::string& phone, const std::string& otp,
                                         const std::string& source);

 private:
  // A reporter's own change of a matter (evaluate, petition_request) inside the write: the
  // matter whose key matched, and `saved` set to the matter as stored when it changed.
  struct CitizenStep {
    Tx& tx;
    const CatalogSnapshot& cat;
    const DeadlineSetup& deadlines;
    const Matter& m;
    Instant now;
    std::optional<Matter>& saved;
  };
  using CitizenWrite = std::function<Result<TrackView>(CitizenStep&)>;
  // Checks the key as track() does (wrong 查询码 guesses counted, throttled), runs `write` in
  // one transaction (its error rolls back), then tells the duplicate index of a saved matter.
  Result<TrackView> citizen_write(const std::string& code, const TrackKey& key,
                                  const CitizenWrite& write);

  ServiceContext& ctx_;
  OneTimeCodes codes_;
};


}  // namespace huiyin
