#pragma once
// Kiosk settings, and the one module that reads or writes <data>/kiosk.json. Command-line
// flags override the file. Physical screen size is what lets the layout work in millimetres
// (20 mm targets, text size by viewing distance), so it belongs to the installation, not the code.
#include <optional>
#include <string>
#include <vector>

namespace wk {

struct KioskConfig {
  std::string data_dir;
  std::string content_dir;
  bool windowed = false;
  int window_width = 1280;   // only with --windowed
  int window_height = 800;
  // Physical width of the whole display in millimetres. 0: ask the display (DPI), else 96 DPI.
  double screen_width_mm = 0;
  double screen_dpi = 0;           // alternative to screen_width_mm
  double viewing_distance_cm = 50; // EN 301 549 5.1.4: cap height >= 0.7 degrees from here
  double idle_timeout_s = 60;      // no touch for this long -> "Ben je er nog?"
  double idle_prompt_s = 30;       // how long that prompt waits (>= 20 s, WCAG 2.2.1)
  std::string default_locale = "nl";
  // Languages (PO Language codes) this kiosk never offers, e.g. {"tr"}: switched off by the
  // operator (menu or kiosk.json "languages_off"). Their sessions still reach the coach.
  std::vector<std::string> languages_off;
  bool language_off(const std::string& code) const;
  std::string region = "Nederland";  // labour-market region for prospects (a row of prospects.csv)
  int volume_percent = 80;         // the operator's level; each participant starts here
  // Sound goes to headphones or a handset (private listening, EN 301 549 5.1.3.9): the
  // participant's volume is capped (sound/volume.h) and the start says to put them on.
  bool headphones = false;
  std::string operator_pin_hash;   // argon2id (libsodium); empty: the documented demo PIN
  std::string ui_dump_path;        // WERKCHECK_UI_DUMP
  // Sync with the central server (sync/client; the credential lives in <data>/device.json).
  std::string server_url;          // e.g. "https://sync.example.org"; empty: no sync
  std::string ca_file;             // optional CA bundle for the server's certificate
  int retention_days = 30;         // confirmed sessions are deleted from the kiosk after this
  double sync_interval_s = 60;     // between sync rounds when all is well
  double sync_stall_timeout_s = 30;  // a transfer slower than 1 byte/s for this long is dropped
  // The CUPS queue a participant's take-home slip goes to (app/print); empty: no printer, so
  // no print button.
  std::string printer;
};

// <data_dir>/kiosk.json
std::string kiosk_settings_path(const std::string& data_dir);

// Loads <config.data_dir>/kiosk.json over config. No file: unchanged. Returns an error text
// for a malformed file or a value out of range.
std::optional<std::string> load_kiosk_settings(KioskConfig& config);

// Applies a command-line flag (--windowed, --size, --screen-width-mm, --dpi,
// --viewing-distance-cm, --idle-timeout) with the same ranges as the file. Returns an error text.
std::optional<std::string> apply_setting_flag(KioskConfig& config, const std::string& flag, const std::string& value);
// A number from lo to hi, or an error text naming flag (also for other commands' flags).
std::optional<std::string> parse_setting_number(const std::string& flag, const std::string& text, double lo, double hi,
                                                double& out);

// Writes what an operator can change on the kiosk (volume, headphones, languages); the rest of the file stays.
bool save_operator_settings(const KioskConfig& config);
// `werkcheck set-pin`: stores the hash, keeping the other settings. Returns an error text.
std::optional<std::string> save_operator_pin_hash(const std::string& data_dir, const std::string& hash);
// `werkcheck enroll`: remembers where to sync, keeping the other settings.
bool save_server_url(const std::string& data_dir, const std::string& server_url);

inline constexpr const char* kDemoOperatorPin = "2580";

// Operator PIN check against the configured argon2id hash (or the demo PIN when none is set).
bool check_operator_pin(const KioskConfig& config, const std::string& pin);
std::string hash_operator_pin(const std::string& pin);  // for `werkcheck set-pin`

}  // namespace wk
