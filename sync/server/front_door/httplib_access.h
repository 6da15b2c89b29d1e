#pragma once
// Two private members of httplib::Server (cpp-httplib 0.11.4, Debian 12), reached through the
// standard's explicit-instantiation rule (access is not checked in an explicit instantiation).
//
// Why: httplib's own accept loop hands every new connection straight to a worker thread, which
// then waits (up to the read timeout, per byte) for the request head; a worker pool can be
// starved by a few slow clients, there is no deadline for a whole request, and a framing or
// length problem is only seen after the body has been read. The front door (front_door.h) runs
// its own accept loop instead: it waits for complete request heads on one epoll thread, checks
// their framing, and only then gives the connection to httplib's connection handler, which is
// private. httplib's listening socket is private too; the handler keeps serving only while it
// is valid. Newer cpp-httplib versions do not change these two names; if one does, this file
// fails to compile rather than misbehave.
#include <httplib.h>

#include <atomic>

namespace wk::server::httplib_access {

// Serves one connection (TLS handshake first on an SSLServer: the member is virtual) and closes it.
bool process_and_close_socket(httplib::Server& server, socket_t sock);
// httplib's listening socket (valid after bind_to_port; httplib serves only while it is valid).
std::atomic<socket_t>& listen_socket(httplib::Server& server);

}  // namespace wk::server::httplib_access
