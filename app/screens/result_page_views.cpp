// What each result page shows: cards with pictures and words, laid out in the page's body.
#include <algorithm>

#include "screens/code_parts.h"
#include "screens/slip_parts.h"
#include "screens/page_parts.h"
#include "screens/result_pages.h"

namespace wk {

namespace {

// The page's title beside the speaker, at title size or (when longer than the room) body size;
// returns the body below it, moved down when the title needs more than the usual room.
Rect add_title(ScreenModel& s, const Metrics& m, const std::string& title) {
  const PageRegions r = page_regions(m);
  const Rect speaker = speaker_rect(m);
  const float w = speaker.x - r.prompt.x - m.mm(5);
  const FittedText f = fit_text(m, title, TextRole::Title, w, r.prompt.h);
  const float h = std::max(r.prompt.h, f.h);
  s.texts.push_back({title, {r.prompt.x, r.prompt.y, w, h}, f.role});
  return {r.body.x, r.body.y + h - r.prompt.h, r.body.w, r.body.h - (h - r.prompt.h)};
}

// Words cut between words into pieces that each fit max_h at width (a piece of one word is
// kept whole): for a text too long for the room a part has.
std::vector<std::string> split_to_fit(const Metrics& m, const std::string& text, TextRole role, float width, float max_h) {
  std::vector<std::string> pieces(1);
  size_t from = 0;
  while (from < text.size()) {
    size_t end = text.find(' ', from);
    end = end == std::string::npos ? text.size() : end + 1;
    const std::string word = text.substr(from, end - from);
    if (!pieces.back().empty() && m.measure(pieces.back() + word, role, width).height > max_h + 1) pieces.push_back("");
    pieces.back() += word;
    from = end;
  }
  for (auto& p : pieces)
    while (!p.empty() && p.back() == ' ') p.pop_back();
  return pieces;
}

// A card's picture: a quarter of its width, at most 40 mm (less when the card is lower).
float card_picture(const Metrics& m, float w) { return std::min(w * 0.25f, m.mm(40)); }

// The height a card of width w needs for its title and words (see add_card).
float card_height(const Metrics& m, float w, const std::string& title, const std::string& body, float pic_min) {
  const float pad = m.mm(3);
  const float pic = card_picture(m, w);
  const float tw = w - 3 * pad - pic;
  // The title may step down to body size (add_card does, when the words would not fit), so
  // the card needs at least the room at body size.
  const TextSize title_size = m.measure(title, TextRole::Body, tw);
  const TextSize body_size = body.empty() ? TextSize{} : m.measure(body, TextRole::Body, tw);
  if (title_size.word_too_wide || body_size.word_too_wide) return 1e9f;
  return std::max({title_size.height + body_size.height, std::min(pic, pic_min)}) + 2 * pad;
}

// Cards of the same width in a column or a grid: as many columns as keep each card tall
// enough for its words (measured), from the top of area or centred in it.
// `cells` cards of the same width in a column or a grid, each tall enough for the words of
// every card in `cards` (measured): as many columns as keep the most room per card (fewer rows
// on a tie). Empty when no arrangement fits.
std::vector<Rect> fitting_grid(const Metrics& m, const Rect& area, int cells,
                               const std::vector<std::pair<std::string, std::string>>& cards, float gap, float max_w,
                               float max_h, bool top_align) {
  std::vector<Rect> best;
  if (cells <= 0) return best;
  float best_h = -1;
  for (int cols = 1; cols <= cells; ++cols) {
    const int rows = (cells + cols - 1) / cols;
    const float w = std::min(max_w, (area.w - (cols - 1) * gap) / cols);
    if (w < m.mm(40)) break;  // narrower, a card's words and picture get too cramped
    float need = 0;
    for (const auto& [title, body] : cards) need = std::max(need, card_height(m, w, title, body, m.mm(20)));
    const float room = (area.h - (rows - 1) * gap) / rows;
    if (need > room + 1) continue;
    const float h = std::min(max_h, room);
    if (h > best_h + 0.5f) {
      best_h = h;
      best = grid_cells_in(area, cells, cols, gap, max_w, std::max(need, h), top_align);
    }
  }
  return best;
}

// The cards of a page, in parts when they do not all fit: each part as many cards as fit
// (every card's words measured). Returns the number of parts; `show` gets the cells and the
// first card of the part asked for.
template <typename Show>
int card_parts(const Metrics& m, const Rect& area, const std::vector<std::pair<std::string, std::string>>& cards,
               float gap, float max_w, float max_h, bool top_align, int part, Show show) {
  const int n = static_cast<int>(cards.size());
  if (n == 0) return 1;
  for (int k = n; k >= 1; --k) {
    auto cells = fitting_grid(m, area, k, cards, gap, max_w, max_h, top_align);
    if (cells.empty()) continue;
    const int parts = (n + k - 1) / k;
    const int p = std::clamp(part, 0, parts - 1);
    const int first = p * k, count = std::min(k, n - first);
    cells.resize(static_cast<size_t>(count));
    show(cells, first);
    return parts;
  }
  // Not even one card fits: one a part, as large as the area (the overflow test says so).
  const int p = std::clamp(part, 0, n - 1);
  show(std::vector<Rect>{Rect{area.x, area.y, std::min(area.w, max_w), area.h}}, p);
  return n;
}
// A card: picture on the left, a title and lines of words on the right.
void add_card(ScreenModel& s, const Metrics& m, const Rect& c, const std::string& picture, const std::string& title,
              const std::string& body) {
  s.panels.push_back(c);
  const float pad = m.mm(3);
  const float room = card_picture(m, c.w);  // the words start after it, as card_height measured
  const float pic = std::min(room, c.h - 2 * pad);
  s.pictures.push_back({picture, {c.x + pad + (room - pic) / 2, c.y + (c.h - pic) / 2, pic, pic}});
  const float tx = c.x + 2 * pad + room;
  const float tw = c.x + c.w - pad - tx;
  if (body.empty()) {
    FittedText f = fit_text(m, title, TextRole::Title, tw, c.h - 2 * pad);
    if (m.measure(title, f.role, tw).word_too_wide) f.role = TextRole::Body;
    s.texts.push_back({title, {tx, c.y + pad, tw, c.h - 2 * pad}, f.role, false});
  } else {
    // The title as tall as it is (at body size if the words would not fit under it), the words below.
    const float body_h = m.measure(body, TextRole::Body, tw).height;
    FittedText f = fit_text(m, title, TextRole::Title, tw, c.h - 2 * pad - body_h);
    if (m.measure(title, f.role, tw).word_too_wide) f = {TextRole::Body, m.measure(title, TextRole::Body, tw).height};
    s.texts.push_back({title, {tx, c.y + pad, tw, f.h}, f.role, false});
    s.texts.push_back({body, {tx, c.y + pad + f.h, tw, c.h - 2 * pad - f.h}, TextRole::Body, false, false});
  }
}

int page_code(ScreenModel& s, const ScreenContext& ctx, const Metrics& m) {
  // The words in the prompt row, as a question's; the code large in the body.
  const Rect body = add_title(s, m, ctx.t("ui.code.give"));
  const float slip_h = slip_row_height(ctx, m);  // the take-home slip's button, where a printer is set
  add_code_alone(s, ctx, m, {body.x, body.y, body.w, body.h - slip_h});
  if (slip_h > 0) add_slip_row(s, ctx, m, {body.x, body.y + body.h - slip_h, body.w, slip_h});
  return 1;
}

int page_interests(ScreenModel& s, const ScreenContext& ctx, const Metrics& m, const Profile& p, int part) {
  const ContentPack& content = ctx.pack();
  auto t = [&](const std::string& key) { return ctx.t(key); };
  const Rect body = add_title(s, m, t("ui.result.interests_title"));
  if (p.top_types.empty()) {
    add_card(s, m, {body.x, body.y, body.w, std::min(body.h, m.mm(60))}, content.ui_picture("attract"),
             t("ui.result.no_clear_interest"), "");
    return 1;
  }
  std::vector<std::pair<std::string, std::string>> words;
  for (const auto& type : p.top_types) words.push_back({t("riasec." + type), t("reason.riasec." + type)});
  return card_parts(m, body, words, m.mm(6), m.mm(160), m.mm(70), false, part,
                    [&](const std::vector<Rect>& cells, int first) {
                      for (size_t i = 0; i < cells.size(); ++i) {
                        const std::string& type = p.top_types[first + i];
                        auto pic = content.riasec_pictures.count(type) ? content.riasec_pictures.at(type) : "";
                        add_card(s, m, cells[i], pic, words[first + i].first, words[first + i].second);
                      }
                    });
}

int page_strengths(ScreenModel& s, const ScreenContext& ctx, const Metrics& m, const Profile& p, int part) {
  const ContentPack& content = ctx.pack();
  auto t = [&](const std::string& key) { return ctx.t(key); };
  const PageRegions r = page_regions(m);
  // Two columns from the top: what I can do well, and what matters to me; where they do not
  // fit side by side (measured), one after the other in two parts, each the full width.
  const float gap = m.mm(6);
  const float top = r.prompt.y;
  const float full_w = speaker_rect(m).x - m.mm(5) - r.body.x;
  const float col_w = (full_w - gap) / 2;
  const float col_h = r.nav.y - m.mm(5) - top;
  // Lays out (or with out == nullptr only checks) a column; returns whether its words fit.
  auto column = [&](ScreenModel* out, const Rect& col, const std::string& title, const std::vector<std::string>& keys,
                    const std::vector<std::string>& pictures, const std::string& empty) {
    const FittedText head = fit_text(m, t(title), TextRole::Title, col.w, m.title_px * 3);
    const float title_h = head.h + m.mm(2);
    const Rect area{col.x, col.y + title_h, col.w, col.h - title_h};
    std::vector<std::pair<std::string, std::string>> words;
    for (const auto& k : keys) words.push_back({t(k), ""});
    auto cells = fitting_grid(m, area, static_cast<int>(keys.size()), words, m.mm(3), area.w, m.mm(34), true);
    const bool fits = m.measure(t(title), head.role, col.w).word_too_wide == false && (keys.empty() || !cells.empty());
    if (!out) return fits;
    out->texts.push_back({t(title), {col.x, col.y, col.w, head.h}, head.role, false});
    if (keys.empty()) {
      if (!empty.empty()) {
        const float h = m.measure(t(empty), TextRole::Body, area.w).height;
        out->texts.push_back({t(empty), {area.x, area.y, area.w, h}, TextRole::Body, false, false});
      }
      return fits;
    }
    if (cells.empty()) cells = grid_cells(area, static_cast<int>(keys.size()), m.mm(3), area.w, m.mm(34), true);
    for (size_t i = 0; i < keys.size(); ++i) add_card(*out, m, cells[i], pictures[i], t(keys[i]), "");
    return fits;
  };
  auto strong = p.strong_skills();
  if (strong.size() > 4) strong.resize(4);
  std::vector<std::string> skill_keys, skill_pics, value_keys, value_pics;
  for (const auto& sk : strong) {
    skill_keys.push_back("reason.skill." + sk);
    skill_pics.push_back(content.picture_for_tag("skill", sk));
  }
  for (const auto& v : p.values) {
    value_keys.push_back("reason.value." + v);
    value_pics.push_back(content.picture_for_tag("value", v));
  }
  const Rect left{r.body.x, top, col_w, col_h};
  const Rect right{left.x + col_w + gap, top, col_w, col_h};
  if (column(nullptr, left, "ui.result.strengths_title", skill_keys, skill_pics, "ui.result.no_strengths") &&
      column(nullptr, right, "ui.result.values_title", value_keys, value_pics, "")) {
    column(&s, left, "ui.result.strengths_title", skill_keys, skill_pics, "ui.result.no_strengths");
    column(&s, right, "ui.result.values_title", value_keys, value_pics, "");
    return 1;
  }
  // One after the other, each at the full width and itself in parts if its cards do not fit.
  const Rect whole{r.body.x, top, full_w, col_h};
  auto column_part = [&](ScreenModel& out, const std::string& title, const std::vector<std::string>& keys,
                         const std::vector<std::string>& pictures, const std::string& empty, int column_part_no) {
    const FittedText head = fit_text(m, t(title), TextRole::Title, whole.w, m.title_px * 3);
    out.texts.push_back({t(title), {whole.x, whole.y, whole.w, head.h}, head.role, false});
    const Rect area{whole.x, whole.y + head.h + m.mm(2), whole.w, whole.h - head.h - m.mm(2)};
    if (keys.empty()) {
      if (!empty.empty())
        out.texts.push_back({t(empty), {area.x, area.y, area.w, m.measure(t(empty), TextRole::Body, area.w).height},
                             TextRole::Body, false, false});
      return 1;
    }
    std::vector<std::pair<std::string, std::string>> words;
    for (const auto& k : keys) words.push_back({t(k), ""});
    return card_parts(m, area, words, m.mm(3), area.w, m.mm(34), true, column_part_no,
                      [&](const std::vector<Rect>& cells, int first) {
                        for (size_t i = 0; i < cells.size(); ++i)
                          add_card(out, m, cells[i], pictures[first + i], words[first + i].first, "");
                      });
  };
  ScreenModel scratch;
  const int skill_parts = column_part(scratch, "ui.result.strengths_title", skill_keys, skill_pics, "ui.result.no_strengths", 0);
  const int value_parts = column_part(scratch, "ui.result.values_title", value_keys, value_pics, "", 0);
  if (part < skill_parts)
    column_part(s, "ui.result.strengths_title", skill_keys, skill_pics, "ui.result.no_strengths", std::max(0, part));
  else
    column_part(s, "ui.result.values_title", value_keys, value_pics, "", std::min(part - skill_parts, value_parts - 1));
  return skill_parts + value_parts;
}

int page_occupation(ScreenModel& s, const ScreenContext& ctx, const Metrics& m, const OccupationMatch& match, int index,
                    int count, int part) {
  auto t = [&](const std::string& key) { return ctx.t(key); };
  const Occupation& o = *match.occupation;
  const Rect body = add_title(
      s, m, t("ui.result.occupation_title") + "  " + std::to_string(index + 1) + " / " + std::to_string(count));
  // The picture and the name, then the reasons, the prospect and its source, each as tall as
  // its words (measured). What does not fit goes on to a next part, under the same picture and name.
  s.panels.push_back(body);
  const float pad = m.mm(4);
  const float pic = std::min({body.h * 0.45f, m.mm(40), body.w * 0.25f});
  s.pictures.push_back({o.picture, {body.x + pad, body.y + pad, pic, pic}});
  const float tx = body.x + 2 * pad + pic;
  const float tw = body.x + body.w - pad - tx;
  // The everyday name: the ESCO label stays for the coach and the data.
  const FittedText name = fit_text(m, t(o.plain_key()), TextRole::Title, tw, m.title_px * 1.6f);
  s.texts.push_back({t(o.plain_key()), {tx, body.y + pad, tw, name.h}, name.role, false});
  struct Block {
    std::string text;
    TextRole role;
  };
  std::vector<Block> blocks;
  blocks.push_back({t(match.fit_key), TextRole::Body});  // the fit in words, never a percentage
  for (const auto& reason : match.reasons) blocks.push_back({"+ " + t(reason.text_key), TextRole::Body});
  if (!match.route_key.empty()) blocks.push_back({t(match.route_key), TextRole::Body});
  blocks.push_back({t("ui.result.prospect") + " " +
                        (match.prospect_label.empty() ? t("ui.result.prospect_unknown") : t("prospect." + match.prospect_label)),
                    TextRole::Body});
  // The small print in one block: the prospect's source, then the ESCO credit (one line less
  // than two blocks, so the fit line does not push a page into two parts).
  std::string small_print = t("ui.result.esco_credit");
  if (match.prospect)
    small_print = t("ui.result.source") + ": " + match.prospect->source + ", " + match.prospect->period + ", " +
                  match.prospect->region + ". " + small_print;
  blocks.push_back({small_print, TextRole::Small});
  // Greedy parts: blocks in order while they fit under the name; beside the picture they are
  // as wide as the room there, below it as wide as the card. A block longer than a whole part
  // is cut between words.
  const float top = body.y + pad + name.h + m.mm(1), bottom = body.y + body.h - pad;
  const float pic_bottom = body.y + pad + pic, full_w = body.w - 2 * pad;
  std::vector<Block> pieces;
  for (const auto& b : blocks)
    for (auto& piece : split_to_fit(m, b.text, b.role, tw, bottom - top)) pieces.push_back({std::move(piece), b.role});
  blocks = std::move(pieces);
  struct Placed {
    size_t block;
    Rect box;
  };
  std::vector<std::vector<Placed>> parts(1);
  float y = top;
  auto place = [&](size_t i, float at) {
    const bool beside = at < pic_bottom;
    const float w = beside ? tw : full_w;
    return Rect{beside ? tx : body.x + pad, at, w, m.measure(blocks[i].text, blocks[i].role, w).height};
  };
  for (size_t i = 0; i < blocks.size(); ++i) {
    Rect box = place(i, y);
    if (box.y + box.h > bottom + 1 && !parts.back().empty()) {
      parts.emplace_back();
      y = top;
      box = place(i, y);
    }
    parts.back().push_back({i, box});
    y += box.h;
  }
  const int shown = std::clamp(part, 0, static_cast<int>(parts.size()) - 1);
  for (const auto& placed : parts[shown])
    s.texts.push_back({blocks[placed.block].text, placed.box, blocks[placed.block].role, false, false});
  return static_cast<int>(parts.size());
}

int page_transitions(ScreenModel& s, const ScreenContext& ctx, const Metrics& m, const Profile& p, int part) {
  const ContentPack& content = ctx.pack();
  auto t = [&](const std::string& key) { return ctx.t(key); };
  const Rect body = add_title(s, m, t("ui.result.transitions_title"));
  MatchOptions opt;
  opt.region = ctx.config().region;
  auto list = transition_options(content, p, opt);
  if (list.empty()) {
    s.texts.push_back({t("ui.result.no_transitions"), {body.x, body.y, body.w, m.measure(t("ui.result.no_transitions"),
                                                                                        TextRole::Body, body.w).height},
                       TextRole::Body});
    return 1;
  }
  const float credit_h = m.measure(t("ui.result.esco_credit"), TextRole::Small, body.w).height;
  s.texts.push_back({t("ui.result.esco_credit"), {body.x, body.y + body.h - credit_h, body.w, credit_h},
                     TextRole::Small, false});
  const Rect area{body.x, body.y, body.w, body.h - credit_h - m.mm(2)};
  std::vector<std::pair<std::string, std::string>> words;
  for (const auto& option : list)
    words.push_back({t(option.occupation->plain_key()),
                     t("sector." + p.sector) + " " + t("ui.result.to") + " " + t("sector." + option.occupation->sector)});
  return card_parts(m, area, words, m.mm(4), body.w, m.mm(40), false, part,
                    [&](const std::vector<Rect>& cells, int first) {
                      for (size_t c = 0; c < cells.size(); ++c)
                        add_card(s, m, cells[c], list[first + c].occupation->picture, words[first + c].first,
                                 words[first + c].second);
                    });
}

int page_story(ScreenModel& s, const ScreenContext& ctx, const Metrics& m, const Profile& p, int part) {
  const ContentPack& content = ctx.pack();
  auto t = [&](const std::string& key) { return ctx.t(key); };
  const Rect body = add_title(s, m, t("ui.result.story_title"));
  const Story* st = fitting_story(content, p);
  if (!st) return 1;
  // A story longer than the card goes on in parts, split between sentences (measured).
  const std::string title = t(st->title_key()), text = t(st->text_key());
  const float pad = m.mm(3);
  const float tw = body.w - 3 * pad - card_picture(m, body.w);
  const float room = body.h - 2 * pad - m.measure(title, TextRole::Title, tw).height;
  std::vector<std::string> parts(1);
  size_t from = 0;
  while (from < text.size()) {
    size_t end = text.find(". ", from);
    end = end == std::string::npos ? text.size() : end + 2;
    const std::string sentence = text.substr(from, end - from);
    const std::string longer = parts.back() + sentence;
    if (!parts.back().empty() && m.measure(longer, TextRole::Body, tw).height > room + 1)
      parts.push_back(sentence);
    else
      parts.back() = longer;
    from = end;
  }
  const int shown = std::clamp(part, 0, static_cast<int>(parts.size()) - 1);
  add_card(s, m, body, st->picture, title, parts[shown]);
  return static_cast<int>(parts.size());
}

int page_plan(ScreenModel& s, const ScreenContext& ctx, const Metrics& m, const Profile& p, int part) {
  const ContentPack& content = ctx.pack();
  auto t = [&](const std::string& key) { return ctx.t(key); };
  const Rect body = add_title(s, m, t("ui.result.plan_title"));
  if (p.plan.empty()) {
    s.texts.push_back({t("ui.result.no_plan"), {body.x, body.y, body.w, m.measure(t("ui.result.no_plan"), TextRole::Body,
                                                                                  body.w).height},
                       TextRole::Body});
    return 1;
  }
  std::vector<std::pair<std::string, std::string>> words;
  std::vector<std::string> pictures;
  for (const auto& step : p.plan) {
    const Option* action = content.option_with_tag("action", step.first);
    const Option* when = when_option(content, step.second);
    words.push_back({action ? t(action->text_key) : step.first, when ? t(when->text_key) : ""});
    pictures.push_back(action ? action->picture : "");
  }
  return card_parts(m, body, words, m.mm(4), body.w, m.mm(40), false, part,
                    [&](const std::vector<Rect>& cells, int first) {
                      for (size_t i = 0; i < cells.size(); ++i)
                        add_card(s, m, cells[i], pictures[first + i], words[first + i].first, words[first + i].second);
                    });
}

void page_answers(ScreenModel& s, const ScreenContext& ctx, const Metrics& m) {
  const ContentPack& content = ctx.pack();
  auto t = [&](const std::string& key) { return ctx.t(key); };
  const auto& answers = ctx.answers();
  const Rect body = add_title(s, m, t("ui.result.title"));
  const auto all = ctx.steps();
  const int n = static_cast<int>(all.size());
  auto cells = grid_cells(body, n, m.mm(4), m.mm(120), m.mm(75));
  const float pad = m.mm(2);
  for (int i = 0; i < n; ++i) {
    const Item& item = content.modules[all[i].module].items[all[i].item];
    const Rect c = cells[i];
    s.panels.push_back(c);
    // Each card: the question's picture (small), the chosen answers' pictures, their words below.
    const float label_h = m.body_px * 1.25f * 2;
    const float pic_h = std::max(0.0f, c.h - label_h - 3 * pad);
    const float small = std::min(pic_h * 0.6f, c.w * 0.25f);
    s.pictures.push_back({item.picture, {c.x + pad, c.y + pad, small, small}, PictureState::Plain});
    auto it = answers.find(item.answer_key(all[i].for_option));
    std::vector<const Option*> chosen;
    if (it != answers.end())
      for (const auto& v : it->second)
        for (const auto& o : item.options)
          if (o.id == v) chosen.push_back(&o);
    const float ax = c.x + pad + small + m.mm(3);
    const float aw = c.x + c.w - pad - ax;
    const Rect words_rect{c.x + pad, c.y + pad + pic_h + pad, c.w - 2 * pad, label_h};
    if (chosen.empty()) {
      s.texts.push_back({t("ui.result.skipped"), words_rect, TextRole::Body});
      continue;
    }
    const float big = std::min(pic_h, aw / static_cast<float>(chosen.size()));
    std::string words;
    for (size_t k = 0; k < chosen.size(); ++k) {
      s.pictures.push_back({chosen[k]->picture, {ax + k * big, c.y + pad + (pic_h - big) / 2, big * 0.92f, big * 0.92f},
                            PictureState::Plain});
      if (!words.empty()) words += ", ";
      words += t(chosen[k]->text_key);
    }
    s.texts.push_back({words, words_rect, TextRole::Body});
  }
}

int page_compare(ScreenModel& s, const ScreenContext& ctx, const Metrics& m, const Profile& p, int part) {
  const ContentPack& content = ctx.pack();
  auto t = [&](const std::string& key) { return ctx.t(key); };
  const Rect body = add_title(s, m, t("ui.followup.compare_title"));
  if (!ctx.follow_up_of()) return 1;
  const auto changes = behaviour_changes(content, build_profile(content, ctx.follow_up_of()->latest_answers()), p);
  // Each statement a card with then, now and the change under it, as many a part as their
  // measured words fit (eight statements in a fixed grid ran under the bottom bar).
  // Then and now in words: ja (klopt) / nee (an earlier five-point answer reads as ja
  // when it was wel or zeker wel; core/scoring/profile.h).
  auto said = [&](int v) { return v ? t(v >= 2 ? "ui.followup.true" : "ui.followup.not_true") : std::string("-"); };
  std::vector<std::pair<std::string, std::string>> words;
  for (const auto& c : changes)
    words.push_back({t(c.statement.text_key), t("ui.followup.then") + " " + said(c.before) + "   " +
                                                  t("ui.followup.now") + " " + said(c.now) + "   " + t(change_key(c))});
  return card_parts(m, body, words, m.mm(3), body.w, m.mm(40), false, part,
                    [&](const std::vector<Rect>& cells, int first) {
                      for (size_t i = 0; i < cells.size(); ++i)
                        add_card(s, m, cells[i], changes[first + i].statement.picture, words[first + i].first,
                                 words[first + i].second);
                    });
}

}  // namespace

int add_result_page(ScreenModel& s, const ScreenContext& ctx, const Metrics& m, const ResultPageRef& page, int part) {
  const Profile p = ctx.profile();
  switch (page.kind) {
    case ResultPage::Code: return page_code(s, ctx, m);
    case ResultPage::Interests: return page_interests(s, ctx, m, p, part);
    case ResultPage::Strengths: return page_strengths(s, ctx, m, p, part);
    case ResultPage::Occupation: {
      auto list = ctx.suggestions();
      if (page.index < static_cast<int>(list.size()))
        return page_occupation(s, ctx, m, list[page.index], page.index, static_cast<int>(list.size()), part);
      return 1;
    }
    case ResultPage::Transitions: return page_transitions(s, ctx, m, p, part);
    case ResultPage::Story: return page_story(s, ctx, m, p, part);
    case ResultPage::Plan: return page_plan(s, ctx, m, p, part);
    case ResultPage::Answers: page_answers(s, ctx, m); return 1;
    case ResultPage::Compare: return page_compare(s, ctx, m, p, part);
  }
  return 1;
}

}  // namespace wk
