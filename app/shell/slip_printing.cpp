#include "shell/slip_printing.h"

#include <cstdio>
#include <utility>

#include "print/slip_pdf.h"

namespace wk {

SlipPrinting::SlipPrinting(std::unique_ptr<Printer> printer, std::string work_dir)
    : printer_(std::move(printer)), work_dir_(std::move(work_dir)) {}

void SlipPrinting::wait(bool abandon) {
  if (abandon && printer_) printer_->abandon();
  job_.wait();
}

bool SlipPrinting::start(SlipContent slip, std::function<void()> wake) {
  if (!printer_) return false;
  return job_.start(
      [this, slip = std::move(slip)] {
        const std::string pdf = work_dir_ + "/slip.pdf";
        std::string problem;
        {
          // Its own engine: the window's belongs to the window's thread. Made per slip, so a
          // kiosk that never prints holds no fonts for it.
          TextEngine engine;
          if (auto error = write_slip_pdf(slip, engine, pdf)) problem = *error;
        }
        if (problem.empty()) problem = printer_->print(pdf, slip.title);
        std::remove(pdf.c_str());  // CUPS has its own copy; the code does not linger on disk
        return problem;
      },
      std::move(wake));
}

}  // namespace wk
