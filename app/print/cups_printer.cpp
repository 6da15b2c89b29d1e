// Printing through CUPS with libcups, on one connection to the server libcups is set up for
// (CUPS_SERVER, client.conf, else the local cupsd): a server that does not answer and a queue
// that is not there are told apart; the PDF is submitted with cupsPrintFile2 and the job is
// followed with cupsGetJobs2 until it is completed, fails, or the printer reports an error.
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

// What the printer says about itself, for the operator: its message and its reasons.
std::string printer_says(const cups_dest_t* dest) {
  std::string says = option(dest, "printer-state-message");
  const std::string reasons = option(dest, "printer-state-reasons");
  if (!reasons.empty() && reasons != "none") says += (says.empty() ? "" : " (") + reasons + (says.empty() ? "" : ")");
  return says.empty() ? "no reason given" : says;
}

// The printer cannot print now: stopped (printer-state 5), not accepting jobs, or reporting an
// error such as media-jam-error.
bool printer_failed(const cups_dest_t* dest) {
  return option(dest, "printer-state") == "5" || option(dest, "printer-is-accepting-jobs") == "false" ||
         option(dest, "printer-state-reasons").find("-error") != std::string::npos;
}

class CupsPrinter : public Printer {
 public:
  CupsPrinter(std::string queue, double timeout_s) : queue_(std::move(queue)), timeout_s_(timeout_s) {}
  void abandon() override { abandoned_ = true; }

  std::string print(const std::string& pdf_path, const std::string& title) override {
    const std::string server = server_name();
    http_t* http = httpConnect2(cupsServer(), ippPort(), nullptr, AF_UNSPEC, cupsEncryption(), 1, 10000, nullptr);
    if (!http) return "CUPS at " + server + " does not answer (" + cupsLastErrorString() + ")";
    std::string problem = print_on(http, server, pdf_path, title);
    httpClose(http);
    return problem;
  }

 private:
  static std::string server_name() {
    const std::string host = cupsServer();
    return host.empty() || host[0] == '/' ? host : host + ":" + std::to_string(ippPort());
  }
  std::string name() const { return "printer \"" + queue_ + "\""; }

  std::string print_on(http_t* http, const std::string& server, const std::string& pdf_path, const std::string& title) {
    cups_dest_t* dest = cupsGetNamedDest(http, queue_.c_str(), nullptr);
    if (!dest) return "CUPS at " + server + " has no " + name() + " (" + cupsLastErrorString() + ")";
    const bool failed = printer_failed(dest);
    const std::string says = printer_says(dest);
    cupsFreeDests(1, dest);
    if (failed) return name() + " cannot print: " + says;
    cups_option_t* options = nullptr;
    const int num_options = cupsAddOption("document-format", "application/pdf", 0, &options);
    const int job = cupsPrintFile2(http, queue_.c_str(), pdf_path.c_str(), title.c_str(), num_options, options);
    cupsFreeOptions(num_options, options);
    if (job == 0) return name() + " refused the slip: " + cupsLastErrorString();
    return follow(http, server, job);
  }

  // Waits for the job to end; a job that cannot end well is cancelled.
  std::string follow(http_t* http, const std::string& server, int job) {
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::duration<double>(timeout_s_);
    const std::string which = " job " + std::to_string(job);
    while (true) {
      const int state = job_state(http, job);
      if (state == IPP_JSTATE_COMPLETED) return "";
      if (state == IPP_JSTATE_CANCELED) return name() + which + " was cancelled";
      if (state == IPP_JSTATE_ABORTED) return name() + which + " was aborted (" + cupsLastErrorString() + ")";
      if (state < 0) return "CUPS at " + server + " lost" + which + " (" + cupsLastErrorString() + ")";
      cups_dest_t* dest = cupsGetNamedDest(http, queue_.c_str(), nullptr);
      if (!dest) return "CUPS at " + server + " lost " + name() + " while printing (" + cupsLastErrorString() + ")";
      const bool failed = printer_failed(dest) || state == IPP_JSTATE_STOPPED;
      const std::string says = printer_says(dest);
      cupsFreeDests(1, dest);
      if (failed) return cancel(http, job, name() + " stopped: " + says);
      if (abandoned_) return cancel(http, job, "the kiosk stopped while " + name() + " printed");
      if (std::chrono::steady_clock::now() > deadline)
        return cancel(http, job, name() + " did not print within " + std::to_string(static_cast<int>(timeout_s_)) +
                                     " s: " + says);
      std::this_thread::sleep_for(std::chrono::milliseconds(300));
    }
  }

  // The job's ipp_jstate_t, or -1 when CUPS does not know it.
  int job_state(http_t* http, int job) {
    cups_job_t* jobs = nullptr;
    const int n = cupsGetJobs2(http, &jobs, queue_.c_str(), 0, CUPS_WHICHJOBS_ALL);
    int state = -1;
    for (int i = 0; i < n; ++i)
      if (jobs[i].id == job) state = jobs[i].state;
    if (n > 0) cupsFreeJobs(n, jobs);
    return state;
  }

  std::string cancel(http_t* http, int job, const std::string& why) {
    cupsCancelJob2(http, queue_.c_str(), job, 0);
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
