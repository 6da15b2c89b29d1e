#pragma once
// The server's front door: its own accept loop in front of httplib's connection handler.
//
// - Slow clients cost no worker: one epoll thread holds every connection until its request head
//   has fully arrived (peeked, not read, so httplib then reads it as usual), with a deadline for
//   the head. A worker thread is started per request only when its head is complete.
// - Framing is checked on the raw head (request_head.h) before any body is read: ambiguous
//   framing gets 400, a Content-Length over the limit 413 at once, and the connection is closed.
//   For TLS, where the head cannot be peeked, the same rules run on httplib's parsed headers.
// - Every request has a deadline from accept until it has been read (head and body), and a
//   longer one for its answer; past it the connection is shut down, whatever the worker waits on.
// - Limits: connections in total and per client address, workers at once.
// - One request per connection (no keep-alive), so every request passes this door, and an
//   unread body (a refused request) is never taken for the next request.
#include <httplib.h>

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <map>
#include <mutex>
#include <optional>
#include <string>

namespace wk::server {

struct FrontDoorLimits {
  std::chrono::milliseconds head_deadline{10'000};      // accept until the head is complete
  std::chrono::milliseconds request_deadline{60'000};   // accept until head and body are read
  std::chrono::milliseconds answer_deadline{600'000};   // request read until the answer is sent
  size_t max_connections = 2000;  // open at once, in any state
  size_t max_per_address = 400;   // open at once from one client address
  size_t max_workers = 600;       // requests being handled at once
  size_t max_head_bytes = 16 * 1024;
  size_t max_body_bytes = 4 * 1024 * 1024;
  int read_timeout_s = 10, write_timeout_s = 30;  // per read and per write, inside the deadlines
};

class FrontDoor {
 public:
  // Installs the parsed-header check and one-request-per-connection on `server`.
  FrontDoor(httplib::Server& server, bool tls, FrontDoorLimits limits);
  ~FrontDoor();

  // Binds through httplib (its socket options); returns the port, or -1.
  int bind(const std::string& host, int port);
  // Serves until stop(); then waits for requests in flight to finish.
  void run();
  // From any thread (a signal thread): no new connections; run() returns when the workers are done.
  void stop();

  // Called on a worker's thread once its request's head and body have been read: the deadline
  // moves from request_deadline to answer_deadline. Does nothing off a front-door worker.
  static void request_read();
  // On a worker's thread: when it took its connection (the head had arrived), for the latency
  // metric (ops/metrics.h). nullopt off a front-door worker.
  static std::optional<std::chrono::steady_clock::time_point> request_started();

 private:
  using Clock = std::chrono::steady_clock;
  // A connection on the epoll thread: its head has not fully arrived, it waits for a worker,
  // or it has been refused and is being closed (what the client still sends is read and
  // dropped for a moment, so that closing does not reset the connection before the client has
  // read the answer).
  struct Waiting {
    std::string address;
    Clock::time_point accepted;
    bool ready = false, closing = false;
    Clock::time_point close_by{};
    size_t discarded = 0;
  };
  struct Active {
    int guard_fd;  // a dup of the connection: shutdown() on it ends the worker's reads and writes
    std::string address;
    Clock::time_point deadline;
    bool shut = false;
  };

  void accept_all();
  void on_readable(int fd);
  void expire(std::chrono::steady_clock::time_point now);
  void refuse(int fd, int status, const std::string& code, const std::string& message);
  void start_closing(int fd);
  void close_waiting(int fd);
  void dispatch(int fd);
  void dispatch_ready();
  void worker(int fd, uint64_t id);
  void release_address(const std::string& address);

  httplib::Server& server_;
  bool tls_;
  FrontDoorLimits limits_;
  int listen_fd_ = -1, epoll_fd_ = -1, wake_fd_ = -1;
  std::map<int, Waiting> waiting_;  // epoll thread only
  std::deque<int> ready_;           // heads complete, waiting for a free worker (epoll thread only)

  std::mutex mu_;  // guards what workers share with the epoll thread
  std::condition_variable workers_done_;
  std::map<uint64_t, Active> active_;
  std::map<std::string, size_t> per_address_;
  size_t open_ = 0, workers_ = 0;
  uint64_t next_id_ = 1;
  bool stopping_ = false;
};

}  // namespace wk::server
