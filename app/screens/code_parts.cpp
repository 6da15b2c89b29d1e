#include "screens/code_parts.h"

#include <algorithm>
#include <set>

#include "platform/random_ids.h"

namespace wk {

void add_code_card(ScreenModel& s, const ScreenContext& ctx, const Metrics& m, const Rect& area, bool with_keep) {
  if (!ctx.session()) return;
  const std::string words = ctx.t("ui.code.give") + (with_keep ? "\n" + ctx.t("ui.code.keep") : "");
  // The code card: wide enough for "350 612 4083" in display type, never wider than the area.
  const float card_w = std::min(area.w, std::max(m.mm(120), m.title_px * 9.0f));
  const float card_h = std::min(area.h, std::max(m.mm(24), m.title_px * 2.2f));
  const float beside = area.w - card_w - m.mm(6);
  if (beside >= m.mm(70)) {
    const Rect card{area.x, area.y + (area.h - card_h) / 2, card_w, card_h};
    s.panels.push_back(card);
    s.texts.push_back({ids::display_code(ctx.session()->code), card, TextRole::Display});
    s.texts.push_back({words, {card.x + card_w + m.mm(6), area.y, beside, area.h}, TextRole::Body, false});
  } else {  // narrow: the card on top, the words under it
    const Rect card{area.x + (area.w - card_w) / 2, area.y, card_w, card_h};
    s.panels.push_back(card);
    s.texts.push_back({ids::display_code(ctx.session()->code), card, TextRole::Display});
    const float y = card.y + card_h + m.mm(3);
    s.texts.push_back({words, {area.x, y, area.w, std::max(0.0f, area.y + area.h - y)}, TextRole::Body});
  }
}

std::vector<Clip> code_speech(const ScreenContext& ctx, bool with_keep) {
  std::vector<Clip> clips;
  if (!ctx.session()) return clips;
  clips.push_back({ctx.locale(), "ui.code.give"});
  // Slowly, one clip per character, a longer pause between groups (and before the first).
  for (const auto& group : ids::code_groups(ctx.session()->code)) {
    clips.push_back(Clip::pause());
    for (char c : group) clips.push_back({ctx.locale(), std::string("char.") + c});
  }
  clips.push_back(Clip::pause());
  if (with_keep) clips.push_back({ctx.locale(), "ui.code.keep"});
  return clips;
}

std::vector<std::string> code_text_keys() {
  std::vector<std::string> keys = {"ui.code.give", "ui.code.keep"};
  std::set<char> chars;
  for (const char* c = ids::kCodeAlphabet; *c; ++c) chars.insert(*c);
  for (const char* c = ids::kLegacyCodeAlphabet; *c; ++c) chars.insert(*c);
  for (char c : chars) keys.push_back(std::string("char.") + c);
  return keys;
}

}  // namespace wk
