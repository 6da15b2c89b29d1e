// "Ik heb al een code": a big keypad with only the characters a code can have. A code that
// is not found is said and shown plainly, with a way to try again or go back.
#include <algorithm>

#include "platform/log.h"
#include "platform/random_ids.h"
#include "screens/page_parts.h"
#include "screens/screen_unit.h"
#include "screens/target_parts.h"

namespace wk {

namespace {

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
    } else if (key.size() == 1 && typed_.size() < static_cast<size_t>(ids::kCodeLength)) {
      typed_ += key;
      not_found_ = false;
      ctx.effects().speak = std::vector<Clip>{{ctx.locale(), "char." + key}};
    }
  }

  std::vector<Clip> speech(const ScreenContext& ctx) const override {
    return {{ctx.locale(), not_found_ ? "ui.code.not_found" : "ui.code.title"}};
  }

  ScreenModel view(const ScreenContext& ctx, const Metrics& m) const override {
    const ContentPack& content = ctx.pack();
    auto t = [&](const std::string& key) { return ctx.t(key); };
    ScreenModel s;
    const float margin = m.mm(6);
    // The speaker sits in the top row here: the keypad needs all the height below it.
    const Rect standard = speaker_rect(m);
    const Rect speaker{m.width - margin - standard.w, margin, standard.w, standard.h};
    s.targets.push_back({"speak", t("ui.speaker"), content.ui_picture("speaker"), speaker, TargetStyle::Speaker});
    // Top row: what to do (or "not found") with its picture, and the code typed so far.
    std::string shown = typed_;
    while (shown.size() < static_cast<size_t>(ids::kCodeLength)) shown += '_';
    const TextSize code_size = m.measure(ids::display_code(shown), TextRole::Display, 0);
    const float pic = std::min(std::max(speaker.h, m.title_px * 1.6f), m.mm(18));
    const float typed_w = std::max(std::min(m.mm(90), m.width * 0.32f), code_size.width + m.mm(4));
    const float text_x = margin + pic + m.mm(4);
    const float typed_x = speaker.x - m.mm(5) - typed_w;
    // The row is as tall as its words need (measured), the code at its large size.
    const std::string what = t(not_found_ ? "ui.code.not_found" : "ui.code.title");
    const float what_w = typed_x - text_x - m.mm(4);
    const FittedText f = fit_text(m, what, TextRole::Title, what_w, std::max(speaker.h, m.title_px * 1.6f));
    const float row_h = std::max({speaker.h, m.title_px * 1.6f, code_size.height + m.mm(2), f.h});
    s.pictures.push_back({content.ui_picture(not_found_ ? "not_found" : "returning"), {margin, margin, pic, pic}});
    s.texts.push_back({what, {text_x, margin, what_w, row_h}, f.role, false});
    Rect typed{typed_x, margin, typed_w, row_h};
    s.panels.push_back(typed);
    s.texts.push_back({ids::display_code(shown), typed, TextRole::Display});

    // The keypad: every code character, then delete, OK and back, in an 8-wide grid.
    const float top = margin + row_h + m.mm(4);
    const Rect pad{margin, top, m.width - 2 * margin, m.height - top - margin};
    std::vector<std::pair<std::string, std::string>> keys;
    for (const char* c = ids::kCodeAlphabet; *c; ++c) keys.push_back({std::string("key:") + *c, std::string(1, *c)});
    const int cols = 8;
    const float gap = m.mm(3);
    // Delete and back take two keys' room where their word does not fit one (a small screen).
    float key = std::min(m.mm(30), (pad.w - (cols - 1) * gap) / cols);
    auto span_of = [&](const std::string& word, const std::string& role) {
      Target probe{"", word, content.ui_picture(role), {0, 0, key, key}, TargetStyle::Nav};
      return target_fits(m, probe) ? 1 : 2;
    };
    const int delete_span = span_of(t("ui.code.delete"), "back"), back_span = span_of(t("ui.back"), "stop");
    int used = static_cast<int>(keys.size());
    for (int span : {delete_span, back_span}) used += (used % cols + span > cols) ? (cols - used % cols) + span : span;
    const int rows = used / cols + 1;  // and OK in the rest of the last row (or a row of its own)
    key = std::min(key, (pad.h - (rows - 1) * gap) / rows);
    const float left = pad.x + (pad.w - (cols * key + (cols - 1) * gap)) / 2;
    auto cell = [&](int i, int span) {
      return Rect{left + (i % cols) * (key + gap), pad.y + (i / cols) * (key + gap), span * key + (span - 1) * gap, key};
    };
    int i = 0;
    for (const auto& [id, label] : keys) {
      Target k{id, label, "", cell(i++, 1), TargetStyle::Key};
      s.targets.push_back(k);
    }
    auto place = [&](int span) {  // a key of span cells, on a new row if it does not fit this one
      if (i % cols + span > cols) i += cols - i % cols;
      const Rect r = cell(i, span);
      i += span;
      return r;
    };
    s.targets.push_back({"key:delete", t("ui.code.delete"), content.ui_picture("back"), place(delete_span), TargetStyle::Nav});
    s.targets.push_back({"nav:back", t("ui.back"), content.ui_picture("stop"), place(back_span), TargetStyle::Nav});
    s.targets.push_back(
        {"key:ok", t("ui.code.ok"), content.ui_picture("next"), cell(i, cols - i % cols), TargetStyle::Primary});
    return s;
  }

  std::vector<std::string> text_keys(const ContentPack&) const override {
    std::vector<std::string> keys = {"ui.code.title", "ui.code.not_found", "ui.code.delete", "ui.code.ok",
                                     "ui.speaker",    "ui.back"};
    for (const char* c = ids::kCodeAlphabet; *c; ++c) keys.push_back(std::string("char.") + *c);  // the keys, spoken
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

  std::string typed_;
  bool not_found_ = false;
};

}  // namespace

std::unique_ptr<ScreenUnit> make_code_entry_screen() { return std::make_unique<CodeEntryScreen>(); }

}  // namespace wk
