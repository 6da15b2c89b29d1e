#pragma once
// What the participant pages (result, print, notes, stop sharing) and the search share:
// a code's shared checks in the coach's organisation, the result view (audited first),
// the one "not found" answer, and the forms a coach posts about a participant.
#include <httplib.h>

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "coach/result_view.h"
#include "coach/site/login_check.h"
#include "coach/site/site.h"
#include "store/notes_audit_store.h"
#include "store/shared_results_store.h"

namespace wk::coach {

class Participants {
 public:
  Participants(Site& site, server::SharedResultsStore& results, server::NotesAuditStore& notes_audit)
      : site_(site), results_(results), notes_audit_(notes_audit) {}

  // The code in the path (/coach/participant/<code>...), normalised.
  static std::string code_of(const httplib::Request& req);

  // Shared checks of a code in the visitor's organisation, oldest first.
  std::vector<CheckRecord> checks_for(const Visitor& v, const std::string& code);

  // Another organisation's code, an unshared check and a code that never existed all get
  // exactly this answer.
  void not_found(httplib::Response& res, const Visitor& v, const std::string& code);

  // The result page's view with the notes, written to the audit log (as `audit_action`) first.
  nlohmann::json result_view(const Visitor& v, const std::string& code, const std::vector<CheckRecord>& checks,
                             const char* audit_action);

  struct Form {
    Visitor v;
    httplib::Params form;
    std::string code;
    std::vector<CheckRecord> checks;
  };
  // A form a coach posts about a participant: body read, login, role and CSRF token checked, and
  // the code's shared checks found. Empty when an answer (redirect, 403, 404) has been sent instead.
  std::optional<Form> read_form(const httplib::Request& req, httplib::Response& res,
                                const httplib::ContentReader& reader);

 private:
  Site& site_;
  server::SharedResultsStore& results_;
  server::NotesAuditStore& notes_audit_;
};

}  // namespace wk::coach
