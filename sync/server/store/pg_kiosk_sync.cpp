#include <nlohmann/json.hpp>

#include "store/pg_server_store.h"

// KioskSyncStore on PostgreSQL. Races between server instances are settled by PostgreSQL:
// an enrollment code is used by an UPDATE that rechecks "unused" on the row it waited for,
// and a session is inserted with ON CONFLICT (uuid) DO NOTHING, which waits for a concurrent
// insert of the same uuid to commit or roll back before deciding.

namespace wk::server {

namespace {

struct ConflictAbort {};

}  // namespace

PgSessionColumns pg_session_columns(const std::string& uuid, const std::string& canonical_json) {
  auto j = nlohmann::json::parse(canonical_json);
  PgSessionColumns out;
  if (j.contains("ended_at") && j["ended_at"].is_string()) out.ended_at = j["ended_at"].get<std::string>();
  auto field = [&](const char* k) { return j.contains(k) ? j[k] : nlohmann::json(nullptr); };
  nlohmann::json answers = field("answers");
  out.totals_json = nlohmann::json{{"uuid", uuid},
                                   {"status", field("status")},
                                   {"follow_up_of", field("follow_up_of")},
                                   {"answers", answers.is_null() ? nlohmann::json::object() : answers}}
                        .dump();
  return out;
}

namespace {

constexpr const char* kKioskColumns =
    "SELECT k.id, k.organisation_id, o.name, k.enrolled_at, k.revoked, k.last_heartbeat_at, k.app_version, "
    "k.content_version, k.last_sync, k.pending, k.free_disk_bytes, k.group_name "
    "FROM kiosks k JOIN organisations o ON o.id = k.organisation_id";

std::vector<KioskInfo> read_kiosks(const pg::Result& r) {
  std::vector<KioskInfo> out;
  for (int i = 0; i < r.rows(); ++i) {
    KioskInfo k;
    k.id = r.text(i, 0);
    k.organisation_id = r.text(i, 1);
    k.organisation_name = r.text(i, 2);
    k.enrolled_at = r.text(i, 3);
    k.revoked = r.boolean(i, 4);
    k.last_heartbeat_at = r.opt_text(i, 5);
    k.app_version = r.opt_text(i, 6);
    k.content_version = r.opt_text(i, 7);
    k.last_sync = r.opt_text(i, 8);
    k.pending = r.opt_int64(i, 9);
    k.free_disk_bytes = r.opt_int64(i, 10);
    k.group = r.text(i, 11);
    out.push_back(std::move(k));
  }
  return out;
}

}  // namespace

void PgServerStore::add_enrollment_code(const std::string& code_hash, const std::string& organisation_id,
                                        const std::string& expires_at) {
  pool_.with([&](pg::Connection& c) {
    c.exec("INSERT INTO enrollment_codes(code_hash, organisation_id, expires_at) VALUES ($1, $2, $3)",
           {code_hash, organisation_id, expires_at});
  });
}

std::optional<Organisation> PgServerStore::enroll(const std::string& code_hash, const std::string& now,
                                                  const std::string& kiosk_id, const std::string& token_hash) {
  std::optional<Organisation> org;
  pool_.transaction([&](pg::Connection& c) {
    auto used = c.exec(
        "UPDATE enrollment_codes SET used_at = $1, used_by_kiosk = $2 "
        "WHERE code_hash = $3 AND used_at IS NULL AND expires_at > $1 RETURNING organisation_id",
        {now, kiosk_id, code_hash});
    if (used.rows() == 0) return;
    std::string org_id = used.text(0, 0);
    c.exec("INSERT INTO kiosks(id, organisation_id, token_hash, enrolled_at) VALUES ($1, $2, $3, $4)",
           {kiosk_id, org_id, token_hash, now});
    auto o = c.exec("SELECT id, name FROM organisations WHERE id = $1", {org_id});
    if (o.rows()) org = Organisation{o.text(0, 0), o.text(0, 1)};
  });
  return org;
}

std::optional<KioskAuth> PgServerStore::kiosk_by_token_hash(const std::string& token_hash) {
  return pool_.with([&](pg::Connection& c) -> std::optional<KioskAuth> {
    auto r = c.exec("SELECT id, organisation_id, revoked FROM kiosks WHERE token_hash = $1", {token_hash});
    if (r.rows() == 0) return std::nullopt;
    return KioskAuth{r.text(0, 0), r.text(0, 1), r.boolean(0, 2)};
  });
}

bool PgServerStore::revoke_kiosk(const std::string& kiosk_id) {
  return pool_.with(
      [&](pg::Connection& c) { return c.exec("UPDATE kiosks SET revoked = true WHERE id = $1", {kiosk_id}).affected() > 0; });
}

std::vector<KioskInfo> PgServerStore::list_kiosks() {
  return pool_.with(
      [&](pg::Connection& c) { return read_kiosks(c.exec(std::string(kKioskColumns) + " ORDER BY k.enrolled_at, k.id")); });
}

void PgServerStore::record_heartbeat(const std::string& kiosk_id, const Heartbeat& hb, const std::string& now) {
  pool_.with([&](pg::Connection& c) {
    c.exec(
        "UPDATE kiosks SET last_heartbeat_at = $1, app_version = $2, content_version = $3, last_sync = $4, "
        "pending = $5, free_disk_bytes = $6 WHERE id = $7",
        {now, hb.app_version, hb.content_version, hb.last_sync, hb.pending, hb.free_disk_bytes, kiosk_id});
  });
}

std::vector<KioskInfo> PgServerStore::kiosks_of(const std::string& organisation_id) {
  return pool_.with([&](pg::Connection& c) {
    return read_kiosks(c.exec(std::string(kKioskColumns) + " WHERE k.organisation_id = $1 ORDER BY k.enrolled_at, k.id",
                              {organisation_id}));
  });
}

bool PgServerStore::set_kiosk_group(const std::string& organisation_id, const std::string& kiosk_id,
                                    const std::string& group) {
  return pool_.with([&](pg::Connection& c) {
    return c.exec("UPDATE kiosks SET group_name = $1 WHERE id = $2 AND organisation_id = $3",
                  {group, kiosk_id, organisation_id})
               .affected() > 0;
  });
}

bool PgServerStore::revoke_kiosk_of(const std::string& organisation_id, const std::string& kiosk_id) {
  return pool_.with([&](pg::Connection& c) {
    return c.exec("UPDATE kiosks SET revoked = true WHERE id = $1 AND organisation_id = $2", {kiosk_id, organisation_id})
               .affected() > 0;
  });
}

IngestResult PgServerStore::ingest_sessions(const std::string& organisation_id, const std::string& kiosk_id,
                                            const std::vector<IncomingSession>& sessions, const std::string& now) {
  IngestResult result;
  try {
    pool_.transaction([&](pg::Connection& c) {
      for (const auto& in : sessions) {
        PgSessionColumns x = pg_session_columns(in.uuid, in.canonical_json);
        auto ins = c.exec(
            "INSERT INTO sessions(uuid, organisation_id, kiosk_id, code, anonymous, session_json, content_hash, "
            "received_at, ended_at, totals_json) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) "
            "ON CONFLICT (uuid) DO NOTHING",
            {in.uuid, organisation_id, kiosk_id, in.code, !in.code.has_value(), in.canonical_json, in.content_hash,
             now, x.ended_at, x.totals_json});
        if (ins.affected() == 1) {
          result.results.emplace_back(in.uuid, "stored");
          continue;
        }
        // Already there (stored earlier, by another instance, or earlier in this batch).
        auto existing = c.exec("SELECT content_hash FROM sessions WHERE uuid = $1", {in.uuid});
        if (existing.rows() && existing.text(0, 0) == in.content_hash)
          result.results.emplace_back(in.uuid, "duplicate");
        else
          result.conflicting_uuids.push_back(in.uuid);
      }
      if (!result.conflicting_uuids.empty()) throw ConflictAbort{};
    });
  } catch (const ConflictAbort&) {
    result.conflict = true;
    result.results.clear();
  }
  return result;
}

int64_t PgServerStore::session_count() {
  return pool_.with([&](pg::Connection& c) { return c.exec("SELECT count(*) FROM sessions").int64(0, 0); });
}

void PgServerStore::publish_content(const std::string& manifest, const std::string& signature,
                                    const std::vector<ContentFileIn>& files, const std::string& now) {
  pool_.transaction([&](pg::Connection& c) {
    int64_t pack = c.exec("INSERT INTO content_packs(manifest, signature, published_at) VALUES ($1, $2, $3) RETURNING id",
                          {pg::Param::bytes(manifest), pg::Param::bytes(signature), now})
                       .int64(0, 0);
    for (const auto& f : files) {
      c.exec("INSERT INTO content_blobs(sha256, data) VALUES ($1, $2) ON CONFLICT (sha256) DO NOTHING",
             {f.sha256, pg::Param::bytes(f.data)});
      c.exec("INSERT INTO content_files(pack_id, path, sha256) VALUES ($1, $2, $3)", {pack, f.path, f.sha256});
    }
  });
}

std::optional<PublishedContent> PgServerStore::current_content() {
  return pool_.with([&](pg::Connection& c) -> std::optional<PublishedContent> {
    auto r = c.exec("SELECT id, manifest, signature, published_at FROM content_packs ORDER BY id DESC LIMIT 1");
    if (r.rows() == 0) return std::nullopt;
    return PublishedContent{r.int64(0, 0), r.bytes(0, 1), r.bytes(0, 2), r.text(0, 3)};
  });
}

std::optional<std::string> PgServerStore::current_content_file(const std::string& path) {
  return pool_.with([&](pg::Connection& c) -> std::optional<std::string> {
    auto r = c.exec(
        "SELECT b.data FROM content_files f JOIN content_blobs b ON b.sha256 = f.sha256 "
        "WHERE f.pack_id = (SELECT max(id) FROM content_packs) AND f.path = $1",
        {path});
    if (r.rows() == 0) return std::nullopt;
    return r.bytes(0, 0);
  });
}

std::optional<std::string> PgServerStore::recorded_public_key() {
  return pool_.with([&](pg::Connection& c) -> std::optional<std::string> {
    auto r = c.exec("SELECT public_key FROM server_keys WHERE purpose = 'content'");
    if (r.rows() == 0) return std::nullopt;
    return r.text(0, 0);
  });
}

void PgServerStore::record_public_key(const std::string& public_key_b64, const std::string& now) {
  pool_.with([&](pg::Connection& c) {
    c.exec(
        "INSERT INTO server_keys(purpose, public_key, created_at) VALUES ('content', $1, $2) "
        "ON CONFLICT (purpose) DO UPDATE SET public_key = excluded.public_key, created_at = excluded.created_at",
        {public_key_b64, now});
  });
}

}  // namespace wk::server
