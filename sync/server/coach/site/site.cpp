#include "coach/site/site.h"

namespace wk::coach {

void Site::load() {
  try {
    templates = std::make_unique<PageTemplates>(PageTemplates::load(opt.web_dir));
  } catch (const std::exception& e) {
    unavailable = std::string("coach page templates: ") + e.what();
    return;
  }
  ContentLoad loaded = load_content_pack(opt.content_dir);
  if (!loaded.pack) {
    unavailable = "content pack " + opt.content_dir + ": " + loaded.error;
    return;
  }
  content = std::make_unique<ContentPack>(std::move(*loaded.pack));
}

}  // namespace wk::coach
