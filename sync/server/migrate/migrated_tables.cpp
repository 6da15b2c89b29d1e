#include "migrate/migrated_tables.h"

namespace wk::server::migrate {

namespace {

Column t(const char* name) { return {name, name, Kind::Text}; }
Column i(const char* name) { return {name, name, Kind::Integer}; }
Column b(const char* name) { return {name, name, Kind::Boolean}; }
Column x(const char* name) { return {name, name, Kind::Bytes}; }

}  // namespace

const std::vector<Table>& migrated_tables() {
  static const std::vector<Table> tables = {
      {"organisations", {t("id"), t("name"), t("created_at")}, "id", ""},
      {"kiosks",
       {t("id"), t("organisation_id"), t("token_hash"), b("revoked"), t("enrolled_at"), t("last_heartbeat_at"),
        t("app_version"), t("content_version"), t("last_sync"), i("pending"), i("free_disk_bytes"), t("group_name")},
       "id",
       ""},
      {"enrollment_codes",
       {t("code_hash"), t("organisation_id"), t("created_at"), t("expires_at"), t("used_at"), t("used_by_kiosk")},
       "code_hash",
       ""},
      {"coaches",
       {t("username"), t("organisation_id"), t("password_hash"), t("role"), t("created_at"), b("disabled")},
       "username",
       ""},
      // SQLite's rowid is the order of arrival, which PostgreSQL keeps in seq.
      {"sessions",
       {{"rowid", "seq", Kind::Integer}, t("uuid"), t("organisation_id"), t("kiosk_id"), t("code"), b("anonymous"),
        t("session_json"), t("content_hash"), t("received_at")},
       "uuid",
       "seq"},
      {"content_packs", {i("id"), x("manifest"), x("signature"), t("published_at")}, "id", "id"},
      {"content_blobs", {t("sha256"), x("data")}, "sha256", ""},
      {"content_files", {i("pack_id"), t("path"), t("sha256")}, "pack_id, path", ""},
      {"server_keys", {t("purpose"), t("public_key"), t("created_at"), t("secret_key")}, "purpose", ""},
      {"login_sessions", {t("token_hash"), t("username"), t("csrf_token"), t("created_at"), t("last_seen_at")},
       "token_hash",
       ""},
      {"coach_notes", {i("id"), t("organisation_id"), t("code"), t("username"), t("text"), t("created_at")}, "id", "id"},
      {"audit_log", {i("id"), t("organisation_id"), t("at"), t("username"), t("action"), t("code")}, "id", "id"},
      {"login_failures", {i("id"), t("scope"), t("kind"), t("name"), i("at_ms")}, "id", "id"},
  };
  return tables;
}

}  // namespace wk::server::migrate
