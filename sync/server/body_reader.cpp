#include "body_reader.h"

#include "front_door/front_door.h"

namespace wk::server {

BodyRead read_body(const httplib::ContentReader& reader, const httplib::Response& res, size_t limit,
                   std::string& body) {
  bool too_big = false;
  bool ok = reader([&](const char* data, size_t len) {
    if (body.size() + len > limit) {
      too_big = true;
      return false;
    }
    body.append(data, len);
    return true;
  });
  FrontDoor::request_read();  // the request is in: its deadline is now the answer's
  if (too_big || res.status == 413) return BodyRead::too_big;
  if (!ok) return BodyRead::unreadable;
  return BodyRead::ok;
}

void discard_body(const httplib::ContentReader& reader, size_t limit) {
  size_t seen = 0;
  reader([&](const char*, size_t len) {
    seen += len;
    return seen <= limit;
  });
  FrontDoor::request_read();
}

}  // namespace wk::server
