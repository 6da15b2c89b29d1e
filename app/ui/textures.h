#pragma once
// Pictures as OpenGL textures from the content pack's PNG files, in a cache with a budget in
// bytes (least recently used out). A texture drawn this frame is never freed before the frame
// is on the screen: texture() pins it, end_frame() (after rendering) lifts the pins and frees
// what had to go. One that went and is needed again is loaded again.
// A missing picture gives texture 0, which the drawing code shows as a neutral placeholder.
#include <cstddef>
#include <set>
#include <string>
#include <vector>

#include "platform/lru_cache.h"

namespace wk {

class TextureCache {
 public:
  // The fullest screen (a dozen cards, the progress row, the prompt) needs about 6 MB even when
  // every picture is drawn at 256 px (256 KiB each on the GPU); pictures drawn smaller cost less.
  static constexpr std::size_t kDefaultBudget = 8u << 20;

  explicit TextureCache(std::size_t budget_bytes = kDefaultBudget) : cache_(budget_bytes) {}
  ~TextureCache();
  TextureCache(const TextureCache&) = delete;
  TextureCache& operator=(const TextureCache&) = delete;
  // The GL texture for a PNG path, or 0 when it cannot be loaded (logged once). Pinned until
  // end_frame(). With drawn_px (the larger side on the screen), a picture larger than needed is
  // scaled down once, with a proper filter, to the next power of two at or above drawn_px: a
  // 256 px picture drawn at 90 px costs 64 KiB instead of 256 KiB, and looks smoother too.
  unsigned texture(const std::string& path, float drawn_px = 0);
  // After the frame's draw data is rendered: unpins, and frees the textures that went.
  void end_frame();
  const CacheUse& use() const { return cache_.use(); }

 private:
  void retire(std::vector<std::pair<std::string, unsigned>> evicted);
  LruCache<std::string, unsigned> cache_;
  std::vector<unsigned> to_free_;
  std::set<std::string> missing_logged_;
};

}  // namespace wk
