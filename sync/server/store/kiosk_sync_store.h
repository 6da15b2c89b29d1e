#pragma once
// What the kiosks' API (sync/API.md) and the operator's admin CLI keep: enrollment codes,
// kiosks and their heartbeats and groups, the sessions they upload, the published content
// packs, and the content-signing public key.
#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "store/organisation_store.h"

namespace wk::server {

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

class KioskSyncStore {
 public:
  virtual ~KioskSyncStore() = default;

  // Enrollment codes.
  virtual void add_enrollment_code(const std::string& code_hash, const std::string& organisation_id,
                                   const std::string& expires_at) = 0;
  // Uses the code (once, unexpired at `now`) and creates the kiosk in the same transaction.
  // Returns the organisation, or nullopt for an unknown, used or expired code.
  virtual std::optional<Organisation> enroll(const std::string& code_hash, const std::string& now,
                                             const std::string& kiosk_id, const std::string& token_hash) = 0;

  // Kiosks.
  virtual std::optional<KioskAuth> kiosk_by_token_hash(const std::string& token_hash) = 0;
  virtual bool revoke_kiosk(const std::string& kiosk_id) = 0;
  virtual std::vector<KioskInfo> list_kiosks() = 0;
  virtual void record_heartbeat(const std::string& kiosk_id, const Heartbeat& hb, const std::string& now) = 0;
  // Kiosks of one organisation; groups are labels an admin gives kiosks ("Vestiging Utrecht").
  virtual std::vector<KioskInfo> kiosks_of(const std::string& organisation_id) = 0;
  virtual bool set_kiosk_group(const std::string& organisation_id, const std::string& kiosk_id,
                               const std::string& group) = 0;
  virtual bool revoke_kiosk_of(const std::string& organisation_id, const std::string& kiosk_id) = 0;

  // Sessions: the whole batch in one transaction; on any conflict nothing is stored.
  virtual IngestResult ingest_sessions(const std::string& organisation_id, const std::string& kiosk_id,
                                       const std::vector<IncomingSession>& sessions, const std::string& now) = 0;
  virtual int64_t session_count() = 0;

  // Content packs: the newest published one is current.
  virtual void publish_content(const std::string& manifest, const std::string& signature,
                               const std::vector<ContentFileIn>& files, const std::string& now) = 0;
  virtual std::optional<PublishedContent> current_content() = 0;
  virtual std::optional<std::string> current_content_file(const std::string& path) = 0;

  // The content-signing public key, recorded so that a lost key file is noticed.
  virtual std::optional<std::string> recorded_public_key() = 0;
  virtual void record_public_key(const std::string& public_key_b64, const std::string& now) = 0;
};

}  // namespace wk::server
