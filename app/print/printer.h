#pragma once
// Where a finished slip goes: a printer the kiosk can hand a PDF to. The shell owns one (made
// from the kiosk setting `printer`) and calls it from its print thread only.
#include <memory>
#include <string>

namespace wk {

class Printer {
 public:
  virtual ~Printer() = default;
  // Prints the PDF and waits until the printer has it on paper; returns what went wrong, in
  // words for the operator status (the participant hears only that it did not work), or "".
  virtual std::string print(const std::string& pdf_path, const std::string& title) = 0;
  // From another thread: the kiosk ends; a print() still waiting cancels its job and returns.
  virtual void abandon() = 0;
};

// A CUPS queue (print/cups_printer.cpp), on the server libcups finds (CUPS_SERVER, else the
// local cupsd). A job that has not printed after timeout_s (a jammed or stopped printer) is
// cancelled, so no slip comes out later for the next person to find.
std::unique_ptr<Printer> make_cups_printer(std::string queue, double timeout_s = 60);

}  // namespace wk
