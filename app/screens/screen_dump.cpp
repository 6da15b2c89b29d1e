#include "screens/screen_dump.h"

#include <nlohmann/json.hpp>

namespace wk {

std::string screen_dump_json(const ScreenModel& s, const Metrics& m, long frame) {
  nlohmann::json j;
  j["screen"] = s.id;
  j["locale"] = s.locale;
  j["rtl"] = s.rtl;
  if (!s.item.empty()) j["item"] = s.item;
  j["frame"] = frame;
  j["window"] = {{"w", m.width}, {"h", m.height}, {"px_per_mm", m.px_per_mm}};
  j["has_picture"] = s.has_picture();
  j["has_audio"] = s.has_audio;
  j["opening"] = s.opening;
  j["speech"] = s.speech;
  j["speech_locales"] = s.speech_locales;
  j["speech_once"] = s.speech_once;
  j["speech_at"] = s.speech_at;
  if (s.id == "question" || s.id == "language") {
    j["page"] = s.page;
    j["pages"] = s.pages;
    j["page_options"] = s.page_options;
  }
  nlohmann::json targets = nlohmann::json::array();
  for (const auto& t : s.targets) {
    targets.push_back({{"id", t.id},
                       {"label", t.label},
                       {"x", t.rect.x},
                       {"y", t.rect.y},
                       {"w", t.rect.w},
                       {"h", t.rect.h},
                       {"selected", t.selected},
                       {"speaking", t.speaking},
                       {"participant", t.participant},
                       {"has_picture", !t.picture.empty()},
                       {"mirror_picture", t.mirror_picture}});
  }
  j["targets"] = std::move(targets);
  nlohmann::json pictures = nlohmann::json::array();
  for (const auto& p : s.pictures)
    pictures.push_back({{"picture", p.picture},
                        {"x", p.rect.x},
                        {"y", p.rect.y},
                        {"w", p.rect.w},
                        {"h", p.rect.h},
                        {"mirror_picture", p.mirror_picture}});
  j["pictures"] = std::move(pictures);
  nlohmann::json texts = nlohmann::json::array();
  for (const auto& t : s.texts) texts.push_back(t.text);
  j["texts"] = std::move(texts);
  return j.dump() + "\n";
}

}  // namespace wk
