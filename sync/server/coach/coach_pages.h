#pragma once
// The coach pages (docs/coach-pages.md) on the server's cpp-httplib server: login, find a
// participant by code, the result with history and notes, a print view, anonymous totals,
// and the admin pages. One class per page (pages/), the plumbing they share (site/); each page
// reads only the store interfaces it needs, and renders with PageTemplates.
#include <httplib.h>

#include <functional>
#include <string>

#include "store/server_store.h"

namespace wk::coach {

struct CoachOptions {
  std::string content_dir;  // content pack: words and pictures of the check
  std::string web_dir;      // templates/, static/, locales/ of the pages themselves
  std::string region = "Nederland";
  long idle_seconds = 30 * 60;      // a login ends after this long without a request
  long max_login_seconds = 12 * 3600;
  bool tls = false;                 // cookies get Secure
  // Behind a reverse proxy every request comes from the proxy: then the login throttle counts
  // per address from the last X-Forwarded-For entry (only set this when a proxy sets that header).
  bool trust_forwarded_for = false;
  int silent_days = 3;  // the kiosk page lists kiosks without a heartbeat for longer first
};

// Registers the /coach routes. When the content or templates cannot be loaded, the API keeps
// working and every /coach page answers 503 with the reason (it is also logged).
// Returns a handler for errors httplib raises itself (404, 413) on /coach paths: it renders
// them as a page and returns true, or returns false for other paths.
std::function<bool(const httplib::Request&, httplib::Response&)> install_coach_pages(httplib::Server& server,
                                                                                     server::ServerStore& stores,
                                                                                     const CoachOptions& options);

}  // namespace wk::coach
