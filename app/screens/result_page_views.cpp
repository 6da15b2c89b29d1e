// What each result page shows: cards with pictures and words, laid out in the page's body.
#include <algorithm>

#include "screens/code_parts.h"
#include "screens/result_pages.h"

namespace wk {

namespace {

Rect title_rect(const Metrics& m) {
  const PageRegions r = page_regions(m);
  const Rect speaker = speaker_rect(m);
  return {r.prompt.x, r.prompt.y, speaker.x - r.prompt.x - m.mm(5), r.prompt.h};
}

// A card: picture on the left, a title and lines of words on the right.
void add_card(ScreenModel& s, const Metrics& m, const Rect& c, const std::string& picture, const std::string& title,
              const std::string& body) {
  s.panels.push_back(c);
  const float pad = m.mm(3);
  const float pic = std::min(c.h - 2 * pad, c.w * 0.35f);
  s.pictures.push_back({picture, {c.x + pad, c.y + (c.h - pic) / 2, pic, pic}});
  const float tx = c.x + 2 * pad + pic;
  const float tw = c.x + c.w - pad - tx;
  if (body.empty()) {
    s.texts.push_back({title, {tx, c.y + pad, tw, c.h - 2 * pad}, TextRole::Title, false});
  } else {
    const float th = std::min(c.h * 0.4f, m.title_px * 2.6f);
    s.texts.push_back({title, {tx, c.y + pad, tw, th}, TextRole::Title, false});
    s.texts.push_back({body, {tx, c.y + pad + th, tw, c.h - 2 * pad - th}, TextRole::Body, false, false});
  }
}

void page_code(ScreenModel& s, const ScreenContext& ctx, const Metrics& m) {
  // The words in the prompt row, as a question's; the code large in the body.
  s.texts.push_back({ctx.t("ui.code.give"), title_rect(m), TextRole::Title});
  add_code_alone(s, ctx, m, page_regions(m).body);
}

void page_interests(ScreenModel& s, const ScreenContext& ctx, const Metrics& m, const Profile& p) {
  const ContentPack& content = ctx.pack();
  auto t = [&](const std::string& key) { return ctx.t(key); };
  const PageRegions r = page_regions(m);
  s.texts.push_back({t("ui.result.interests_title"), title_rect(m), TextRole::Title});
  if (p.top_types.empty()) {
    add_card(s, m, {r.body.x, r.body.y, r.body.w, std::min(r.body.h, m.mm(60))}, content.ui_picture("attract"),
             t("ui.result.no_clear_interest"), "");
    return;
  }
  auto cells = grid_cells(r.body, static_cast<int>(p.top_types.size()), m.mm(6), m.mm(160), m.mm(70));
  for (size_t i = 0; i < p.top_types.size(); ++i) {
    const std::string& type = p.top_types[i];
    auto pic = content.riasec_pictures.count(type) ? content.riasec_pictures.at(type) : "";
    add_card(s, m, cells[i], pic, t("riasec." + type), t("reason.riasec." + type));
  }
}

void page_strengths(ScreenModel& s, const ScreenContext& ctx, const Metrics& m, const Profile& p) {
  const ContentPack& content = ctx.pack();
  auto t = [&](const std::string& key) { return ctx.t(key); };
  const PageRegions r = page_regions(m);
  // Two columns from the top: what I can do well, and what matters to me.
  const float gap = m.mm(6);
  const float top = r.prompt.y;
  const float col_w = (speaker_rect(m).x - m.mm(5) - r.body.x - gap) / 2;
  const Rect left{r.body.x, top, col_w, r.nav.y - m.mm(5) - top};
  const Rect right{left.x + col_w + gap, top, col_w, left.h};
  const float title_h = m.title_px * 1.6f;
  auto column = [&](const Rect& col, const std::string& title, const std::vector<std::string>& keys,
                    const std::vector<std::string>& pictures, const std::string& empty) {
    s.texts.push_back({t(title), {col.x, col.y, col.w, title_h}, TextRole::Title, false});
    const Rect area{col.x, col.y + title_h, col.w, col.h - title_h};
    if (keys.empty()) {
      s.texts.push_back({t(empty), {area.x, area.y, area.w, m.title_px * 3}, TextRole::Body, false, false});
      return;
    }
    auto cells = grid_cells(area, static_cast<int>(keys.size()), m.mm(3), area.w, m.mm(34), true);
    for (size_t i = 0; i < keys.size(); ++i) add_card(s, m, cells[i], pictures[i], t(keys[i]), "");
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
  column(left, "ui.result.strengths_title", skill_keys, skill_pics, "ui.result.no_strengths");
  column(right, "ui.result.values_title", value_keys, value_pics, "");
}

void page_occupation(ScreenModel& s, const ScreenContext& ctx, const Metrics& m, const OccupationMatch& match, int index,
                     int count) {
  auto t = [&](const std::string& key) { return ctx.t(key); };
  const PageRegions r = page_regions(m);
  const Occupation& o = *match.occupation;
  s.texts.push_back({t("ui.result.occupation_title") + "  " + std::to_string(index + 1) + " / " + std::to_string(count),
                     title_rect(m), TextRole::Title});
  // Picture, name and the reasons on top; below them the prospect with its source.
  s.panels.push_back(r.body);
  const float pad = m.mm(4);
  const float name_h = m.title_px * 1.5f;
  const float reasons_h = m.body_px * 1.3f * std::max<size_t>(1, match.reasons.size());
  const float pic = std::min(name_h + reasons_h, r.body.h * 0.55f);
  s.pictures.push_back({o.picture, {r.body.x + pad, r.body.y + pad, pic, pic}});
  const float tx = r.body.x + 2 * pad + pic;
  const float tw = r.body.x + r.body.w - pad - tx;
  s.texts.push_back({t(o.name_key()), {tx, r.body.y + pad, tw, name_h}, TextRole::Title, false});
  std::string reasons;
  for (const auto& reason : match.reasons) reasons += "+ " + t(reason.text_key) + "\n";
  s.texts.push_back({reasons, {tx, r.body.y + pad + name_h, tw, reasons_h}, TextRole::Body, false, false});
  float y = r.body.y + pad + std::max(pic, name_h + reasons_h) + m.mm(4);
  std::string prospect = t("ui.result.prospect") + " " +
                         (match.prospect_label.empty() ? t("ui.result.prospect_unknown") : t("prospect." + match.prospect_label));
  s.texts.push_back({prospect, {r.body.x + pad, y, r.body.w - 2 * pad, m.body_px * 2.6f}, TextRole::Body, false, false});
  y += m.body_px * 2.6f;
  std::string source;
  if (match.prospect) {
    source = t("ui.result.source") + ": " + match.prospect->source + ", " + match.prospect->period + ", " +
             match.prospect->region + ".";
  }
  source += " " + t("ui.result.esco_credit");
  s.texts.push_back({source, {r.body.x + pad, y, r.body.w - 2 * pad, r.body.y + r.body.h - y - pad}, TextRole::Small, false,
                     false});
}

void page_transitions(ScreenModel& s, const ScreenContext& ctx, const Metrics& m, const Profile& p) {
  const ContentPack& content = ctx.pack();
  auto t = [&](const std::string& key) { return ctx.t(key); };
  const PageRegions r = page_regions(m);
  s.texts.push_back({t("ui.result.transitions_title"), title_rect(m), TextRole::Title});
  MatchOptions opt;
  opt.region = ctx.config().region;
  auto list = transition_options(content, p, opt);
  if (list.empty()) {
    s.texts.push_back({t("ui.result.no_transitions"), {r.body.x, r.body.y, r.body.w, m.title_px * 3}, TextRole::Body});
    return;
  }
  const float credit_h = m.small_px * 1.5f;
  s.texts.push_back({t("ui.result.esco_credit"), {r.body.x, r.body.y + r.body.h - credit_h, r.body.w, credit_h},
                     TextRole::Small, false});
  const Rect area{r.body.x, r.body.y, r.body.w, r.body.h - credit_h};
  auto cells = grid_cells(area, static_cast<int>(list.size()), m.mm(4), r.body.w, m.mm(40));
  for (size_t i = 0; i < list.size(); ++i) {
    const Occupation& o = *list[i].occupation;
    add_card(s, m, cells[i], o.picture, t(o.name_key()),
             t("sector." + p.sector) + " " + t("ui.result.to") + " " + t("sector." + o.sector));
  }
}

void page_story(ScreenModel& s, const ScreenContext& ctx, const Metrics& m, const Profile& p) {
  const ContentPack& content = ctx.pack();
  auto t = [&](const std::string& key) { return ctx.t(key); };
  const PageRegions r = page_regions(m);
  s.texts.push_back({t("ui.result.story_title"), title_rect(m), TextRole::Title});
  if (const Story* st = fitting_story(content, p)) add_card(s, m, r.body, st->picture, t(st->title_key()), t(st->text_key()));
}

void page_plan(ScreenModel& s, const ScreenContext& ctx, const Metrics& m, const Profile& p) {
  const ContentPack& content = ctx.pack();
  auto t = [&](const std::string& key) { return ctx.t(key); };
  const PageRegions r = page_regions(m);
  s.texts.push_back({t("ui.result.plan_title"), title_rect(m), TextRole::Title});
  if (p.plan.empty()) {
    s.texts.push_back({t("ui.result.no_plan"), {r.body.x, r.body.y, r.body.w, m.title_px * 3}, TextRole::Body});
    return;
  }
  auto cells = grid_cells(r.body, static_cast<int>(p.plan.size()), m.mm(4), r.body.w, m.mm(40));
  for (size_t i = 0; i < p.plan.size(); ++i) {
    const Option* action = content.option_with_tag("action", p.plan[i].first);
    const Option* when = when_option(content, p.plan[i].second);
    add_card(s, m, cells[i], action ? action->picture : "", action ? t(action->text_key) : p.plan[i].first,
             when ? t(when->text_key) : "");
  }
}

void page_answers(ScreenModel& s, const ScreenContext& ctx, const Metrics& m) {
  const ContentPack& content = ctx.pack();
  auto t = [&](const std::string& key) { return ctx.t(key); };
  const auto& answers = ctx.answers();
  const PageRegions r = page_regions(m);
  s.texts.push_back({t("ui.result.title"), title_rect(m), TextRole::Title});
  const auto all = ctx.steps();
  const int n = static_cast<int>(all.size());
  auto cells = grid_cells(r.body, n, m.mm(4), m.mm(120), m.mm(75));
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

void page_compare(ScreenModel& s, const ScreenContext& ctx, const Metrics& m, const Profile& p) {
  const ContentPack& content = ctx.pack();
  auto t = [&](const std::string& key) { return ctx.t(key); };
  const PageRegions r = page_regions(m);
  s.texts.push_back({t("ui.followup.compare_title"), title_rect(m), TextRole::Title});
  if (!ctx.follow_up_of()) return;
  const auto changes = behaviour_changes(content, build_profile(content, ctx.follow_up_of()->latest_answers()), p);
  // Two wide columns: the statements need the width more than the height.
  const int n = static_cast<int>(changes.size());
  const int rows = (n + 1) / 2;
  const float gap = m.mm(3);
  const float cw = (r.body.w - gap) / 2, ch = std::min(m.mm(40), (r.body.h - (rows - 1) * gap) / std::max(1, rows));
  std::vector<Rect> cells;
  for (int i = 0; i < n; ++i) cells.push_back({r.body.x + (i % 2) * (cw + gap), r.body.y + (i / 2) * (ch + gap), cw, ch});
  auto score = [](int v) { return v ? std::to_string(v) : std::string("-"); };
  for (size_t i = 0; i < changes.size(); ++i) {
    const auto& c = changes[i];
    add_card(s, m, cells[i], c.item->picture, t(c.item->key),
             t("ui.followup.then") + " " + score(c.before) + "   " + t("ui.followup.now") + " " + score(c.now) + "   " +
                 t(change_key(c)));
  }
}

}  // namespace

void add_result_page(ScreenModel& s, const ScreenContext& ctx, const Metrics& m, const ResultPageRef& page) {
  const Profile p = ctx.profile();
  switch (page.kind) {
    case ResultPage::Code: page_code(s, ctx, m); break;
    case ResultPage::Interests: page_interests(s, ctx, m, p); break;
    case ResultPage::Strengths: page_strengths(s, ctx, m, p); break;
    case ResultPage::Occupation: {
      auto list = ctx.suggestions();
      if (page.index < static_cast<int>(list.size()))
        page_occupation(s, ctx, m, list[page.index], page.index, static_cast<int>(list.size()));
      break;
    }
    case ResultPage::Transitions: page_transitions(s, ctx, m, p); break;
    case ResultPage::Story: page_story(s, ctx, m, p); break;
    case ResultPage::Plan: page_plan(s, ctx, m, p); break;
    case ResultPage::Answers: page_answers(s, ctx, m); break;
    case ResultPage::Compare: page_compare(s, ctx, m, p); break;
  }
}

}  // namespace wk
