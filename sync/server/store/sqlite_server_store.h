#pragma once
// Every store interface of the server on SQLite (WAL, synchronous=FULL) through the core's
// wk::Database: one class, one connection, serialised by a mutex (SQLite has one writer at a
// time anyway, and a transaction must not interleave with another thread's statements on the
// same connection). Its methods are in one file per interface (sqlite_*.cpp); the schema and
// its migrations are in sqlite_schema.cpp. Every method turns SQLite's "busy past the busy timeout"
// (another process holds the write lock) and "cannot open" into StoreUnavailable (store_error).
#include <memory>
#include <mutex>

#include "store/server_store.h"
#include "store/store_unavailable.h"
#include "storage/database.h"

namespace wk::server {

class SqliteServerStore : public ServerStore {
 public:
  explicit SqliteServerStore(const std::string& path);

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
  int64_t attempt_wait_locked(const AttemptRule& rule, const std::string& user, const std::string& address,
                              int64_t now_ms);
  void record_failure_locked(const AttemptRule& rule, const std::string& user, const std::string& address,
                             int64_t now_ms);
  std::optional<Organisation> organisation_locked(const std::string& id);
  std::mutex mu_;
  std::unique_ptr<Database> db_;
};

// Rethrows a database error of the store: as StoreUnavailable when the database cannot be
// reached now (busy past the busy timeout, locked, cannot be opened), else as it is (a full or
// read-only disk, a damaged file: answers that waiting does not change).
[[noreturn]] void store_error(const DbError& e);

}  // namespace wk::server
