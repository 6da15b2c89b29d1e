#pragma once
// What every coach page shares: the options, the templates and words, the content pack, and
// the two stores the plumbing reads itself (the login behind a cookie, the organisation's name
// in the page header).
#include <memory>
#include <string>

#include "coach/coach_pages.h"
#include "coach/page_templates.h"
#include "content/content_history.h"
#include "content/content_pack.h"
#include "store/coach_account_store.h"
#include "store/organisation_store.h"

namespace wk::coach {

struct Site {
  Site(CoachOptions options, server::OrganisationStore& organisations, server::CoachAccountStore& accounts)
      : opt(std::move(options)), organisations(organisations), accounts(accounts) {}

  // Loads content and templates; on failure keeps the reason in `unavailable`.
  void load();

  std::string word(const std::string& lang, const std::string& key) const { return templates->word(lang, key); }

  CoachOptions opt;
  server::OrganisationStore& organisations;
  server::CoachAccountStore& accounts;
  std::unique_ptr<PageTemplates> templates;
  std::unique_ptr<ContentPack> content;
  std::unique_ptr<ContentVersions> versions;  // content with its earlier versions' questions, for older sessions
  std::string unavailable;  // why the pages cannot work (every page answers 503); empty when they can
};

}  // namespace wk::coach
