#pragma once
// Kiosk settings. Read from <data>/kiosk.json when present; command-line flags override.
// Physical screen size is what lets the layout work in millimetres (20 mm targets, text
// size by viewing distance), so it belongs to the installation, not the code.
#include <optional>
#include <string>

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
  double viewing_distance_cm = 50; // ACCESSIBILITY.md item 4: cap height >= 0.7 degrees from here
  double idle_timeout_s = 60;      // no touch for this long -> "Ben je er nog?"
  double idle_prompt_s = 30;       // how long that prompt waits (>= 20 s, WCAG 2.2.1)
  std::string default_locale = "nl";
  std::string region = "Nederland";  // labour-market region for prospects (a row of prospects.csv)
  int volume_percent = 80;
  std::string operator_pin_hash;   // argon2id (libsodium); empty: the documented demo PIN
  std::string ui_dump_path;        // WERKCHECK_UI_DUMP
  // Sync with the central server (sync/client; the credential lives in <data>/device.json).
  std::string server_url;          // e.g. "https://sync.example.org"; empty: no sync
  std::string ca_file;             // optional CA bundle for the server's certificate
  int retention_days = 30;         // confirmed sessions are deleted from the kiosk after this
  double sync_interval_s = 60;     // between sync rounds when all is well
  double sync_stall_timeout_s = 30;  // a transfer slower than 1 byte/s for this long is dropped

  // Loads <data_dir>/kiosk.json over the defaults. Returns an error text for a malformed file.
  std::optional<std::string> load_file(const std::string& path);
  // Writes the settings an operator can change on the kiosk (volume, language).
  bool save_operator_settings(const std::string& path) const;
};

inline constexpr const char* kDemoOperatorPin = "2580";

// Operator PIN check against the configured argon2id hash (or the demo PIN when none is set).
bool check_operator_pin(const KioskConfig& config, const std::string& pin);
std::string hash_operator_pin(const std::string& pin);  // for `werkcheck set-pin`

}  // namespace wk
