#pragma once
// Operator log: one line per event, to stderr and (once opened) to a file in the data
// directory. Each line is a single write() so a kill never leaves half a line behind.
#include <string>
#include <string_view>

namespace wk::log {

enum class Level { Debug, Info, Warn, Error };

void open_file(const std::string& path);  // appends; keeps stderr too
void set_quiet(bool quiet);               // no stderr (tools that print data on stdout)
void write(Level level, std::string_view component, std::string_view message);

inline void info(std::string_view c, std::string_view m) { write(Level::Info, c, m); }
inline void warn(std::string_view c, std::string_view m) { write(Level::Warn, c, m); }
inline void error(std::string_view c, std::string_view m) { write(Level::Error, c, m); }

}  // namespace wk::log
