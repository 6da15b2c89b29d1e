// Printing through CUPS with libcups: the queue is looked up first (a deleted queue or a cupsd
// that does not answer is said as such), the PDF is submitted with cupsPrintFile2 and the job
// is followed with cupsGetJobs2 until it is completed, fails, or the printer reports an error.
#include <cups/cups.h>

#include <atomic>
#include <chrono>
#include <cstring>
#include <thread>

#include "print/printer.h"

namespace wk {

namespace {

std::string option(const cups_dest_t* dest, const char* name) {
  const char* v = cupsGetOption(name, dest->num_options, dest->options);
  return v ? v : "";
}

// What the printer says about itself, for the operator: its message, else its reasons.
std::string printer_says(const cups_dest_t* dest) {
  std::string says = option(dest, "printer-state-message");
  const std::string reasons = option(dest, "printer-state-reasons");
  if (!reasons.empty() && reasons != "none") says += (says.empty() ? "" : " (") + reasons + (says.empty() ? "" : ")");
  return says;
}

// The printer cannot print now: stopped (3 idle, 4 processing, 5 stopped), not accepting jobs,
// or reporting an error such as media-jam-error.
bool printer_failed(const cups_dest_t* dest) {
  return option(dest, "printer-state") == "5" || option(dest, "printer-is-accepting-jobs") == "false" ||
         option(dest, "printer-state-reasons").find("-error") != std::string::npos;
}

class CupsPrinter : public Printer {
 public:
  CupsPrinter(std::string queue, double timeout_s) : queue_(std::move(queue)), timeout_s_(timeout_s) {}
  void abandon() override { abandoned_ = true; }

  std::string print(const std::string& pdf_path, const std::string& title) override {
    cups_dest_t* dest = cupsGetNamedDest(CUPS_HTTP_DEFAULT, queue_.c_str(), nullptr);
    if (!dest) return where() + " has no printer \"" + queue_ + "\" (" + cupsLastErrorString() + ")";
    if (printer_failed(dest)) {
      std::string why = "printer \"" + queue_ + "\" cannot print: " + printer_says(dest);
      cupsFreeDests(1, dest);
      return why;
    }
    cupsFreeDests(1, dest);
    cups_option_t* options = nullptr;
    int num_options = cupsAddOption("document-format", "application/pdf", 0, &options);
    const int job = cupsPrintFile2(CUPS_HTTP_DEFAULT, queue_.c_str(), pdf_path.c_str(), title.c_str(), num_options,
                                   options);
    cupsFreeOptions(num_options, options);
    if (job == 0) return "printer \"" + queue_ + "\" refused the slip: " + cupsLastErrorString();
    return follow(job);
  }

 private:
  std::string where() const { return std::string("CUPS at ") + cupsServer(); }

  // Waits for the job to end; a job that cannot end well is cancelled.
  std::string follow(int job) {
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::duration<double>(timeout_s_);
    while (true) {
      std::string problem;
      const int state = job_state(job, problem);
      if (state == IPP_JSTATE_COMPLETED) return "";
      if (state == IPP_JSTATE_CANCELED || state == IPP_JSTATE_ABORTED)
        return "printer \"" + queue_ + "\" did not print job " + std::to_string(job) + ": " + problem;
      if (state < 0) return "lost job " + std::to_string(job) + " on printer \"" + queue_ + "\": " + problem;
      if (cups_dest_t* dest = cupsGetNamedDest(CUPS_HTTP_DEFAULT, queue_.c_str(), nullptr)) {
        const bool failed = printer_failed(dest) || state == IPP_JSTATE_STOPPED;
        const std::string says = printer_says(dest);
        cupsFreeDests(1, dest);
        if (failed) return cancel(job, "printer \"" + queue_ + "\" stopped: " + says);
      } else {
        return where() + " lost printer \"" + queue_ + "\" while printing (" + cupsLastErrorString() + ")";
      }
      if (abandoned_) return cancel(job, "the kiosk stopped while printer \"" + queue_ + "\" printed");
      if (std::chrono::steady_clock::now() > deadline)
        return cancel(job, "printer \"" + queue_ + "\" did not print within " +
                               std::to_string(static_cast<int>(timeout_s_)) + " s");
      std::this_thread::sleep_for(std::chrono::milliseconds(300));
    }
  }

  // The job's ipp_jstate_t, or -1 when CUPS does not know it (problem says why).
  int job_state(int job, std::string& problem) {
    cups_job_t* jobs = nullptr;
    const int n = cupsGetJobs2(CUPS_HTTP_DEFAULT, &jobs, queue_.c_str(), 0, CUPS_WHICHJOBS_ALL);
    int state = -1;
    for (int i = 0; i < n; ++i)
      if (jobs[i].id == job) state = jobs[i].state;
    if (n > 0) cupsFreeJobs(n, jobs);
    problem = state < 0 ? cupsLastErrorString() : "";
    if (state == IPP_JSTATE_CANCELED || state == IPP_JSTATE_ABORTED) problem = "the job was " +
        std::string(state == IPP_JSTATE_CANCELED ? "cancelled" : "aborted");
    return state;
  }

  std::string cancel(int job, const std::string& why) {
    cupsCancelJob2(CUPS_HTTP_DEFAULT, queue_.c_str(), job, 0);
    return why + "; the job was cancelled";
  }

  std::string queue_;
  double timeout_s_;
  std::atomic<bool> abandoned_ = false;
};

}  // namespace

std::unique_ptr<Printer> make_cups_printer(std::string queue, double timeout_s) {
  return std::make_unique<CupsPrinter>(std::move(queue), timeout_s);
}

}  // namespace wk
