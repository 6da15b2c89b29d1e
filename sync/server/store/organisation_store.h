#pragma once
// Organisations: every kiosk, account, session and note belongs to one.
#include <optional>
#include <string>

namespace wk::server {

struct Organisation {
  std::string id, name;
};

class OrganisationStore {
 public:
  virtual ~OrganisationStore() = default;
  virtual std::string create_organisation(const std::string& name) = 0;
  virtual std::optional<Organisation> organisation(const std::string& id) = 0;
};

}  // namespace wk::server
