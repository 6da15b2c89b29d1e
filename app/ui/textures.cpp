#include "ui/textures.h"

#include <GL/gl.h>
#include <stb_image.h>

#include "platform/log.h"

namespace wk {

TextureCache::~TextureCache() {
  for (auto& [path, tex] : textures_)
    if (tex) glDeleteTextures(1, &tex);
}

unsigned TextureCache::texture(const std::string& path) {
  if (auto it = textures_.find(path); it != textures_.end()) return it->second;
  int w = 0, h = 0, n = 0;
  unsigned char* pixels = stbi_load(path.c_str(), &w, &h, &n, 4);
  GLuint tex = 0;
  if (!pixels) {
    log::warn("pictures", "picture missing or unreadable, showing a placeholder: " + path);
  } else {
    glGenTextures(1, &tex);
    glBindTexture(GL_TEXTURE_2D, tex);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, GL_LINEAR);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, GL_LINEAR);
    glPixelStorei(GL_UNPACK_ROW_LENGTH, 0);
    glTexImage2D(GL_TEXTURE_2D, 0, GL_RGBA, w, h, 0, GL_RGBA, GL_UNSIGNED_BYTE, pixels);
    stbi_image_free(pixels);
  }
  textures_[path] = tex;
  return tex;
}

}  // namespace wk
