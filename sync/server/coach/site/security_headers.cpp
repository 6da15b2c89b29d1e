#include "coach/site/security_headers.h"

namespace wk::coach {

void security_headers(httplib::Response& res) {
  res.set_header("Content-Security-Policy",
                 "default-src 'none'; img-src 'self'; style-src 'self'; form-action 'self'; "
                 "frame-ancestors 'none'; base-uri 'none'");
  res.set_header("X-Content-Type-Options", "nosniff");
  res.set_header("X-Frame-Options", "DENY");
  res.set_header("Referrer-Policy", "no-referrer");
}

}  // namespace wk::coach
