#pragma once
// Blocks of text drawn by the text engine (app/text), as OpenGL textures. Only what is on
// screen is kept: a texture no frame used since the last end_frame() is deleted, so the
// memory follows the screen; the engine's own cache keeps the drawn pixels for a return.
#include <memory>
#include <unordered_map>

#include "text/text_engine.h"

namespace wk {

class TextTextures {
 public:
  TextTextures() = default;
  ~TextTextures();
  TextTextures(const TextTextures&) = delete;
  TextTextures& operator=(const TextTextures&) = delete;

  // The texture of a drawn block (made on first use); 0 for an empty block.
  unsigned texture(const std::shared_ptr<const RenderedText>& block);
  // After a frame: deletes the textures that frame did not use.
  void end_frame();
  std::size_t count() const { return entries_.size(); }

 private:
  struct Entry {
    std::shared_ptr<const RenderedText> block;  // held, so its address is not reused
    unsigned tex = 0;
    bool used = false;
  };
  std::unordered_map<const RenderedText*, Entry> entries_;
};

}  // namespace wk
