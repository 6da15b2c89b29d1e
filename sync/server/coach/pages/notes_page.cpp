#include <algorithm>

#include "coach/coach_auth.h"
#include "coach/pages/pages.h"
#include "coach/site/form.h"
#include "coach/site/render.h"
#include "platform/random_ids.h"
#include "server_util.h"

namespace wk::coach {

using nlohmann::json;

namespace {
constexpr size_t kMaxNoteChars = 4000;
}

void NotesPage::add_note(const Request& req, Response& res, const ContentReader& reader) {
  auto f = participants_.read_form(req, res, reader);
  if (!f) return;
  const Visitor& v = f->v;
  const std::string& code = f->code;
  std::string text = field(f->form, "text");
  // Trim, and make line ends one kind so the length is what the coach sees.
  text.erase(std::remove(text.begin(), text.end(), '\r'), text.end());
  text.erase(0, text.find_first_not_of(" \n\t"));
  text.erase(text.find_last_not_of(" \n\t") + 1);
  size_t length = 0;
  json view = {{"code", code}, {"display_code", ids::display_code(code)}, {"text", text}};
  if (!utf8_length(text, length)) {
    view["error"] = site_.word(v.lang, "note.bad_text");
    view["text"] = "";
    return page(site_, res, 400, "note_error", view, v);
  }
  if (length == 0) {
    view["error"] = site_.word(v.lang, "note.empty");
    return page(site_, res, 400, "note_error", view, v);
  }
  if (length > kMaxNoteChars) {
    view["error"] = site_.word(v.lang, "note.too_long");
    view["length"] = std::to_string(length);
    view["max"] = std::to_string(kMaxNoteChars);
    return page(site_, res, 413, "note_error", view, v);
  }
  notes_audit_.add_note(v.login->organisation_id, code, v.login->username, text, server::now_iso());
  notes_audit_.audit(v.login->organisation_id, v.login->username, "note", code, server::now_iso());
  redirect(res, "/coach/participant/" + code + "#notes");
}

// The participant asked to be forgotten: their checks leave the coach pages (they stay in the
// anonymous totals) and the notes on their code are deleted.
void NotesPage::stop_sharing(const Request& req, Response& res, const ContentReader& reader) {
  auto f = participants_.read_form(req, res, reader);
  if (!f) return;
  const Visitor& v = f->v;
  const std::string& code = f->code;
  if (field(f->form, "confirm") != "yes") {
    json view = participants_.result_view(v, code, f->checks, "view");
    view["forget_error"] = site_.word(v.lang, "forget.confirm_first");
    return page(site_, res, 400, "participant", view, v);
  }
  const int n = results_.forget_code(v.login->organisation_id, code);
  notes_audit_.audit(v.login->organisation_id, v.login->username, "forget", code, server::now_iso());
  server::log_event("info", "coach_forget", {{"user", v.login->username}, {"checks", n}});
  redirect(res, "/coach/?forgotten=" + std::to_string(n));
}

}  // namespace wk::coach
