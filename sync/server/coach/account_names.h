#pragma once
// Coach account names are global (the login form asks only a name and a password), so an
// administrator who picks a name must not learn that another organisation uses it (issue 13).
// Every name made on the admin page therefore ends in its organisation's tag: "anna" made by an
// administrator of organisation X is "anna.k3xqp". A name another organisation made carries
// that organisation's tag, so it is never the one asked for: "this name is taken" can only
// speak of the administrator's own organisation. (Names made with the admin CLI by the server's
// operator, who sees every organisation anyway, are taken as typed.)
#include <string>

namespace wk::coach {

// Five characters from the organisation's id (BLAKE2b; letters and digits that cannot be confused).
std::string organisation_tag(const std::string& organisation_id);

// "anna" -> "anna.k3xqp" for the organisation; a name that already ends in the tag stays as it is.
std::string account_name_in(const std::string& typed, const std::string& organisation_id);

}  // namespace wk::coach
