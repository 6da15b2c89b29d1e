#pragma once
// The kiosk's screens: one unit each, all listed in screen_table.cpp.
#include <memory>
#include <string>
#include <vector>

#include "content/content_pack.h"
#include "screens/screen_unit.h"

namespace wk {

// One of every screen unit, each with its own state (one table per flow).
class ScreenTable {
 public:
  ScreenTable();
  ScreenUnit& unit(Screen s) const;  // every Screen the flow moves to is in the table
  const std::vector<std::unique_ptr<ScreenUnit>>& units() const { return units_; }

 private:
  std::vector<std::unique_ptr<ScreenUnit>> units_;
};

// What the screens need from a content pack, collected from the units: the words they use
// with this content, and the check.json picture roles they show.
std::vector<std::string> kiosk_text_keys(const ContentPack& pack);
std::vector<std::string> kiosk_picture_roles();
// Both, for the content loader, the linter and make-audio.
const ShellNeeds& kiosk_content_needs();

}  // namespace wk
