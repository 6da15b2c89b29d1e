#pragma once
// Printing a participant's slip on its own thread, so the screen keeps answering while the
// printer works: the slip is laid out as a PDF in the data directory, handed to the printer
// and removed again. The outcome is picked up with take_result(); wake() tells the window.
#include <functional>
#include <memory>
#include <optional>
#include <string>

#include "print/printer.h"
#include "screens/slip_content.h"
#include "shell/background_job.h"

namespace wk {

class SlipPrinting {
 public:
  // printer may be null (no printer configured): start() then refuses.
  SlipPrinting(std::unique_ptr<Printer> printer, std::string work_dir);
  ~SlipPrinting() { wait(true); }
  SlipPrinting(const SlipPrinting&) = delete;
  SlipPrinting& operator=(const SlipPrinting&) = delete;

  bool available() const { return printer_ != nullptr; }
  // Starts printing unless a print is still running or there is no printer; returns whether it started.
  bool start(SlipContent slip, std::function<void()> wake);
  // The finished print's outcome: "" printed, else what went wrong; nullopt while none finished.
  std::optional<std::string> take_result() { return job_.take_result(); }
  // Until a running print ends; abandon: the kiosk ends, a job still waiting is cancelled.
  void wait(bool abandon = false);

 private:
  std::unique_ptr<Printer> printer_;
  std::string work_dir_;
  BackgroundJob job_;  // last: its thread uses the printer, so it ends first
};

}  // namespace wk
