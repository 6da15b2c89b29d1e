#pragma once
// The coach pages, one class per page (each in its own .cpp), each holding only the stores it
// reads or writes. coach_pages.cpp routes the paths to them (docs/coach-pages.md).
#include <httplib.h>

#include <nlohmann/json.hpp>
#include <string>

#include "coach/coach_auth.h"
#include "coach/pages/participants.h"
#include "coach/site/login_check.h"
#include "coach/site/site.h"
#include "store/coach_account_store.h"
#include "store/kiosk_sync_store.h"
#include "store/login_attempt_store.h"
#include "store/notes_audit_store.h"
#include "store/shared_results_store.h"
#include "store/totals_store.h"

namespace wk::coach {

using httplib::ContentReader;
using httplib::Request;
using httplib::Response;

// GET and POST /coach/login, POST /coach/logout (login_page.cpp).
class LoginPage {
 public:
  LoginPage(Site& site, server::CoachAccountStore& accounts, server::NotesAuditStore& audit,
            server::LoginAttemptStore& attempts)
      : site_(site), accounts_(accounts), audit_(audit), throttle_(attempts, "coach_login") {}
  void show(const Request& req, Response& res);
  void post(const Request& req, Response& res, const ContentReader& reader);
  void logout(const Request& req, Response& res, const ContentReader& reader);

 private:
  void form(Response& res, int status, const Visitor& v, nlohmann::json view);
  Site& site_;
  server::CoachAccountStore& accounts_;
  server::NotesAuditStore& audit_;
  LoginThrottle throttle_;
};

// GET /coach/ (recently shared checks) and /coach/find?code= (home_page.cpp).
class HomePage {
 public:
  HomePage(Site& site, server::SharedResultsStore& results, Participants& participants)
      : site_(site), results_(results), participants_(participants) {}
  void show(const Request& req, Response& res);
  void find(const Request& req, Response& res);

 private:
  Site& site_;
  server::SharedResultsStore& results_;
  Participants& participants_;
};

// GET /coach/participant/<code> (participant_page.cpp).
class ParticipantPage {
 public:
  ParticipantPage(Site& site, Participants& participants) : site_(site), participants_(participants) {}
  void show(const Request& req, Response& res);

 private:
  Site& site_;
  Participants& participants_;
};

// GET /coach/participant/<code>/print (print_page.cpp).
class PrintPage {
 public:
  PrintPage(Site& site, Participants& participants) : site_(site), participants_(participants) {}
  void show(const Request& req, Response& res);

 private:
  Site& site_;
  Participants& participants_;
};

// POST /coach/participant/<code>/notes and .../forget (notes_page.cpp).
class NotesPage {
 public:
  NotesPage(Site& site, Participants& participants, server::SharedResultsStore& results,
            server::NotesAuditStore& notes_audit)
      : site_(site), participants_(participants), results_(results), notes_audit_(notes_audit) {}
  void add_note(const Request& req, Response& res, const ContentReader& reader);
  void stop_sharing(const Request& req, Response& res, const ContentReader& reader);

 private:
  Site& site_;
  Participants& participants_;
  server::SharedResultsStore& results_;
  server::NotesAuditStore& notes_audit_;
};

// GET /coach/totals (totals_page.cpp).
class TotalsPage {
 public:
  TotalsPage(Site& site, server::TotalsStore& totals, server::NotesAuditStore& audit)
      : site_(site), totals_(totals), audit_(audit) {}
  void show(const Request& req, Response& res);

 private:
  Site& site_;
  server::TotalsStore& totals_;
  server::NotesAuditStore& audit_;
};

// GET /coach/admin and its forms: accounts, kiosks, enrollment codes (admin_page.cpp).
class AdminPage {
 public:
  AdminPage(Site& site, server::CoachAccountStore& accounts, server::KioskSyncStore& kiosks,
            server::NotesAuditStore& audit)
      : site_(site), accounts_(accounts), kiosks_(kiosks), audit_(audit) {}
  void show(const Request& req, Response& res);
  // action: coaches, enroll-code, disable, enable, password, group, revoke.
  void post(const Request& req, Response& res, const ContentReader& reader, const std::string& action);

 private:
  void render(const Visitor& v, Response& res, nlohmann::json extra = nlohmann::json::object(), int status = 200);
  Site& site_;
  server::CoachAccountStore& accounts_;
  server::KioskSyncStore& kiosks_;
  server::NotesAuditStore& audit_;
};

// GET /coach/admin/kiosks: every kiosk of the organisation, those that need a look first (kiosks_page.cpp).
class KiosksPage {
 public:
  KiosksPage(Site& site, server::KioskSyncStore& kiosks) : site_(site), kiosks_(kiosks) {}
  void show(const Request& req, Response& res);

 private:
  Site& site_;
  server::KioskSyncStore& kiosks_;
};

// GET /coach/admin/audit (audit_page.cpp).
class AuditPage {
 public:
  AuditPage(Site& site, server::NotesAuditStore& audit) : site_(site), audit_(audit) {}
  void show(const Request& req, Response& res);

 private:
  Site& site_;
  server::NotesAuditStore& audit_;
};

// GET /coach/pictures/<name>.png and /coach/static/<name>.css (static_files.cpp).
class StaticFiles {
 public:
  explicit StaticFiles(Site& site) : site_(site) {}
  void picture(const Request& req, Response& res);
  void stylesheet(const Request& req, Response& res);

 private:
  Site& site_;
};

// GET /coach/lang?to=&back= (language_switch.cpp).
class LanguageSwitch {
 public:
  explicit LanguageSwitch(Site& site) : site_(site) {}
  void show(const Request& req, Response& res);

 private:
  Site& site_;
};

}  // namespace wk::coach
