// What each result page shows, and says: cards with pictures and words, laid out in the page's
// body. Each page function draws one part of its page and hands `say` the clips of every text it
// drew, in order, so what a part says is what it shows (result_page_speech).
#include <algorithm>
#include <functional>

#include "screens/code_parts.h"
#include "screens/slip_parts.h"
#include "screens/page_parts.h"
#include "screens/result_pages.h"

namespace wk {

namespace {

// Collects the clips of what a part shows (nothing when the page is only drawn).
class Said {
 public:
  Said(const ScreenContext& ctx, std::vector<Clip>* out) : ctx_(ctx), out_(out) {}
  void operator()(const std::string& key) const {
    if (out_) out_->push_back({ctx_.locale(), key});
  }
  void clips(const std::vector<Clip>& clips) const {
    if (out_) out_->insert(out_->end(), clips.begin(), clips.end());
  }

 private:
  const ScreenContext& ctx_;
  std::vector<Clip>* out_;
};

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
Rect add_title(ScreenModel& s, const ScreenContext& ctx, const Metrics& m, const std::string& key, const Said& say) {
  say(key);
  return add_title(s, m, ctx.t(key));
}

// Words in a box as tall as they are, from the top, left-aligned; said.
float add_words(ScreenModel& s, const ScreenContext& ctx, const Metrics& m, const std::string& key, const Rect& at,
                const Said& say, TextRole role = TextRole::Body) {
  const std::string words = ctx.t(key);
  const float h = m.measure(words, role, at.w).height;
  s.texts.push_back({words, {at.x, at.y, at.w, h}, role, false, false});
  say(key);
  return h;
}

// A card's picture: a quarter of its width, at most 40 mm (less when the card is lower).
float card_picture(const Metrics& m, float w) { return std::min(w * 0.25f, m.mm(40)); }

// The picture beside a card's words (the plan's "when"): a line of them and a half tall, as the
// then-and-now pictures (18 mm on 24"; at one line its drawing was about 9 mm, hard to make out).
float words_picture(const Metrics& m) { return m.line_height(TextRole::Body) * 1.5f; }

// Room a card needs under its title besides its words (then and now), given the words' width.
using ExtraHeight = std::function<float(float)>;

// The height a card of width w needs for its title and words (see add_card); with_picture:
// the words have a picture beside them.
float card_height(const Metrics& m, float w, const std::string& title, const std::string& body, float pic_min,
                  bool with_picture = false, const ExtraHeight& extra = {}) {
  const float pad = m.mm(3);
  const float pic = card_picture(m, w);
  const float tw = w - 3 * pad - pic;
  const float body_pic = with_picture ? words_picture(m) + pad : 0;
  // The title may step down to body size (add_card does, when the words would not fit), so
  // the card needs at least the room at body size.
  const TextSize title_size = m.measure(title, TextRole::Body, tw);
  const TextSize body_size = body.empty() ? TextSize{} : m.measure(body, TextRole::Body, tw - body_pic);
  if (title_size.word_too_wide || body_size.word_too_wide) return 1e9f;
  const float body_h = body.empty() ? 0 : std::max(body_size.height, body_pic > 0 ? words_picture(m) : 0.0f);
  return std::max({title_size.height + body_h + (extra ? extra(tw) : 0), std::min(pic, pic_min)}) + 2 * pad;
}

// `cells` cards of the same width in a column or a grid, each tall enough for the words of
// every card in `cards` (measured): as many columns as keep the most room per card (fewer rows
// on a tie). Empty when no arrangement fits.
std::vector<Rect> fitting_grid(const Metrics& m, const Rect& area, int cells,
                               const std::vector<std::pair<std::string, std::string>>& cards, float gap, float max_w,
                               float max_h, bool top_align, bool with_picture, const ExtraHeight& extra) {
  std::vector<Rect> best;
  if (cells <= 0) return best;
  float best_h = -1;
  for (int cols = 1; cols <= cells; ++cols) {
    const int rows = (cells + cols - 1) / cols;
    const float w = std::min(max_w, (area.w - (cols - 1) * gap) / cols);
    if (w < m.mm(40)) break;  // narrower, a card's words and picture get too cramped
    float need = 0;
    for (const auto& [title, body] : cards)
      need = std::max(need, card_height(m, w, title, body, m.mm(20), with_picture, extra));
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
// first card of the part asked for. with_picture and extra: as card_height.
template <typename Show>
int card_parts(const Metrics& m, const Rect& area, const std::vector<std::pair<std::string, std::string>>& cards,
               float gap, float max_w, float max_h, bool top_align, int part, Show show, bool with_picture = false,
               const ExtraHeight& extra = {}) {
  const int n = static_cast<int>(cards.size());
  if (n == 0) return 1;
  for (int k = n; k >= 1; --k) {
    auto cells = fitting_grid(m, area, k, cards, gap, max_w, max_h, top_align, with_picture, extra);
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
// A card: picture on the left, a title and lines of words on the right; body_picture (the
// plan's "when"), when given, beside the words (words_picture).
void add_card(ScreenModel& s, const Metrics& m, const Rect& c, const std::string& picture, const std::string& title,
              const std::string& body, const std::string& body_picture = "") {
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
    const float bp = body_picture.empty() ? 0 : words_picture(m), bx = tx + (bp > 0 ? bp + pad : 0);
    const float words_h = m.measure(body, TextRole::Body, tx + tw - bx).height;
    const float body_h = std::max(words_h, bp), lower = std::max(0.0f, (bp - words_h) / 2);  // words mid-picture
    FittedText f = fit_text(m, title, TextRole::Title, tw, c.h - 2 * pad - body_h);
    if (m.measure(title, f.role, tw).word_too_wide) f = {TextRole::Body, m.measure(title, TextRole::Body, tw).height};
    s.texts.push_back({title, {tx, c.y + pad, tw, f.h}, f.role, false});
    if (bp > 0) s.pictures.push_back({body_picture, {tx, c.y + pad + f.h, bp, bp}});
    s.texts.push_back({body, {bx, c.y + pad + f.h + lower, tx + tw - bx, c.h - 2 * pad - f.h - lower}, TextRole::Body,
                       false, false});
  }
}

int page_code(ScreenModel& s, const ScreenContext& ctx, const Metrics& m, const Said& say) {
  // The words in the prompt row, as a question's; the code large in the body, and under it the
  // take-home slip's button where a printer is set.
  const Rect body = add_title(s, m, ctx.t("ui.code.give"));
  say.clips(code_speech(ctx));  // the words, then the code one digit at a time
  const float slip_h = slip_row_height(ctx, m);
  add_code_alone(s, ctx, m, {body.x, body.y, body.w, body.h - slip_h});
  if (slip_h > 0) {
    add_slip_row(s, ctx, m, {body.x, body.y + body.h - slip_h, body.w, slip_h});
    say.clips(slip_speech(ctx, false));
  }
  return 1;
}

// One group of the "you" page: a title over cards of one line each, or words for none.
struct Section {
  std::string title_key;
  std::vector<std::string> keys, pictures;
  std::string empty_key;
};

// What the person likes, can do and finds important, each only where the content asks it;
// values none were chosen are left out (there is nothing to say about them).
std::vector<Section> you_sections(const ScreenContext& ctx, const Profile& p) {
  const ContentPack& content = ctx.pack();
  std::vector<Section> out;
  if (!content.tag_values("riasec").empty()) {
    Section sec{"ui.result.interests_title", {}, {}, "ui.result.no_clear_interest"};
    for (const auto& type : p.top_types) {
      sec.keys.push_back("reason.riasec." + type);
      sec.pictures.push_back(content.riasec_pictures.count(type) ? content.riasec_pictures.at(type) : "");
    }
    out.push_back(std::move(sec));
  }
  if (!content.tag_values("skill").empty()) {
    Section sec{"ui.result.strengths_title", {}, {}, "ui.result.no_strengths"};
    auto strong = p.strong_skills();
    if (strong.size() > 4) strong.resize(4);
    for (const auto& skill : strong) {
      sec.keys.push_back("reason.skill." + skill);
      sec.pictures.push_back(content.picture_for_tag("skill", skill));
    }
    out.push_back(std::move(sec));
  }
  if (!content.tag_values("value").empty() && !p.values.empty()) {
    Section sec{"ui.result.values_title", {}, {}, ""};
    for (const auto& v : p.values) {
      sec.keys.push_back("reason.value." + v);
      sec.pictures.push_back(content.picture_for_tag("value", v));
    }
    out.push_back(std::move(sec));
  }
  return out;
}

// A section's title over its cards in area, the cards of `part` when they need parts
// (measured). Returns how many parts the section needs.
int add_section(ScreenModel& s, const ScreenContext& ctx, const Metrics& m, const Section& sec, const Rect& area,
                int part, const Said& say) {
  const std::string title = ctx.t(sec.title_key);
  const FittedText head = fit_text(m, title, TextRole::Title, area.w, m.title_px * 3);
  s.texts.push_back({title, {area.x, area.y, area.w, head.h}, head.role, false});
  say(sec.title_key);
  const Rect cards{area.x, area.y + head.h + m.mm(2), area.w, area.h - head.h - m.mm(2)};
  if (sec.keys.empty()) {
    add_words(s, ctx, m, sec.empty_key, cards, say);
    return 1;
  }
  std::vector<std::pair<std::string, std::string>> words;
  for (const auto& k : sec.keys) words.push_back({ctx.t(k), ""});
  return card_parts(m, cards, words, m.mm(3), cards.w, m.mm(34), true, part,
                    [&](const std::vector<Rect>& cells, int first) {
                      for (size_t i = 0; i < cells.size(); ++i) {
                        add_card(s, m, cells[i], sec.pictures[first + i], words[first + i].first, "");
                        say(sec.keys[first + i]);
                      }
                    });
}

// Whether a section fits area whole: one part, every word inside its box and the area.
bool section_fits(const ScreenContext& ctx, const Metrics& m, const Section& sec, const Rect& area) {
  ScreenModel scratch;
  if (add_section(scratch, ctx, m, sec, area, 0, Said(ctx, nullptr)) != 1) return false;
  return std::all_of(scratch.texts.begin(), scratch.texts.end(), [&](const TextBlock& t) {
    return m.fits(t.text, t.role, t.rect) && t.rect.y + t.rect.h <= area.y + area.h + 1;
  });
}

// You: what you like, what you can do, what matters to you. Side by side where they fit
// (measured); else one after the other, each the full width and itself in parts if need be.
int page_you(ScreenModel& s, const ScreenContext& ctx, const Metrics& m, const Profile& p, int part, const Said& say) {
  const auto sections = you_sections(ctx, p);
  const int n = static_cast<int>(sections.size());
  if (n == 0) return 1;
  const PageRegions r = page_regions(m);
  const float gap = m.mm(6), top = r.prompt.y;
  const Rect whole{r.body.x, top, speaker_rect(m).x - m.mm(5) - r.body.x, r.nav.y - m.mm(5) - top};
  const float col_w = (whole.w - (n - 1) * gap) / n;
  auto column = [&](int i) { return Rect{whole.x + i * (col_w + gap), top, col_w, whole.h}; };
  bool side_by_side = true;
  for (int i = 0; i < n && side_by_side; ++i) side_by_side = section_fits(ctx, m, sections[i], column(i));
  if (side_by_side) {
    for (int i = 0; i < n; ++i) add_section(s, ctx, m, sections[i], column(i), 0, say);
    return 1;
  }
  std::vector<int> parts;
  for (const auto& sec : sections) {
    ScreenModel scratch;
    parts.push_back(add_section(scratch, ctx, m, sec, whole, 0, Said(ctx, nullptr)));
  }
  int total = 0;
  for (int k : parts) total += k;
  int k = std::clamp(part, 0, total - 1);
  for (int i = 0; i < n; k -= parts[i], ++i)
    if (k < parts[i]) {
      add_section(s, ctx, m, sections[i], whole, k, say);
      break;
    }
  return total;
}

// The chance of work as marks on a scale of five (UWV's bands, from few jobs for many seekers
// to many jobs for few); 0 when there are no figures.
int prospect_marks(const std::string& label) {
  static const char* kBands[] = {"zeer_ruim", "ruim", "evenwicht", "krap", "zeer_krap"};
  for (int i = 0; i < 5; ++i)
    if (label == kBands[i]) return i + 1;
  return 0;
}
constexpr int kScaleMarks = 5;

// A work option as a card: its picture; the everyday name, the fit in words and the way in
// (when the occupation has one); the chance of work as a row of full and empty marks with its
// words. On a wide card the marks and their words go to the right of the name (the card is
// one row of the page), on a narrow one under it. Laid out from the top of `at` (its height is
// ignored); returns the height the card needs. Draws it `h` tall into out when given. "Kans op
// werk:" is shown and said on the first card of a page only (first_on_page), the later cards
// give their marks and words under it: five times on one page was words said for nothing.
float work_card(const ScreenContext& ctx, const Metrics& m, const OccupationMatch& match, const Rect& at, float h,
                ScreenModel* out, const Said& say, bool first_on_page = true) {
  const float pad = m.mm(2), gap = m.mm(4), mark_gap = m.mm(1.5f);
  const float pic = std::min(at.w * 0.2f, m.mm(30));
  const float tx = at.x + 2 * pad + pic, tw = at.x + at.w - pad - tx;
  const std::string name = ctx.t(match.occupation->plain_key());
  std::vector<std::pair<std::string, TextRole>> left = {{name, TextRole::Title}, {ctx.t(match.fit_key), TextRole::Body}};
  std::vector<std::string> keys = {match.occupation->plain_key(), match.fit_key};
  if (!match.route_key.empty()) {
    left.push_back({ctx.t(match.route_key), TextRole::Body});
    keys.push_back(match.route_key);
  }
  const int marks = prospect_marks(match.prospect_label);
  const std::string label_key = marks ? "prospect." + match.prospect_label : "ui.result.prospect_unknown";
  const std::string prospect = first_on_page ? ctx.t("ui.result.prospect") + " " + ctx.t(label_key) : ctx.t(label_key);
  const float mark = m.line_height(TextRole::Body) * 0.8f;
  const float marks_w = marks ? kScaleMarks * mark + (kScaleMarks - 1) * mark_gap : 0;
  // Wide: the name and the fit on their lines where they fit (at most half the words' room).
  const bool wide = tw >= m.mm(260);
  float left_w = tw;
  if (wide) {
    left_w = 0;
    for (const auto& [words, role] : left) left_w = std::max(left_w, m.measure(words, role, 0).width + m.mm(1));
    left_w = std::clamp(left_w, tw * 0.35f, tw * 0.5f);
  }
  std::vector<TextBlock> texts;
  float y = at.y + pad;
  for (const auto& [words, role] : left) {
    TextRole r = role;
    if (r == TextRole::Title && (m.measure(words, r, left_w).word_too_wide || m.measure(words, r, left_w).height > m.title_px * 1.6f))
      r = TextRole::Body;
    const float th = m.measure(words, r, left_w).height;
    texts.push_back({words, {tx, y, left_w, th}, r, false, false});
    y += th;
  }
  const float left_bottom = y;
  // Narrow: under the name, from the card's left edge once below the picture.
  const float sy = wide ? at.y + pad : y + m.mm(2);
  const float sx = wide ? tx + left_w + gap : sy >= at.y + pad + pic ? at.x + pad : tx;
  std::vector<PictureBlock> scale;
  for (int i = 0; i < (marks ? kScaleMarks : 0); ++i)
    scale.push_back({ctx.pack().ui_picture(i < marks ? kScaleFullRole : kScaleEmptyRole),
                     {sx + i * (mark + mark_gap), sy + m.mm(1), mark, mark}});
  // Wide: the words beside the marks; narrow: under them.
  const float wx = wide ? sx + marks_w + (marks ? gap : 0) : sx;
  const float wy = wide || !marks ? sy : sy + mark + m.mm(2);
  const float ww = at.x + at.w - pad - wx;
  const float ph = m.measure(prospect, TextRole::Body, ww).height;
  texts.push_back({prospect, {wx, wy, ww, ph}, TextRole::Body, false, false});
  const float need = std::max({left_bottom, wy + ph, sy + (marks ? mark + m.mm(1) : 0), at.y + pad + pic}) + pad - at.y;
  if (out) {
    out->panels.push_back({at.x, at.y, at.w, std::max(h, need)});
    out->pictures.push_back({match.occupation->picture, {at.x + pad, at.y + pad, pic, pic}});
    for (auto& p : scale) out->pictures.push_back(std::move(p));
    for (auto& t : texts) out->texts.push_back(std::move(t));
    for (const auto& k : keys) say(k);
    if (first_on_page) say("ui.result.prospect");
    say(label_key);
  }
  return need;
}

// How the work options share a part: so many cards a part, in so many columns, in `area`.
struct WorkLayout {
  Rect area;
  int per_part = 0, cols = 1;
  std::vector<float> heights;  // each card's, at the column width
};

// The most cards a part that fit area (measured), in one column of wide cards or two; per_part
// 0 when not even one fits.
WorkLayout work_layout(const ScreenContext& ctx, const Metrics& m, const std::vector<OccupationMatch>& list,
                       const Rect& area, float gap) {
  const int n = static_cast<int>(list.size());
  for (int k = n; k >= 1; --k)
    for (int c = 1; c <= std::min(2, k); ++c) {
      const float w = (area.w - (c - 1) * gap) / c;
      if (w < m.mm(80)) continue;
      WorkLayout l{area, k, c, {}};
      for (const auto& match : list) l.heights.push_back(work_card(ctx, m, match, {0, 0, w, 0}, 0, nullptr, Said(ctx, nullptr)));
      bool fits = true;
      for (int first = 0; first < n && fits; first += k) {
        float used = -gap;
        for (int row = first; row < std::min(n, first + k); row += c)
          used += gap + *std::max_element(l.heights.begin() + row, l.heights.begin() + std::min({n, row + c, first + k}));
        fits = used <= area.h + 1;
      }
      if (fits) return l;
    }
  return {area};
}

// Your work options: every suggestion a card, as many a part as fit, and under them where the
// figures come from (in the person's language: example figures say so) and the credit for the
// names. Where not even one card fits under the title with that small print (a small screen),
// the small print is a part of its own after the cards, and if need be the title is only said.
int page_work(ScreenModel& s, const ScreenContext& ctx, const Metrics& m, int part, const Said& say) {
  const auto list = ctx.suggestions();
  const int n = static_cast<int>(list.size());
  const std::string title_key = "ui.result.occupation_title";
  if (n == 0) return add_title(s, ctx, m, title_key, say), 1;
  std::vector<std::string> small_print;
  for (const auto& match : list)
    if (match.prospect && std::find(small_print.begin(), small_print.end(), match.prospect->source_key()) == small_print.end())
      small_print.push_back(match.prospect->source_key());
  small_print.push_back("ui.result.esco_credit");
  std::string small_words;
  for (const auto& k : small_print) small_words += (small_words.empty() ? "" : " ") + ctx.t(k);
  const float gap = m.mm(2);
  ScreenModel scratch;
  const Rect body = add_title(scratch, m, ctx.t(title_key));
  const PageRegions r = page_regions(m);
  const Rect bare{r.body.x, r.prompt.y, speaker_rect(m).x - m.mm(5) - r.body.x, r.nav.y - m.mm(5) - r.prompt.y};
  const float small_h = m.measure(small_words, TextRole::Small, body.w).height;
  bool titled = true, apart = false;
  WorkLayout l = work_layout(ctx, m, list, {body.x, body.y, body.w, body.h - small_h - gap}, gap);
  if (!l.per_part) {
    apart = true;
    l = work_layout(ctx, m, list, body, gap);
  }
  if (!l.per_part) {
    titled = false;
    l = work_layout(ctx, m, list, bare, gap);
  }
  if (!l.per_part) l = {bare, 1, 1, std::vector<float>(n, bare.h)};  // too small for any: the overflow test says so
  const int card_parts = (n + l.per_part - 1) / l.per_part;
  const int parts = card_parts + (apart ? 1 : 0);
  const int shown = std::clamp(part, 0, parts - 1);
  if (titled) add_title(s, ctx, m, title_key, say);
  else say(title_key);
  auto add_small_print = [&](const Rect& at, TextRole role) {
    const float h = m.measure(small_words, role, at.w).height;
    s.texts.push_back({small_words, {at.x, at.y + at.h - h, at.w, h}, role, false});
    for (const auto& k : small_print) say(k);
  };
  if (shown == card_parts) {  // the small print's own part
    add_small_print({body.x, body.y, body.w, m.measure(small_words, TextRole::Small, body.w).height}, TextRole::Small);
    return parts;
  }
  const int first = shown * l.per_part, last = std::min(n, first + l.per_part);
  const float w = (l.area.w - (l.cols - 1) * gap) / l.cols;
  float y = l.area.y;
  for (int row = first; row < last; row += l.cols) {
    const int end = std::min(last, row + l.cols);
    const float h = *std::max_element(l.heights.begin() + row, l.heights.begin() + end);
    for (int i = row; i < end; ++i)
      work_card(ctx, m, list[i], {l.area.x + (i - row) * (w + gap), y, w, h}, h, &s, say, i == first);
    y += h + gap;
  }
  if (!apart) add_small_print(body, TextRole::Small);
  return parts;
}

int page_story(ScreenModel& s, const ScreenContext& ctx, const Metrics& m, const Profile& p, int part, const Said& say) {
  const ContentPack& content = ctx.pack();
  const Rect body = add_title(s, ctx, m, "ui.result.story_title", say);
  const Story* st = fitting_story(content, p);
  if (!st) return 1;
  // Its picture beside its title, its words under both at the card's full width (a picture
  // column would leave the words a narrow strip on a small screen: many parts). A story longer
  // than the card goes on in parts, split between sentences (measured). One clip holds the
  // whole story, so each part says it whole.
  const std::string title = ctx.t(st->title_key()), text = ctx.t(st->text_key());
  const float pad = m.mm(3), gap = m.mm(2);
  const float pic = std::min(card_picture(m, body.w), std::max(m.line_height(TextRole::Title), body.h * 0.25f));
  const float tx = body.x + 2 * pad + pic, tw = body.x + body.w - pad - tx;
  const FittedText head = fit_text(m, title, TextRole::Title, tw, pic);
  const float head_h = std::max(pic, head.h);
  // Lines of at most about 60 characters on a wide screen: easier to follow from one to the next.
  const Rect words{body.x + pad, body.y + pad + head_h + gap, std::min(body.w - 2 * pad, m.mm(250)),
                   body.h - 2 * pad - head_h - gap};
  std::vector<std::string> parts(1);
  size_t from = 0;
  while (from < text.size()) {
    size_t end = text.find(". ", from);
    end = end == std::string::npos ? text.size() : end + 2;
    const std::string sentence = text.substr(from, end - from);
    const std::string longer = parts.back() + sentence;
    if (!parts.back().empty() && m.measure(longer, TextRole::Body, words.w).height > words.h + 1)
      parts.push_back(sentence);
    else
      parts.back() = longer;
    from = end;
  }
  const int shown = std::clamp(part, 0, static_cast<int>(parts.size()) - 1);
  s.panels.push_back(body);
  s.pictures.push_back({st->picture, {body.x + pad, body.y + pad, pic, pic}});
  s.texts.push_back({title, {tx, body.y + pad, tw, head_h}, head.role, false});
  s.texts.push_back({parts[shown], words, TextRole::Body, false, false});
  say(st->title_key());
  say(st->text_key());
  return static_cast<int>(parts.size());
}

int page_plan(ScreenModel& s, const ScreenContext& ctx, const Metrics& m, const Profile& p, int part, const Said& say) {
  const ContentPack& content = ctx.pack();
  const Rect body = add_title(s, ctx, m, "ui.result.plan_title", say);
  if (p.plan.empty()) {
    add_words(s, ctx, m, "ui.result.no_plan", body, say);
    return 1;
  }
  // Each step: the action's picture and words, and under them "when" beside the calendar
  // picture the question showed for it.
  std::vector<std::pair<std::string, std::string>> words, keys;
  std::vector<std::string> pictures, when_pictures;
  for (const auto& step : p.plan) {
    const Option* action = content.option_with_tag("action", step.first);
    const Option* when = when_option(content, step.second);
    keys.push_back({action ? action->text_key : "", when ? when->text_key : ""});
    words.push_back({action ? ctx.t(action->text_key) : step.first, when ? ctx.t(when->text_key) : ""});
    pictures.push_back(action ? action->picture : "");
    when_pictures.push_back(when ? when->picture : "");
  }
  return card_parts(
      m, body, words, m.mm(4), body.w, m.mm(40), false, part,
      [&](const std::vector<Rect>& cells, int first) {
        for (size_t i = 0; i < cells.size(); ++i) {
          add_card(s, m, cells[i], pictures[first + i], words[first + i].first, words[first + i].second,
                   when_pictures[first + i]);
          for (const auto& k : {keys[first + i].first, keys[first + i].second})
            if (!k.empty()) say(k);
        }
      },
      true);
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


// The answers back, said in the order they show.
std::vector<Clip> answers_speech(const ScreenContext& ctx) {
  const ContentPack& content = ctx.pack();
  std::vector<Clip> clips = {{ctx.locale(), "ui.result.title"}};
  for (const auto& step : ctx.steps()) {
    const Item& item = content.modules[step.module].items[step.item];
    auto it = ctx.answers().find(item.answer_key(step.for_option));
    if (it == ctx.answers().end()) continue;
    for (const auto& v : it->second)
      for (const auto& o : item.options)
        if (o.id == v) clips.push_back({ctx.locale(), o.text_key});
  }
  return clips;
}

// Then and now: the title and each career behaviour that changed, with how.
std::vector<Clip> compare_speech(const ScreenContext& ctx, const Profile& p) {
  std::vector<Clip> clips = {{ctx.locale(), "ui.followup.compare_title"}};
  if (ctx.follow_up_of())
    for (const auto& c : behaviour_changes(ctx.pack(), build_profile(ctx.pack(), ctx.follow_up_of()->latest_answers()), p))
      if (std::string(change_key(c)) != "ui.followup.same") {
        clips.push_back({ctx.locale(), c.statement.text_key});
        clips.push_back({ctx.locale(), change_key(c)});
      }
  return clips;
}

// Then and now: "Toen:" with the pack's yes or no picture and its word ("Ja"), "Nu:" the same,
// and the change as a picture (an arrow up, down or level) before its word: every picture with
// its word (ACCESSIBILITY.md 14). No answer then: a dash, no picture.
struct ChangeGroup {
  std::string lead, picture, tail;  // words before the picture, the picture, words after it
};
std::vector<ChangeGroup> change_groups(const ScreenContext& ctx, const BehaviourChange& c) {
  const ContentPack& content = ctx.pack();
  auto answer = [&](const char* key, int v) {
    if (!v) return ChangeGroup{ctx.t(key) + " -", "", ""};
    return ChangeGroup{ctx.t(key), content.ui_picture(v >= 2 ? "yes" : "no"),
                       ctx.t(v >= 2 ? "ui.followup.true" : "ui.followup.not_true")};
  };
  const std::string change = change_key(c);
  return {answer("ui.followup.then", c.before), answer("ui.followup.now", c.now),
          {"", content.ui_picture(change_picture_role(change)), ctx.t(change)}};
}

// The groups from the left of `at`, a new line where one does not fit; returns the height.
// Each picture is words_picture() tall, its words centred beside it. Drawn into out when given.
float change_row(const Metrics& m, const std::vector<ChangeGroup>& groups, const Rect& at, ScreenModel* out) {
  const float pic = words_picture(m), gap = m.mm(2), between = m.mm(7);
  auto width = [&](const std::string& words) { return words.empty() ? 0 : m.measure(words, TextRole::Body, 0).width + m.mm(1); };
  float x = at.x, y = at.y, line_h = 0;
  for (const auto& g : groups) {
    const float lw = width(g.lead), tw = width(g.tail), pw = g.picture.empty() ? 0 : pic;
    const float w = std::min(lw + (lw > 0 ? gap : 0) + pw + (tw > 0 ? gap : 0) + tw, at.w);
    if (x > at.x && x + w > at.x + at.w) {
      x = at.x;
      y += line_h + gap;
      line_h = 0;
    }
    const float h = std::max(pw, m.line_height(TextRole::Body));
    line_h = std::max(line_h, h);
    if (out) {
      float cx = x;
      auto words = [&](const std::string& text, float ww) {
        if (text.empty()) return;
        const float wh = m.measure(text, TextRole::Body, ww).height;
        out->texts.push_back({text, {cx, y + std::max(0.0f, (h - wh) / 2), ww, wh}, TextRole::Body, false, false});
        cx += ww + gap;
      };
      words(g.lead, std::min(lw, at.w));
      if (pw > 0) out->pictures.push_back({g.picture, {cx, y + (h - pw) / 2, pw, pw}});
      cx += pw > 0 ? pw + gap : 0;
      words(g.tail, std::max(0.0f, std::min(tw, at.x + at.w - cx)));
    }
    x += w + between;
  }
  return y + line_h - at.y;
}

int page_compare(ScreenModel& s, const ScreenContext& ctx, const Metrics& m, const Profile& p, int part) {
  const ContentPack& content = ctx.pack();
  auto t = [&](const std::string& key) { return ctx.t(key); };
  const Rect body = add_title(s, m, t("ui.followup.compare_title"));
  if (!ctx.follow_up_of()) return 1;
  const auto changes = behaviour_changes(content, build_profile(content, ctx.follow_up_of()->latest_answers()), p);
  // Each statement a card with then, now and the change under it as pictures with their words,
  // as many a part as fit (measured; eight statements in a fixed grid ran under the bottom bar).
  std::vector<std::pair<std::string, std::string>> words;
  std::vector<std::vector<ChangeGroup>> rows;
  for (const auto& c : changes) {
    words.push_back({t(c.statement.text_key), ""});
    rows.push_back(change_groups(ctx, c));
  }
  // The room the row takes at a width: the widest words the rows have (the change words differ).
  const ExtraHeight row_h = [&](float w) {
    float h = 0;
    for (const auto& row : rows) h = std::max(h, change_row(m, row, {0, 0, w, 0}, nullptr));
    return h;
  };
  return card_parts(
      m, body, words, m.mm(3), body.w, m.mm(40), false, part,
      [&](const std::vector<Rect>& cells, int first) {
        for (size_t i = 0; i < cells.size(); ++i) {
          // As add_card: the statement's picture on the left, its words, then the row under them.
          const Rect c = cells[i];
          const std::string& title = words[first + i].first;
          const float pad = m.mm(3), room = card_picture(m, c.w), pic = std::min(room, c.h - 2 * pad);
          const float tx = c.x + 2 * pad + room, tw = c.x + c.w - pad - tx;
          const float rh = change_row(m, rows[first + i], {tx, 0, tw, 0}, nullptr);
          FittedText f = fit_text(m, title, TextRole::Title, tw, c.h - 2 * pad - rh);
          if (m.measure(title, f.role, tw).word_too_wide) f = {TextRole::Body, m.measure(title, TextRole::Body, tw).height};
          s.panels.push_back(c);
          s.pictures.push_back({changes[first + i].statement.picture, {c.x + pad + (room - pic) / 2, c.y + (c.h - pic) / 2, pic, pic}});
          s.texts.push_back({title, {tx, c.y + pad, tw, f.h}, f.role, false, false});
          change_row(m, rows[first + i], {tx, c.y + pad + f.h, tw, rh}, &s);
        }
      },
      false, row_h);
}

}  // namespace

int add_result_page(ScreenModel& s, const ScreenContext& ctx, const Metrics& m, const ResultPageRef& page, int part,
                    std::vector<Clip>* said) {
  const Said say(ctx, said);
  const Profile p = ctx.profile();
  switch (page.kind) {
    case ResultPage::Code: return page_code(s, ctx, m, say);
    case ResultPage::You: return page_you(s, ctx, m, p, part, say);
    case ResultPage::Work: return page_work(s, ctx, m, part, say);
    case ResultPage::Story: return page_story(s, ctx, m, p, part, say);
    case ResultPage::Plan: return page_plan(s, ctx, m, p, part, say);
    case ResultPage::Answers:
      page_answers(s, ctx, m);
      say.clips(answers_speech(ctx));
      return 1;
    case ResultPage::Compare:
      say.clips(compare_speech(ctx, p));
      return page_compare(s, ctx, m, p, part);
  }
  return 1;
}

}  // namespace wk
