#pragma once
// The headers every coach page and redirect carries: no scripts, no framing, no sniffing, no referrer.
#include <httplib.h>

namespace wk::coach {

void security_headers(httplib::Response& res);

}  // namespace wk::coach
