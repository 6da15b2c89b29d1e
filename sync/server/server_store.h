#pragma once
// The server's storage, behind an interface so that a PostgreSQL backend can implement it
// later. SqliteServerStore (sqlite_server_store.h) is the default. Every method is safe to
// call from several HTTP worker threads at once; every multi-row change is one transaction.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace wk::server {

struct Organisation {
  std::string id, name;
};

struct KioskAuth {
  std::string kiosk_id, organisation_id;
  bool revoked = false;
};

struct KioskInfo {
  std::string id, organisation_id, organisation_name, enrolled_at, group;
  bool revoked = false;
  std::optional<std::string> last_heartbeat_at, app_version, content_version, last_sync;
  std::optional<int64_t> pending, free_disk_bytes;
};

// One session as the server keeps it: the canonical JSON (sorted keys, no whitespace) and
// the SHA-256 of it, which decides "duplicate" against "conflict".
struct IncomingSession {
  std::string uuid;
  std::optional<std::string> code;  // nullopt: anonymous
  std::string canonical_json;
  std::string content_hash;
};

struct IngestResult {
  bool conflict = false;
  std::vector<std::pair<std::string, std::string>> results;  // uuid, "stored" | "duplicate"
  std::vector<std::string> conflicting_uuids;                // when conflict: nothing was stored
};

struct Heartbeat {
  std::string app_version, content_version;
  std::optional<std::string> last_sync;
  int64_t pending = 0, free_disk_bytes = 0;
};

struct ContentFileIn {
  std::string path, sha256, data;
};

struct PublishedContent {
  int64_t id = 0;
  std::string manifest, signature, published_at;
};

// ---- Coach pages (sync/server/coach) ----

// Roles: "coach" reads shared results of the organisation; "admin" also manages the
// organisation's accounts and kiosks and reads the audit log; "employer" sees only the
// anonymous organisation totals, never one participant.
struct CoachAccount {
  std::string username, organisation_id, organisation_name, password_hash, role, created_at;
  bool disabled = false;
};

// A logged-in browser: the cookie holds a random token, the store keeps only its hash.
struct LoginSession {
  std::string token_hash, username, organisation_id, role, csrf_token, created_at, last_seen_at;
};

// A participant's session as the coach pages read it (only shared ones: code is set).
struct SharedSession {
  std::string uuid, kiosk_id, kiosk_group, code, session_json, received_at;
};

// For the anonymous totals: every session of the organisation, shared or not, with its kiosk group.
// session_json holds only {"uuid", "status", "follow_up_of", "answers"}: no code, no events.
struct SessionForTotals {
  std::string kiosk_id, kiosk_group, session_json, received_at;
};

struct CoachNote {
  int64_t id = 0;
  std::string code, username, text, created_at;
};

struct AuditEntry {
  int64_t id = 0;
  std::string at, username, action, code;  // action: "view", "print", "note", "login", ...
};

class ServerStore {
 public:
  virtual ~ServerStore() = default;

  // Organisations, enrollment codes, coaches.
  virtual std::string create_organisation(const std::string& name) = 0;
  virtual std::optional<Organisation> organisation(const std::string& id) = 0;
  virtual void add_enrollment_code(const std::string& code_hash, const std::string& organisation_id,
                                   const std::string& expires_at) = 0;
  // Uses the code (once, unexpired at `now`) and creates the kiosk in the same transaction.
  // Returns the organisation, or nullopt for an unknown, used or expired code.
  virtual std::optional<Organisation> enroll(const std::string& code_hash, const std::string& now,
                                             const std::string& kiosk_id, const std::string& token_hash) = 0;
  virtual void create_coach(const std::string& organisation_id, const std::string& username,
                            const std::string& password_hash, const std::string& role) = 0;

  // Kiosks.
  virtual std::optional<KioskAuth> kiosk_by_token_hash(const std::string& token_hash) = 0;
  virtual bool revoke_kiosk(const std::string& kiosk_id) = 0;
  virtual std::vector<KioskInfo> list_kiosks() = 0;
  virtual void record_heartbeat(const std::string& kiosk_id, const Heartbeat& hb, const std::string& now) = 0;

  // Sessions: the whole batch in one transaction; on any conflict nothing is stored.
  virtual IngestResult ingest_sessions(const std::string& organisation_id, const std::string& kiosk_id,
                                       const std::vector<IncomingSession>& sessions, const std::string& now) = 0;
  virtual int64_t session_count() = 0;

  // Content packs: the newest published one is current.
  virtual void publish_content(const std::string& manifest, const std::string& signature,
                               const std::vector<ContentFileIn>& files, const std::string& now) = 0;
  virtual std::optional<PublishedContent> current_content() = 0;
  virtual std::optional<std::string> current_content_file(const std::string& path) = 0;

  // Coach accounts. create_coach above takes role "coach", "admin" or "employer".
  virtual std::optional<CoachAccount> coach(const std::string& username) = 0;
  virtual std::vector<CoachAccount> coaches_of(const std::string& organisation_id) = 0;  // by username
  // False when the account is not in that organisation (an admin cannot touch another's).
  // Disabling an account or setting its password ends its logins.
  virtual bool set_coach_disabled(const std::string& organisation_id, const std::string& username, bool disabled) = 0;
  virtual bool set_coach_password(const std::string& organisation_id, const std::string& username,
                                  const std::string& password_hash) = 0;

  // Login sessions. login() returns the session only if it exists, its account is not
  // disabled, it was seen after `idle_since` and created after `created_since`; it then
  // sets last_seen_at = now. Disabling an account ends its login sessions.
  virtual void create_login(const LoginSession& login) = 0;
  virtual std::optional<LoginSession> login(const std::string& token_hash, const std::string& now,
                                            const std::string& idle_since, const std::string& created_since) = 0;
  virtual void delete_login(const std::string& token_hash) = 0;

  // Shared sessions (code not null) of one organisation with this code, oldest first
  // (by ended_at in the JSON, then received_at). Another organisation's code gives nothing.
  virtual std::vector<SharedSession> shared_sessions(const std::string& organisation_id, const std::string& code) = 0;
  // The most recently received shared sessions of the organisation (one row per code, newest first).
  virtual std::vector<SharedSession> recent_shared(const std::string& organisation_id, int limit) = 0;
  // Sessions of the organisation received in [from, to) (ISO dates/times, compared as text),
  // optionally only kiosks of one group ("" = all groups).
  virtual std::vector<SessionForTotals> sessions_for_totals(const std::string& organisation_id,
                                                            const std::string& group, const std::string& from,
                                                            const std::string& to) = 0;

  // The participant withdraws their consent: their checks stay (anonymous, so the totals of
  // ended quarters do not change) but lose the code, in the row and in the stored JSON, and
  // the coaches' notes on the code are deleted. Returns how many checks were unlinked.
  virtual int forget_code(const std::string& organisation_id, const std::string& code) = 0;

  // Notes by coaches on a participant code, oldest first.
  virtual int64_t add_note(const std::string& organisation_id, const std::string& code, const std::string& username,
                           const std::string& text, const std::string& now) = 0;
  virtual std::vector<CoachNote> notes(const std::string& organisation_id, const std::string& code) = 0;

  // Audit log: append-only.
  virtual void audit(const std::string& organisation_id, const std::string& username, const std::string& action,
                     const std::string& code, const std::string& now) = 0;
  virtual std::vector<AuditEntry> audit_log(const std::string& organisation_id, int limit, int offset) = 0;  // newest first

  // Kiosks of one organisation; groups are labels an admin gives kiosks ("Vestiging Utrecht").
  virtual std::vector<KioskInfo> kiosks_of(const std::string& organisation_id) = 0;
  virtual bool set_kiosk_group(const std::string& organisation_id, const std::string& kiosk_id,
                               const std::string& group) = 0;
  virtual bool revoke_kiosk_of(const std::string& organisation_id, const std::string& kiosk_id) = 0;
  virtual std::vector<std::string> kiosk_groups(const std::string& organisation_id) = 0;  // distinct, sorted, non-empty

  // The content-signing public key, recorded so that a lost key file is noticed.
  virtual std::optional<std::string> recorded_public_key() = 0;
  virtual void record_public_key(const std::string& public_key_b64, const std::string& now) = 0;
};

}  // namespace wk::server
