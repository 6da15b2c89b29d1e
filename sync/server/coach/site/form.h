#pragma once
// The url-encoded forms coaches post: read with the server's body reader (at most 1 MiB),
// an error page when too big or unreadable.
#include <httplib.h>

#include <string>

#include "coach/site/login_check.h"
#include "coach/site/site.h"

namespace wk::coach {

constexpr size_t kMaxFormBytes = 1024 * 1024;

// False, with the answer sent, when the body is over kMaxFormBytes or cannot be read.
bool read_form(Site& site, const httplib::ContentReader& reader, httplib::Response& res, const Visitor& v,
               httplib::Params& form);

// The value of a form field; "" when absent.
std::string field(const httplib::Params& form, const std::string& name);

}  // namespace wk::coach
