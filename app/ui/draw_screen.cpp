#include "ui/draw_screen.h"

#include <imgui.h>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <set>
#include <vector>

#include "platform/log.h"
#include "screens/target_parts.h"

namespace wk {

namespace {
// Colours: near-black on warm white is about 17:1; borders and icons stay above 3:1.
const ImU32 kBackground = IM_COL32(247, 245, 240, 255);
const ImU32 kText = IM_COL32(26, 26, 26, 255);
const ImU32 kCard = IM_COL32(255, 255, 255, 255);
const ImU32 kBorder = IM_COL32(90, 90, 90, 255);
const ImU32 kSelected = IM_COL32(11, 79, 156, 255);
const ImU32 kSelectedFill = IM_COL32(222, 235, 250, 255);
const ImU32 kPrimary = IM_COL32(23, 89, 42, 255);
const ImU32 kPrimaryText = IM_COL32(255, 255, 255, 255);
const ImU32 kPressed = IM_COL32(0, 0, 0, 50);
const ImU32 kPlaceholder = IM_COL32(215, 215, 215, 255);
const ImU32 kSpeaker = IM_COL32(230, 240, 250, 255);
const ImU32 kSpeaking = IM_COL32(176, 78, 0, 255);  // dark orange, 4.5:1 on the background: "now speaking"

// Corners on whole pixels: a frame's line then covers the same pixels wherever the layout
// put it, instead of thinning out when it falls between two rows.
ImVec2 tl(const Rect& r) { return {std::round(r.x), std::round(r.y)}; }
ImVec2 br(const Rect& r) { return {std::round(r.x + r.w), std::round(r.y + r.h)}; }

// Text that does not fit its box is cut there; the log says so once per text and box size
// (and the UI dump lists it), so the layout's fitting and paging are checked on what is drawn.
void note_cut(const Metrics& m, const std::string& text, const Rect& r, const TextLayout& l) {
  static std::set<std::string> noted;
  char head[160];
  std::snprintf(head, sizeof head, "%.0fx%.0f %.0fx%.0f|", m.width, m.height, r.w, r.h);
  if (noted.size() > 4096 || !noted.insert(head + text).second) return;
  std::snprintf(head, sizeof head, "text cut to fit a %.1f x %.1f mm box (it needs %.1f x %.1f mm%s): ", r.w / m.px_per_mm,
                r.h / m.px_per_mm, l.width / m.px_per_mm, l.height / m.px_per_mm, l.overflows ? ", a word is too wide" : "");
  log::warn("text", head + text);
}

// Draws text inside rect with the text engine (any script, shaped, right to left where the
// text is), wrapping at words, at the role's cap height: never smaller. What does not fit is
// clipped at the rect and reported; fitting and paging are the layout's job.
void draw_text(ImDrawList* dl, DrawContext& ctx, const std::string& text, const Rect& r, TextRole role, bool centered,
               ImU32 colour, bool vcenter = true, TextDirection direction = TextDirection::Auto) {
  if (text.empty() || r.w <= 0 || r.h <= 0) return;
  const Metrics& m = ctx.metrics;
  const std::uint32_t rgba = (static_cast<std::uint32_t>(colour & 0xff) << 24) |
                             (static_cast<std::uint32_t>((colour >> 8) & 0xff) << 16) |
                             (static_cast<std::uint32_t>((colour >> 16) & 0xff) << 8) | ((colour >> 24) & 0xff);
  const TextStyle style{m.cap_px(role), r.w, role_bold(role) ? TextWeight::Bold : TextWeight::Regular,
                        centered ? TextAlign::Center : TextAlign::Start, direction};
  auto block = ctx.text.render(text, style, rgba);
  const TextLayout& l = block->layout;
  const bool cut = l.height > r.h + 1 || l.overflows;
  if (cut) note_cut(m, text, r, l);
  const float top = vcenter ? r.y + std::max(0.0f, (r.h - l.height) / 2) : r.y;
  const float x = std::round(r.x) - block->origin_x, y = std::round(top) - block->origin_y;
  float left = x + block->origin_x + l.width, right = x + block->origin_x;
  for (const auto& line : l.lines) {
    left = std::min(left, x + block->origin_x + line.x);
    right = std::max(right, x + block->origin_x + line.x + line.width);
  }
  ctx.drawn.push_back({text, r, {left, y + block->origin_y, std::max(0.0f, right - left), l.height}, m.cap_px(role), cut});
  SDL_Texture* const tex = ctx.text_textures.texture(block);
  if (!tex) return;
  dl->PushClipRect(tl(r), br(r), true);
  dl->AddImage(tex, {x, y}, {x + block->width, y + block->height});
  dl->PopClipRect();
}

// mirror: drawn mirrored left to right (a picture with a direction on a right-to-left screen).
void draw_picture(ImDrawList* dl, DrawContext& ctx, const std::string& picture, const Rect& box, float alpha = 1.0f,
                  bool mirror = false) {
  // On whole pixels, at the size the texture was scaled to: drawn pixel for pixel, not resampled.
  const float x0 = std::round(box.x), y0 = std::round(box.y);
  const Rect r{x0, y0, std::round(box.x + box.w) - x0, std::round(box.y + box.h) - y0};
  SDL_Texture* const tex =
      (ctx.content && !picture.empty()) ? ctx.textures.texture(ctx.content->picture_path(picture), std::max(r.w, r.h)) : nullptr;
  if (!tex) {
    // Neutral placeholder: a calm grey tile, no error text in front of a participant.
    float inset = r.w * 0.1f;
    dl->AddRectFilled({r.x + inset, r.y + inset}, {r.x + r.w - inset, r.y + r.h - inset}, kPlaceholder, r.w * 0.1f);
    return;
  }
  dl->AddImage(tex, tl(r), br(r), {mirror ? 1.0f : 0.0f, 0}, {mirror ? 0.0f : 1.0f, 1},
               IM_COL32(255, 255, 255, static_cast<int>(alpha * 255)));
}

// The base direction of a screen's words: from the right on a right-to-left screen.
TextDirection direction(bool rtl) { return rtl ? TextDirection::Rtl : TextDirection::Auto; }

// A check mark in a circle: selection is shown by shape as well as colour.
void draw_check_badge(ImDrawList* dl, ImVec2 centre, float radius) {
  dl->AddCircleFilled(centre, radius, kSelected);
  float s = radius * 0.55f;
  ImVec2 a{centre.x - s, centre.y}, b{centre.x - s * 0.3f, centre.y + s * 0.7f}, c{centre.x + s, centre.y - s * 0.6f};
  dl->AddLine(a, b, IM_COL32_WHITE, radius * 0.25f);
  dl->AddLine(b, c, IM_COL32_WHITE, radius * 0.25f);
}

// "Now speaking": a thick frame just outside the target, in a colour no other state uses, so it
// shows on a chosen card too (that one's frame is inside and blue).
void draw_speaking(ImDrawList* dl, const Metrics& m, const Rect& r) {
  const float g = m.mm(2.0f);
  dl->AddRect({r.x - g, r.y - g}, {r.x + r.w + g, r.y + r.h + g}, kSpeaking, m.mm(2.5f) + g, 0, m.mm(1.8f));
}

void draw_target(ImDrawList* dl, DrawContext& ctx, const Target& t) {
  const Metrics& m = ctx.metrics;
  const float round = m.mm(2.5f);
  const bool pressed = t.id == ctx.pressed_id;
  if (t.style == TargetStyle::Hidden || t.style == TargetStyle::FullScreen) return;
  if (t.speaking) draw_speaking(dl, m, t.rect);
  if (t.style == TargetStyle::Listen) {
    // A card's own speaker: the picture on a light round button, no word (the card has its word).
    const ImVec2 c{t.rect.x + t.rect.w / 2, t.rect.y + t.rect.h / 2};
    dl->AddCircleFilled(c, t.rect.w / 2, kSpeaker);
    dl->AddCircle(c, t.rect.w / 2, kSelected, 0, m.mm(0.6f));
    const float side = t.rect.w * 0.7f;
    draw_picture(dl, ctx, t.picture, {c.x - side / 2, c.y - side / 2, side, side}, 1.0f, t.mirror_picture);
    if (pressed) dl->AddCircleFilled(c, t.rect.w / 2, kPressed);
    return;
  }
  const TargetParts parts = target_parts(m, t);
  const bool primary = t.style == TargetStyle::Primary;
  ImU32 text_colour = kText;
  switch (t.style) {
    case TargetStyle::Answer:
      dl->AddRectFilled(tl(t.rect), br(t.rect), t.selected ? kSelectedFill : kCard, round);
      dl->AddRect(tl(t.rect), br(t.rect), t.selected ? kSelected : kBorder, round, 0, t.selected ? m.mm(1.6f) : m.mm(0.5f));
      break;
    case TargetStyle::Speaker:
    case TargetStyle::Volume:
      dl->AddRectFilled(tl(t.rect), br(t.rect), kSpeaker, round);
      dl->AddRect(tl(t.rect), br(t.rect), kSelected, round, 0, m.mm(0.6f));
      break;
    default:
      dl->AddRectFilled(tl(t.rect), br(t.rect), primary ? kPrimary : kCard, round);
      dl->AddRect(tl(t.rect), br(t.rect), primary ? kPrimary : kBorder, round, 0, m.mm(0.6f));
      if (primary) text_colour = kPrimaryText;
      break;
  }
  if (parts.picture.w > 0) {
    // On a dark button the picture sits on a light disc so it keeps its contrast.
    if (primary)
      dl->AddCircleFilled({parts.picture.x + parts.picture.w / 2, parts.picture.y + parts.picture.h / 2}, parts.picture.w / 2,
                          kCard);
    draw_picture(dl, ctx, t.picture, parts.picture, 1.0f, t.mirror_picture);
  }
  if (parts.label.w > 0)
    draw_text(dl, ctx, t.label, parts.label, parts.role, parts.centered, text_colour, parts.vcenter, direction(t.rtl));
  // The check mark: in the card's (end) corner, or on a wide card on its picture's corner, so
  // the words keep the card's whole width.
  if (t.style == TargetStyle::Answer && t.selected) {
    if (parts.wide)
      draw_check_badge(dl, {t.rtl ? parts.picture.x + parts.picture.w - m.mm(4) : parts.picture.x + m.mm(4), parts.picture.y + m.mm(4)},
                       m.mm(5.5f));
    else
      draw_check_badge(dl, {t.rtl ? t.rect.x + m.mm(7) : t.rect.x + t.rect.w - m.mm(7), t.rect.y + m.mm(7)}, m.mm(5.5f));
  }
  if (pressed) dl->AddRectFilled(tl(t.rect), br(t.rect), kPressed, round);
}

}  // namespace

void draw_screen(const ScreenModel& s, DrawContext& ctx) {
  ImDrawList* dl = ImGui::GetBackgroundDrawList();
  const Metrics& m = ctx.metrics;
  dl->AddRectFilled({0, 0}, {m.width, m.height}, kBackground);
  for (const auto& p : s.panels) {
    dl->AddRectFilled(tl(p), br(p), kCard, m.mm(2.5f));
    dl->AddRect(tl(p), br(p), kBorder, m.mm(2.5f), 0, m.mm(0.4f));
  }
  for (const auto& p : s.pictures) {
    switch (p.state) {
      case PictureState::Plain:
        draw_picture(dl, ctx, p.picture, p.rect, 1.0f, p.mirror_picture);
        break;
      case PictureState::Todo:
        draw_picture(dl, ctx, p.picture, p.rect, 0.4f, p.mirror_picture);
        break;
      case PictureState::Done:
        draw_picture(dl, ctx, p.picture, p.rect, 0.75f, p.mirror_picture);
        draw_check_badge(dl, {p.rect.x + p.rect.w * (s.rtl ? 0.15f : 0.85f), p.rect.y + p.rect.h * 0.85f}, p.rect.w * 0.22f);
        break;
      case PictureState::Current: {
        // The current step: framed and underlined, not only coloured.
        float g = m.mm(1.2f);
        dl->AddRectFilled({p.rect.x - g, p.rect.y - g}, {p.rect.x + p.rect.w + g, p.rect.y + p.rect.h + g}, kSelectedFill,
                          m.mm(2));
        dl->AddRect({p.rect.x - g, p.rect.y - g}, {p.rect.x + p.rect.w + g, p.rect.y + p.rect.h + g}, kSelected, m.mm(2),
                    0, m.mm(0.8f));
        draw_picture(dl, ctx, p.picture, p.rect, 1.0f, p.mirror_picture);
        break;
      }
    }
  }
  for (const auto& t : s.texts)
    draw_text(dl, ctx, t.text, t.rect, t.role, t.centered, kText, t.vcenter && t.role != TextRole::Small,
              t.ltr ? TextDirection::Ltr : direction(s.rtl));
  for (const auto& t : s.targets) draw_target(dl, ctx, t);
}

std::string drawn_texts_json(const std::vector<DrawnText>& drawn) {
  auto box = [](const Rect& r) { return nlohmann::json::array({r.x, r.y, r.w, r.h}); };
  nlohmann::json out = nlohmann::json::array();
  for (const auto& d : drawn)
    out.push_back({{"text", d.text}, {"box", box(d.box)}, {"drawn", box(d.drawn)}, {"cap_px", d.cap_px}, {"cut", d.cut}});
  return out.dump();
}

}  // namespace wk
