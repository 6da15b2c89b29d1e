#include "ui/text_textures.h"

#include <GL/gl.h>

namespace wk {

TextTextures::~TextTextures() {
  for (auto& [key, e] : entries_)
    if (e.tex) glDeleteTextures(1, &e.tex);
}

unsigned TextTextures::texture(const std::shared_ptr<const RenderedText>& block) {
  if (!block || block->width <= 0 || block->height <= 0) return 0;
  auto it = entries_.find(block.get());
  if (it == entries_.end()) {
    Entry e;
    e.block = block;
    glGenTextures(1, &e.tex);
    glBindTexture(GL_TEXTURE_2D, e.tex);
    // Drawn at its own size on whole pixels: no filtering, so the letters stay as drawn.
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, GL_NEAREST);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, GL_NEAREST);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_S, GL_CLAMP_TO_EDGE);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_T, GL_CLAMP_TO_EDGE);
    glPixelStorei(GL_UNPACK_ROW_LENGTH, 0);
    glPixelStorei(GL_UNPACK_ALIGNMENT, 4);
    glTexImage2D(GL_TEXTURE_2D, 0, GL_RGBA, block->width, block->height, 0, GL_RGBA, GL_UNSIGNED_BYTE,
                 block->rgba.data());
    it = entries_.emplace(block.get(), std::move(e)).first;
  }
  it->second.used = true;
  return it->second.tex;
}

void TextTextures::end_frame() {
  for (auto it = entries_.begin(); it != entries_.end();) {
    if (!it->second.used) {
      if (it->second.tex) glDeleteTextures(1, &it->second.tex);
      it = entries_.erase(it);
    } else {
      it->second.used = false;
      ++it;
    }
  }
}

}  // namespace wk
