// Staff screens behind the hidden corner and the PIN: keypad, menu (exit, volume, default
// language, credits, status) and the credits. Not spoken; still large enough to tap.
#include <algorithm>
#include <map>

#include "flow/kiosk_flow.h"

namespace wk {

namespace {
// Used when the content pack itself could not be loaded: the operator still needs words.
std::string builtin_operator_text(const std::string& key) {
  static const std::map<std::string, std::string> texts = {
      {"operator.pin.title", "PIN medewerker"}, {"operator.pin.wrong", "Verkeerde PIN"},
      {"operator.pin.locked", "Te vaak fout. Wacht een minuut."}, {"operator.ok", "OK"},
      {"operator.clear", "Wissen"}, {"operator.cancel", "Annuleren"}, {"operator.title", "Beheer"},
      {"operator.exit", "Afsluiten"}, {"operator.volume", "Volume"}, {"operator.language", "Standaardtaal"},
      {"operator.credits", "Bronnen"}, {"operator.status", "Status"}, {"operator.back", "Terug"},
      {"operator.enroll", "Aanmelden bij de server"}, {"operator.enroll.title", "Typ de aanmeldcode"},
      {"operator.enroll.busy", "Bezig met aanmelden..."}, {"operator.enroll.done", "Aangemeld."},
      {"operator.demo_pin_warning", "Let op: de demo-PIN is in gebruik. Stel een eigen PIN in."},
  };
  auto it = texts.find(key);
  return it == texts.end() ? key : it->second;
}

Target key_target(const std::string& id, const std::string& label, const Rect& r, TargetStyle style) {
  Target t{id, label, "", r, style};
  t.participant = false;
  return t;
}
}  // namespace

ScreenModel KioskFlow::view_operator_pin(const Metrics& m) const {
  auto op = [&](const std::string& k) { return content_ ? t(k) : builtin_operator_text(k); };
  ScreenModel s;
  s.texts.push_back({op("operator.pin.title"), {0, m.mm(6), m.width, m.title_px * 1.4f}, TextRole::Title});
  std::string dots(pin_.size(), '*');
  std::string status = dots.empty() ? " " : dots;
  if (pin_wrong_shown_) status = op("operator.pin.wrong");
  if (pin_locked_until_ > last_input_) status = op("operator.pin.locked");
  s.texts.push_back({status, {0, m.mm(6) + m.title_px * 1.5f, m.width, m.title_px * 1.4f}, TextRole::Title});
  const float top = m.mm(10) + m.title_px * 3.0f;
  const float key = std::min(m.mm(24), (m.height - top - m.mm(8) - 3 * m.mm(3)) / 4.0f);
  const float gap = m.mm(3);
  const float left = (m.width - (3 * key + 2 * gap)) / 2;
  const char* labels[12] = {"1", "2", "3", "4", "5", "6", "7", "8", "9", "clear", "0", "ok"};
  for (int i = 0; i < 12; ++i) {
    Rect r{left + (i % 3) * (key + gap), top + (i / 3) * (key + gap), key, key};
    std::string id = labels[i];
    std::string label = id == "clear" ? op("operator.clear") : id == "ok" ? op("operator.ok") : id;
    s.targets.push_back(key_target("pin:" + id, label, r, TargetStyle::Key));
  }
  s.targets.push_back(key_target("pin:cancel", op("operator.cancel"),
                                 {m.mm(6), m.height - m.mm(6) - m.mm(24), m.mm(60), m.mm(24)}, TargetStyle::Operator));
  return s;
}

ScreenModel KioskFlow::view_operator_menu(const Metrics& m) const {
  auto op = [&](const std::string& k) { return content_ ? t(k) : builtin_operator_text(k); };
  ScreenModel s;
  s.texts.push_back({op("operator.title"), {m.mm(6), m.mm(6), m.width - m.mm(12), m.title_px * 1.4f}, TextRole::Title});
  const float bw = std::min(m.mm(75), m.width * 0.3f);
  const float top = m.mm(10) + m.title_px * 1.5f;
  float y = top;
  const float x = m.mm(6);
  std::string lang = config_->default_locale;
  std::vector<std::pair<std::string, std::string>> buttons = {
      {"op:volume_down", op("operator.volume") + " -"},
      {"op:volume_up", op("operator.volume") + " +"},
      {"op:language", op("operator.language") + ": " + lang},
      {"op:credits", op("operator.credits")},
      {"op:enroll", op("operator.enroll")},
      {"op:back", op("operator.back")},
      {"op:exit", op("operator.exit")},
  };
  if (!content_) buttons.erase(buttons.begin() + 2);  // no languages to choose from
  // 22 mm buttons where they fit; on a short screen the column shrinks to stay on screen.
  const float n = static_cast<float>(buttons.size());
  float bh = m.mm(22), gap = m.mm(4);
  const float room = m.height - top - m.mm(6);
  if (n * bh + (n - 1) * gap > room) {
    const float scale = room / (n * bh + (n - 1) * gap);
    bh *= scale;
    gap *= scale;
  }
  for (const auto& [id, label] : buttons) {
    s.targets.push_back(key_target(id, label, {x, y, bw, bh}, TargetStyle::Operator));
    y += bh + gap;
  }
  std::string status = op("operator.status") + "\n";
  status += "Volume: " + std::to_string(config_->volume_percent) + "%\n";
  if (config_->operator_pin_hash.empty()) status += op("operator.demo_pin_warning") + "\n";
  if (!out_of_order_reason_.empty()) status += "Out of order: " + out_of_order_reason_ + "\n";
  for (const auto& line : status_lines_) status += line + "\n";
  const float sx = x + bw + m.mm(8);
  const float status_y = m.mm(10) + m.title_px * 1.5f;
  s.texts.push_back({status, {sx, status_y, m.width - sx - m.mm(6), m.height - status_y - m.mm(6)}, TextRole::Small, false});
  return s;
}

ScreenModel KioskFlow::view_operator_enroll(const Metrics& m) const {
  auto op = [&](const std::string& k) { return content_ ? t(k) : builtin_operator_text(k); };
  ScreenModel s;
  const float margin = m.mm(6);
  const float row = m.title_px * 1.5f;
  s.texts.push_back({op("operator.enroll.title"), {margin, margin, m.width * 0.45f, row}, TextRole::Title, false});
  std::string shown = enroll_typed_;
  while (shown.size() < 12) shown += '_';
  shown = shown.substr(0, 4) + "-" + shown.substr(4, 4) + "-" + shown.substr(8);
  s.texts.push_back({shown, {m.width * 0.5f, margin, m.width * 0.5f - margin, row}, TextRole::Title});
  s.texts.push_back({enroll_message_.empty() ? " " : enroll_message_, {margin, margin + row, m.width - 2 * margin, row},
                     TextRole::Body, false});
  // The server's 21 code letters, then delete, back and OK: an 8-wide grid.
  static const char* kLetters = "ABCDEFGHJKMNPQRSTWXYZ";
  const float top = margin + 2 * row + m.mm(2);
  const int cols = 8, rows = 3;
  const float gap = m.mm(3);
  const float key = std::min({m.mm(28), (m.width - 2 * margin - (cols - 1) * gap) / cols,
                              (m.height - top - margin - (rows - 1) * gap) / rows});
  const float left = (m.width - (cols * key + (cols - 1) * gap)) / 2;
  auto cell = [&](int n) { return Rect{left + (n % cols) * (key + gap), top + (n / cols) * (key + gap), key, key}; };
  int i = 0;
  for (const char* c = kLetters; *c; ++c)
    s.targets.push_back(key_target(std::string("enroll:") + *c, std::string(1, *c), cell(i++), TargetStyle::Key));
  s.targets.push_back(key_target("enroll:delete", op("operator.clear"), cell(i++), TargetStyle::Operator));
  s.targets.push_back(key_target("op:back", op("operator.back"), cell(i++), TargetStyle::Operator));
  s.targets.push_back(key_target("enroll:ok", op("operator.ok"), cell(i++), TargetStyle::Operator));
  return s;
}

ScreenModel KioskFlow::view_credits(const Metrics& m) const {
  auto op = [&](const std::string& k) { return content_ ? t(k) : builtin_operator_text(k); };
  ScreenModel s;
  s.texts.push_back({op("operator.credits"), {m.mm(6), m.mm(6), m.width - m.mm(12), m.title_px * 1.4f}, TextRole::Title});
  std::string text;
  if (content_)
    for (const auto& c : content_->credits) text += c.name + " - " + c.what + " - " + c.licence + "\n";
  s.texts.push_back({text, {m.mm(6), m.mm(10) + m.title_px * 1.5f, m.width - m.mm(12), m.height - m.mm(50)},
                     TextRole::Small, false});
  s.targets.push_back(key_target("op:back", op("operator.back"),
                                 {m.mm(6), m.height - m.mm(6) - m.mm(24), m.mm(60), m.mm(24)}, TargetStyle::Operator));
  return s;
}

}  // namespace wk
