#include "ui/draw_screen.h"

#include <imgui.h>

#include <algorithm>
#include <cfloat>
#include <sstream>
#include <vector>

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

ImVec2 tl(const Rect& r) { return {r.x, r.y}; }
ImVec2 br(const Rect& r) { return {r.x + r.w, r.y + r.h}; }

std::vector<std::string> wrap(ImFont* font, float size, const std::string& text, float width) {
  std::vector<std::string> lines;
  std::istringstream paragraphs(text);
  std::string para;
  while (std::getline(paragraphs, para)) {
    std::istringstream words(para);
    std::string word, line;
    while (words >> word) {
      std::string candidate = line.empty() ? word : line + " " + word;
      if (!line.empty() && font->CalcTextSizeA(size, FLT_MAX, 0, candidate.c_str()).x > width) {
        lines.push_back(line);
        line = word;
      } else {
        line = candidate;
      }
    }
    lines.push_back(line);
  }
  return lines;
}

// Draws text inside rect, wrapping, and stepping down to a smaller font if it does not fit.
void draw_text(ImDrawList* dl, const Fonts& fonts, const std::string& text, const Rect& r, TextRole role, bool centered,
               ImU32 colour, bool vcenter = true) {
  std::vector<ImFont*> order;
  if (role == TextRole::Display) order = {fonts.display, fonts.title, fonts.body_bold};
  if (role == TextRole::Title) order = {fonts.title, fonts.body_bold, fonts.body, fonts.small};
  if (role == TextRole::Body) order = {fonts.body, fonts.small};
  if (role == TextRole::Small) order = {fonts.small};
  for (size_t f = 0; f < order.size(); ++f) {
    ImFont* font = order[f];
    float size = font->FontSize, line_h = size * 1.25f;
    auto lines = wrap(font, size, text, r.w);
    float total = lines.size() * line_h;
    bool widest_fits = true;
    for (const auto& l : lines) widest_fits &= font->CalcTextSizeA(size, FLT_MAX, 0, l.c_str()).x <= r.w + 1;
    if ((total > r.h + 1 || !widest_fits) && f + 1 < order.size()) continue;
    float y = vcenter ? r.y + std::max(0.0f, (r.h - total) / 2) : r.y;
    dl->PushClipRect(tl(r), br(r), true);
    for (const auto& l : lines) {
      float w = font->CalcTextSizeA(size, FLT_MAX, 0, l.c_str()).x;
      float x = centered ? r.x + (r.w - w) / 2 : r.x;
      dl->AddText(font, size, {x, y + (line_h - size) / 2}, colour, l.c_str());
      y += line_h;
    }
    dl->PopClipRect();
    return;
  }
}

void draw_picture(ImDrawList* dl, DrawContext& ctx, const std::string& picture, const Rect& r, float alpha = 1.0f) {
  unsigned tex = (ctx.content && !picture.empty()) ? ctx.textures.texture(ctx.content->picture_path(picture), std::max(r.w, r.h)) : 0;
  if (!tex) {
    // Neutral placeholder: a calm grey tile, no error text in front of a participant.
    float inset = r.w * 0.1f;
    dl->AddRectFilled({r.x + inset, r.y + inset}, {r.x + r.w - inset, r.y + r.h - inset}, kPlaceholder, r.w * 0.1f);
    return;
  }
  dl->AddImage(reinterpret_cast<ImTextureID>(static_cast<intptr_t>(tex)), tl(r), br(r), {0, 0}, {1, 1},
               IM_COL32(255, 255, 255, static_cast<int>(alpha * 255)));
}

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
  const float pad = m.mm(2.5f);
  const bool pressed = t.id == ctx.pressed_id;
  if (t.speaking) draw_speaking(dl, m, t.rect);
  switch (t.style) {
    case TargetStyle::Hidden:
    case TargetStyle::FullScreen:
      return;
    case TargetStyle::Answer: {
      dl->AddRectFilled(tl(t.rect), br(t.rect), t.selected ? kSelectedFill : kCard, round);
      dl->AddRect(tl(t.rect), br(t.rect), t.selected ? kSelected : kBorder, round, 0,
                  t.selected ? m.mm(1.6f) : m.mm(0.5f));
      if (t.rect.w > t.rect.h * 1.8f) {
        // A wide, low card: picture on the left, words beside it.
        const float side = t.rect.h - 2 * pad;
        draw_picture(dl, ctx, t.picture, {t.rect.x + pad, t.rect.y + pad, side, side});
        Rect label{t.rect.x + 2 * pad + side, t.rect.y + pad, t.rect.w - 3 * pad - side - m.mm(10), t.rect.h - 2 * pad};
        draw_text(dl, ctx.fonts, t.label, label, TextRole::Title, false, kText);
        if (t.selected) draw_check_badge(dl, {t.rect.x + t.rect.w - m.mm(7), t.rect.y + m.mm(7)}, m.mm(5.5f));
        break;
      }
      const float label_h = ctx.fonts.body_bold->FontSize * 1.25f * 2 + pad;
      float side = std::min(t.rect.w - 2 * pad, t.rect.h - label_h - 2 * pad);
      side = std::max(side, 0.0f);
      const float block = side + label_h;
      Rect pic{t.rect.x + (t.rect.w - side) / 2, t.rect.y + (t.rect.h - block) / 2, side, side};
      draw_picture(dl, ctx, t.picture, pic);
      Rect label{t.rect.x + pad, pic.y + side, t.rect.w - 2 * pad, label_h};
      draw_text(dl, ctx.fonts, t.label, label, TextRole::Body, true, kText);
      if (t.selected) draw_check_badge(dl, {t.rect.x + t.rect.w - m.mm(7), t.rect.y + m.mm(7)}, m.mm(5.5f));
      break;
    }
    case TargetStyle::Listen: {
      // A card's own speaker: the picture on a light round button, no word (the card has its word).
      const ImVec2 c{t.rect.x + t.rect.w / 2, t.rect.y + t.rect.h / 2};
      dl->AddCircleFilled(c, t.rect.w / 2, kSpeaker);
      dl->AddCircle(c, t.rect.w / 2, kSelected, 0, m.mm(0.6f));
      const float side = t.rect.w * 0.7f;
      draw_picture(dl, ctx, t.picture, {c.x - side / 2, c.y - side / 2, side, side});
      if (pressed) dl->AddCircleFilled(c, t.rect.w / 2, kPressed);
      return;
    }
    case TargetStyle::Speaker: {
      dl->AddRectFilled(tl(t.rect), br(t.rect), kSpeaker, round);
      dl->AddRect(tl(t.rect), br(t.rect), kSelected, round, 0, m.mm(0.6f));
      float label_h = ctx.fonts.small->FontSize * 1.3f;
      float side = std::min(t.rect.w - 2 * pad, t.rect.h - label_h - 2 * pad);
      draw_picture(dl, ctx, t.picture, {t.rect.x + (t.rect.w - side) / 2, t.rect.y + pad, side, side});
      draw_text(dl, ctx.fonts, t.label, {t.rect.x, t.rect.y + t.rect.h - label_h - pad / 2, t.rect.w, label_h},
                TextRole::Small, true, kText);
      break;
    }
    case TargetStyle::Nav:
    case TargetStyle::Primary:
    case TargetStyle::Operator:
    case TargetStyle::Key: {
      bool primary = t.style == TargetStyle::Primary;
      dl->AddRectFilled(tl(t.rect), br(t.rect), primary ? kPrimary : kCard, round);
      dl->AddRect(tl(t.rect), br(t.rect), primary ? kPrimary : kBorder, round, 0, m.mm(0.6f));
      if (!t.picture.empty() && t.rect.w < t.rect.h * 1.6f) {
        // A square button: the picture above its word.
        const float label_h = ctx.fonts.small->FontSize * 1.3f;
        const float side = std::min(t.rect.w - 2 * pad, t.rect.h - label_h - 2 * pad);
        const Rect pic{t.rect.x + (t.rect.w - side) / 2, t.rect.y + pad, side, side};
        if (primary) dl->AddCircleFilled({pic.x + side / 2, pic.y + side / 2}, side / 2, kCard);
        draw_picture(dl, ctx, t.picture, pic);
        draw_text(dl, ctx.fonts, t.label, {t.rect.x + 2, t.rect.y + t.rect.h - label_h - pad / 2, t.rect.w - 4, label_h},
                  TextRole::Small, true, primary ? kPrimaryText : kText);
        if (pressed) dl->AddRectFilled(tl(t.rect), br(t.rect), kPressed, round);
        return;
      }
      float x = t.rect.x + pad;
      if (!t.picture.empty()) {
        float side = std::min({t.rect.h - 2 * pad, t.rect.w * 0.4f, m.mm(24)});
        // On a dark button the picture sits on a light disc so it keeps its contrast.
        if (primary) dl->AddCircleFilled({x + side / 2, t.rect.y + t.rect.h / 2}, side / 2, kCard);
        draw_picture(dl, ctx, t.picture, {x, t.rect.y + (t.rect.h - side) / 2, side, side});
        x += side + pad;
      }
      Rect label{x, t.rect.y, t.rect.x + t.rect.w - pad - x, t.rect.h};
      draw_text(dl, ctx.fonts, t.label, label,
                (t.style == TargetStyle::Key || primary) ? TextRole::Title : TextRole::Body, true,
                primary ? kPrimaryText : kText);
      break;
    }
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
        draw_picture(dl, ctx, p.picture, p.rect);
        break;
      case PictureState::Todo:
        draw_picture(dl, ctx, p.picture, p.rect, 0.4f);
        break;
      case PictureState::Done:
        draw_picture(dl, ctx, p.picture, p.rect, 0.75f);
        draw_check_badge(dl, {p.rect.x + p.rect.w * 0.85f, p.rect.y + p.rect.h * 0.85f}, p.rect.w * 0.22f);
        break;
      case PictureState::Current: {
        // The current step: framed and underlined, not only coloured.
        float g = m.mm(1.2f);
        dl->AddRectFilled({p.rect.x - g, p.rect.y - g}, {p.rect.x + p.rect.w + g, p.rect.y + p.rect.h + g}, kSelectedFill,
                          m.mm(2));
        dl->AddRect({p.rect.x - g, p.rect.y - g}, {p.rect.x + p.rect.w + g, p.rect.y + p.rect.h + g}, kSelected, m.mm(2),
                    0, m.mm(0.8f));
        draw_picture(dl, ctx, p.picture, p.rect);
        break;
      }
    }
  }
  for (const auto& t : s.texts)
    draw_text(dl, ctx.fonts, t.text, t.rect, t.role, t.centered, kText, t.vcenter && t.role != TextRole::Small);
  for (const auto& t : s.targets) draw_target(dl, ctx, t);
}

}  // namespace wk
