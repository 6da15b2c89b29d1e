#pragma once
// What a screen shows, as plain data: texts, pictures and tappable targets with their
// rectangles in window pixels. The flow builds it; the ImGui layer only draws it and
// turns taps on targets back into events; the UI dump and the tests read it as is.
#include <string>
#include <vector>

namespace wk {

struct Rect {
  float x = 0, y = 0, w = 0, h = 0;
  bool contains(float px, float py) const { return px >= x && py >= y && px < x + w && py < y + h; }
  bool overlaps(const Rect& o) const { return x < o.x + o.w && o.x < x + w && y < o.y + o.h && o.y < y + h; }
};

enum class TargetStyle {
  Answer,      // an answer card: picture over its word
  Nav,         // back / stop
  Primary,     // next / done / continue
  Speaker,     // "listen again"
  Volume,      // the participant's volume button: its picture shows the level, no word (none fits 21 mm)
  Listen,      // a card's own speaker, inside its card: hear that one answer without choosing it
  Key,         // keypad key (operator)
  Operator,    // operator menu button
  FullScreen,  // the attract screen: tap anywhere
  Hidden,      // the operator corner: not drawn
};

enum class TextRole { Display, Title, Body, Small };  // Display: the participant code

struct Target {
  std::string id;       // the event the tap sends, e.g. "answer:leuk", "nav:next", "lang:en"
  std::string label;    // the word shown with the picture (empty only for Hidden)
  std::string picture;  // OpenMoji hexcode
  Rect rect;
  TargetStyle style = TargetStyle::Answer;
  bool selected = false;
  bool participant = true;  // participant targets are held to 20 x 20 mm
  bool speaking = false;    // the clip playing now belongs to this target (the flow marks it)
  bool own_listen = false;  // an answer card with its own speaker: target_parts keeps its place free
  float picture_max = 0;    // px (0: none): the cards of a page share one picture size, the least any needs
  // Its word does not fit (a keypad key on a small screen): the picture fills the button; the
  // word stays in the model (the UI dump) and is spoken, as the volume button's is.
  bool picture_only = false;
  // Laid out right to left (screens/mirror.h): its picture, words and speaker change sides
  // inside it (target_parts), and a picture with a direction is drawn mirrored.
  bool rtl = false;
  bool mirror_picture = false;
};

struct TextBlock {
  std::string text;
  Rect rect;
  TextRole role = TextRole::Body;
  bool centered = true;
  bool vcenter = true;  // false: from the top of the box
  bool ltr = false;     // left to right on any screen: the participant code
};

enum class PictureState { Plain, Todo, Current, Done };

struct PictureBlock {
  std::string picture;
  Rect rect;
  PictureState state = PictureState::Plain;
  bool mirror_picture = false;  // a picture with a direction, on a right-to-left screen
};

struct ScreenModel {
  std::string id;      // attract, language, question, result, idle_prompt, stop_confirm, operator_pin, ...
  std::string locale;
  std::string item;    // <module>.<item> on a question screen
  bool rtl = false;    // a right-to-left language: mirrored, text from the right (screens/mirror.h)
  std::vector<Rect> panels;  // plain cards behind groups of pictures and words
  std::vector<TextBlock> texts;
  std::vector<PictureBlock> pictures;
  std::vector<Target> targets;
  // A question whose options do not fit one page: which page is shown, of how many, and the
  // options on it (ids, in order), so what is spoken can follow what is shown.
  int page = 0, pages = 1;
  std::vector<std::string> page_options;
  bool has_audio = false;
  // The keys of the clips the kiosk was last given to play, in order ("" for a pause): what a
  // person hears who listens to the end (the UI dump shows it; tests sum the clips' lengths),
  // and which of them plays now (-1: none yet; its size: all said).
  std::vector<std::string> speech;
  std::vector<std::string> speech_locales;  // each clip's language: whose voice says it
  std::vector<std::string> speech_once;  // each clip's "once" tag ("" for none): said once, then left out
  int speech_at = -1;
  long opening = 0;  // counts screens and pages opened; taps are held for a moment after each

  const Target* find_target(const std::string& id) const {
    for (const auto& t : targets)
      if (t.id == id) return &t;
    return nullptr;
  }
  bool has_picture() const;
};

inline bool ScreenModel::has_picture() const {
  if (!pictures.empty()) return true;
  for (const auto& t : targets)
    if (!t.picture.empty()) return true;
  return false;
}

}  // namespace wk
