#include "store/pg_connection.h"

#include <libpq-fe.h>
#include <poll.h>

#include <cstdlib>
#include <regex>

namespace wk::server::pg {

namespace {

// SQLSTATEs that mean "the server is not there right now", not "your query is wrong":
// connection exceptions (08…), shutting down or starting up (57P01-57P03), too many connections.
bool unavailable_state(const std::string& s) {
  return s.rfind("08", 0) == 0 || s == "57P01" || s == "57P02" || s == "57P03" || s == "53300";
}

std::string trimmed(const char* msg) {
  std::string m = msg ? msg : "";
  while (!m.empty() && (m.back() == '\n' || m.back() == ' ')) m.pop_back();
  return m;
}

}  // namespace

// ---- Result ----

Result::Result(pg_result* r) : r_(r) {}
Result::~Result() { PQclear(r_); }
Result::Result(Result&& o) noexcept : r_(o.r_) { o.r_ = nullptr; }
int Result::rows() const { return PQntuples(r_); }
int64_t Result::affected() const {
  const char* n = PQcmdTuples(r_);
  return n && *n ? std::strtoll(n, nullptr, 10) : 0;
}
bool Result::is_null(int row, int col) const { return PQgetisnull(r_, row, col) != 0; }
std::string Result::text(int row, int col) const {
  return std::string(PQgetvalue(r_, row, col), static_cast<size_t>(PQgetlength(r_, row, col)));
}
int64_t Result::int64(int row, int col) const { return std::strtoll(PQgetvalue(r_, row, col), nullptr, 10); }
bool Result::boolean(int row, int col) const { return PQgetvalue(r_, row, col)[0] == 't'; }
std::string Result::bytes(int row, int col) const {
  size_t n = 0;
  unsigned char* raw = PQunescapeBytea(reinterpret_cast<const unsigned char*>(PQgetvalue(r_, row, col)), &n);
  if (!raw) throw PgError("", "cannot decode a bytea value");
  std::string out(reinterpret_cast<const char*>(raw), n);
  PQfreemem(raw);
  return out;
}
std::optional<std::string> Result::opt_text(int row, int col) const {
  if (is_null(row, col)) return std::nullopt;
  return text(row, col);
}
std::optional<int64_t> Result::opt_int64(int row, int col) const {
  if (is_null(row, col)) return std::nullopt;
  return int64(row, col);
}

// ---- Connection ----

namespace {
// Defaults the URL may override (its values come after these): give up connecting after 10 s
// rather than hold a request, and name the program in pg_stat_activity.
PGconn* connect(const std::string& url) {
  const char* keys[] = {"connect_timeout", "application_name", "dbname", nullptr};
  const char* values[] = {"10", "werkcheck-server", url.c_str(), nullptr};
  return PQconnectdbParams(keys, values, 1);
}
}  // namespace

Connection::Connection(const std::string& url) : c_(connect(url)) {
  if (!c_ || PQstatus(c_) != CONNECTION_OK) {
    std::string why = c_ ? trimmed(PQerrorMessage(c_)) : "out of memory";
    PQfinish(c_);
    throw StoreUnavailable("cannot connect to PostgreSQL at " + redact(url) + ": " + why);
  }
  // Warnings (NOTICE: relation already exists, …) stay out of the server's log.
  PQsetNoticeProcessor(c_, [](void*, const char*) {}, nullptr);
}

Connection::~Connection() { PQfinish(c_); }

Result Connection::check(pg_result* r, const std::string& sql) {
  ExecStatusType st = r ? PQresultStatus(r) : PGRES_FATAL_ERROR;
  if (st == PGRES_COMMAND_OK || st == PGRES_TUPLES_OK) return Result(r);
  const char* state_c = r ? PQresultErrorField(r, PG_DIAG_SQLSTATE) : nullptr;
  std::string state = state_c ? state_c : "";
  std::string msg = trimmed(r ? PQresultErrorMessage(r) : PQerrorMessage(c_));
  if (msg.empty()) msg = trimmed(PQerrorMessage(c_));
  PQclear(r);
  if (PQstatus(c_) != CONNECTION_OK || unavailable_state(state)) {
    broken_ = true;
    throw StoreUnavailable("PostgreSQL connection lost: " + msg);
  }
  throw PgError(state, msg + " (in: " + sql.substr(0, 80) + ")");
}

Result Connection::exec(const std::string& sql, const std::vector<Param>& params) {
  std::vector<const char*> values;
  std::vector<int> lengths, formats;
  for (const auto& p : params) {
    // libpq sends text up to its first NUL: refuse rather than store a cut-off value.
    if (!p.binary && p.value && p.value->find('\0') != std::string::npos)
      throw PgError("22021", "a text value holds a NUL character, which PostgreSQL cannot store");
    values.push_back(p.value ? p.value->data() : nullptr);
    lengths.push_back(p.value ? static_cast<int>(p.value->size()) : 0);
    formats.push_back(p.binary ? 1 : 0);
  }
  return check(PQexecParams(c_, sql.c_str(), static_cast<int>(params.size()), nullptr, values.data(),
                            lengths.data(), formats.data(), 0),
               sql);
}

void Connection::exec_script(const std::string& sql) { check(PQexec(c_, sql.c_str()), sql); }

bool Connection::healthy() {
  if (broken_ || PQstatus(c_) != CONNECTION_OK) return false;
  // An idle connection has nothing to read. Anything readable means the server said goodbye
  // ("terminating connection": it shut down or restarted, or an administrator ended the
  // backend) or closed the socket. libpq would only notice at the next query, which would then
  // fail; such a connection is dropped here instead and the caller gets a fresh one.
  pollfd p{PQsocket(c_), POLLIN, 0};
  return poll(&p, 1, 0) == 0;
}

// ---- Pool ----

Pool::Pool(std::string url, size_t max_connections) : url_(std::move(url)), max_(max_connections ? max_connections : 1) {}
Pool::~Pool() = default;

std::unique_ptr<Connection> Pool::take() {
  std::unique_lock lock(mu_);
  for (;;) {
    while (!idle_.empty()) {
      auto c = std::move(idle_.back());
      idle_.pop_back();
      if (c->healthy()) return c;
      --open_;  // gone stale while idle (PostgreSQL restarted): drop it, try the next or a new one
    }
    if (open_ < max_) break;
    freed_.wait(lock);
  }
  ++open_;
  lock.unlock();
  try {
    return std::make_unique<Connection>(url_);
  } catch (...) {
    std::lock_guard relock(mu_);
    --open_;
    freed_.notify_one();
    throw;
  }
}

void Pool::give_back(std::unique_ptr<Connection> c) {
  std::lock_guard lock(mu_);
  if (c && c->healthy())
    idle_.push_back(std::move(c));
  else
    --open_;
  freed_.notify_one();
}

Pool::Lease::Lease(Pool& p) : pool(p), conn(p.take()) {}
Pool::Lease::~Lease() { pool.give_back(std::move(conn)); }

void Pool::transaction(const std::function<void(Connection&)>& fn) {
  Lease l(*this);
  l.conn->exec("BEGIN");
  try {
    fn(*l.conn);
    l.conn->exec("COMMIT");
  } catch (...) {
    if (l.conn->healthy()) {
      try {
        l.conn->exec("ROLLBACK");
      } catch (...) {  // the connection is marked broken and leaves the pool; PostgreSQL rolls back
      }
    }
    throw;
  }
}

bool is_url(const std::string& db) { return db.rfind("postgresql://", 0) == 0 || db.rfind("postgres://", 0) == 0; }

std::string redact(const std::string& url) {
  // scheme://user:password@host → scheme://user:***@host; a password=… parameter likewise.
  static const std::regex in_authority(R"(^(postgres(?:ql)?://[^:@/]*):[^@/]*@)");
  static const std::regex in_query(R"(([?&]password=)[^&]*)");
  return std::regex_replace(std::regex_replace(url, in_authority, "$1:***@"), in_query, "$1***");
}

}  // namespace wk::server::pg
