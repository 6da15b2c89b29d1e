#include "ui/textures.h"

#include <SDL.h>
#include <stb_image.h>
#include <stb_image_resize.h>

#include <algorithm>
#include <cmath>

#include "platform/log.h"

namespace wk {

TextureCache::~TextureCache() {
  retire(cache_.clear());
  end_frame();
}

void TextureCache::retire(std::vector<std::pair<std::string, SDL_Texture*>> evicted) {
  for (auto& [path, tex] : evicted)
    if (tex) to_free_.push_back(tex);
}

SDL_Texture* TextureCache::texture(const std::string& path, float drawn_px) {
  const int side = drawn_px > 0 ? std::clamp(static_cast<int>(std::lround(drawn_px)), 1, 8192) : 0;
  const std::string key = side ? path + "@" + std::to_string(side) : path;
  if (SDL_Texture* const* tex = cache_.find(key)) {
    cache_.pin(key);
    return *tex;
  }
  int w = 0, h = 0, n = 0;
  unsigned char* pixels = stbi_load(path.c_str(), &w, &h, &n, 4);
  std::vector<unsigned char> resized;
  if (pixels && side && std::max(w, h) != side) {
    const int sw = std::max(1, w * side / std::max(w, h)), sh = std::max(1, h * side / std::max(w, h));
    resized.resize(static_cast<size_t>(sw) * sh * 4);
    // In linear light with the alpha taken into account, so edges neither darken nor fringe.
    if (stbir_resize_uint8_srgb(pixels, w, h, 0, resized.data(), sw, sh, 0, 4, 3, 0)) {
      w = sw;
      h = sh;
    } else {
      resized.clear();
    }
  }
  SDL_Texture* tex = nullptr;
  std::size_t bytes = path.size();  // a missing picture costs its remembered name
  if (pixels) {
    tex = SDL_CreateTexture(renderer_, SDL_PIXELFORMAT_RGBA32, SDL_TEXTUREACCESS_STATIC, w, h);
    if (tex) {
      SDL_UpdateTexture(tex, nullptr, resized.empty() ? pixels : resized.data(), w * 4);
      SDL_SetTextureBlendMode(tex, SDL_BLENDMODE_BLEND);
      SDL_SetTextureScaleMode(tex, SDL_ScaleModeLinear);  // only where it is drawn at another size
      bytes = static_cast<std::size_t>(w) * static_cast<std::size_t>(h) * 4;
    } else {
      log::warn("pictures", std::string("no texture for a picture: ") + SDL_GetError());
    }
    stbi_image_free(pixels);
  }
  if (!tex && missing_logged_.insert(path).second)
    log::warn("pictures", "picture missing or unreadable, showing a placeholder: " + path);
  retire(cache_.put(key, tex, bytes));
  cache_.pin(key);
  return tex;
}

void TextureCache::end_frame() {
  retire(cache_.unpin_all());
  for (SDL_Texture* tex : to_free_) SDL_DestroyTexture(tex);
  to_free_.clear();
}

}  // namespace wk
