#include "ui/textures.h"

#include <GL/gl.h>
#include <stb_image.h>
#include <stb_image_resize.h>

#include <algorithm>

#include "platform/log.h"

namespace wk {

TextureCache::~TextureCache() {
  retire(cache_.clear());
  end_frame();
}

void TextureCache::retire(std::vector<std::pair<std::string, unsigned>> evicted) {
  for (auto& [path, tex] : evicted)
    if (tex) to_free_.push_back(tex);
}

namespace {
int size_step(float drawn_px) {
  if (drawn_px <= 0) return 0;  // as the file is
  int side = 32;
  while (side < drawn_px && side < 8192) side *= 2;
  return side;
}
}  // namespace

unsigned TextureCache::texture(const std::string& path, float drawn_px) {
  const int side = size_step(drawn_px);
  const std::string key = side ? path + "@" + std::to_string(side) : path;
  if (const unsigned* tex = cache_.find(key)) {
    cache_.pin(key);
    return *tex;
  }
  int w = 0, h = 0, n = 0;
  unsigned char* pixels = stbi_load(path.c_str(), &w, &h, &n, 4);
  std::vector<unsigned char> smaller;
  if (pixels && side && std::max(w, h) > side) {
    const int sw = std::max(1, w * side / std::max(w, h)), sh = std::max(1, h * side / std::max(w, h));
    smaller.resize(static_cast<size_t>(sw) * sh * 4);
    if (stbir_resize_uint8_srgb(pixels, w, h, 0, smaller.data(), sw, sh, 0, 4, 3, 0)) {
      w = sw;
      h = sh;
    } else {
      smaller.clear();
    }
  }
  GLuint tex = 0;
  std::size_t bytes = path.size();  // a missing picture costs its remembered name
  if (!pixels) {
    if (missing_logged_.insert(path).second)
      log::warn("pictures", "picture missing or unreadable, showing a placeholder: " + path);
  } else {
    glGenTextures(1, &tex);
    glBindTexture(GL_TEXTURE_2D, tex);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, GL_LINEAR);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, GL_LINEAR);
    glPixelStorei(GL_UNPACK_ROW_LENGTH, 0);
    glTexImage2D(GL_TEXTURE_2D, 0, GL_RGBA, w, h, 0, GL_RGBA, GL_UNSIGNED_BYTE, smaller.empty() ? pixels : smaller.data());
    stbi_image_free(pixels);
    bytes = static_cast<std::size_t>(w) * static_cast<std::size_t>(h) * 4;
  }
  retire(cache_.put(key, tex, bytes));
  cache_.pin(key);
  return tex;
}

void TextureCache::end_frame() {
  retire(cache_.unpin_all());
  if (!to_free_.empty()) {
    glDeleteTextures(static_cast<GLsizei>(to_free_.size()), to_free_.data());
    to_free_.clear();
  }
}

}  // namespace wk
