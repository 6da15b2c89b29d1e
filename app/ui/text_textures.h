#pragma once
// Blocks of text drawn by the text engine (app/text), as SDL textures. Only what is on
// screen is kept: a texture no frame used since the last end_frame() is destroyed, so the
// memory follows the screen; the engine's own cache keeps the drawn pixels for a return.
#include <memory>
#include <unordered_map>

#include "text/text_engine.h"

struct SDL_Renderer;
struct SDL_Texture;

namespace wk {

class TextTextures {
 public:
  explicit TextTextures(SDL_Renderer* renderer) : renderer_(renderer) {}
  ~TextTextures();
  TextTextures(const TextTextures&) = delete;
  TextTextures& operator=(const TextTextures&) = delete;

  // The texture of a drawn block (made on first use); null for an empty block.
  SDL_Texture* texture(const std::shared_ptr<const RenderedText>& block);
  // After a frame: destroys the textures that frame did not use.
  void end_frame();
  std::size_t count() const { return entries_.size(); }

 private:
  struct Entry {
    std::shared_ptr<const RenderedText> block;  // held, so its address is not reused
    SDL_Texture* tex = nullptr;
    bool used = false;
  };
  SDL_Renderer* renderer_;
  std::unordered_map<const RenderedText*, Entry> entries_;
};

}  // namespace wk
