// The one list of the kiosk's screens. A new screen is its unit file plus its maker and its
// place in the list here; the flow, CMake and the content checks pick it up from this table.
#include "screens/screen_table.h"

#include <set>
#include <stdexcept>

#include "record/recorder_words.h"
#include "screens/language_button.h"
#include "screens/volume_parts.h"

namespace wk {

std::unique_ptr<ScreenUnit> make_attract_screen();
std::unique_ptr<ScreenUnit> make_code_entry_screen();
std::unique_ptr<ScreenUnit> make_language_screen();
std::unique_ptr<ScreenUnit> make_question_screen();
std::unique_ptr<ScreenUnit> make_result_screen();
std::unique_ptr<ScreenUnit> make_consent_screen();
std::unique_ptr<ScreenUnit> make_closing_screen();
std::unique_ptr<ScreenUnit> make_idle_prompt_screen();
std::unique_ptr<ScreenUnit> make_stop_confirm_screen();
std::unique_ptr<ScreenUnit> make_out_of_order_screen();
std::unique_ptr<ScreenUnit> make_operator_pin_screen();
std::unique_ptr<ScreenUnit> make_operator_menu_screen();
std::unique_ptr<ScreenUnit> make_credits_screen();
std::unique_ptr<ScreenUnit> make_operator_enroll_screen();
std::unique_ptr<ScreenUnit> make_operator_languages_screen();

ScreenTable::ScreenTable() {
  for (auto make : {make_attract_screen, make_code_entry_screen, make_language_screen, make_question_screen,
                    make_result_screen, make_consent_screen, make_closing_screen, make_idle_prompt_screen,
                    make_stop_confirm_screen, make_out_of_order_screen, make_operator_pin_screen,
                    make_operator_menu_screen, make_credits_screen, make_operator_enroll_screen,
                    make_operator_languages_screen})
    units_.push_back(make());
}

ScreenUnit& ScreenTable::unit(Screen s) const {
  for (const auto& u : units_)
    if (u->id() == s) return *u;
  throw std::logic_error(std::string("no screen unit \"") + s.id() + "\" in the screen table");
}

namespace {
const ScreenTable& any_table() {
  static const ScreenTable table;  // for what the units declare, not for their state
  return table;
}
}  // namespace

std::vector<std::string> kiosk_text_keys(const ContentPack& pack) {
  std::vector<std::string> keys;
  std::set<std::string> seen;
  for (const auto& u : any_table().units())
    for (auto& k : u->text_keys(pack))
      if (seen.insert(k).second) keys.push_back(std::move(k));
  for (auto& k : volume_text_keys())  // the volume button the flow adds to every participant screen
    if (seen.insert(k).second) keys.push_back(std::move(k));
  for (auto& k : language_button_text_keys())  // and the language button, to every question screen
    if (seen.insert(k).second) keys.push_back(std::move(k));
  for (auto& k : recorder_text_keys())  // the native-voice recorder's own words (record/recorder_words.h)
    if (seen.insert(k).second) keys.push_back(std::move(k));
  return keys;
}

std::vector<std::string> kiosk_picture_roles() {
  std::vector<std::string> roles;
  std::set<std::string> seen;
  for (const auto& u : any_table().units())
    for (auto& r : u->picture_roles())
      if (seen.insert(r).second) roles.push_back(std::move(r));
  for (auto& r : volume_picture_roles())
    if (seen.insert(r).second) roles.push_back(std::move(r));
  for (auto& r : language_button_picture_roles())
    if (seen.insert(r).second) roles.push_back(std::move(r));
  return roles;
}

const ShellNeeds& kiosk_content_needs() {
  static const ShellNeeds needs{kiosk_text_keys, kiosk_picture_roles()};
  return needs;
}

}  // namespace wk
