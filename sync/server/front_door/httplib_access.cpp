// The two members of httplib_access.h, granted by explicit instantiation (in which access is not
// checked): the friend get() of each tag returns the member pointer.
#include "front_door/httplib_access.h"

namespace wk::server::httplib_access {

namespace {

struct ProcessSocket {
  using type = bool (httplib::Server::*)(socket_t);
  friend type get(ProcessSocket);
};
struct ListenSocket {
  using type = std::atomic<socket_t> httplib::Server::*;
  friend type get(ListenSocket);
};

#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wnon-template-friend"
template <typename Tag, typename Tag::type Member>
struct Grant {
  friend typename Tag::type get(Tag) { return Member; }
};
#pragma GCC diagnostic pop

template struct Grant<ProcessSocket, &httplib::Server::process_and_close_socket>;
template struct Grant<ListenSocket, &httplib::Server::svr_sock_>;

}  // namespace

bool process_and_close_socket(httplib::Server& server, socket_t sock) { return (server.*get(ProcessSocket{}))(sock); }

std::atomic<socket_t>& listen_socket(httplib::Server& server) { return server.*get(ListenSocket{}); }

}  // namespace wk::server::httplib_access
