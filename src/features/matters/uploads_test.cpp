// Uploads and idempotency keys on both backends (SQLite always, PostgreSQL with
// HUIYIN_TEST_PG_URL): handles only the uploader can link, types sniffed from the bytes, PDF for
// staff evidence only, orphan uploads removed after a day, keys bound to the body and the user.
#include <gtest/gtest.h>

#include <filesystem>

#include "features/matters/attachments.hpp"
#include "kernel/auth.hpp"
#include "features/matters/intake.hpp"
#include "features/matters/matters.hpp"
#include "features/matters/measures.hpp"
#include "kernel/support.hpp"
#include "store/migrations.hpp"
#include "store/store_test_support.hpp"
#include "store/attachment_store.hpp"
#include "store/directory_store.hpp"

namespace huiyin::testing {
namespace {

namespace fs = std::filesystem;

constexpr Instant kStart = 1795399200;  // 2026-11-23 10:00 Asia/Shanghai
const std::string kPng("\x89PNG\r\n\x1A\n\0\0\0\rIHDRpng-one", 24);
const std::string kPng2("\x89PNG\r\n\x1A\n\0\0\0\rIHDRpng-two", 24);
const std::string kPdf = "%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n";

class UploadsTest : public StoreFixture {
 protected:
  void SetUp() override {
    StoreFixture::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    dir_ = fs::temp_directory_path() / ("huiyin-uploads-" + random_token(9));
    fs::create_directories(dir_);
    clock_ = std::make_unique<ManualClock>(kStart);
    Status st = store().write([&](Tx& tx) -> Status {
      for (auto [code, name, kind, level, parent] :
           {std::tuple{"430200", "株洲市", OrgKind::area, 1, ""},
            std::tuple{"430202", "荷塘区", OrgKind::area, 2, "430200"},
            std::tuple{"430200-ZJJ", "市住建局", OrgKind::dept, 2, "430200"},
            std::tuple{"430200-CGJ", "市城管局", OrgKind::dept, 2, "430200"}}) {
        Org o;
        o.code = code;
        o.name = name;
        o.kind = kind;
        o.level = level;
        if (*parent) o.parent = db::org_by_code(tx, parent)->id;
        if (auto id = db::put_org(tx, o); !id) return id.error();
      }
      return ok();
    });
    ASSERT_TRUE(st) << st.error().detail;
    ServiceConfig cfg;
    cfg.data_dir = dir_.string();
    cfg.fast_password_hashing = true;
    auto svc = Services::open(store(), *clock_, cfg);
    ASSERT_TRUE(svc) << svc.error().detail;
    svc_ = std::move(*svc);
    for (auto [name, role, org] : {std::tuple{"disp", "dispatcher", "430200"},
                                   std::tuple{"disp2", "dispatcher", "430200"},
                                   std::tuple{"zjj", "handler", "430200-ZJJ"},
                                   std::tuple{"cgj", "handler", "430200-CGJ"}}) {
      auto id = svc_->auth().create_user(
          {name, std::string("用户") + name, "password-123", {{role, org}}});
      ASSERT_TRUE(id) << id.error().detail;
      ids_[name] = *id;
    }
  }
  void TearDown() override {
    svc_.reset();
    std::error_code ec;
    fs::remove_all(dir_, ec);
    StoreFixture::TearDown();
  }

  Actor who(const std::string& name) {
    auto a = svc_->auth().actor_of(ids_.at(name));
    EXPECT_TRUE(a) << name;
    return a ? *a : Actor{};
  }
  static IntakeRequest request(std::vector<std::string> photos = {}) {
    IntakeRequest r;
    r.title = "小区路灯不亮";
    r.content = "荷塘区某小区门口的路灯坏了一个星期。";
    r.district = "430202";
    r.contact_phone = "13912345678";
    r.attachments = std::move(photos);
    return r;
  }
  std::size_t matters() {
    auto list = svc_->matters().list(who("disp"), {});
    EXPECT_TRUE(list);
    return list ? list->items.size() : 0;
  }
  std::optional<Attachment> row(const std::string& handle) {
    return r([&](Tx& tx) { return db::attachment_by_handle(tx, handle); });
  }
  fs::path file(const Attachment& a) {
    return dir_ / "attachments" / a.sha256.substr(0, 2) / a.sha256;
  }
  // A matter assigned to 市住建局 (co 市城管局) and signed, for measures with evidence.
  std::string signed_matter() {
    auto m = svc_->intake().submit(request(), "");
    EXPECT_TRUE(m) << m.error().detail;
    auto step = [&](const std::string& name, ActionRequest a) {
      auto cur = svc_->matters().get(who("disp"), m->code);
      EXPECT_TRUE(cur) << cur.error().detail;
      auto res = svc_->matters().act(who(name), m->code, a, cur->summary.matter.version);
      EXPECT_TRUE(res) << a.action << ": " << (res ? "" : res.error().detail);
    };
    ActionRequest a;
    a.action = "accept";
    step("disp", a);
    a.action = "assign";
    a.lead_org = "430200-ZJJ";
    a.co_orgs = {"430200-CGJ"};
    a.handling_class = "immediate";
    step("disp", a);
    ActionRequest s;
    s.action = "sign";
    step("zjj", s);
    return m->code;
  }

  fs::path dir_;
  std::unique_ptr<ManualClock> clock_;
  std::unique_ptr<Services> svc_;
  std::map<std::string, Id> ids_;
};

TEST_P(UploadsTest, SequentialUploadIdCannotBeLinkedByAnotherClient) {
  auto mine = svc_->attachments().save(kPng, "a.png");
  ASSERT_TRUE(mine) << mine.error().detail;
  EXPECT_EQ(mine->handle.size(), 32u) << "128 random bits, hex";
  EXPECT_NE(mine->handle, std::to_string(mine->id));
  // Another client guesses the row id (1, 2, …): it names no upload.
  auto guess = svc_->intake().submit(request({std::to_string(mine->id)}), "");
  ASSERT_FALSE(guess);
  EXPECT_EQ(guess.error().code, ErrorCode::invalid);
  EXPECT_EQ(guess.error().field, "attachments");
  EXPECT_EQ(matters(), 0u);
  // A staff member's upload is linkable only by that staff member.
  Actor disp = who("disp"), disp2 = who("disp2");
  auto staff = svc_->attachments().save({kPng2, "image/png", "b.png"}, &disp);
  ASSERT_TRUE(staff) << staff.error().detail;
  auto by_public = svc_->intake().submit(request({staff->handle}), "");
  ASSERT_FALSE(by_public);
  EXPECT_EQ(by_public.error().field, "attachments");
  auto by_colleague = svc_->intake().submit(request({staff->handle}), "", &disp2);
  ASSERT_FALSE(by_colleague);
  EXPECT_EQ(matters(), 0u);
  // The client holding the handle links it, once.
  auto m = svc_->intake().submit(request({mine->handle}), "");
  ASSERT_TRUE(m) << m.error().detail;
  auto again = svc_->intake().submit(request({mine->handle}), "");
  ASSERT_FALSE(again);
  auto s = svc_->intake().submit(request({staff->handle}), "", &disp);
  ASSERT_TRUE(s) << s.error().detail;
  EXPECT_EQ(row(mine->handle)->matter_id.has_value(), true);
}

TEST_P(UploadsTest, UploadTypeIsSniffedFromTheBytesNeverFromTheDeclaration) {
  Actor disp = who("disp");
  auto png_as_pdf = svc_->attachments().save({kPng, "", "现场照片.pdf"}, &disp);
  ASSERT_FALSE(png_as_pdf) << "a PNG renamed .pdf";
  EXPECT_EQ(png_as_pdf.error().code, ErrorCode::invalid);
  auto pdf_as_png = svc_->attachments().save({kPdf, "image/png", ""}, &disp);
  ASSERT_FALSE(pdf_as_png) << "a PDF declared image/png";
  EXPECT_EQ(pdf_as_png.error().code, ErrorCode::invalid);
  auto html = svc_->attachments().save({"<html><script>alert(1)</script></html>", "image/jpeg",
                                        "photo.jpg"},
                                       nullptr);
  ASSERT_FALSE(html) << "an HTML file declared image/jpeg";
  EXPECT_EQ(html.error().code, ErrorCode::invalid);
  auto gif = svc_->attachments().save({"GIF89a\x01\x00\x01\x00", "image/gif", "a.gif"}, nullptr);
  EXPECT_FALSE(gif) << "GIF is not a type the API names";
  auto fine = svc_->attachments().save({kPng, "image/png; charset=binary", "IMG_0001.PNG"}, nullptr);
  ASSERT_TRUE(fine) << fine.error().detail;
  EXPECT_EQ(fine->mime, "image/png");
  auto undeclared = svc_->attachments().save({kPng2, "application/octet-stream", ""}, nullptr);
  ASSERT_TRUE(undeclared) << undeclared.error().detail;
  EXPECT_EQ(r([](Tx& tx) { return db::unlinked_attachments_before(tx, kStart + 1, 100).size(); }), 2u)
      << "refused uploads left no rows";
}

TEST_P(UploadsTest, PublicPdfRefusedStaffPdfEvidenceAccepted) {
  auto pub = svc_->attachments().save({kPdf, "application/pdf", "材料.pdf"}, nullptr);
  ASSERT_FALSE(pub);
  EXPECT_EQ(pub.error().code, ErrorCode::invalid);
  const std::string code = signed_matter();
  Actor zjj = who("zjj"), cgj = who("cgj");
  auto pdf = svc_->attachments().save({kPdf, "application/pdf", "整改报告.pdf"}, &zjj);
  ASSERT_TRUE(pdf) << pdf.error().detail;
  EXPECT_EQ(pdf->mime, "application/pdf");
  // Not as an intake photo, and not by another unit's handler.
  auto as_photo = svc_->intake().submit(request({pdf->handle}), "", &zjj);
  ASSERT_FALSE(as_photo);
  EXPECT_EQ(as_photo.error().field, "attachments");
  MeasureInput in;
  in.content = "更换路灯灯头";
  in.evidence_files = {pdf->handle};
  auto stolen = svc_->measures().add(cgj, code, in);
  ASSERT_FALSE(stolen);
  EXPECT_EQ(stolen.error().field, "evidence_files");
  auto added = svc_->measures().add(zjj, code, in);
  ASSERT_TRUE(added) << added.error().detail;
  ASSERT_EQ(added->files.size(), 1u);
  EXPECT_EQ(added->files[0].handle, pdf->handle);
  auto listed = svc_->measures().list(zjj, code);
  ASSERT_TRUE(listed);
  ASSERT_EQ(listed->at(0).files.size(), 1u);
  auto staff_read = svc_->attachments().read(pdf->handle, &zjj);
  ASSERT_TRUE(staff_read) << staff_read.error().detail;
  EXPECT_EQ(staff_read->bytes, kPdf);
  EXPECT_FALSE(svc_->attachments().read(pdf->handle, nullptr)) << "evidence is never public";
  // More evidence on an update, the uploader's own only.
  auto photo = svc_->attachments().save({kPng, "image/jpeg", ""}, &zjj);
  EXPECT_FALSE(photo) << "declared JPEG, is PNG";
  photo = svc_->attachments().save({kPng, "image/png", ""}, &zjj);
  ASSERT_TRUE(photo);
  MeasurePatch p;
  p.evidence_files = {photo->handle};
  auto updated = svc_->measures().update(zjj, added->measure.id, p, added->measure.version);
  ASSERT_TRUE(updated) << updated.error().detail;
  EXPECT_EQ(updated->files.size(), 2u);
}

TEST_P(UploadsTest, OrphanUploadRemovedAfterADayWhileALinkedOneStays) {
  auto orphan = svc_->attachments().save(kPng, "orphan.png");
  auto linked = svc_->attachments().save(kPng2, "linked.png");
  auto twin = svc_->attachments().save(kPng2, "twin.png");  // same bytes as `linked`, unlinked
  ASSERT_TRUE(orphan && linked && twin);
  ASSERT_TRUE(svc_->intake().submit(request({linked->handle}), ""));
  ASSERT_TRUE(fs::exists(file(*orphan)));

  clock_->advance(23 * 3600);
  auto early = svc_->attachments().remove_orphans();
  ASSERT_TRUE(early) << early.error().detail;
  EXPECT_EQ(early->rows, 0);
  EXPECT_TRUE(row(orphan->handle));
  EXPECT_TRUE(fs::exists(file(*orphan)));

  clock_->advance(2 * 3600);
  auto done = svc_->attachments().remove_orphans();
  ASSERT_TRUE(done) << done.error().detail;
  EXPECT_EQ(done->rows, 2);
  EXPECT_EQ(done->files, 1) << "the twin's bytes are still the linked upload's";
  EXPECT_FALSE(row(orphan->handle));
  EXPECT_FALSE(fs::exists(file(*orphan)));
  EXPECT_FALSE(row(twin->handle));
  ASSERT_TRUE(row(linked->handle));
  EXPECT_TRUE(fs::exists(file(*linked)));
  Actor disp = who("disp");
  auto read = svc_->attachments().read(linked->handle, &disp);
  ASSERT_TRUE(read) << read.error().detail;
  EXPECT_EQ(read->bytes, kPng2);
}

TEST_P(UploadsTest, IdempotencyReplayWithADifferentBodyIsRefusedAndMakesNoSecondMatter) {
  auto first = svc_->intake().submit(request(), "phone-1");
  ASSERT_TRUE(first) << first.error().detail;
  IntakeRequest other = request();
  other.title = "另一件事:噪音扰民";
  auto replay = svc_->intake().submit(other, "phone-1");
  ASSERT_FALSE(replay) << "another body under the same key";
  EXPECT_EQ(replay.error().code, ErrorCode::invalid);
  EXPECT_EQ(replay.error().field, "Idempotency-Key");
  EXPECT_NE(replay.error().detail.find("Idempotency-Key"), std::string::npos);
  EXPECT_EQ(matters(), 1u);
  auto same = svc_->intake().submit(request(), "phone-1");
  ASSERT_TRUE(same) << same.error().detail;
  EXPECT_EQ(same->code, first->code);
  EXPECT_EQ(same->token, first->token);
  EXPECT_EQ(matters(), 1u);
}

TEST_P(UploadsTest, StaffIdempotencyKeyReusedByAnotherUserIsRefused) {
  Actor disp = who("disp"), disp2 = who("disp2");
  auto first = svc_->intake().submit(request(), "field-visit-7", &disp);
  ASSERT_TRUE(first) << first.error().detail;
  auto other_user = svc_->intake().submit(request(), "field-visit-7", &disp2);
  ASSERT_FALSE(other_user);
  EXPECT_EQ(other_user.error().code, ErrorCode::invalid);
  auto as_public = svc_->intake().submit(request(), "field-visit-7");
  ASSERT_FALSE(as_public) << "the public replaying a staff key";
  EXPECT_EQ(matters(), 1u);
  auto same = svc_->intake().submit(request(), "field-visit-7", &disp);
  ASSERT_TRUE(same);
  EXPECT_EQ(same->code, first->code);
}

// A phone sending its offline queue again: the same bytes under the same key answer the same
// handle and store no second row; other bytes, another user or the public under that key are
// refused; a key whose upload was removed as an orphan makes a fresh upload.
TEST_P(UploadsTest, RetriedUploadWithTheSameIdempotencyKeyAnswersTheSameHandle) {
  Actor disp = who("disp"), disp2 = who("disp2");
  auto unlinked = [&] {
    return r([](Tx& tx) { return db::unlinked_attachments_before(tx, kStart + 100000, 100).size(); });
  };
  UploadRequest up{kPng, "image/png", "", "outbox-photo-1"};
  auto first = svc_->attachments().save(up, &disp);
  ASSERT_TRUE(first) << first.error().detail;
  auto again = svc_->attachments().save(up, &disp);
  ASSERT_TRUE(again) << again.error().detail;
  EXPECT_EQ(again->handle, first->handle);
  EXPECT_EQ(again->id, first->id);
  EXPECT_EQ(unlinked(), 1u) << "the retry stored no second upload";

  auto other_bytes = svc_->attachments().save({kPng2, "image/png", "", "outbox-photo-1"}, &disp);
  ASSERT_FALSE(other_bytes);
  EXPECT_EQ(other_bytes.error().code, ErrorCode::invalid);
  EXPECT_EQ(other_bytes.error().field, "Idempotency-Key");
  auto colleague = svc_->attachments().save(up, &disp2);
  ASSERT_FALSE(colleague) << "another user never gets the handle";
  EXPECT_EQ(colleague.error().field, "Idempotency-Key");
  auto anonymous = svc_->attachments().save(up, nullptr);
  ASSERT_FALSE(anonymous) << "the public never gets a staff member's handle";
  EXPECT_EQ(unlinked(), 1u);

  // Without a key every upload is its own; a long key is refused.
  auto plain1 = svc_->attachments().save({kPng, "image/png", ""}, &disp);
  auto plain2 = svc_->attachments().save({kPng, "image/png", ""}, &disp);
  ASSERT_TRUE(plain1 && plain2);
  EXPECT_NE(plain1->handle, plain2->handle);
  auto long_key = svc_->attachments().save({kPng, "image/png", "", std::string(201, 'k')}, &disp);
  ASSERT_FALSE(long_key);
  EXPECT_EQ(long_key.error().field, "Idempotency-Key");

  // Linked, the retry still answers the first handle (the record's retry is answered by its
  // own key); removed as an orphan, the key makes a new upload.
  ASSERT_TRUE(svc_->intake().submit(request({first->handle}), "", &disp));
  auto after_link = svc_->attachments().save(up, &disp);
  ASSERT_TRUE(after_link);
  EXPECT_EQ(after_link->handle, first->handle);
  UploadRequest late{kPng2, "image/png", "", "outbox-photo-2"};
  auto orphan = svc_->attachments().save(late, &disp);
  ASSERT_TRUE(orphan);
  clock_->advance(25 * 3600);
  ASSERT_TRUE(svc_->attachments().remove_orphans());
  EXPECT_FALSE(row(orphan->handle));
  auto remade = svc_->attachments().save(late, &disp);
  ASSERT_TRUE(remade) << remade.error().detail;
  EXPECT_NE(remade->handle, orphan->handle);
  ASSERT_TRUE(row(remade->handle));
  EXPECT_TRUE(fs::exists(file(*remade)));
  auto remade_again = svc_->attachments().save(late, &disp);
  ASSERT_TRUE(remade_again);
  EXPECT_EQ(remade_again->handle, remade->handle);
}

class UploadUpgradeTest : public StoreFixture {
 protected:
  bool migrate_in_setup() const override { return false; }
};

TEST_P(UploadUpgradeTest, UploadsOfTheLastReleaseGetUnguessableHandlesAndStayLinked) {
  sql::Dialect d{GetParam() == "sqlite" ? sql::Dialect::Kind::sqlite
                                        : sql::Dialect::Kind::postgresql};
  auto c = raw();
  ASSERT_EQ(*sql::apply_migrations(*c, d, 2), 2);  // the schema of release f186a75
  c->exec(
      "INSERT INTO matters (code, title, content, channel, kind, status, created_at, updated_at, "
      "search_text) VALUES ('ZZ-OLD', '路灯', '不亮', 'web', 'problem', 'submitted', 1, 1, '')");
  const Id mid = c->query("SELECT id FROM matters WHERE code = 'ZZ-OLD'").at(0).integer(0);
  for (int i = 0; i < 2; ++i)
    c->exec("INSERT INTO attachments (matter_id, sha256, mime, size, original_name, created_at) "
            "VALUES ($1, $2, 'image/png', 10, 'old.png', 1)",
            {sql::Value(mid), sql::Value(std::string(64, static_cast<char>('a' + i)))});
  c.reset();
  auto v = store().migrate();
  ASSERT_TRUE(v.ok()) << v.error().detail;
  auto rows = r([&](Tx& tx) { return db::attachments_of(tx, mid); });
  ASSERT_EQ(rows.size(), 2u) << "nothing lost";
  EXPECT_EQ(rows[0].handle.size(), 32u);
  EXPECT_NE(rows[0].handle, rows[1].handle);
  EXPECT_EQ(rows[0].matter_id, mid);
  EXPECT_EQ(r([&](Tx& tx) { return db::attachment_by_handle(tx, rows[1].handle); })->id, rows[1].id);
}

INSTANTIATE_TEST_SUITE_P(Backends, UploadsTest, backends(), backend_name);
INSTANTIATE_TEST_SUITE_P(Backends, UploadUpgradeTest, backends(), backend_name);

}  // namespace
}  // namespace huiyin::testing
