#pragma once
// Pictures as OpenGL textures, loaded once from the content pack's PNG files.
// A missing picture gives texture 0, which the drawing code shows as a neutral placeholder.
#include <map>
#include <string>

namespace wk {

class TextureCache {
 public:
  ~TextureCache();
  // The GL texture for a PNG path, or 0 when it cannot be loaded (logged once).
  unsigned texture(const std::string& path);

 private:
  std::map<std::string, unsigned> textures_;
};

}  // namespace wk
