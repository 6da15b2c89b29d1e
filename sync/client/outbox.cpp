#include "sync/client/outbox.h"

#include <map>

#include "session/session_json.h"

namespace wk::sync {

namespace {

// Loads the sessions with these row ids, with their events, in the order of `uuids`.
std::vector<SessionRecord> load_sessions(Database& db, const std::vector<int64_t>& ids,
                                         const std::vector<std::string>& uuids) {
  auto found = read_sessions(db, "id IN (SELECT value FROM json_each(?))", nlohmann::json(ids).dump());
  std::map<std::string, SessionRecord*> by_uuid;
  for (auto& s : found) by_uuid[s.uuid] = &s;
  std::vector<SessionRecord> out;
  for (const auto& uuid : uuids)
    if (auto it = by_uuid.find(uuid); it != by_uuid.end()) out.push_back(std::move(*it->second));
  return out;
}

}  // namespace

Batch Outbox::next_batch(size_t max_sessions, size_t max_bytes) {
  Batch batch;
  std::vector<int64_t> ids;
  std::vector<std::string> order;  // uuids in queue order
  {
    auto st = db_.prepare(
        "SELECT s.id, s.uuid FROM outbox o JOIN sessions s ON s.uuid = o.session_uuid "
        "WHERE o.state='pending' AND s.status <> 'in_progress' ORDER BY o.queued_at, s.id LIMIT ?");
    st.bind(1, static_cast<int64_t>(max_sessions));
    while (st.step()) {
      ids.push_back(st.int64(0));
      order.push_back(st.text(1));
    }
  }
  if (ids.empty()) return batch;
  const std::string head = "{\"sessions\":[", tail = "]}";
  std::string body = head;
  for (const auto& s : load_sessions(db_, ids, order)) {
    std::string one = session_to_upload_json(s).dump();
    size_t grown = body.size() + (batch.uuids.empty() ? 0 : 1) + one.size() + tail.size();
    if (!batch.uuids.empty() && grown > max_bytes) break;
    if (!batch.uuids.empty()) body += ",";
    body += one;
    batch.uuids.push_back(s.uuid);
  }
  batch.body = body + tail;
  return batch;
}

void Outbox::mark_sent(const std::vector<std::string>& uuids, int64_t now) {
  db_.transaction([&] {
    for (const auto& u : uuids)
      db_.prepare("UPDATE outbox SET state='sent', sent_at=?, last_error=NULL, attempts=attempts+1 "
                  "WHERE session_uuid=? AND state='pending'")
          .bind(1, now)
          .bind(2, u)
          .run();
  });
}

void Outbox::mark_conflict(const std::vector<std::string>& uuids, const std::string& message) {
  db_.transaction([&] {
    for (const auto& u : uuids)
      db_.prepare("UPDATE outbox SET state='conflict', last_error=?, attempts=attempts+1 WHERE session_uuid=? AND "
                  "state='pending'")
          .bind(1, message)
          .bind(2, u)
          .run();
  });
}

void Outbox::mark_failed(const std::vector<std::string>& uuids, const std::string& error, int64_t next_attempt_at) {
  db_.transaction([&] {
    for (const auto& u : uuids)
      db_.prepare("UPDATE outbox SET attempts=attempts+1, last_error=?, next_attempt_at=? WHERE session_uuid=? AND "
                  "state='pending'")
          .bind(1, error)
          .bind(2, next_attempt_at)
          .bind(3, u)
          .run();
  });
}

OutboxCounts Outbox::counts() {
  OutboxCounts c;
  auto st = db_.prepare("SELECT state, count(*) FROM outbox GROUP BY state");
  while (st.step()) {
    const std::string state = st.text(0);
    if (state == "pending") c.pending = st.int64(1);
    if (state == "sent") c.sent = st.int64(1);
    if (state == "conflict") c.conflict = st.int64(1);
  }
  return c;
}

std::string Outbox::state_of(const std::string& uuid) {
  auto st = db_.prepare("SELECT state FROM outbox WHERE session_uuid=?");
  st.bind(1, uuid);
  return st.step() ? st.text(0) : "";
}

int Outbox::purge_sent(int64_t now, int retention_days) {
  const int64_t cutoff = now - static_cast<int64_t>(retention_days) * 86400;
  int purged = 0;
  db_.transaction([&] {
    std::vector<std::pair<int64_t, std::string>> victims;
    {
      auto st = db_.prepare(
          "SELECT s.id, s.uuid FROM outbox o JOIN sessions s ON s.uuid = o.session_uuid "
          "WHERE o.state='sent' AND o.sent_at IS NOT NULL AND o.sent_at <= ?");
      st.bind(1, cutoff);
      while (st.step()) victims.emplace_back(st.int64(0), st.text(1));
    }
    for (const auto& [id, uuid] : victims) {
      db_.prepare("DELETE FROM answer_events WHERE session_id=?").bind(1, id).run();
      db_.prepare("DELETE FROM outbox WHERE session_uuid=?").bind(1, uuid).run();
      db_.prepare("DELETE FROM sessions WHERE id=?").bind(1, id).run();
      ++purged;
    }
  });
  return purged;
}

void Outbox::set_state(const std::string& key, const std::string& value) {
  db_.transaction([&] {
    db_.prepare("INSERT INTO kiosk_state(key, value) VALUES(?, ?) ON CONFLICT(key) DO UPDATE SET value=excluded.value")
        .bind(1, key)
        .bind(2, value)
        .run();
  });
}

std::string Outbox::get_state(const std::string& key) {
  auto st = db_.prepare("SELECT value FROM kiosk_state WHERE key=?");
  st.bind(1, key);
  return st.step() ? st.text(0) : "";
}

}  // namespace wk::sync
