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

void drop_body_on_throw(const httplib::ContentReader& reader, size_t limit,
                        const std::function<void(const httplib::ContentReader&)>& handle) {
  bool read = false;
  const httplib::ContentReader noting(
      [&](httplib::ContentReceiver receiver) {
        read = true;
        return reader(std::move(receiver));
      },
      [&](httplib::MultipartContentHeader header, httplib::ContentReceiver receiver) {
        read = true;
        return reader(std::move(header), std::move(receiver));
      });
  try {
    handle(noting);
  } catch (...) {
    if (!read) discard_body(reader, limit);
    throw;
  }
}

}  // namespace wk::server
