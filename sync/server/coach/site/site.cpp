#include "coach/site/site.h"

#include "platform/log.h"

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
  versions = std::make_unique<ContentVersions>(*content);
  // An earlier version that cannot be read only costs its sessions their old words: say so, go on.
  for (const auto& problem : versions->problems()) log::warn("coach", "content history: " + problem);
}

}  // namespace wk::coach
