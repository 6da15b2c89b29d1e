#pragma once
// Which languages a participant is offered: the pack's, less those the operator switched off
// (KioskConfig::languages_off). Never none: with every language off the source language stays,
// so a participant is never left without a choice.
#include <string>
#include <vector>

#include "content/content_pack.h"
#include "settings/kiosk_settings.h"

namespace wk {

std::vector<const LocaleCatalog*> offered_languages(const ContentPack& pack, const KioskConfig& config);
bool language_offered(const ContentPack& pack, const KioskConfig& config, const std::string& code);
// The language a check starts in: the kiosk's default where it is offered, else the first offered.
std::string starting_language(const ContentPack& pack, const KioskConfig& config);

}  // namespace wk
