#include "front_door/front_door.h"

#include <arpa/inet.h>
#include <fcntl.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/socket.h>
#include <unistd.h>

#include <thread>

#include "front_door/httplib_access.h"
#include "front_door/request_head.h"
#include "server_util.h"

namespace wk::server {

namespace {

// The front door and request id of the request this worker thread is handling.
thread_local FrontDoor* current_door = nullptr;
thread_local uint64_t current_id = 0;
thread_local std::mutex* current_mu = nullptr;
thread_local std::chrono::steady_clock::time_point current_started{};

std::string peer_address(int fd) {
  sockaddr_storage addr{};
  socklen_t len = sizeof addr;
  if (getpeername(fd, reinterpret_cast<sockaddr*>(&addr), &len) != 0) return "?";
  char buf[INET6_ADDRSTRLEN] = "?";
  if (addr.ss_family == AF_INET)
    inet_ntop(AF_INET, &reinterpret_cast<sockaddr_in*>(&addr)->sin_addr, buf, sizeof buf);
  else if (addr.ss_family == AF_INET6)
    inet_ntop(AF_INET6, &reinterpret_cast<sockaddr_in6*>(&addr)->sin6_addr, buf, sizeof buf);
  return buf;
}

void set_blocking(int fd, bool blocking) {
  int flags = fcntl(fd, F_GETFL, 0);
  fcntl(fd, F_SETFL, blocking ? (flags & ~O_NONBLOCK) : (flags | O_NONBLOCK));
}

void set_timeouts(int fd, int read_s, int write_s) {
  timeval r{read_s, 0}, w{write_s, 0};
  setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &r, sizeof r);
  setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &w, sizeof w);
}

const char* reason(int status) {
  switch (status) {
    case 400: return "Bad Request";
    case 408: return "Request Timeout";
    case 413: return "Payload Too Large";
    case 431: return "Request Header Fields Too Large";
    default: return "Service Unavailable";
  }
}

constexpr auto kLinger = std::chrono::seconds(2);
constexpr size_t kLingerBytes = 1024 * 1024;

}  // namespace

FrontDoor::FrontDoor(httplib::Server& server, bool tls, FrontDoorLimits limits)
    : server_(server), tls_(tls), limits_(limits) {
  server_.set_keep_alive_max_count(1);
  server_.set_read_timeout(limits_.read_timeout_s, 0);
  server_.set_write_timeout(limits_.write_timeout_s, 0);
  const size_t max_body = limits_.max_body_bytes;
  // Also for plain HTTP (where the raw head was checked already): httplib's reading must agree.
  server_.set_pre_routing_handler([max_body](const httplib::Request& req, httplib::Response& res) {
    if (auto refusal = check_parsed_framing(req.headers, max_body)) {
      nlohmann::json err = {{"error", {{"code", refusal->code}, {"message", refusal->message}}}};
      res.status = refusal->status;
      res.set_header("Connection", "close");
      res.set_content(err.dump(), "application/json");
      return httplib::Server::HandlerResponse::Handled;
    }
    // Without a body the request is in once its head is: the deadline becomes the answer's.
    const std::string length = req.get_header_value("Content-Length");
    if (!req.has_header("Transfer-Encoding") && length.find_first_not_of('0') == std::string::npos) request_read();
    return httplib::Server::HandlerResponse::Unhandled;
  });
}

FrontDoor::~FrontDoor() {
  for (int fd : {epoll_fd_, wake_fd_})
    if (fd >= 0) close(fd);
}

int FrontDoor::bind(const std::string& host, int port) {
  int bound = port == 0 ? server_.bind_to_any_port(host) : (server_.bind_to_port(host, port) ? port : -1);
  if (bound < 0) return -1;
  listen_fd_ = httplib_access::listen_socket(server_);
  // A deeper queue of not yet accepted connections than httplib's 5.
  ::listen(listen_fd_, 1024);
  set_blocking(listen_fd_, false);
  epoll_fd_ = epoll_create1(EPOLL_CLOEXEC);
  wake_fd_ = eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
  for (int fd : {listen_fd_, wake_fd_}) {
    epoll_event ev{};
    ev.events = EPOLLIN;
    ev.data.fd = fd;
    epoll_ctl(epoll_fd_, EPOLL_CTL_ADD, fd, &ev);
  }
  return bound;
}

void FrontDoor::stop() {
  {
    std::lock_guard lock(mu_);
    stopping_ = true;
  }
  uint64_t one = 1;
  [[maybe_unused]] auto n = write(wake_fd_, &one, sizeof one);
}

void FrontDoor::run() {
  epoll_event events[256];
  for (;;) {
    {
      std::lock_guard lock(mu_);
      if (stopping_) break;
    }
    int n = epoll_wait(epoll_fd_, events, 256, 100);
    for (int i = 0; i < n; ++i) {
      int fd = events[i].data.fd;
      if (fd == listen_fd_)
        accept_all();
      else if (fd == wake_fd_) {
        uint64_t v;
        [[maybe_unused]] auto r = read(wake_fd_, &v, sizeof v);
      } else
        on_readable(fd);
    }
    dispatch_ready();
    expire(Clock::now());
  }
  // Stopping: no new connections; waiting ones are closed; requests in flight finish.
  epoll_ctl(epoll_fd_, EPOLL_CTL_DEL, listen_fd_, nullptr);
  while (!waiting_.empty()) close_waiting(waiting_.begin()->first);
  std::unique_lock lock(mu_);
  workers_done_.wait(lock, [&] { return workers_ == 0; });
  httplib_access::listen_socket(server_) = INVALID_SOCKET;
  close(listen_fd_);
}

void FrontDoor::accept_all() {
  for (;;) {
    int fd = accept4(listen_fd_, nullptr, nullptr, SOCK_NONBLOCK | SOCK_CLOEXEC);
    if (fd < 0) return;  // EAGAIN: all taken; EMFILE and the like: try again on the next round
    std::string address = peer_address(fd);
    {
      std::lock_guard lock(mu_);
      if (open_ >= limits_.max_connections || per_address_[address] >= limits_.max_per_address) {
        close(fd);  // over the limits: refused before anything is read
        if (per_address_[address] == 0) per_address_.erase(address);
        continue;
      }
      ++open_;
      ++per_address_[address];
    }
    waiting_[fd] = Waiting{address, Clock::now()};
    if (tls_) {
      // Encrypted: the head cannot be peeked. The worker's handshake and reads run under the
      // request deadline; the parsed-header check applies the framing rules.
      waiting_[fd].ready = true;
      ready_.push_back(fd);
      continue;
    }
    // Edge-triggered: the head is peeked, not read, so the socket stays readable; each new
    // arrival of bytes is one event (level-triggered would wake the loop for ever).
    epoll_event ev{};
    ev.events = EPOLLIN | EPOLLRDHUP | EPOLLET;
    ev.data.fd = fd;
    epoll_ctl(epoll_fd_, EPOLL_CTL_ADD, fd, &ev);
  }
}

void FrontDoor::on_readable(int fd) {
  auto it = waiting_.find(fd);
  if (it == waiting_.end()) return;
  Waiting& w = it->second;
  if (w.closing) {
    char sink[16384];
    ssize_t got;
    while ((got = recv(fd, sink, sizeof sink, 0)) > 0) w.discarded += static_cast<size_t>(got);
    if (got == 0 || w.discarded > kLingerBytes) close_waiting(fd);
    return;
  }
  std::string buf(limits_.max_head_bytes, '\0');
  ssize_t got = recv(fd, buf.data(), buf.size(), MSG_PEEK);
  if (got == 0 || (got < 0 && errno != EAGAIN && errno != EINTR)) return close_waiting(fd);
  if (got < 0) return;
  buf.resize(static_cast<size_t>(got));
  size_t end = 0;
  if (!find_head_end(buf, end)) {
    if (buf.size() >= limits_.max_head_bytes)
      refuse(fd, 431, "head_too_large", "the request head is over " + std::to_string(limits_.max_head_bytes) + " bytes");
    return;
  }
  if (auto refusal = check_request_head(std::string_view(buf).substr(0, end), limits_.max_body_bytes))
    return refuse(fd, refusal->status, refusal->code, refusal->message);
  epoll_ctl(epoll_fd_, EPOLL_CTL_DEL, fd, nullptr);
  w.ready = true;
  ready_.push_back(fd);
}

void FrontDoor::refuse(int fd, int status, const std::string& code, const std::string& message) {
  log_event("warn", "request_refused", {{"status", status}, {"code", code}, {"message", message},
                                        {"remote", waiting_[fd].address}});
  std::string body = nlohmann::json{{"error", {{"code", code}, {"message", message}}}}.dump();
  std::string answer = "HTTP/1.1 " + std::to_string(status) + " " + reason(status) +
                       "\r\nX-Werkcheck-Server: 1\r\nContent-Type: application/json\r\nCache-Control: no-store\r\n"
                       "Connection: close\r\n"
                       "Content-Length: " + std::to_string(body.size()) + "\r\n\r\n" + body;
  // The answer is small; the socket's send buffer takes it whole (a client that does not read
  // loses it, which is its own doing).
  [[maybe_unused]] auto sent = send(fd, answer.data(), answer.size(), MSG_NOSIGNAL | MSG_DONTWAIT);
  start_closing(fd);
}

void FrontDoor::start_closing(int fd) {
  Waiting& w = waiting_[fd];
  shutdown(fd, SHUT_WR);
  w.closing = true;
  w.close_by = Clock::now() + kLinger;
  if (w.ready) {  // TLS or a ready head: not in epoll yet
    epoll_event ev{};
    ev.events = EPOLLIN | EPOLLRDHUP;
    ev.data.fd = fd;
    epoll_ctl(epoll_fd_, EPOLL_CTL_ADD, fd, &ev);
    w.ready = false;
  }
  // What the client still sends is read and dropped (on_readable), until it closes or the time is up.
  on_readable(fd);
}

void FrontDoor::close_waiting(int fd) {
  auto it = waiting_.find(fd);
  if (it == waiting_.end()) return;
  epoll_ctl(epoll_fd_, EPOLL_CTL_DEL, fd, nullptr);
  close(fd);
  std::string address = it->second.address;
  waiting_.erase(it);
  release_address(address);
}

void FrontDoor::release_address(const std::string& address) {
  std::lock_guard lock(mu_);
  --open_;
  if (auto it = per_address_.find(address); it != per_address_.end() && --it->second == 0) per_address_.erase(it);
}

void FrontDoor::expire(Clock::time_point now) {
  std::vector<int> late, done;
  for (auto& [fd, w] : waiting_) {
    if (w.closing) {
      if (now >= w.close_by) done.push_back(fd);
    } else if (!w.ready && now - w.accepted >= limits_.head_deadline) {
      late.push_back(fd);
    } else if (w.ready && now - w.accepted >= limits_.request_deadline) {
      done.push_back(fd);  // waited for a worker all this time: the client has given up
    }
  }
  for (int fd : late) refuse(fd, 408, "request_timeout", "the request head did not arrive in time");
  for (int fd : done) close_waiting(fd);
  std::lock_guard lock(mu_);
  for (auto& [id, a] : active_)
    if (!a.shut && now >= a.deadline) {
      a.shut = true;
      shutdown(a.guard_fd, SHUT_RDWR);  // the worker's read or write returns; httplib closes
      log_event("warn", "request_deadline", {{"remote", a.address}});
    }
}

void FrontDoor::dispatch_ready() {
  while (!ready_.empty()) {
    int fd = ready_.front();
    auto it = waiting_.find(fd);
    if (it == waiting_.end() || !it->second.ready) {
      ready_.pop_front();
      continue;
    }
    {
      std::lock_guard lock(mu_);
      if (workers_ >= limits_.max_workers) return;
    }
    ready_.pop_front();
    dispatch(fd);
  }
}

void FrontDoor::dispatch(int fd) {
  Waiting w = waiting_[fd];
  waiting_.erase(fd);
  set_blocking(fd, true);
  set_timeouts(fd, limits_.read_timeout_s, limits_.write_timeout_s);
  int guard = dup(fd);
  uint64_t id;
  {
    std::lock_guard lock(mu_);
    id = next_id_++;
    active_[id] = Active{guard, w.address, w.accepted + limits_.request_deadline};
    ++workers_;
  }
  try {
    std::thread([this, fd, id] { worker(fd, id); }).detach();
  } catch (const std::system_error& e) {
    log_event("error", "worker_not_started", {{"error", e.what()}});
    close(fd);
    std::lock_guard lock(mu_);
    close(active_[id].guard_fd);
    active_.erase(id);
    --workers_;
    --open_;
    if (auto it = per_address_.find(w.address); it != per_address_.end() && --it->second == 0) per_address_.erase(it);
  }
}

void FrontDoor::worker(int fd, uint64_t id) {
  current_door = this;
  current_id = id;
  current_mu = &mu_;
  current_started = Clock::now();
  // httplib reads the head (already here, and checked) and the body, answers, and closes fd.
  httplib_access::process_and_close_socket(server_, fd);
  current_door = nullptr;
  std::lock_guard lock(mu_);
  auto it = active_.find(id);
  close(it->second.guard_fd);  // only now can the number be reused: the watchdog is done with it
  --open_;
  if (auto a = per_address_.find(it->second.address); a != per_address_.end() && --a->second == 0) per_address_.erase(a);
  active_.erase(it);
  if (--workers_ == 0) workers_done_.notify_all();
  uint64_t one = 1;  // a worker is free: wake the epoll thread for heads that wait
  [[maybe_unused]] auto n = write(wake_fd_, &one, sizeof one);
}

std::optional<std::chrono::steady_clock::time_point> FrontDoor::request_started() {
  if (!current_door) return std::nullopt;
  return current_started;
}

void FrontDoor::request_read() {
  if (!current_door) return;
  std::lock_guard lock(*current_mu);
  auto it = current_door->active_.find(current_id);
  if (it != current_door->active_.end())
    it->second.deadline = Clock::now() + current_door->limits_.answer_deadline;
}

}  // namespace wk::server
