#include "screens/languages_offered.h"

namespace wk {

std::vector<const LocaleCatalog*> offered_languages(const ContentPack& pack, const KioskConfig& config) {
  std::vector<const LocaleCatalog*> out;
  for (const auto& cat : pack.locales)
    if (!config.language_off(cat.code)) out.push_back(&cat);
  if (out.empty())
    if (const auto* source = pack.locale(pack.source_locale)) out.push_back(source);
  return out;
}

bool language_offered(const ContentPack& pack, const KioskConfig& config, const std::string& code) {
  for (const auto* cat : offered_languages(pack, config))
    if (cat->code == code) return true;
  return false;
}

std::string starting_language(const ContentPack& pack, const KioskConfig& config) {
  if (language_offered(pack, config, config.default_locale)) return config.default_locale;
  const auto offered = offered_languages(pack, config);
  return offered.empty() ? pack.source_locale : offered.front()->code;
}

}  // namespace wk
