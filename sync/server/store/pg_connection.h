#pragma once
// The PostgreSQL store's connection layer on libpq: a pool of connections shared by the HTTP
// worker threads, queries with parameters only ($1, $2, ...; values never go into the SQL
// text), and transactions. A connection that cannot be made or is lost throws
// StoreUnavailable (store_unavailable.h) and leaves the pool; the next call connects afresh,
// so the server carries on once PostgreSQL is back. Any other error is a PgError.
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "store/store_unavailable.h"

struct pg_conn;
struct pg_result;

namespace wk::server::pg {

// An error PostgreSQL reported (a broken constraint, bad SQL): `sqlstate` is its five-letter code.
struct PgError : std::runtime_error {
  PgError(std::string state, const std::string& what) : std::runtime_error(what), sqlstate(std::move(state)) {}
  std::string sqlstate;
};

// One parameter: text, SQL NULL, or bytes sent as bytea.
struct Param {
  Param(std::string v) : value(std::move(v)) {}  // NOLINT: implicit on purpose, for brace lists
  Param(const char* v) : value(std::string(v)) {}
  Param(int64_t v) : value(std::to_string(v)) {}
  Param(int v) : value(std::to_string(v)) {}
  Param(bool v) : value(v ? "true" : "false") {}
  Param(std::optional<std::string> v) : value(std::move(v)) {}
  static Param bytes(std::string v) {
    Param p(std::move(v));
    p.binary = true;
    return p;
  }
  std::optional<std::string> value;
  bool binary = false;
};

// A query's rows, in PostgreSQL's text format.
class Result {
 public:
  explicit Result(pg_result* r);
  ~Result();
  Result(Result&& o) noexcept;
  Result(const Result&) = delete;
  Result& operator=(const Result&) = delete;
  Result& operator=(Result&&) = delete;

  int rows() const;
  int64_t affected() const;  // rows an INSERT/UPDATE/DELETE touched
  bool is_null(int row, int col) const;
  std::string text(int row, int col) const;
  int64_t int64(int row, int col) const;
  bool boolean(int row, int col) const;        // PostgreSQL's 't' / 'f'
  std::string bytes(int row, int col) const;   // a bytea column, unescaped
  std::optional<std::string> opt_text(int row, int col) const;
  std::optional<int64_t> opt_int64(int row, int col) const;

 private:
  pg_result* r_;
};

class Connection {
 public:
  explicit Connection(const std::string& url);  // throws StoreUnavailable
  ~Connection();
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;

  Result exec(const std::string& sql, const std::vector<Param>& params = {});
  // Runs several statements without parameters (migrations only).
  void exec_script(const std::string& sql);
  // False once the link to the server is known to be gone (also noticed while idle).
  bool healthy();

 private:
  Result check(pg_result* r, const std::string& sql);
  pg_conn* c_;
  bool broken_ = false;
};

class Pool {
 public:
  Pool(std::string url, size_t max_connections);
  ~Pool();

  // Runs fn on a connection of its own.
  template <typename F>
  auto with(F&& fn) {
    Lease l(*this);
    return fn(*l.conn);
  }
  // fn in BEGIN ... COMMIT; an exception rolls back (or the lost connection does) and is rethrown.
  void transaction(const std::function<void(Connection&)>& fn);

 private:
  struct Lease {
    explicit Lease(Pool& p);
    ~Lease();
    Pool& pool;
    std::unique_ptr<Connection> conn;
  };
  std::unique_ptr<Connection> take();
  void give_back(std::unique_ptr<Connection> c);

  const std::string url_;
  const size_t max_;
  std::mutex mu_;
  std::condition_variable freed_;
  std::vector<std::unique_ptr<Connection>> idle_;
  size_t open_ = 0;  // idle and lent out
};

// "postgresql://…" or "postgres://…": the --db value names a PostgreSQL database.
bool is_url(const std::string& db);
// The URL without its password, for logs.
std::string redact(const std::string& url);

}  // namespace wk::server::pg
