// "Ik heb al een code": a big keypad with only the characters a code can have. A code that
// is not found is said and shown plainly, with a way to try again or go back.
#include <algorithm>

#include "platform/log.h"
#include "platform/random_ids.h"
#include "screens/page_parts.h"
#include "screens/screen_unit.h"

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
    // The code typed so far, large; at title size where the large code would crowd the row.
    const float typed_room = std::min(m.mm(90), m.width * 0.32f);
    TextRole code_role = TextRole::Display;
    TextSize code_size = m.measure(ids::display_code(shown), code_role, 0);
    if (code_size.width + m.mm(4) > typed_room) {
      code_role = TextRole::Title;
      code_size = m.measure(ids::display_code(shown), code_role, 0);
    }
    const float pic = std::min(std::max(speaker.h, m.title_px * 1.6f), m.mm(18));
    const float typed_w = std::max(typed_room, code_size.width + m.mm(4));
    const float text_x = margin + pic + m.mm(4);
    const float typed_x = speaker.x - m.mm(5) - typed_w;
    // The row keeps the speaker's height: the keypad needs the rest for 20 mm keys. (On a
    // 10-inch tablet a two-line title does not fit it: a known gap, see tests/e2e/text_fit_test.py.)
    const std::string what = t(not_found_ ? "ui.code.not_found" : "ui.code.title");
    const float what_w = typed_x - text_x - m.mm(4);
    const FittedText f = fit_text(m, what, TextRole::Title, what_w, speaker.h);
    const float row_h = std::max(speaker.h, code_size.height + m.mm(2));
    s.pictures.push_back({content.ui_picture(not_found_ ? "not_found" : "returning"), {margin, margin, pic, pic}});
    s.texts.push_back({what, {text_x, margin, what_w, row_h}, f.role, false});
    Rect typed{typed_x, margin, typed_w, row_h};
    s.panels.push_back(typed);
    s.texts.push_back({ids::display_code(shown), typed, code_role});

    // The keypad: every code character, then delete, OK and back, in an 8-wide grid.
    const float top = margin + row_h + m.mm(4);
    const Rect pad{margin, top, m.width - 2 * margin, m.height - top - margin};
    std::vector<std::pair<std::string, std::string>> keys;
    for (const char* c = ids::kCodeAlphabet; *c; ++c) keys.push_back({std::string("key:") + *c, std::string(1, *c)});
    const int cols = 8, rows = (static_cast<int>(keys.size()) + 3 + cols - 1) / cols;
    const float gap = m.mm(3);
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
