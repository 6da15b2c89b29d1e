#include "screens/code_parts.h"

#include <algorithm>
#include <cmath>
#include <set>

#include "platform/random_ids.h"

namespace wk {

namespace {
// How tall the words are as body text in a box this wide (measured: the engine in the window).
float words_height(const std::string& text, float width, const Metrics& m) {
  return m.measure(text, TextRole::Body, width).height;
}

// The card for the code: as large as its type, measured, on one line; the largest type that
// fits the area (display, else title, else body: never below the reading rule).
struct CodeCard {
  Rect size;
  TextRole role = TextRole::Display;
};
CodeCard card_size(const Metrics& m, const std::string& code, const Rect& area) {
  const float pad = m.mm(3);
  CodeCard card;
  for (TextRole role : {TextRole::Display, TextRole::Title, TextRole::Body}) {
    const TextSize ts = m.measure(code, role, 0);
    card = {{0, 0, ts.width + 2 * pad, ts.height + 2 * pad}, role};
    if (card.size.w <= area.w && card.size.h <= area.h) break;
  }
  card.size.w = std::max(card.size.w, std::min(area.w, m.mm(60)));  // a card, not a tag
  return card;
}
}  // namespace

TextBlock code_text(const std::string& code, const Rect& box, TextRole role) {
  TextBlock b{code, box, role};
  b.ltr = true;  // the groups keep their order on a right-to-left screen
  return b;
}

TextRole code_role(const Metrics& m, const std::string& code, const Rect& box) {
  return card_size(m, code, box).role;
}

float add_code_card(ScreenModel& s, const ScreenContext& ctx, const Metrics& m, const Rect& area) {
  if (!ctx.session()) return 0;
  const std::string words = ctx.t("ui.code.give");
  const std::string code = ids::display_code(ctx.session()->code);
  const CodeCard cc = card_size(m, code, {0, 0, area.w, area.h});
  const Rect size = cc.size;
  const float gap = m.mm(6);
  const float beside = area.w - size.w - gap;
  if (beside >= m.mm(60)) {
    const float h = std::max(size.h, words_height(words, beside, m));
    const Rect card{area.x, area.y + (h - size.h) / 2, size.w, size.h};
    s.panels.push_back(card);
    s.texts.push_back(code_text(code, card, cc.role));
    s.texts.push_back({words, {card.x + size.w + gap, area.y, beside, h}, TextRole::Body, false});
    return h;
  }
  // Narrow: the card on top, the words under it.
  const Rect card{area.x + (area.w - size.w) / 2, area.y, size.w, size.h};
  s.panels.push_back(card);
  s.texts.push_back(code_text(code, card, cc.role));
  const float y = card.y + size.h + m.mm(3);
  const float words_h = words_height(words, area.w, m);
  s.texts.push_back({words, {area.x, y, area.w, words_h}, TextRole::Body});
  return y + words_h - area.y;
}

void add_code_alone(ScreenModel& s, const ScreenContext& ctx, const Metrics& m, const Rect& area) {
  if (!ctx.session()) return;
  const std::string code = ids::display_code(ctx.session()->code);
  const CodeCard cc = card_size(m, code, area);
  Rect card = cc.size;
  card.x = area.x + (area.w - card.w) / 2;
  card.y = area.y + (area.h - card.h) / 2;
  s.panels.push_back(card);
  s.texts.push_back(code_text(code, card, cc.role));
}

std::vector<Clip> code_speech(const ScreenContext& ctx) {
  std::vector<Clip> clips;
  if (!ctx.session()) return clips;
  clips.push_back({ctx.locale(), "ui.code.give"});
  // Slowly, one clip per character, a longer pause between groups (and before the first).
  for (const auto& group : ids::code_groups(ctx.session()->code)) {
    clips.push_back(Clip::pause());
    for (char c : group) clips.push_back({ctx.locale(), std::string("char.") + c});
  }
  clips.push_back(Clip::pause());
  return clips;
}

std::vector<std::string> code_text_keys() {
  std::vector<std::string> keys = {"ui.code.give"};
  std::set<char> chars;
  for (const char* c = ids::kCodeAlphabet; *c; ++c) chars.insert(*c);
  for (const char* c = ids::kLegacyCodeAlphabet; *c; ++c) chars.insert(*c);
  for (char c : chars) keys.push_back(std::string("char.") + c);
  return keys;
}

}  // namespace wk
