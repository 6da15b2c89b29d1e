#pragma once
// Which screen the kiosk shows, and a tap on it. A screen is named by its unit's id (the
// "screen" of the UI dump); the constants below name the screens the flow moves between.
// A new screen defines its own id in its unit file: nothing here changes.
#include <string>
#include <string_view>

namespace wk {

class Screen {
 public:
  constexpr explicit Screen(const char* id) : id_(id) {}
  constexpr const char* id() const { return id_; }
  bool operator==(const Screen& o) const { return std::string_view(id_) == o.id_; }

  static const Screen Attract, CodeEntry, Language, Question, Result, Consent, Closing, IdlePrompt, StopConfirm,
      OperatorPin, OperatorMenu, Credits, OperatorEnroll, OperatorLanguages, OutOfOrder;

 private:
  const char* id_;
};

inline constexpr Screen Screen::Attract{"attract"};
inline constexpr Screen Screen::CodeEntry{"code_entry"};
inline constexpr Screen Screen::Language{"language"};
inline constexpr Screen Screen::Question{"question"};
inline constexpr Screen Screen::Result{"result"};
inline constexpr Screen Screen::Consent{"consent"};
inline constexpr Screen Screen::Closing{"closing"};
inline constexpr Screen Screen::IdlePrompt{"idle_prompt"};
inline constexpr Screen Screen::StopConfirm{"stop_confirm"};
inline constexpr Screen Screen::OperatorPin{"operator_pin"};
inline constexpr Screen Screen::OperatorMenu{"operator_menu"};
inline constexpr Screen Screen::Credits{"credits"};
inline constexpr Screen Screen::OperatorEnroll{"operator_enroll"};
inline constexpr Screen Screen::OperatorLanguages{"operator_languages"};
inline constexpr Screen Screen::OutOfOrder{"out_of_order"};

inline const char* screen_id(Screen s) { return s.id(); }

// A tap, parsed once from the target id the screen model gave it: "answer:leuk" is
// {kind "answer", arg "leuk"}, "start" is {kind "start", arg ""}.
struct TapEvent {
  std::string kind;
  std::string arg;
  bool is(std::string_view k) const { return kind == k; }
  bool is(std::string_view k, std::string_view a) const { return kind == k && arg == a; }
};

inline TapEvent parse_tap(const std::string& target_id) {
  const auto colon = target_id.find(':');
  if (colon == std::string::npos) return {target_id, ""};
  return {target_id.substr(0, colon), target_id.substr(colon + 1)};
}

}  // namespace wk
