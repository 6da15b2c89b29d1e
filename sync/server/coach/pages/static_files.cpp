#include <filesystem>
#include <fstream>

#include "coach/pages/pages.h"

namespace wk::coach {

namespace fs = std::filesystem;

namespace {

// Files that are the same for everyone: the content's pictures and the stylesheets.
void serve_file(Response& res, const fs::path& path, const char* type, int max_age) {
  std::ifstream in(path, std::ios::binary);
  std::string data = in ? std::string((std::istreambuf_iterator<char>(in)), {}) : std::string();
  if (data.empty()) {
    res.status = 404;
    res.set_content("no such file", "text/plain");
    return;
  }
  res.set_header("Cache-Control", "private, max-age=" + std::to_string(max_age));
  res.set_header("X-Content-Type-Options", "nosniff");
  res.set_content(std::move(data), type);
}

}  // namespace

void StaticFiles::picture(const Request& req, Response& res) {
  serve_file(res, fs::path(site_.content->dir) / "pictures" / (std::string(req.matches[1]) + ".png"), "image/png",
             86400);
}

void StaticFiles::stylesheet(const Request& req, Response& res) {
  serve_file(res, fs::path(site_.opt.web_dir) / "static" / std::string(req.matches[1]), "text/css; charset=utf-8",
             3600);
}

}  // namespace wk::coach
