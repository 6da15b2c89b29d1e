// "Ik heb al een code": a big keypad with only the characters a code can have: the eight digits
// of a code (platform/random_ids.h), and behind an "ABC" key the letters and digits of the
// codes given before, which keep working. A code that is not found is said and shown plainly,
// with a way to try again or go back.
#include <algorithm>
#include <cstring>

#include "platform/log.h"
#include "platform/random_ids.h"
#include "screens/code_parts.h"
#include "screens/target_parts.h"
#include "screens/screen_unit.h"

namespace wk {

namespace {

// A key is never smaller than this (a participant target: 20 mm, and a little to spare).
constexpr float kLeastKeyMm = 20.5f;

// The keys with a word (besides their picture), and the word's text key.
const std::pair<const char*, const char*> kWordedKeys[] = {
    {"key:delete", "ui.code.delete"}, {"nav:back", "ui.back"}, {"speak", "ui.speaker"}, {"key:ok", "ui.code.ok"}};

// The top row: the words (what to do, or "not found") and the panel with the code typed.
struct TopRow {
  Rect words, typed;  // typed.w == 0: no panel
  TextRole words_role = TextRole::Title;
};
// In row (from its top, at least row.h tall, at most max_h): the code panel at its right end,
// at most 40 % of the window (130 mm); the words take the rest. Tried in turn until the words
// fit: as a title, else at body size; with the panel at its widest, at the code's width at
// title size, and (when may_hide_panel: nothing typed yet) without it. The row grows to what
// the words need; the last try stands when nothing fits.
TopRow top_row_layout(const Metrics& m, const std::string& words, const std::string& code, const Rect& row, float max_h,
                      bool may_hide_panel) {
  const float gap = m.mm(4);
  const float wide = std::min(m.mm(130), m.width * 0.4f);
  const float narrow = std::min(wide, m.measure(code, TextRole::Title, 0).width + m.mm(8));
  TopRow out;
  for (float typed_w : {wide, narrow, 0.0f}) {
    if (typed_w == 0 && !may_hide_panel) break;
    for (TextRole role : {TextRole::Title, TextRole::Body}) {
      const float words_w = std::max(0.0f, row.w - (typed_w > 0 ? typed_w + gap : 0));
      const TextSize need = m.measure(words, role, words_w);
      const float h = std::clamp(need.height, row.h, std::max(row.h, max_h));
      out.typed = {row.x + row.w - typed_w, row.y, typed_w, h};
      out.words = {row.x, row.y, words_w, h};
      out.words_role = role;
      if (m.fits(words, role, out.words)) return out;
    }
  }
  return out;
}

class CodeEntryScreen : public ScreenUnit {
 public:
  Screen id() const override { return Screen::CodeEntry; }
  Idle idle() const override { return Idle::Participant; }

  void enter(ScreenContext&, Screen from) override {
    if (from == Screen::Attract) reset();
  }
  void reset() override {
    typed_.clear();
    not_found_ = false;
    letters_ = false;
  }

  void tap(ScreenContext& ctx, const TapEvent& tap, double now) override {
    if (tap.is("nav", "back")) {
      ctx.reset_to_attract(SessionStatus::Stopped);
      return;
    }
    if (!tap.is("key")) return;
    const std::string& key = tap.arg;
    if (key == "delete") {
      if (!typed_.empty()) typed_.pop_back();
      not_found_ = false;
    } else if (key == "ok") {
      look_up(ctx, now);
    } else if (key == "letters" || key == "digits") {  // the other keypad; what was typed goes
      letters_ = key == "letters";
      typed_.clear();
      not_found_ = false;
      ctx.effects().speak = std::vector<Clip>{{ctx.locale(), letters_ ? "ui.code.letters" : "ui.code.digits"}};
    } else if (key.size() == 1 && std::strchr(alphabet(), key[0]) && typed_.size() < length()) {
      typed_ += key;
      not_found_ = false;
      ctx.effects().speak = std::vector<Clip>{{ctx.locale(), "char." + key}};
    }
  }

  // What to do; then, where keys show only their picture, what each of them does, while it is
  // highlighted.
  std::vector<Clip> speech(const ScreenContext& ctx) const override {
    std::vector<Clip> clips = {{ctx.locale(), not_found_ ? "ui.code.not_found" : "ui.code.title"}};
    for (const auto& target : view(ctx, ctx.metrics()).targets)
      if (target.picture_only)
        for (const auto& [id, key] : kWordedKeys)
          if (target.id == id) clips.push_back({ctx.locale(), key, target.id});
    return clips;
  }

  ScreenModel view(const ScreenContext& ctx, const Metrics& m) const override {
    const ContentPack& content = ctx.pack();
    auto t = [&](const std::string& key) { return ctx.t(key); };
    ScreenModel s;
    const float margin = m.mm(6);
    // The speaker sits in the top row here, left of the volume: the keypad needs all the
    // height below it. Where the words do not fit beside it, it is a key of the keypad.
    const Rect standard = speaker_rect(m);
    const float row_right = volume_rect(m).x - m.mm(4);
    const Rect speaker{row_right - standard.w, margin, standard.w, standard.h};
    // The keypad's size: every character of this kind of code, then delete, back, the other
    // keypad and OK. 8 digits + 4 make two rows of 8; the 29 letters and digits + 4 make four
    // rows of 9 (five rows of 8 would make the keys under 20 mm on a 10-inch tablet).
    const int n_keys = static_cast<int>(std::strlen(alphabet())) + 4;
    const int cols = letters_ ? 9 : 8, rows = (n_keys + cols - 1) / cols;
    const float gap = m.mm(3), least_key = m.mm(kLeastKeyMm);

    // Top row: what to do (or "not found") with its picture, and the code typed so far. It is
    // as tall as its words need, in the room the keys leave at their least.
    const float row_h = std::max(speaker.h, m.title_px * 1.6f);
    const float room_h = m.height - 2 * margin - m.mm(4) - rows * least_key - (rows - 1) * gap;
    const float pic = std::min(row_h, m.mm(18));
    s.pictures.push_back({content.ui_picture(not_found_ ? "not_found" : "returning"), {margin, margin, pic, pic}});
    std::string shown = typed_;
    while (shown.size() < length()) shown += '_';
    const std::string code = ids::display_code(shown);
    const std::string words = t(not_found_ ? "ui.code.not_found" : "ui.code.title");
    const float words_x = margin + pic + m.mm(4);
    // After "not found" nothing is typed: the words may take the empty panel's place.
    TopRow top_row = top_row_layout(m, words, code, {words_x, margin, speaker.x - m.mm(5) - words_x, row_h}, room_h,
                                    not_found_ && typed_.empty());
    const bool speaker_key = !m.fits(words, top_row.words_role, top_row.words) && n_keys < rows * cols;
    if (speaker_key)
      top_row = top_row_layout(m, words, code, {words_x, margin, row_right - words_x, row_h}, room_h,
                               not_found_ && typed_.empty());
    else
      s.targets.push_back({"speak", t("ui.speaker"), content.ui_picture("speaker"), speaker, TargetStyle::Speaker});
    s.texts.push_back({words, top_row.words, top_row.words_role, false});
    if (top_row.typed.w > 0) {
      s.panels.push_back(top_row.typed);
      s.texts.push_back(code_text(code, top_row.typed, code_role(m, code, top_row.typed)));
    }

    const float top = margin + top_row.words.h + m.mm(4);
    const Rect pad{margin, top, m.width - 2 * margin, m.height - top - margin};
    std::vector<std::pair<std::string, std::string>> keys;
    for (const char* c = alphabet(); *c; ++c) keys.push_back({std::string("key:") + *c, std::string(1, *c)});
    const float key = std::min({m.mm(30), (pad.w - (cols - 1) * gap) / cols, (pad.h - (rows - 1) * gap) / rows});
    const float left = pad.x + (pad.w - (cols * key + (cols - 1) * gap)) / 2;
    auto cell = [&](int i, int span) {
      return Rect{left + (i % cols) * (key + gap), pad.y + (i / cols) * (key + gap), span * key + (span - 1) * gap, key};
    };
    int i = 0;
    for (const auto& [id, label] : keys) {
      Target k{id, label, "", cell(i++, 1), TargetStyle::Key};
      s.targets.push_back(k);
    }
    s.targets.push_back({"key:delete", t("ui.code.delete"), content.ui_picture("back"), cell(i++, 1), TargetStyle::Nav});
    s.targets.push_back({"nav:back", t("ui.back"), content.ui_picture("stop"), cell(i++, 1), TargetStyle::Nav});
    // "ABC" / "123": what the other keypad has, readable without words.
    s.targets.push_back({letters_ ? "key:digits" : "key:letters", letters_ ? "123" : "ABC", "", cell(i++, 1), TargetStyle::Key});
    if (speaker_key)
      s.targets.push_back({"speak", t("ui.speaker"), content.ui_picture("speaker"), cell(i++, 1), TargetStyle::Speaker});
    s.targets.push_back(
        {"key:ok", t("ui.code.ok"), content.ui_picture("next"), cell(i, cols - i % cols), TargetStyle::Primary});
    // A worded key whose word does not fit (20 mm keys on a 10-inch tablet) shows its picture
    // alone; its word is said with the screen (speech()), key by key.
    for (auto& target : s.targets)
      if (!target.picture.empty() && !target_fits(m, target))
        target.picture_only = true;
    return s;
  }

  std::vector<std::string> text_keys(const ContentPack&) const override {
    std::vector<std::string> keys = {"ui.code.title", "ui.code.not_found", "ui.code.delete", "ui.code.ok",
                                     "ui.speaker",    "ui.back",           "ui.code.letters", "ui.code.digits"};
    for (auto& k : code_text_keys()) keys.push_back(std::move(k));  // the keys, spoken
    return keys;
  }
  std::vector<std::string> picture_roles() const override {
    return {"speaker", "returning", "not_found", "back", "stop", "next"};
  }

 private:
  void look_up(ScreenContext& ctx, double now) {
    const std::string code = ids::normalise_code(typed_);
    std::optional<SessionRecord> earlier;
    if (!code.empty()) {
      try {
        earlier = ctx.store().latest_finished_with_code(code);
      } catch (const StoreError& e) {
        ctx.fail_storage(std::string("cannot look up a code: ") + e.what());
        return;
      }
    }
    if (!earlier) {
      // Said and shown the same way for a mistyped code and one that is not on this kiosk.
      log::info("session", "follow-up code not found");
      not_found_ = true;
      typed_.clear();
      ctx.speak_screen();
      return;
    }
    ctx.start_follow_up(std::move(*earlier), now);
  }

  const char* alphabet() const { return letters_ ? ids::kLegacyCodeAlphabet : ids::kCodeAlphabet; }
  size_t length() const { return static_cast<size_t>(letters_ ? ids::kLegacyCodeLength : ids::kCodeLength); }

  std::string typed_;
  bool not_found_ = false;
  bool letters_ = false;  // the keypad for codes given before (letters and digits)
};

}  // namespace

std::unique_ptr<ScreenUnit> make_code_entry_screen() { return std::make_unique<CodeEntryScreen>(); }

}  // namespace wk
