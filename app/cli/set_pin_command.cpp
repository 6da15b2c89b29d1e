#include "cli/commands.h"

#include <iostream>

#include "platform/files.h"
#include "settings/kiosk_settings.h"

namespace wk {

int set_pin_command(const CommandLine& cl) {
  std::string pin;
  std::getline(std::cin, pin);
  if (pin.size() < 4 || pin.size() > 12 || pin.find_first_not_of("0123456789") != std::string::npos) {
    std::cerr << "werkcheck set-pin: the PIN must be 4 to 12 digits\n";
    return 2;
  }
  files::make_dirs(cl.data_dir);
  KioskConfig config;
  config.data_dir = cl.data_dir;
  if (auto err = load_kiosk_settings(config)) {
    std::cerr << "werkcheck set-pin: " << *err << "\n";
    return 1;
  }
  if (auto err = save_operator_pin_hash(cl.data_dir, hash_operator_pin(pin))) {
    std::cerr << "werkcheck set-pin: " << *err << "\n";
    return 1;
  }
  std::cout << "operator PIN set in " << kiosk_settings_path(cl.data_dir) << "\n";
  return 0;
}

}  // namespace wk
