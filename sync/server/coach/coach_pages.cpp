#include "coach_pages.h"

#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "body_reader.h"
#include "coach/pages/pages.h"
#include "coach/site/form.h"
#include "coach/site/render.h"
#include "server_util.h"

namespace wk::coach {

namespace {

// Every page with the stores it uses, alive as long as the server's routes.
struct CoachSite {
  CoachSite(server::ServerStore& stores, const CoachOptions& options)
      : site(options, stores, stores),
        participants(site, stores, stores),
        login(site, stores, stores, stores),
        home(site, stores, participants),
        participant(site, participants),
        print(site, participants),
        notes(site, participants, stores, stores),
        totals(site, stores, stores),
        admin(site, stores, stores, stores),
        kiosks(site, stores),
        audit(site, stores),
        files(site),
        language(site) {}
  Site site;
  Participants participants;
  LoginPage login;
  HomePage home;
  ParticipantPage participant;
  PrintPage print;
  NotesPage notes;
  TotalsPage totals;
  AdminPage admin;
  KiosksPage kiosks;
  AuditPage audit;
  StaticFiles files;
  LanguageSwitch language;
};

}  // namespace

std::function<bool(const Request&, Response&)> install_coach_pages(httplib::Server& svr, server::ServerStore& stores,
                                                                   const CoachOptions& options) {
  auto s = std::make_shared<CoachSite>(stores, options);
  s->site.load();
  if (!s->site.unavailable.empty())
    server::log_event("error", "coach_pages_unavailable", {{"reason", s->site.unavailable}});

  // When the content or templates could not be loaded, every page answers 503 instead.
  auto get = [&svr, s](const std::string& path, auto* page, auto show) {
    svr.Get(path, [s, page, show](const Request& req, Response& res) {
      if (!s->site.unavailable.empty()) return unavailable_page(res);
      (page->*show)(req, res);
    });
  };
  auto post = [&svr, s](const std::string& path, auto handle) {
    svr.Post(path, [s, handle](const Request& req, Response& res, const ContentReader& reader) {
      if (!s->site.unavailable.empty()) return unavailable_form(res, reader);
      // The login behind the cookie is read before the form: if the database cannot be reached
      // then, the form is still read, so the 503 page reaches the browser.
      server::drop_body_on_throw(reader, kMaxFormBytes, [&](const ContentReader& r) { handle(req, res, r); });
    });
  };
  auto posts_to = [](auto* page, auto handle) {
    return [page, handle](const Request& req, Response& res, const ContentReader& reader) {
      (page->*handle)(req, res, reader);
    };
  };
  const std::string participant = R"(/coach/participant/([A-Za-z0-9-]{1,20}))";

  svr.Get("/coach", [](const Request&, Response& res) { redirect(res, "/coach/"); });
  get("/coach/", &s->home, &HomePage::show);
  get("/coach/login", &s->login, &LoginPage::show);
  post("/coach/login", posts_to(&s->login, &LoginPage::post));
  post("/coach/logout", posts_to(&s->login, &LoginPage::logout));
  get("/coach/find", &s->home, &HomePage::find);
  get(participant, &s->participant, &ParticipantPage::show);
  get(participant + "/print", &s->print, &PrintPage::show);
  post(participant + "/notes", posts_to(&s->notes, &NotesPage::add_note));
  post(participant + "/forget", posts_to(&s->notes, &NotesPage::stop_sharing));
  get("/coach/totals", &s->totals, &TotalsPage::show);
  get("/coach/admin", &s->admin, &AdminPage::show);
  for (const auto& [path, action] : std::vector<std::pair<std::string, std::string>>{
           {"/coach/admin/coaches", "coaches"},
           {"/coach/admin/enroll-code", "enroll-code"},
           {"/coach/admin/coaches/disable", "disable"},
           {"/coach/admin/coaches/enable", "enable"},
           {"/coach/admin/coaches/password", "password"},
           {"/coach/admin/kiosks/group", "group"},
           {"/coach/admin/kiosks/revoke", "revoke"}})
    post(path, [admin = &s->admin, action](const Request& req, Response& res, const ContentReader& reader) {
      admin->post(req, res, reader, action);
    });
  get("/coach/admin/kiosks", &s->kiosks, &KiosksPage::show);
  get("/coach/admin/audit", &s->audit, &AuditPage::show);
  get(R"(/coach/pictures/([0-9A-F]{2,8}(?:-[0-9A-F]{2,8}){0,6})\.png)", &s->files, &StaticFiles::picture);
  get(R"(/coach/static/([a-z_-]{1,40}\.css))", &s->files, &StaticFiles::stylesheet);
  get("/coach/lang", &s->language, &LanguageSwitch::show);

  return [s](const Request& req, Response& res) { return error_page(s->site, req, res); };
}

}  // namespace wk::coach
