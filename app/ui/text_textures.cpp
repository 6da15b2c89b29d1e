#include "ui/text_textures.h"

#include <SDL.h>

#include "platform/log.h"

namespace wk {

TextTextures::~TextTextures() {
  for (auto& [key, e] : entries_)
    if (e.tex) SDL_DestroyTexture(e.tex);
}

SDL_Texture* TextTextures::texture(const std::shared_ptr<const RenderedText>& block) {
  if (!block || block->width <= 0 || block->height <= 0) return nullptr;
  auto it = entries_.find(block.get());
  if (it == entries_.end()) {
    Entry e;
    e.block = block;
    e.tex = SDL_CreateTexture(renderer_, SDL_PIXELFORMAT_RGBA32, SDL_TEXTUREACCESS_STATIC, block->width, block->height);
    if (e.tex) {
      SDL_UpdateTexture(e.tex, nullptr, block->rgba.data(), block->width * 4);
      SDL_SetTextureBlendMode(e.tex, SDL_BLENDMODE_BLEND);
      // Drawn at its own size on whole pixels: no filtering, so the letters stay as drawn.
      SDL_SetTextureScaleMode(e.tex, SDL_ScaleModeNearest);
    } else {
      log::warn("text", std::string("no texture for a text: ") + SDL_GetError());
    }
    it = entries_.emplace(block.get(), std::move(e)).first;
  }
  it->second.used = true;
  return it->second.tex;
}

void TextTextures::end_frame() {
  for (auto it = entries_.begin(); it != entries_.end();) {
    if (!it->second.used) {
      if (it->second.tex) SDL_DestroyTexture(it->second.tex);
      it = entries_.erase(it);
    } else {
      it->second.used = false;
      ++it;
    }
  }
}

}  // namespace wk
