#include "store/sqlite_server_store.h"

#include "platform/random_ids.h"

// OrganisationStore on SQLite.

namespace wk::server {

std::string SqliteServerStore::create_organisation(const std::string& name) try {
  std::lock_guard lock(mu_);
  std::string id = ids::new_uuid();
  db_->prepare("INSERT INTO organisations(id, name) VALUES (?, ?)").bind(1, id).bind(2, name).run();
  return id;
} catch (const DbError& e) {
  store_error(e);
}

std::optional<Organisation> SqliteServerStore::organisation_locked(const std::string& id) {
  auto s = db_->prepare("SELECT id, name FROM organisations WHERE id = ?");
  s.bind(1, id);
  if (!s.step()) return std::nullopt;
  return Organisation{s.text(0), s.text(1)};
}

std::optional<Organisation> SqliteServerStore::organisation(const std::string& id) try {
  std::lock_guard lock(mu_);
  return organisation_locked(id);
} catch (const DbError& e) {
  store_error(e);
}

}  // namespace wk::server
