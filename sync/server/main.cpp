// werkcheck-server: the central server of werkcheck (sync/API.md).
//   werkcheck-server --db FILE|postgresql://… --listen 127.0.0.1:8080 [--cert FILE --key FILE]
//   werkcheck-server admin --db FILE|postgresql://… <command> ...
#include <signal.h>
#include <sys/stat.h>
#include <sodium.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <thread>

#include "coach/coach_pages.h"
#include "coach/kiosk_overview.h"
#include "content_key.h"
#include "front_door/front_door.h"
#include "http_api.h"
#include "migrate/migrate_to_postgres.h"
#include "store/open_store.h"
#include "ops/ops_routes.h"

namespace fs = std::filesystem;
using nlohmann::json;
using namespace wk::server;

namespace {

int usage() {
  std::cerr << "usage:\n"
               "  werkcheck-server --db FILE --listen HOST:PORT [--cert FILE --key FILE] [--threads N]\n"
               "                   [--head-deadline SECONDS] [--request-deadline SECONDS]\n"
               "                   (--threads: requests handled at once, default 600; deadlines from accept\n"
               "                    until the head (default 10) and the whole request (default 60) have arrived)\n"
               "                   [--content PACK_DIR] [--web COACH_WEB_DIR] [--region NAME] [--coach-idle-seconds N]\n"
               "                   [--trust-forwarded-for] [--secure-cookies] [--timezone ZONE]\n"
               "                   [--metrics-token-file FILE] [--silent-days N]\n"
               "                   (/metrics: loopback only, or with the token in FILE; kiosks silent over N days\n"
               "                    (default 3) come first on the admin's kiosk page)\n"
               "  --db is the SQLite file, or postgresql://USER:PASSWORD@HOST/DATABASE for PostgreSQL;\n"
               "  the content-signing key is kept in the database; --signing-key FILE imports a key file\n"
               "  once (with SQLite, FILE.signing-key beside the database is imported when it is there)\n"
               "  werkcheck-server admin --db FILE create-org NAME\n"
               "  werkcheck-server admin --db FILE enroll-code --org ID [--valid-days N]\n"
               "  werkcheck-server admin --db FILE create-coach --org ID --user NAME [--role coach|admin|employer | --admin]\n"
               "                                   (password on stdin; --admin means --role admin; default coach)\n"
               "  werkcheck-server admin --db FILE revoke-kiosk KIOSK_ID\n"
               "  werkcheck-server admin --db FILE set-kiosk-group KIOSK_ID GROUP   (\"\" removes the group)\n"
               "  werkcheck-server admin --db FILE list-kiosks [--silent-days N]   (needing a look first)\n"
               "  werkcheck-server admin --db FILE publish-content --dir PACK_DIR\n"
               "  werkcheck-server admin --db FILE public-key\n"
               "  werkcheck-server admin migrate --from FILE --to postgresql://… [--dry-run]   (--db FILE as --from)\n"
               "                   (copies every row into an empty PostgreSQL database in one transaction,\n"
               "                    compares rows and SHA-256 per table, refuses a second run)\n";
  return 2;
}

// The content-signing key is kept in the database (content_key.h), so every server instance on
// it signs with the same key; a key file (`key_file`: --signing-key, or DB.signing-key beside an
// older SQLite database) is imported once and must then stay the same key.
SigningKey open_key(SigningKeyStore& store, const std::string& key_file) {
  return open_content_key(store, key_file);
}

std::string flag(std::vector<std::string>& args, const std::string& name, bool& found) {
  auto it = std::find(args.begin(), args.end(), name);
  found = it != args.end();
  if (!found) return "";
  if (it + 1 == args.end()) throw std::runtime_error(name + " needs a value");
  std::string v = *(it + 1);
  args.erase(it, it + 2);
  return v;
}
std::string flag(std::vector<std::string>& args, const std::string& name) {
  bool found;
  return flag(args, name, found);
}
bool switch_flag(std::vector<std::string>& args, const std::string& name) {
  auto it = std::find(args.begin(), args.end(), name);
  if (it == args.end()) return false;
  args.erase(it);
  return true;
}

// A key file to import into the database once: --signing-key, or DB.signing-key beside an older
// SQLite database. A PostgreSQL database has no "beside": without the flag there is none (the key
// is made in the database, or is there already).
std::string signing_key_path(std::vector<std::string>& args, const std::string& db) {
  std::string path = flag(args, "--signing-key");
  if (!path.empty()) return path;
  return is_postgres_url(db) ? "" : key_path_for_db(db);
}

// --silent-days: the admin's kiosk list calls a kiosk silent after this many days.
int silent_days_option(const std::string& v) {
  try {
    size_t used = 0;
    const int days = std::stoi(v, &used);
    if (used == v.size() && days >= 1 && days <= 365) return days;
  } catch (const std::logic_error&) {
  }
  throw std::runtime_error("--silent-days needs a whole number of days from 1 to 365, not '" + v + "'");
}

std::string read_file(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  if (!in) throw std::runtime_error("cannot read " + p.string());
  return std::string((std::istreambuf_iterator<char>(in)), {});
}

int publish_content(KioskSyncStore& store, const SigningKey& key, const fs::path& dir) {
  if (!fs::is_directory(dir)) throw std::runtime_error(dir.string() + " is not a directory");
  std::vector<ContentFileIn> files;
  for (const auto& e : fs::recursive_directory_iterator(dir)) {
    if (!e.is_regular_file()) continue;
    std::string rel = fs::relative(e.path(), dir).generic_string();
    ContentFileIn f{rel, "", read_file(e.path())};
    f.sha256 = sha256_hex(f.data);
    files.push_back(std::move(f));
  }
  std::sort(files.begin(), files.end(), [](const auto& a, const auto& b) { return a.path < b.path; });
  std::string pack_id = dir.filename().string(), version = now_iso();
  if (fs::exists(dir / "check.json")) {
    json check = json::parse(read_file(dir / "check.json"));
    pack_id = check.value("id", pack_id);
    version = check.value("version", version);
  }
  json manifest = {{"pack_id", pack_id}, {"version", version}, {"created_at", now_iso()}, {"files", json::array()}};
  size_t total = 0;
  for (const auto& f : files) {
    manifest["files"].push_back({{"path", f.path}, {"sha256", f.sha256}, {"size", f.data.size()}});
    total += f.data.size();
  }
  std::string bytes = manifest.dump();
  store.publish_content(bytes, key.sign(bytes), files, now_iso());
  std::cout << "published " << pack_id << " " << version << ": " << files.size() << " files, " << total
            << " bytes\n";
  return 0;
}

int admin(std::vector<std::string> args) {
  std::string db = flag(args, "--db");
  if (!args.empty() && args[0] == "migrate") {  // --from, or --db as the installed wrapper gives it
    args.erase(args.begin());
    wk::server::migrate::Options o;
    o.dry_run = switch_flag(args, "--dry-run");
    o.from = flag(args, "--from");
    o.to = flag(args, "--to");
    if (o.from.empty()) o.from = db;
    if (o.from.empty() || o.to.empty() || !args.empty()) return usage();
    return wk::server::migrate::migrate_to_postgres(o, std::cout);
  }
  if (db.empty() || args.empty()) return usage();
  const std::string key_path = signing_key_path(args, db);
  if (args.empty()) return usage();
  std::string cmd = args.front();
  args.erase(args.begin());
  auto opened = open_store(db);
  ServerStore& store = *opened;

  if (cmd == "create-org") {
    if (args.size() != 1 || args[0].empty()) return usage();
    std::cout << store.create_organisation(args[0]) << "\n";
    return 0;
  }
  if (cmd == "enroll-code") {
    std::string org = flag(args, "--org");
    bool has_days;
    std::string days_s = flag(args, "--valid-days", has_days);
    int days = has_days ? std::stoi(days_s) : 7;
    if (org.empty() || days < 1 || days > 365 || !args.empty()) return usage();
    if (!store.organisation(org)) throw std::runtime_error("no organisation " + org);
    std::string code = new_enrollment_code();
    store.add_enrollment_code(blake2b_hex(normalise_enrollment_code(code)), org, iso_after_days(days));
    std::cout << code << "\n";
    return 0;
  }
  if (cmd == "create-coach") {
    std::string org = flag(args, "--org"), user = flag(args, "--user");
    bool is_admin = switch_flag(args, "--admin"), has_role = false;
    std::string role = flag(args, "--role", has_role);
    if (!has_role) role = is_admin ? "admin" : "coach";
    if (is_admin && role != "admin") return usage();
    if (role != "coach" && role != "admin" && role != "employer") return usage();
    if (org.empty() || user.empty() || !args.empty()) return usage();
    if (!store.organisation(org)) throw std::runtime_error("no organisation " + org);
    std::string password;
    std::getline(std::cin, password);
    if (!password.empty() && password.back() == '\r') password.pop_back();
    if (password.size() < 10) throw std::runtime_error("the password must have at least 10 characters");
    char hash[crypto_pwhash_STRBYTES];
    if (crypto_pwhash_str_alg(hash, password.data(), password.size(), crypto_pwhash_OPSLIMIT_INTERACTIVE,
                              crypto_pwhash_MEMLIMIT_INTERACTIVE, crypto_pwhash_ALG_ARGON2ID13) != 0)
      throw std::runtime_error("out of memory while hashing the password");
    sodium_memzero(password.data(), password.size());
    store.create_coach(org, user, hash, role);
    std::cout << "created " << role << " " << user << "\n";
    return 0;
  }
  if (cmd == "revoke-kiosk") {
    if (args.size() != 1) return usage();
    if (!store.revoke_kiosk(args[0])) throw std::runtime_error("no kiosk " + args[0]);
    std::cout << "revoked " << args[0] << "\n";
    return 0;
  }
  if (cmd == "set-kiosk-group") {
    if (args.size() != 2) return usage();
    std::optional<KioskInfo> kiosk;
    for (auto& k : store.list_kiosks())
      if (k.id == args[0]) kiosk = std::move(k);
    if (!kiosk || !store.set_kiosk_group(kiosk->organisation_id, kiosk->id, args[1]))
      throw std::runtime_error("no kiosk " + args[0]);
    std::cout << "kiosk " << args[0] << " group " << json(args[1]).dump() << "\n";
    return 0;
  }
  if (cmd == "list-kiosks") {
    // The order of the admin's kiosk page (coach/kiosk_overview.h): those that need a look first.
    bool has_days;
    std::string days_s = flag(args, "--silent-days", has_days);
    const int days = has_days ? silent_days_option(days_s) : 3;
    if (!args.empty()) return usage();
    auto current = store.current_content();
    for (const auto& s : wk::coach::kiosk_overview(store.list_kiosks(),
                                                   current ? wk::coach::manifest_version(current->manifest) : std::nullopt,
                                                   days, std::time(nullptr))) {
      const auto& k = s.kiosk;
      json j = {{"id", k.id},
                {"needs_look", s.needs_look()},
                {"silent", s.silent},
                {"behind_on_content", s.behind},
                {"organisation", {{"id", k.organisation_id}, {"name", k.organisation_name}}},
                {"enrolled_at", k.enrolled_at},
                {"group", k.group},
                {"revoked", k.revoked}};
      auto opt = [](const auto& o) { return o ? json(*o) : json(nullptr); };
      j["last_heartbeat_at"] = opt(k.last_heartbeat_at);
      j["app_version"] = opt(k.app_version);
      j["content_version"] = opt(k.content_version);
      j["last_sync"] = opt(k.last_sync);
      j["pending"] = opt(k.pending);
      j["free_disk_bytes"] = opt(k.free_disk_bytes);
      std::cout << j.dump() << "\n";
    }
    return 0;
  }
  if (cmd == "publish-content") {
    std::string dir = flag(args, "--dir");
    if (dir.empty() || !args.empty()) return usage();
    return publish_content(store, open_key(store, key_path), dir);
  }
  if (cmd == "public-key") {
    std::cout << to_base64(open_key(store, key_path).public_key) << "\n";
    return 0;
  }
  return usage();
}

int serve(std::vector<std::string> args) {
  std::string db = flag(args, "--db"), listen = flag(args, "--listen"), cert = flag(args, "--cert"),
              keyfile = flag(args, "--key"), threads_s = flag(args, "--threads"),
              head_s = flag(args, "--head-deadline"), request_s = flag(args, "--request-deadline");
  const std::string key_path = signing_key_path(args, db);
  // The coach pages' content pack and templates; by default next to the executable (the build tree).
  wk::coach::CoachOptions coach;
  const fs::path exe_dir = fs::read_symlink("/proc/self/exe").parent_path();
  coach.content_dir = flag(args, "--content");
  coach.web_dir = flag(args, "--web");
  if (coach.content_dir.empty()) coach.content_dir = (exe_dir / "content").string();
  if (coach.web_dir.empty()) coach.web_dir = (exe_dir / "coach-web").string();
  bool has_region, has_idle;
  std::string region = flag(args, "--region", has_region), idle = flag(args, "--coach-idle-seconds", has_idle);
  if (has_region) coach.region = region;
  if (has_idle) coach.idle_seconds = std::stol(idle);
  bool has_silent;
  std::string silent = flag(args, "--silent-days", has_silent);
  if (has_silent) coach.silent_days = silent_days_option(silent);
  OpsOptions ops;
  if (std::string token_file = flag(args, "--metrics-token-file"); !token_file.empty())
    ops.metrics_token = read_metrics_token(token_file);
  // Secure cookies under TLS, also when a proxy in front terminates TLS (--secure-cookies).
  coach.tls = !cert.empty() || switch_flag(args, "--secure-cookies");
  coach.trust_forwarded_for = switch_flag(args, "--trust-forwarded-for");
  // Times on the coach pages are shown in this zone; the database keeps UTC.
  bool has_tz;
  std::string tz = flag(args, "--timezone", has_tz);
  setenv("TZ", has_tz ? tz.c_str() : "Europe/Amsterdam", 1);
  tzset();
  if (listen.empty()) listen = "127.0.0.1:8080";
  if (db.empty() || !args.empty() || cert.empty() != keyfile.empty()) return usage();
  auto colon = listen.rfind(':');
  if (colon == std::string::npos) return usage();
  std::string host = listen.substr(0, colon);
  if (host.size() > 2 && host.front() == '[' && host.back() == ']') host = host.substr(1, host.size() - 2);
  int port = std::stoi(listen.substr(colon + 1));

  // SIGTERM/SIGINT are taken by a thread of their own (sigwait), which stops the server.
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, SIGTERM);
  sigaddset(&set, SIGINT);
  pthread_sigmask(SIG_BLOCK, &set, nullptr);
  signal(SIGPIPE, SIG_IGN);

  auto opened = open_store(db);
  ServerStore& store = *opened;
  SigningKey key = open_key(store, key_path);

  std::unique_ptr<httplib::Server> server;
  if (!cert.empty()) {
    auto tls = std::make_unique<httplib::SSLServer>(cert.c_str(), keyfile.c_str());
    if (!tls->is_valid()) throw std::runtime_error("cannot load the TLS certificate " + cert + " and key " + keyfile);
    server = std::move(tls);
  } else {
    server = std::make_unique<httplib::Server>();
  }
  // The front door (front_door/front_door.h) accepts, waits for whole request heads, checks
  // their framing and holds the deadlines; httplib handles each request after that.
  FrontDoorLimits limits;
  if (!threads_s.empty()) limits.max_workers = std::max<size_t>(1, std::stoul(threads_s));
  if (!head_s.empty()) limits.head_deadline = std::chrono::milliseconds(std::llround(std::stod(head_s) * 1000));
  if (!request_s.empty()) limits.request_deadline = std::chrono::milliseconds(std::llround(std::stod(request_s) * 1000));
  FrontDoor door(*server, !cert.empty(), limits);
  install_api(*server, store, store, key, wk::coach::install_coach_pages(*server, store, coach));
  install_ops_routes(*server, store, ops);

  int bound = door.bind(host, port);
  if (bound < 0) throw std::runtime_error("cannot listen on " + listen);

  std::thread signals([&] {
    int sig = 0;
    sigwait(&set, &sig);
    log_event("info", "stopping", {{"signal", sig == SIGTERM ? "SIGTERM" : "SIGINT"}});
    door.stop();
  });
  signals.detach();

  log_event("info", "listening",
            {{"host", host},
             {"port", bound},
             {"tls", !cert.empty()},
             {"db", db_for_log(db)},
             {"content_public_key", to_base64(key.public_key)},
             {"sessions", store.session_count()}});
  door.run();
  log_event("info", "stopped");
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  if (sodium_init() < 0) {
    std::cerr << "werkcheck-server: libsodium failed to initialise\n";
    return 1;
  }
  umask(077);  // the database holds participants' answers and the signing key
  std::vector<std::string> args(argv + 1, argv + argc);
  try {
    if (!args.empty() && args[0] == "admin") return admin({args.begin() + 1, args.end()});
    if (args.empty() || args[0] == "--help" || args[0] == "-h") return usage();
    return serve(args);
  } catch (const std::exception& e) {
    if (!args.empty() && args[0] == "admin")
      std::cerr << "werkcheck-server admin: " << e.what() << "\n";
    else
      log_event("error", "fatal", {{"error", e.what()}});
    return 1;
  }
}
