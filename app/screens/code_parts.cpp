#include "screens/code_parts.h"

#include <algorithm>
#include <cmath>
#include <set>

#include "platform/random_ids.h"

namespace wk {

namespace {
// How tall body text of this many characters is in a box this wide, estimated (the layout has
// no text measure): Noto Sans averages about half an em per character, and whole words wrap,
// so a line holds a little less than the width allows.
float words_height(const std::string& text, float width, const Metrics& m) {
  const float per_line = std::max(1.0f, width / (m.body_px * 0.5f) * 0.9f);
  int lines = 0;
  size_t start = 0;
  while (start <= text.size()) {
    size_t end = text.find('\n', start);
    if (end == std::string::npos) end = text.size();
    size_t chars = 0;  // UTF-8 code points
    for (size_t i = start; i < end; ++i)
      if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) ++chars;
    lines += std::max(1, static_cast<int>(std::ceil(chars / per_line)));
    start = end + 1;
  }
  return lines * m.body_px * 1.4f;
}

// Wide enough for "350 612 4083" in display type (12 characters), never wider than the area.
Rect card_size(const Metrics& m, const Rect& area) {
  return {0, 0, std::min(area.w, m.title_px * 9.0f), std::min(area.h, std::max(m.mm(24), m.title_px * 2.2f))};
}
}  // namespace

float add_code_card(ScreenModel& s, const ScreenContext& ctx, const Metrics& m, const Rect& area) {
  if (!ctx.session()) return 0;
  const std::string words = ctx.t("ui.code.give");
  const Rect size = card_size(m, {0, 0, area.w, 1e9f});
  const float gap = m.mm(6);
  const float beside = area.w - size.w - gap;
  if (beside >= m.mm(60)) {
    const float h = std::max(size.h, words_height(words, beside, m));
    const Rect card{area.x, area.y + (h - size.h) / 2, size.w, size.h};
    s.panels.push_back(card);
    s.texts.push_back({ids::display_code(ctx.session()->code), card, TextRole::Display});
    s.texts.push_back({words, {card.x + size.w + gap, area.y, beside, h}, TextRole::Body, false});
    return h;
  }
  // Narrow: the card on top, the words under it.
  const Rect card{area.x + (area.w - size.w) / 2, area.y, size.w, size.h};
  s.panels.push_back(card);
  s.texts.push_back({ids::display_code(ctx.session()->code), card, TextRole::Display});
  const float y = card.y + size.h + m.mm(3);
  const float words_h = words_height(words, area.w, m);
  s.texts.push_back({words, {area.x, y, area.w, words_h}, TextRole::Body});
  return y + words_h - area.y;
}

void add_code_alone(ScreenModel& s, const ScreenContext& ctx, const Metrics& m, const Rect& area) {
  if (!ctx.session()) return;
  Rect card = card_size(m, area);
  card.x = area.x + (area.w - card.w) / 2;
  card.y = area.y + (area.h - card.h) / 2;
  s.panels.push_back(card);
  s.texts.push_back({ids::display_code(ctx.session()->code), card, TextRole::Display});
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
