#pragma once
// Pictures as SDL textures from the content pack's PNG files, in a cache with a budget in
// bytes (least recently used out). A texture drawn this frame is never freed before the frame
// is on the screen: texture() pins it, end_frame() (after rendering) lifts the pins and frees
// what had to go. One that went and is needed again is loaded again.
// A missing picture gives null, which the drawing code shows as a neutral placeholder.
#include <cstddef>
#include <set>
#include <string>
#include <vector>

#include "platform/lru_cache.h"

struct SDL_Renderer;
struct SDL_Texture;

namespace wk {

class TextureCache {
 public:
  // The fullest screen (a dozen cards, the progress row, the prompt) needs about 6 MB even when
  // every picture is drawn at 256 px (256 KiB each); pictures drawn smaller cost less.
  static constexpr std::size_t kDefaultBudget = 8u << 20;

  explicit TextureCache(SDL_Renderer* renderer, std::size_t budget_bytes = kDefaultBudget)
      : renderer_(renderer), cache_(budget_bytes) {}
  ~TextureCache();
  TextureCache(const TextureCache&) = delete;
  TextureCache& operator=(const TextureCache&) = delete;
  // The texture for a PNG path, or null when it cannot be loaded (logged once). Pinned until
  // end_frame(). With drawn_px (the larger side on the screen, in pixels), the picture is
  // scaled once, with a proper filter, to exactly that size, so it is drawn pixel for pixel:
  // SDL's software renderer samples the nearest pixel, which would make a scaled picture jagged.
  SDL_Texture* texture(const std::string& path, float drawn_px = 0);
  // After the frame's draw data is rendered: unpins, and frees the textures that went.
  void end_frame();
  const CacheUse& use() const { return cache_.use(); }

 private:
  void retire(std::vector<std::pair<std::string, SDL_Texture*>> evicted);
  SDL_Renderer* renderer_;
  LruCache<std::string, SDL_Texture*> cache_;
  std::vector<SDL_Texture*> to_free_;
  std::set<std::string> missing_logged_;
};

}  // namespace wk
