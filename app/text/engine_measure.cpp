#include "text/engine_measure.h"

#include <algorithm>
#include <cstdio>

namespace wk {

TextSize EngineMeasure::measure(const std::string& utf8, float cap_px, bool bold, float width_px) const {
  char head[64];
  std::snprintf(head, sizeof head, "%.2f|%d|%.1f|", cap_px, bold ? 1 : 0, width_px);
  std::string key = head + utf8;
  if (auto it = remembered_.find(key); it != remembered_.end()) return it->second;
  const TextLayout l =
      engine_.layout(utf8, {cap_px, width_px, bold ? TextWeight::Bold : TextWeight::Regular, TextAlign::Start});
  TextSize s;
  s.height = l.height;
  s.lines = static_cast<int>(l.lines.size());
  s.word_too_wide = l.overflows;
  for (const auto& line : l.lines) s.width = std::max(s.width, line.width);
  if (remembered_.size() >= kMaxRemembered) remembered_.clear();
  remembered_.emplace(std::move(key), s);
  return s;
}

}  // namespace wk
