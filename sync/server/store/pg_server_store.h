#pragma once
// Every store interface of the server on PostgreSQL 15 through libpq, for a national
// deployment where several server instances share one database. Methods are in one file per
// interface (pg_*.cpp) beside the SQLite ones, with the same meaning; the schema and its
// migrations are in pg_schema.cpp. Connections come from a pool (pg_connection.h), so HTTP
// worker threads run their queries at once; races between threads or between server
// instances (the same session uploaded twice, the same enrollment code) are settled by
// PostgreSQL's unique constraints and row locks, never by this process's memory.
// PostgreSQL down or restarting: every method throws StoreUnavailable and stores nothing.
#include <memory>

#include "store/pg_connection.h"
#include "store/server_store.h"

namespace wk::server {

// The columns PostgreSQL keeps beside a session's JSON (pg_schema.cpp): its ended_at (NULL when
// it has none) and the slim row the totals count, as SQLite's sessions_for_totals builds it.
// Taken out at ingest, and by admin migrate for the sessions it copies.
struct PgSessionColumns {
  std::optional<std::string> ended_at;
  std::string totals_json;
};
PgSessionColumns pg_session_columns(const std::string& uuid, const std::string& canonical_json);

class PgServerStore : public ServerStore {
 public:
  // url: postgresql://user:password@host:port/database (or a unix socket: ?host=/run/postgresql).
  // Connects and runs the migrations this database lacks (pg_schema.cpp).
  explicit PgServerStore(const std::string& url, size_t max_connections = 16);

  // OrganisationStore
  std::string create_organisation(const std::string& name) override;
  std::optional<Organisation> organisation(const std::string& id) override;

  // KioskSyncStore
  void add_enrollment_code(const std::string& code_hash, const std::string& organisation_id,
                           const std::string& expires_at) override;
  std::optional<Organisation> enroll(const std::string& code_hash, const std::string& now, const std::string& kiosk_id,
                                     const std::string& token_hash) override;
  std::optional<KioskAuth> kiosk_by_token_hash(const std::string& token_hash) override;
  bool revoke_kiosk(const std::string& kiosk_id) override;
  std::vector<KioskInfo> list_kiosks() override;
  void record_heartbeat(const std::string& kiosk_id, const Heartbeat& hb, const std::string& now) override;
  std::vector<KioskInfo> kiosks_of(const std::string& organisation_id) override;
  bool set_kiosk_group(const std::string& organisation_id, const std::string& kiosk_id,
                       const std::string& group) override;
  bool revoke_kiosk_of(const std::string& organisation_id, const std::string& kiosk_id) override;
  IngestResult ingest_sessions(const std::string& organisation_id, const std::string& kiosk_id,
                               const std::vector<IncomingSession>& sessions, const std::string& now) override;
  int64_t session_count() override;
  void publish_content(const std::string& manifest, const std::string& signature,
                       const std::vector<ContentFileIn>& files, const std::string& now) override;
  std::optional<PublishedContent> current_content() override;
  std::optional<std::string> current_content_file(const std::string& path) override;
  std::optional<std::string> recorded_public_key() override;
  void record_public_key(const std::string& public_key_b64, const std::string& now) override;

  // CoachAccountStore
  void create_coach(const std::string& organisation_id, const std::string& username, const std::string& password_hash,
                    const std::string& role) override;
  std::optional<CoachAccount> coach(const std::string& username) override;
  std::vector<CoachAccount> coaches_of(const std::string& organisation_id) override;
  bool set_coach_disabled(const std::string& organisation_id, const std::string& username, bool disabled) override;
  bool set_coach_password(const std::string& organisation_id, const std::string& username,
                          const std::string& password_hash) override;
  void create_login(const LoginSession& login) override;
  std::optional<LoginSession> login(const std::string& token_hash, const std::string& now,
                                    const std::string& idle_since, const std::string& created_since) override;
  void delete_login(const std::string& token_hash) override;

  // SharedResultsStore
  std::vector<SharedSession> shared_sessions(const std::string& organisation_id, const std::string& code) override;
  std::vector<SharedSession> recent_shared(const std::string& organisation_id, int limit) override;
  int forget_code(const std::string& organisation_id, const std::string& code) override;

  // NotesAuditStore
  int64_t add_note(const std::string& organisation_id, const std::string& code, const std::string& username,
                   const std::string& text, const std::string& now) override;
  std::vector<CoachNote> notes(const std::string& organisation_id, const std::string& code) override;
  void audit(const std::string& organisation_id, const std::string& username, const std::string& action,
             const std::string& code, const std::string& now) override;
  std::vector<AuditEntry> audit_log(const std::string& organisation_id, int limit, int offset) override;

  // TotalsStore
  std::vector<SessionForTotals> sessions_for_totals(const std::string& organisation_id, const std::string& group,
                                                    const std::string& from, const std::string& to) override;
  std::vector<std::string> kiosk_groups(const std::string& organisation_id) override;

  // HealthStore
  std::optional<std::string> ping() override;

  // LoginAttemptStore
  int64_t begin_attempt(const AttemptRule& rule, const std::string& user, const std::string& address,
                        int64_t now_ms) override;
  void attempt_passed(const AttemptRule& rule, const std::string& user, const std::string& address,
                      int64_t started_ms) override;
  int64_t attempt_wait(const AttemptRule& rule, const std::string& user, const std::string& address,
                       int64_t now_ms) override;
  void attempt_failed(const AttemptRule& rule, const std::string& user, const std::string& address,
                      int64_t now_ms) override;
  void forget_user_failures(const AttemptRule& rule, const std::string& user) override;

  // SigningKeyStore
  std::optional<StoredSigningKey> signing_key() override;
  StoredSigningKey keep_signing_key(const StoredSigningKey& candidate, const std::string& now) override;

 private:
  pg::Pool pool_;
};

}  // namespace wk::server
